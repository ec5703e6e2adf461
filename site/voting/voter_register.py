"""Importing the register of eligible voters: one entry a line, either a keyed hash made
with the same VOTER_ID_HASH_KEY (64 hex digits, as the registry office delivers it) or a
PESEL (hashed here at once; never stored, never shown), optionally followed by `;` and the
slug of the osiedle the register places the voter in (for an edition that allows one's
own osiedle only). Confirmed ballots waiting in the
verification queue whose voter is now found are matched."""

import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Q

from pages.budget.models import BudgetPool
from snippets.models import District
from voting.models import Ballot, EligibleVoter, Verification
from voting.models.rules import edition_rules
from voting.pesel import InvalidPesel, parse
from voting.voter_id import voter_hash

HASH = re.compile(r"^[0-9a-f]{64}$")
BATCH = 5000


@dataclass
class ImportReport:
    added: int = 0
    refused: int = 0  # malformed lines (their line numbers only: no content is echoed)
    refused_lines: tuple = ()
    matched: int = 0


def _hash_of(text: str) -> str | None:
    text = text.strip().lower()
    if HASH.match(text):
        return text
    try:
        return voter_hash(parse(text).number)
    except InvalidPesel:
        return None


def import_register(edition, lines) -> ImportReport:
    """Add LINES (an iterable of str) to EDITION's register in one transaction."""
    districts = dict(District.objects.values_list("slug", "pk"))
    hashes, refused = {}, []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        entry, _sep, slug = line.partition(";")
        found = _hash_of(entry)
        slug = slug.strip().lower()
        if found is None or (slug and slug not in districts):
            refused.append(number)
        else:
            hashes[found] = districts.get(slug)
    report = ImportReport(refused=len(refused), refused_lines=tuple(refused[:20]))
    with transaction.atomic():
        before = EligibleVoter.objects.filter(edition=edition).count()
        EligibleVoter.objects.bulk_create(
            (
                EligibleVoter(edition=edition, voter_hash=h, district_id=d)
                for h, d in hashes.items()
            ),
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["edition", "voter_hash"],
            update_fields=["district"],
        )
        report.added = EligibleVoter.objects.filter(edition=edition).count() - before
        report.matched = match_queue(edition)
    return report


OSIEDLE_MISMATCH = "Osiedle z karty inne niż osiedle zamieszkania w rejestrze."
OSIEDLE_UNKNOWN = "Rejestr nie podaje osiedla zamieszkania – sprawdź je z adresem z karty."


def register_verification(ballot) -> str:
    """MATCHED when BALLOT's voter is in its edition's imported register (and, where the
    edition allows one's own osiedle only, the register places them in the osiedle of the
    ballot), else QUEUED; a mismatch of osiedle is given as the ballot's reason."""
    entry = EligibleVoter.objects.filter(
        edition_id=ballot.edition_id, voter_hash=ballot.voter_hash
    ).first()
    if entry is None:
        return Verification.QUEUED
    if ballot.osiedle_pool_id and edition_rules(ballot.edition).own_osiedle_only:
        pool_district = (
            BudgetPool.objects.filter(pk=ballot.osiedle_pool_id)
            .values_list("district_id", flat=True)
            .first()
        )
        # A register line without an osiedle proves none: queued, as match_queue leaves it.
        if entry.district_id is None:
            ballot.verification_reason = OSIEDLE_UNKNOWN
            return Verification.QUEUED
        if entry.district_id != pool_district:
            ballot.verification_reason = OSIEDLE_MISMATCH
            return Verification.QUEUED
    return Verification.MATCHED


def match_queue(edition) -> int:
    """Queued ballots of EDITION whose voter is in the register become MATCHED."""
    registered = EligibleVoter.objects.filter(edition=edition, voter_hash=OuterRef("voter_hash"))
    queued = Ballot.objects.confirmed().filter(edition=edition, verification=Verification.QUEUED)
    if edition_rules(edition).own_osiedle_only:
        # The osiedle of the ballot must be the register's (a city-wide-only ballot: any).
        queued = queued.filter(
            Q(osiedle_pool__isnull=True)
            | Exists(registered.filter(district_id=OuterRef("osiedle_pool__district_id")))
        )
    queued = queued.filter(Exists(registered))
    return queued.update(verification=Verification.MATCHED, verification_reason="")
