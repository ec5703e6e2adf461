"""Storing a ballot with its choices (online: pending its e-mailed confirmation; paper:
confirmed at once by staff) and confirming one; the database's unique index on the
confirmed ballots of a voter decides any race between two confirmations."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.public_forms import NOT_ACCEPTING, Refusal, Refused
from voting.booth import voting_refusal
from voting.models import Ballot, BallotChoice, Channel, EligibleVoter, Verification
from voting.models.ballot import hash_key

ALREADY_VOTED = "Z tym numerem PESEL oddano już głos w tej edycji."


class ConfirmationRefused(Exception):
    """The link confirms nothing: STATUS is the HTTP answer, the message Polish."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def register_verification(edition, voter_hash: str) -> str:
    """MATCHED when the voter is in EDITION's imported register, else QUEUED for staff."""
    found = EligibleVoter.objects.filter(edition=edition, voter_hash=voter_hash).exists()
    return Verification.MATCHED if found else Verification.QUEUED


def store_ballot(form, booth, *, channel=Channel.ONLINE, entered_by=None, now=None):
    """Store FORM's ballot once with its choices, in one transaction.

    Returns (ballot, created). An online ballot keeps the one-time key in `ballot.key`
    (for the e-mail only). A paper ballot is confirmed at once; a second paper ballot of
    the same voter raises Refused (nothing stored).
    """
    now = now or timezone.now()
    ballot = form.build_instance(
        edition=booth.edition,
        osiedle_pool=booth.osiedle_pool,
        channel=channel,
        voter_hash=form.voter_hash,
        residence_declared=bool(form.cleaned_data.get("residence")),
        entered_by=entered_by,
    )
    key = None
    if channel == Channel.ONLINE:
        key = ballot.new_confirmation_key()
        ballot.confirmation_expires_at = now + timedelta(hours=booth.rules.confirmation_hours)
    else:
        ballot.confirmed_at = now
        ballot.verification = register_verification(booth.edition, form.voter_hash)
    try:
        with transaction.atomic():
            ballot, created = ballot.save_once()
            if created:
                BallotChoice.objects.bulk_create(
                    BallotChoice(ballot=ballot, pool=pool, project=project, points=points)
                    for pool, project, points in form.cleaned_choices
                )
    except IntegrityError:
        # Only the paper ballot is confirmed on storing: the unique index refused a second.
        raise Refused(Refusal(NOT_ACCEPTING, ALREADY_VOTED, field="pesel")) from None
    ballot.key = key
    return ballot, created


def ballot_by_key(key: str):
    if not key or len(key) > 100:
        return None
    return Ballot.objects.filter(confirmation_key_hash=hash_key(key)).first()


def confirm(ballot_id: int, now=None) -> Ballot:
    """Confirm the online ballot BALLOT_ID, or raise ConfirmationRefused.

    Refused: already confirmed (a replayed link), expired, voting over, or another ballot
    of the same PESEL confirmed first (the unique index decides, whatever the timing).
    """
    now = now or timezone.now()
    with transaction.atomic():
        ballot = Ballot.objects.select_for_update().select_related("edition").get(pk=ballot_id)
        if ballot.confirmed_at is not None:
            raise ConfirmationRefused(409, "Ten głos został już potwierdzony – link działa raz.")
        if ballot.confirmation_expires_at is None or now >= ballot.confirmation_expires_at:
            raise ConfirmationRefused(
                410, "Link wygasł – głos nie został potwierdzony. Możesz zagłosować ponownie."
            )
        refusal = voting_refusal(ballot.edition, now)
        if refusal is not None:
            raise ConfirmationRefused(409, f"{refusal.reason} Głos nie został potwierdzony.")
        ballot.confirmed_at = now
        ballot.verification = register_verification(ballot.edition, ballot.voter_hash)
        try:
            with transaction.atomic():
                ballot.save(update_fields=["confirmed_at", "verification"])
        except IntegrityError:
            raise ConfirmationRefused(
                409,
                f"{ALREADY_VOTED} Liczy się tylko pierwszy potwierdzony głos; "
                "ten nie został policzony.",
            ) from None
    return ballot
