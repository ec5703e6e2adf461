"""Who follows what, and what was sent to whom.

Personal data: only the e-mail address (in a pending `SignUp` and in `Subscriber`) and
the choices. A sign-up that nobody confirms is deleted after 7 days; a confirmed address
is kept until it unsubscribes (deleted at once) or bounces (deleted at the next purge).
"""

from datetime import datetime, timedelta

from django.db import models
from django.utils import timezone

from core import secret_links
from core.models import Submission

UNCONFIRMED_DAYS = 7


class Frequency(models.TextChoices):
    # Ordered from the most to the least immediate: a subscriber matched by two
    # subscriptions gets the item by the sooner one.
    IMMEDIATE = "immediate", "Od razu"
    DAILY = "daily", "Raz dziennie (zestawienie)"
    WEEKLY = "weekly", "Raz w tygodniu (zestawienie)"


FREQUENCY_ORDER = [Frequency.IMMEDIATE, Frequency.DAILY, Frequency.WEEKLY]


class SignUp(Submission):
    """A sign-up waiting for its address to confirm; nothing is sent to it before."""

    email = models.EmailField("Adres e-mail", max_length=254)
    kinds = models.JSONField("Rodzaje", default=list)
    district = models.CharField("Dzielnica lub osiedle", max_length=100, blank=True)
    audience = models.CharField("Dla kogo", max_length=20, blank=True)
    area = models.CharField("Obszar pożytku publicznego", max_length=20, blank=True)
    tag = models.CharField("Temat (tag)", max_length=100, blank=True)
    follow = models.CharField("Obserwowana pozycja", max_length=120, blank=True)
    frequency = models.CharField(
        "Częstotliwość", max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    # Only the digest of the one-time link is stored: the database alone confirms nothing.
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField("Link ważny do", editable=False)
    confirmed_at = models.DateTimeField("Potwierdzono", null=True, blank=True, editable=False)

    personal_data_fields = ("email",)
    receipt_prefix = "POW"
    privacy_form_name = "Powiadomienia e-mail"
    privacy_purpose = "wysyłania powiadomień e-mail o wybranych sprawach"
    privacy_required_data = "adres e-mail (na niego wysyłamy powiadomienia)"
    privacy_retention_start = "od zapisu"
    privacy_retention_text = (
        "do czasu wypisania się (usuwamy je od razu) albo odrzucenia poczty przez serwer "
        "odbiorcy; adres niepotwierdzony usuwamy po 7 dniach"
    )

    class Meta:
        verbose_name = "Zapis na powiadomienia"
        verbose_name_plural = "Zapisy na powiadomienia"
        ordering = ["-submitted_at"]

    def issue_token(self, hours: int) -> str:
        """A new one-time link token (returned once, stored as its digest)."""
        token = secret_links.new_key()
        self.token_digest = secret_links.digest(token)
        self.expires_at = timezone.now() + timedelta(hours=hours)
        return token

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        # A confirmed sign-up gave its address to a Subscriber: nothing left to keep.
        return cls.objects.filter(confirmed_at__lt=cutoff)

    @classmethod
    def purge_by_own_rule(cls, now: datetime, dry_run: bool = False) -> int:
        """Delete sign-ups nobody confirmed within UNCONFIRMED_DAYS (core.retention)."""
        stale = cls.objects.filter(
            confirmed_at__isnull=True, submitted_at__lt=now - timedelta(days=UNCONFIRMED_DAYS)
        )
        return stale.count() if dry_run else stale.delete()[0]


class Subscriber(models.Model):
    """A confirmed address. Its `key` makes the manage and unsubscribe links.

    Unlike the other secret links' keys (core.secret_links), this one is stored as it is:
    every alert e-mail, written by the worker long after the sign-up, carries the links."""

    class State(models.TextChoices):
        ACTIVE = "active", "Aktywny"
        DISABLED = "disabled", "Wyłączony (zwrot lub skarga)"

    email = models.EmailField("Adres e-mail", max_length=254, unique=True)
    key = models.CharField(max_length=64, unique=True, editable=False)
    state = models.CharField(max_length=10, choices=State.choices, default=State.ACTIVE)
    confirmed_at = models.DateTimeField("Potwierdzono", default=timezone.now)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=20, blank=True)
    # The daily cap (ALERTS_DAILY_CAP): messages sent on `sent_on`.
    sent_on = models.DateField(null=True, blank=True)
    sent_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Adres powiadomień"
        verbose_name_plural = "Adresy powiadomień"

    def __str__(self) -> str:
        return f"Adres powiadomień {self.pk}"

    def save(self, *args, **kwargs):
        if not self.key:
            self.key = secret_links.new_key()
        super().save(*args, **kwargs)

    @property
    def token(self) -> str:
        return f"{self.pk}-{self.key}"

    @classmethod
    def purge_by_own_rule(cls, now: datetime, dry_run: bool = False) -> int:
        """Delete addresses disabled by a bounce or complaint (core.retention)."""
        disabled = cls.objects.filter(state=cls.State.DISABLED)
        return disabled.count() if dry_run else disabled.delete()[0]


class Subscription(models.Model):
    """One kind, narrowed by the dimensions it declares, or one item followed."""

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField("Rodzaj", max_length=40)
    district = models.CharField(max_length=100, blank=True)
    audience = models.CharField(max_length=20, blank=True)
    area = models.CharField(max_length=20, blank=True)
    tag = models.CharField(max_length=100, blank=True)
    item_pk = models.CharField("Obserwowana pozycja", max_length=64, blank=True)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "Subskrypcja"
        verbose_name_plural = "Subskrypcje"
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber", "kind", "district", "audience", "area", "tag", "item_pk"],
                name="alerts_subscription_once",
            )
        ]
        indexes = [models.Index(fields=["kind", "item_pk"], name="alerts_sub_kind_item")]

    def __str__(self) -> str:
        return f"{self.kind} ({self.get_frequency_display()})"


class AlertEvent(models.Model):
    """One moment of one item (published, opened, closing...), as it was announced."""

    kind = models.CharField(max_length=40)
    object_pk = models.CharField(max_length=64)
    moment = models.CharField(max_length=40)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=500)
    summary = models.TextField(blank=True)
    dates = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_pk", "moment"], name="alerts_event_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.moment}: {self.title}"


class Delivery(models.Model):
    """One event for one address: the database refuses a second (no item twice)."""

    class State(models.TextChoices):
        PENDING = "pending", "Czeka"
        SENT = "sent", "Wysłano"
        WITHDRAWN = "withdrawn", "Wycofano (pozycja nie jest już publiczna)"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    event = models.ForeignKey(AlertEvent, on_delete=models.CASCADE, related_name="deliveries")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "event"], name="alerts_delivery_once")
        ]
        indexes = [
            models.Index(fields=["state", "frequency", "subscriber"], name="alerts_delivery_due")
        ]

    def __str__(self) -> str:
        return f"{self.event_id} → {self.subscriber_id}: {self.state}"
