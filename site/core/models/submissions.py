"""What every public form that takes personal data stores: a receipt, once, and a deadline."""

import secrets
import uuid
from datetime import datetime
from typing import ClassVar

from django.db import IntegrityError, models, transaction
from django.utils import timezone

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread


def new_receipt_number(prefix: str) -> str:
    """A receipt like 'UW-2026-7H3K-Q9XD': readable over the phone, not guessable."""
    code = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"{prefix}-{timezone.localdate().year}-{code[:4]}-{code[4:]}"


class Submission(models.Model):
    """Abstract base of consultation comments, bookings, registrations and the like.

    Subclasses list their personal-data fields in `personal_data_fields` and say from
    when their retention is counted in `retention_expired()`.
    """

    receipt_number = models.CharField(
        "Numer potwierdzenia", max_length=32, unique=True, editable=False
    )
    # The one-time token of the form the person was shown: a repeated POST (double
    # click, retry after a timeout) finds the first submission instead of a second one.
    form_token = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    submitted_at = models.DateTimeField(
        "Data wysłania", default=timezone.now, db_index=True, editable=False
    )
    personal_data_removed_at = models.DateTimeField(
        "Dane osobowe usunięto", null=True, blank=True, editable=False
    )

    personal_data_fields: ClassVar[tuple[str, ...]] = ()
    receipt_prefix: ClassVar[str] = "ZGL"

    # What the form's information clause and the privacy page say of it (RODO art. 13),
    # written once here so the two never disagree.
    privacy_form_name: ClassVar[str] = ""  # "Uwagi w konsultacjach społecznych"
    privacy_purpose: ClassVar[str] = "rozpatrzenia Twojego zgłoszenia"  # "w celu …"
    privacy_required_data: ClassVar[str] = ""  # what must be given, and why
    privacy_retention_start: ClassVar[str] = "od zakończenia sprawy"
    # Data of a special category (art. 9 RODO: health among them) the form may take, and
    # on what basis: said in the clause and on the privacy page ("" when it takes none).
    privacy_special_category: ClassVar[str] = ""

    class Meta:
        abstract = True
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.receipt_number

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Submissions whose retention started before CUTOFF and still hold personal data."""
        raise NotImplementedError

    @classmethod
    def clear_related_personal_data(cls, queryset: models.QuerySet) -> None:
        """Remove personal data kept beside QUERYSET's submissions in other tables (a
        project's support list); called by the purge just before their own fields are
        cleared, in the same transaction. Nothing by default."""

    @classmethod
    def personal_data_cleared_values(cls) -> dict:
        """The empty value of each personal-data field: None where nullable, else ''."""
        values = {}
        for name in cls.personal_data_fields:
            field = cls._meta.get_field(name)
            values[name] = None if field.null else ""
        return values

    def save_once(self) -> tuple["Submission", bool]:
        """Store this submission unless one with its form token exists.

        Returns (the stored submission, whether it was created now).
        """
        for _attempt in range(5):
            if not self.receipt_number:
                self.receipt_number = new_receipt_number(self.receipt_prefix)
            try:
                with transaction.atomic():
                    self.save(force_insert=True)
                return self, True
            except IntegrityError:
                existing = type(self).objects.filter(form_token=self.form_token).first()
                if existing is not None:
                    return existing, False
                self.receipt_number = ""  # a receipt collision: draw again
                self.pk = None
        raise IntegrityError("Could not draw a unique receipt number.")
