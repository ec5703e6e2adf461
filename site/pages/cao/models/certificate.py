"""A certificate of attendance at a CAO training, checkable by its code.

Issued when the submissions team marks a registration present (`EventRegistration.attended`)
at a training or workshop that has started. It copies the participant's name, the event's
title and day, so the public check (pages.cao.certificate_views) still answers after the
registration's personal data is purged or the event page is gone: a certificate is meant
to be shown years later. It holds nothing else about the person.
"""

import secrets
from datetime import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from pages.cao.choices import EventKind

# Kinds of event whose participants get a certificate.
CERTIFIED_KINDS = (EventKind.TRAINING, EventKind.WORKSHOP)
# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code is read off paper and typed in by hand.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_GROUPS = 3  # of four characters: 25**12 codes, never guessed under the rate limit
# How long after the training its certificate can be checked; then it is deleted (its
# holder's name with it) by `purge_personal_data`. Five years: the usual period for which
# an employer or a grant's inspection asks for proof of a training (a paper certificate
# keeps serving as it is, only the online check ends).
CERTIFICATE_YEARS = 5


def new_code() -> str:
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(4)) for _ in range(CODE_GROUPS))
    return "-".join(groups)


def normalised_code(typed: str) -> str:
    """What a person typed, as codes are stored: upper case, groups joined by hyphens,
    spaces and hyphens wherever they were typed ignored."""
    characters = "".join(ch for ch in typed.upper() if ch.isalnum())[: 4 * CODE_GROUPS]
    return "-".join(characters[i : i + 4] for i in range(0, len(characters), 4))


class TrainingCertificate(models.Model):
    registration = models.OneToOneField(
        "cao.EventRegistration",
        verbose_name="Zapis",
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificate",
    )
    event = models.ForeignKey(
        "cao.EventPage",
        verbose_name="Wydarzenie",
        null=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    code = models.CharField("Kod weryfikacyjny", max_length=20, unique=True)
    holder_name = models.CharField("Imię i nazwisko uczestnika", max_length=200)
    event_title = models.CharField("Szkolenie", max_length=255)
    event_date = models.DateField("Data szkolenia")
    issued_at = models.DateTimeField("Wystawiono", default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Wystawił(a)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Zaświadczenie o udziale w szkoleniu"
        verbose_name_plural = "Zaświadczenia o udziale w szkoleniach"
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.code}: {self.event_title}"

    @classmethod
    def purge_by_own_rule(cls, now: datetime, dry_run: bool = False) -> int:
        """Run by `purge_personal_data` (core.retention.purge_by_own_rules): delete the
        certificates of trainings more than CERTIFICATE_YEARS ago."""
        today = timezone.localdate(now)
        try:
            cutoff = today.replace(year=today.year - CERTIFICATE_YEARS)
        except ValueError:  # 29 February
            cutoff = today.replace(year=today.year - CERTIFICATE_YEARS, day=28)
        expired = cls.objects.filter(event_date__lt=cutoff)
        if dry_run:
            return expired.count()
        deleted, _ = expired.delete()
        return deleted

    @classmethod
    def can_issue(cls, registration, now=None) -> bool:
        event = registration.event
        return bool(
            event is not None
            and event.kind in CERTIFIED_KINDS
            and not registration.is_cancelled
            and registration.personal_data_removed_at is None
            and event.starts_at <= (now or timezone.now())
        )

    @classmethod
    def issue(cls, registration, user=None) -> "TrainingCertificate":
        """The registration's certificate, created on the first call; the same later."""
        existing = cls.objects.filter(registration=registration).first()
        if existing is not None:
            return existing
        event = registration.event
        for _attempt in range(5):
            try:
                # A savepoint: a clash of codes (or a second click) must not spoil the
                # caller's transaction.
                with transaction.atomic():
                    return cls.objects.create(
                        registration=registration,
                        event=event,
                        code=new_code(),
                        holder_name=registration.name,
                        event_title=event.title,
                        event_date=timezone.localdate(event.starts_at),
                        issued_by=user if user is not None and user.is_authenticated else None,
                    )
            except IntegrityError:
                existing = cls.objects.filter(registration=registration).first()
                if existing is not None:
                    return existing
        raise RuntimeError("no free certificate code after five attempts")
