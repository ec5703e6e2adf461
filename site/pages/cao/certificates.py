"""Issuing a training certificate when a participant is marked present, and the values
of its document (document_kinds.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.absolute_urls import absolute_url
from pages.cao.models import EventRegistration, TrainingCertificate


def presence_refusal(registration: EventRegistration, now=None) -> str | None:
    """Why REGISTRATION cannot be marked present (in Polish, for the admin form), or None.

    Presence is a fact about an event that happened: a tick before the start would issue
    a training's certificate the moment the clock passed it, for someone who may never
    come, so it is refused rather than silently left without a certificate. A cancelled
    registration or one whose personal data were purged has nobody to certify.
    """
    if registration.personal_data_removed_at is not None:
        return (
            "Dane osobowe z tego zapisu zostały już usunięte: nie można oznaczyć obecności "
            "ani wystawić zaświadczenia."
        )
    if registration.is_cancelled:
        return "Zapis jest anulowany: najpierw odznacz „Anulowany”, potem oznacz obecność."
    event = registration.event
    if event is None:
        return "Wydarzenia nie ma już w serwisie: nie można oznaczyć obecności."
    if event.starts_at > (now or timezone.now()):
        start = date_format(timezone.localtime(event.starts_at), "j E Y, H:i")
        return f"Wydarzenie zaczyna się {start}: obecność można oznaczyć dopiero od tej chwili."
    return None


def sync_certificate(registration: EventRegistration, user) -> TrainingCertificate | None:
    """Marked present at a training that started: its certificate (issued once);
    unmarked (a mistake corrected): the certificate is withdrawn, its code checks no more."""
    if registration.attended and TrainingCertificate.can_issue(registration):
        return TrainingCertificate.issue(registration, user)
    if not registration.attended:
        TrainingCertificate.objects.filter(registration=registration).delete()
    return None


def check_url() -> str:
    return absolute_url(reverse("certificate_check"))


def values_for(certificate: TrainingCertificate) -> dict:
    event = certificate.event
    return {
        "uczestnik": certificate.holder_name,
        "szkolenie": certificate.event_title,
        "rodzaj": event.get_kind_display().lower() if event else "szkolenie",
        "data_szkolenia": date_format(certificate.event_date, "j E Y"),
        "miejsce": (event.place if event else "") or "Centrum Aktywności Obywatelskiej",
        "kod": certificate.code,
        "adres_sprawdzenia": check_url(),
        "data": date_format(timezone.localdate(certificate.issued_at), "j E Y"),
    }
