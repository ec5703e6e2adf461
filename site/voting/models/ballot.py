"""A ballot: online (confirmed by e-mail) or paper (entered by staff); the voter's
identity only as a keyed hash; the choices per pool.

One confirmed ballot per voter, edition and channel is enforced by the database (a
partial unique index), so two votes of one PESEL arriving at the same moment cannot
both be confirmed. A paper and an online ballot of one voter are both held in the
verification queue, where staff apply the edition's rule (voting.pairs).
"""

from datetime import datetime

from django.conf import settings
from django.db import models

from core import secret_links
from core.models import Submission
from voting import confirmation_code


class Channel(models.TextChoices):
    ONLINE = "internet", "Przez internet"
    PAPER = "papier", "Karta papierowa"


class Verification(models.TextChoices):
    """Where a confirmed ballot stands against the register of eligible voters."""

    MATCHED = "zgodny", "Zgodny z rejestrem uprawnionych"
    QUEUED = "do-weryfikacji", "Do weryfikacji (brak w rejestrze)"
    VALID = "uznany", "Uznany przez urząd"
    INVALID = "odrzucony", "Odrzucony przez urząd"
    # One person voted online and on paper: both ballots are held for staff, who apply
    # the edition's rule (voting.pairs); never decided silently by the count.
    PAIR = "para", "Do wyjaśnienia: ten sam głosujący przez internet i na papierze"
    DUPLICATE = "duplikat", "Nieważny: drugi głos tej samej osoby (zasada edycji)"


COUNTABLE = (Verification.MATCHED, Verification.VALID)
# Waiting for a decision of staff (the verification queue).
HELD = (Verification.QUEUED, Verification.PAIR)


class BallotQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)


class Ballot(Submission):
    edition = models.ForeignKey(
        "budget.BudgetEditionPage",
        verbose_name="Edycja",
        on_delete=models.PROTECT,
        related_name="ballots",
    )
    channel = models.CharField(
        "Sposób oddania głosu", max_length=16, choices=Channel.choices, default=Channel.ONLINE
    )
    osiedle_pool = models.ForeignKey(
        "budget.BudgetPool",
        verbose_name="Wybrana pula osiedlowa",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    first_name = models.CharField("Imię", max_length=100)
    last_name = models.CharField("Nazwisko", max_length=150)
    email = models.EmailField("E-mail", blank=True)
    phone = models.CharField("Telefon", max_length=40, blank=True)
    # HMAC-SHA256 of the PESEL (voting.voter_id); "" once retention has removed it.
    voter_hash = models.CharField(max_length=64, editable=False)
    residence_declared = models.BooleanField("Oświadczenie o zamieszkaniu", default=False)
    # Asked only where the edition allows one's own osiedle only (EditionVoting.osiedle_rule).
    address = models.CharField("Adres zamieszkania", max_length=200, blank=True)

    confirmation_key_hash = models.CharField(max_length=64, blank=True, editable=False)
    # The code typed on the confirmation form (voting.confirmation_code), as a keyed hash.
    confirmation_code_hash = models.CharField(max_length=64, blank=True, editable=False)
    confirmation_attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    confirmation_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField("Potwierdzono", null=True, blank=True, editable=False)

    verification = models.CharField(
        "Weryfikacja", max_length=16, choices=Verification.choices, blank=True
    )
    verification_reason = models.CharField("Uzasadnienie weryfikacji", max_length=300, blank=True)
    verified_at = models.DateTimeField("Zweryfikowano", null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Zweryfikował(a)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Wprowadził(a) kartę",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_sample = models.BooleanField("Treść przykładowa", default=False, editable=False)

    objects = BallotQuerySet.as_manager()

    personal_data_fields = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "address",
        "voter_hash",
        "confirmation_key_hash",
        "confirmation_code_hash",
    )
    receipt_prefix = "GL"
    privacy_form_name = "Głosowanie w budżecie obywatelskim i budżetach osiedli"
    privacy_purpose = (
        "sprawdzenia, że głosuje uprawniony mieszkaniec i tylko raz, potwierdzenia głosu "
        "e-mailem i wyjaśnienia niezgodności z rejestrem mieszkańców"
    )
    privacy_required_data = (
        "imię, nazwisko, numer PESEL (przechowywany tylko jako skrót kryptograficzny) "
        "i e-mail – bez nich głos nie może zostać policzony (regulamin edycji)"
    )
    privacy_retention_start = "od ogłoszenia wyników głosowania"

    class Meta(Submission.Meta):
        verbose_name = "Karta do głosowania"
        verbose_name_plural = "Karty do głosowania"
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "voter_hash", "channel"],
                condition=models.Q(confirmed_at__isnull=False) & ~models.Q(voter_hash=""),
                name="voting_one_confirmed_ballot_per_voter",
            )
        ]
        indexes = [models.Index(fields=["edition", "confirmed_at", "verification"])]

    def __str__(self) -> str:
        return self.receipt_number

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Ballots of editions whose results were announced before CUTOFF (the counts and
        the protocol stay: they are stored apart, in voting.PoolResult)."""
        return cls.objects.filter(edition__results_from__lt=cutoff)

    def new_confirmation_key(self) -> str:
        """A fresh one-time key for the e-mailed link; only its hash is stored."""
        key = secret_links.new_key()
        self.confirmation_key_hash = secret_links.digest(key)
        return key

    def new_confirmation_code(self) -> str:
        """A fresh one-time code to type (as well as the link; call after
        new_confirmation_key): only its keyed hash is stored, bound to the link's key."""
        code = confirmation_code.new_code()
        self.confirmation_code_hash = confirmation_code.code_hash(self.confirmation_key_hash, code)
        return code

    @property
    def is_countable(self) -> bool:
        return self.confirmed_at is not None and self.verification in COUNTABLE


class BallotChoice(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    pool = models.ForeignKey("budget.BudgetPool", on_delete=models.PROTECT, related_name="+")
    project = models.ForeignKey(
        "budget.BudgetProject", on_delete=models.PROTECT, related_name="ballot_choices"
    )
    points = models.PositiveSmallIntegerField(default=1)

    class Meta:
        verbose_name = "Wybór na karcie"
        verbose_name_plural = "Wybory na kartach"
        constraints = [
            models.UniqueConstraint(fields=["ballot", "project"], name="voting_choice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.ballot_id}: {self.project_id} ({self.points})"
