"""Storing a ballot with its choices (online: pending its e-mailed confirmation; paper:
confirmed at once by staff) and confirming one; the database's unique index on the
confirmed ballots of a voter decides any race between two confirmations."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from core import secret_links
from core.public_forms import NOT_ACCEPTING, Refusal, Refused
from voting import confirmation_code
from voting.booth import voting_refusal
from voting.models import Ballot, BallotChoice, Channel
from voting.pairs import hold_pairs
from voting.voter_register import register_verification

ALREADY_VOTED = "Z tym numerem PESEL oddano już głos w tej edycji."


class ConfirmationRefused(Exception):
    """The link confirms nothing: STATUS is the HTTP answer, the message Polish."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


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
        ballot.verification = register_verification(ballot)
    code = ballot.new_confirmation_code() if channel == Channel.ONLINE else None
    try:
        with transaction.atomic():
            ballot, created = ballot.save_once()
            if created:
                BallotChoice.objects.bulk_create(
                    BallotChoice(ballot=ballot, pool=pool, project=project, points=points)
                    for pool, project, points in form.cleaned_choices
                )
                if channel == Channel.PAPER and hold_pairs(booth.edition, ballot.voter_hash):
                    ballot.refresh_from_db(fields=["verification"])
    except IntegrityError:
        # Only the paper ballot is confirmed on storing: the unique index refused a second.
        raise Refused(Refusal(NOT_ACCEPTING, ALREADY_VOTED, field="pesel")) from None
    ballot.key = key
    ballot.code = code
    return ballot, created


def ballot_by_key(key: str):
    if not key or len(key) > secret_links.MAX_KEY_LENGTH:
        return None
    found = Ballot.objects.filter(confirmation_key_hash=secret_links.digest(key))
    return found.select_related("edition").first()  # the page names the edition


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
        ballot.verification = register_verification(ballot)
        try:
            with transaction.atomic():
                ballot.save(update_fields=["confirmed_at", "verification", "verification_reason"])
        except IntegrityError:
            raise ConfirmationRefused(
                409,
                f"{ALREADY_VOTED} Liczy się tylko pierwszy potwierdzony głos; "
                "ten nie został policzony.",
            ) from None
        if hold_pairs(ballot.edition, ballot.voter_hash):
            ballot.refresh_from_db(fields=["verification"])
    return ballot


def confirm_with_code(receipt_number: str, typed: str, now=None) -> Ballot:
    """Confirm the online ballot RECEIPT_NUMBER with the code TYPED (from its e-mail), or
    raise ConfirmationRefused. Every try uses up one of the ballot's MAX_ATTEMPTS before
    the code is compared (a conditional UPDATE), so parallel guesses cannot exceed them."""
    now = now or timezone.now()
    wrong = "Numer karty lub kod jest nieprawidłowy – sprawdź je w e-mailu."
    ballot = (
        Ballot.objects.filter(
            receipt_number=(receipt_number or "").strip().upper()[:32], channel=Channel.ONLINE
        )
        .exclude(confirmation_code_hash="")
        .first()
    )
    if ballot is None:
        raise ConfirmationRefused(400, wrong)
    if ballot.confirmed_at is not None:
        raise ConfirmationRefused(409, "Ten głos został już potwierdzony – kod działa raz.")
    if ballot.confirmation_expires_at is None or now >= ballot.confirmation_expires_at:
        raise ConfirmationRefused(
            410, "Kod wygasł – głos nie został potwierdzony. Możesz zagłosować ponownie."
        )
    used = Ballot.objects.filter(
        pk=ballot.pk, confirmation_attempts__lt=confirmation_code.MAX_ATTEMPTS
    ).update(confirmation_attempts=F("confirmation_attempts") + 1)
    if not used:
        raise ConfirmationRefused(
            403,
            "Wyczerpano próby wpisania kodu. Głos możesz potwierdzić linkiem z e-maila "
            "albo zagłosować ponownie.",
        )
    if not confirmation_code.matches(ballot, typed):
        left = confirmation_code.MAX_ATTEMPTS - ballot.confirmation_attempts - 1
        raise ConfirmationRefused(400, f"{wrong} Pozostało prób: {max(left, 0)}.")
    return confirm(ballot.pk, now)
