"""Unconfirmed submissions expire: a project whose author did not open the e-mailed link
within the edition's hours is deleted with its lists and files (it was never public)."""

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from pages.budget.models import BudgetEditionPage, BudgetProject, ProjectAttachment


def confirmation_deadline(project) -> datetime:
    return project.submitted_at + timedelta(hours=project.edition.draft_confirmation_hours)


def is_expired(project, now: datetime) -> bool:
    return project.confirmed_at is None and now >= confirmation_deadline(project)


def _delete_files(names) -> None:
    storage = ProjectAttachment._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def expire_unconfirmed(now: datetime | None = None) -> int:
    """Delete expired unconfirmed projects; returns how many. Idempotent."""
    now = now or timezone.now()
    deleted = 0
    for edition in BudgetEditionPage.objects.all():
        cutoff = now - timedelta(hours=edition.draft_confirmation_hours)
        expired = BudgetProject.objects.filter(edition=edition).unconfirmed_before(cutoff)
        with transaction.atomic():
            ids = list(expired.values_list("pk", flat=True))
            if not ids:
                continue
            files = list(
                ProjectAttachment.objects.filter(project__in=ids).values_list("file", flat=True)
            )
            BudgetProject.objects.filter(pk__in=ids).delete()
            deleted += len(ids)
            # Files go after the commit: a rollback must not leave rows without them.
            transaction.on_commit(lambda files=files: _delete_files(files))
    return deleted
