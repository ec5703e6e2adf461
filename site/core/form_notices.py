"""The e-mails a stored public submission sets off (core.public_forms step 7), in Polish
plain text, sent by the task worker (core.mail):

- a receipt to the person, when they gave an e-mail: the receipt number, what it is about
  and when it was sent, nothing of what they wrote (the mailbox may be shared or read by
  others; the text is in the portal);
- a notice to staff: to the person in charge when they have an e-mail, else to the team's
  mailbox from the site's settings (SiteContactSettings); it names no one, only the
  receipt number and a link to the submission in the admin, behind a login.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from core.absolute_urls import absolute_url
from core.models import SiteContactSettings

PRIVACY_PAGE_PATH = "/polityka-prywatnosci/"


@dataclass(frozen=True)
class Notice:
    """An e-mail a stored submission sets off."""

    to: tuple[str, ...]
    subject: str
    body: str


def _settings(request) -> SiteContactSettings:
    return SiteContactSettings.for_request(request)


def _target_title(target) -> str:
    return str(getattr(target, "title", "") or target)


def receipt_notice(request, target, submission, what: str) -> Notice | None:
    """The receipt e-mailed to the person who sent SUBMISSION, if they gave an e-mail.

    WHAT names the kind of submission ("uwaga w konsultacji społecznej").
    """
    address = (getattr(submission, "email", "") or "").strip()
    if not address:
        return None
    contact = _settings(request)
    sent = date_format(timezone.localtime(submission.submitted_at), "j E Y, H:i")
    phone = f", tel. {contact.secretariat_phone}" if contact.secretariat_phone else ""
    body = (
        "Dzień dobry,\n\n"
        f"potwierdzamy przyjęcie zgłoszenia: {what}.\n\n"
        f"Numer potwierdzenia: {submission.receipt_number}\n"
        f"Dotyczy: {_target_title(target)}\n"
        f"Data wysłania: {sent}\n\n"
        "Zachowaj ten numer i podaj go, gdy będziesz się z nami kontaktować w tej sprawie.\n\n"
        "Wiadomość wysłaliśmy automatycznie, bo ten adres podano w formularzu. Jeśli to nie "
        f"Ty wysłałeś(-aś) zgłoszenie, napisz do nas lub zadzwoń do sekretariatu{phone}.\n"
        f"Jak przetwarzamy dane osobowe: {absolute_url(PRIVACY_PAGE_PATH)}\n\n"
        f"--\n{contact.department_name}\n{contact.institution_name}\n"
    )
    return Notice(
        to=(address,),
        subject=f"{capfirst(what)} – potwierdzenie {submission.receipt_number}",
        body=body,
    )


def staff_notice(
    request,
    target,
    submission,
    *,
    what: str,
    person_email: str,
    team_mailbox: str,
    admin_view: str,
) -> Notice | None:
    """The notice of a new SUBMISSION to the person in charge (PERSON_EMAIL) or, when they
    have none, to the team mailbox named by the SiteContactSettings field TEAM_MAILBOX;
    None when neither is set. ADMIN_VIEW is the URL name of the submission in the admin."""
    recipient = person_email or getattr(_settings(request), team_mailbox, "")
    if not recipient:
        return None
    link = absolute_url(reverse(admin_view, args=[submission.pk]))
    return Notice(
        to=(recipient,),
        subject=f"Nowe zgłoszenie: {what} {submission.receipt_number}",
        body=(
            f"W portalu wpłynęło nowe zgłoszenie: {what}.\n"
            f"Dotyczy: {_target_title(target)}\n"
            f"Numer: {submission.receipt_number}\n\n"
            f"Szczegóły (po zalogowaniu): {link}\n"
        ),
    )
