"""Unconfirmed applications expire: one whose leader did not open the e-mailed link
within the year's `confirmation_hours` is deleted with its members, files and history (it
was never in the register). Paper applications are confirmed when typed in. Run daily by
`manage.py expire_initiative_drafts` (cron, beside `expire_budget_drafts`)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from pages.initiatives.models import Attachment, Initiative, InitiativeRulesPage


def confirmation_deadline(initiative) -> datetime:
    return initiative.submitted_at + timedelta(hours=initiative.rules.confirmation_hours)


def is_expired(initiative, now: datetime) -> bool:
    return initiative.confirmed_at is None and now >= confirmation_deadline(initiative)


def _delete_files(names) -> None:
    storage = Attachment._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def expire_unconfirmed(now: datetime | None = None) -> int:
    """Delete expired unconfirmed applications; returns how many. Idempotent."""
    now = now or timezone.now()
    deleted = 0
    for rules in InitiativeRulesPage.objects.all():
        cutoff = now - timedelta(hours=rules.confirmation_hours)
        with transaction.atomic():
            # Locked: a leader confirming at this very moment waits and then finds it gone,
            # rather than having a confirmed application deleted under them.
            ids = list(
                Initiative.objects.select_for_update()
                .filter(rules=rules, confirmed_at__isnull=True, submitted_at__lte=cutoff)
                .values_list("pk", flat=True)
            )
            if not ids:
                continue
            files = list(
                Attachment.objects.filter(initiative__in=ids).values_list("file", flat=True)
            )
            Initiative.objects.filter(pk__in=ids).delete()
            deleted += len(ids)
            # Files go after the commit: a rollback must not leave rows without them.
            transaction.on_commit(lambda files=files: _delete_files(files))
    return deleted
