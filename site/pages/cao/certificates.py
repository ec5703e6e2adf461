"""Issuing a training certificate when a participant is marked present, and the values
of its document (document_kinds.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.absolute_urls import absolute_url
from pages.cao.models import EventRegistration, TrainingCertificate


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
