"""Importing the register of eligible voters: one entry a line, either a keyed hash made
with the same VOTER_ID_HASH_KEY (64 hex digits, as the registry office delivers it) or a
PESEL (hashed here at once; never stored, never shown). Confirmed ballots waiting in the
verification queue whose voter is now found are matched."""

import re
from dataclasses import dataclass

from django.db import transaction

from voting.models import Ballot, EligibleVoter, Verification
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


def _hash_of(line: str) -> str | None:
    text = line.strip().lower()
    if HASH.match(text):
        return text
    try:
        return voter_hash(parse(text).number)
    except InvalidPesel:
        return None


def import_register(edition, lines) -> ImportReport:
    """Add LINES (an iterable of str) to EDITION's register in one transaction."""
    hashes, refused = set(), []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found = _hash_of(line)
        if found is None:
            refused.append(number)
        else:
            hashes.add(found)
    report = ImportReport(refused=len(refused), refused_lines=tuple(refused[:20]))
    with transaction.atomic():
        before = EligibleVoter.objects.filter(edition=edition).count()
        EligibleVoter.objects.bulk_create(
            (EligibleVoter(edition=edition, voter_hash=h) for h in hashes),
            batch_size=BATCH,
            ignore_conflicts=True,
        )
        report.added = EligibleVoter.objects.filter(edition=edition).count() - before
        report.matched = match_queue(edition)
    return report


def register_verification(ballot) -> str:
    """MATCHED when BALLOT's voter is in its edition's imported register, else QUEUED."""
    found = EligibleVoter.objects.filter(
        edition_id=ballot.edition_id, voter_hash=ballot.voter_hash
    ).exists()
    return Verification.MATCHED if found else Verification.QUEUED


def match_queue(edition) -> int:
    """Queued ballots of EDITION whose voter is in the register become MATCHED."""
    registered = EligibleVoter.objects.filter(edition=edition).values("voter_hash")
    return (
        Ballot.objects.confirmed()
        .filter(edition=edition, verification=Verification.QUEUED, voter_hash__in=registered)
        .update(verification=Verification.MATCHED)
    )
