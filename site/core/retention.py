"""Removing personal data from submissions whose retention period is over (RODO)."""

from datetime import timedelta

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from wagtail.models import Site

from core.models import PersonalDataAccess, PrivacySettings, Submission

DEFAULT_RETENTION_DAYS = 365


def retention_days() -> int:
    """The period editors set for the default site, or a year before any site exists."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return DEFAULT_RETENTION_DAYS
    return PrivacySettings.for_site(site).retention_days


def submission_models() -> list[type[Submission]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Submission) and model.personal_data_fields
    ]


def purge_expired_personal_data(now=None, dry_run: bool = False) -> dict[str, int]:
    """Clear the personal-data fields of every expired submission, keeping the rest.

    Idempotent: a submission already cleared is not touched again. Returns the number
    of submissions cleared (or that would be, with DRY_RUN) per model label.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    cleared = {}
    for model in submission_models():
        queryset = model.retention_expired(cutoff).filter(personal_data_removed_at__isnull=True)
        if dry_run:
            cleared[model._meta.label] = queryset.count()
            continue
        with transaction.atomic():
            model.clear_related_personal_data(queryset)
            cleared[model._meta.label] = queryset.update(
                personal_data_removed_at=now, **model.personal_data_cleared_values()
            )
    return cleared


def purge_expired_access_records(now=None, dry_run: bool = False) -> int:
    """Delete entries of the personal-data access record older than the retention period
    (the record itself names who looked at whose submission)."""
    now = now or timezone.now()
    expired = PersonalDataAccess.objects.filter(at__lt=now - timedelta(days=retention_days()))
    if dry_run:
        return expired.count()
    deleted, _ = expired.delete()
    return deleted
