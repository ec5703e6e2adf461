"""An NGO partner's account is tied to one organisation, whose record it may propose changes to."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models, transaction
from django.utils import timezone

from accounts import roles
from core.privacy import Processing

# What a partner may propose: the contacts, the description and the areas; never the
# name, the identifiers (KRS, NIP, REGON) or the department's own fields.
PROPOSABLE_FIELDS = (
    "email",
    "phone",
    "website",
    "street_address",
    "postal_code",
    "city",
    "description",
)


class NGOPartnerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="ngo_partner_profile",
        verbose_name="Konto",
    )
    ngo = models.ForeignKey(
        "snippets.NGO",
        on_delete=models.CASCADE,
        related_name="partner_profiles",
        verbose_name="Organizacja",
    )
    created_at = models.DateTimeField("Utworzono", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "Konto partnera NGO"
        verbose_name_plural = "Konta partnerów NGO"

    def __str__(self) -> str:
        return f"{self.user.get_username()} → {self.ngo}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The link is what makes someone a partner: it also opens the NGO zone.
        group, _ = Group.objects.get_or_create(name=roles.NGO_PARTNERS)
        self.user.groups.add(group)


class NGOChangeRequest(models.Model):
    """A partner's proposal for its own registry record; an editor applies or rejects it."""

    class Status(models.TextChoices):
        PENDING = "pending", "czeka na sprawdzenie"
        APPLIED = "applied", "wprowadzona"
        REJECTED = "rejected", "odrzucona"

    ngo = models.ForeignKey(
        "snippets.NGO",
        on_delete=models.CASCADE,
        related_name="change_requests",
        verbose_name="Organizacja",
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Zgłosił(a)",
    )
    submitted_at = models.DateTimeField("Zgłoszono", default=timezone.now, db_index=True)
    email = models.EmailField("E-mail", blank=True)
    phone = models.CharField("Telefon", max_length=32, blank=True)
    website = models.URLField("Strona internetowa", blank=True)
    street_address = models.CharField("Ulica i numer", max_length=200, blank=True)
    postal_code = models.CharField("Kod pocztowy", max_length=6, blank=True)
    city = models.CharField("Miejscowość", max_length=100, blank=True)
    description = models.TextField("Czym się zajmuje", blank=True)
    areas = models.ManyToManyField(
        "snippets.PublicBenefitArea",
        blank=True,
        related_name="+",
        verbose_name="Obszary działalności pożytku publicznego",
    )
    note = models.TextField(
        "Uwagi dla wydziału", blank=True, help_text="Np. skąd zmiana, od kiedy obowiązuje."
    )
    status = models.CharField(
        "Stan", max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Sprawdził(a)",
    )
    reviewed_at = models.DateTimeField("Sprawdzono", null=True, blank=True)
    review_note = models.TextField("Odpowiedź wydziału", blank=True)

    # Listed on the privacy page (core.privacy.other_processing).
    privacy_processing = Processing(
        name="Propozycje zmian danych organizacji (strefa partnerów NGO)",
        purpose="aktualizacji wpisu organizacji w rejestrze organizacji pozarządowych na "
        "wniosek jej przedstawiciela",
        data="konto, z którego wysłano propozycję (login, imię, nazwisko, e-mail), "
        "proponowane dane kontaktowe organizacji (e-mail, telefon, adres – mogą być danymi "
        "osoby), uwagi dla wydziału, kto i kiedy propozycję sprawdził",
        basis="art. 6 ust. 1 lit. e RODO (zadanie w interesie publicznym: prowadzenie "
        "rejestru współpracy z organizacjami, ustawa o działalności pożytku publicznego)",
        retention="jako historia zmian wpisu – do usunięcia wpisu organizacji z rejestru; "
        "powiązanie z kontem – do usunięcia konta",
    )

    class Meta:
        verbose_name = "Zmiana danych organizacji"
        verbose_name_plural = "Zmiany danych organizacji"
        ordering = ["-submitted_at"]
        constraints = [
            # One open proposal per organisation: a new one replaces the pending one.
            models.UniqueConstraint(
                fields=["ngo"],
                condition=models.Q(status="pending"),
                name="one_pending_change_request_per_ngo",
            )
        ]

    def __str__(self) -> str:
        return f"{self.ngo} – {self.submitted_at:%Y-%m-%d}"

    def changes(self) -> list[tuple[str, str, str]]:
        """(label, current value, proposed value) for every field that would change."""
        ngo = self.ngo
        rows = []
        for name in PROPOSABLE_FIELDS:
            current, proposed = getattr(ngo, name), getattr(self, name)
            if (current or "") != (proposed or ""):
                rows.append((self._meta.get_field(name).verbose_name, current, proposed))
        current_areas = {area.pk: str(area) for area in ngo.areas.all()}
        proposed_areas = {area.pk: str(area) for area in self.areas.all()}
        if set(current_areas) != set(proposed_areas):
            rows.append(
                (
                    self._meta.get_field("areas").verbose_name,
                    "; ".join(sorted(current_areas.values())),
                    "; ".join(sorted(proposed_areas.values())),
                )
            )
        return rows

    @transaction.atomic
    def apply(self, user) -> None:
        """Write the proposal into the NGO record as a new published revision."""
        ngo = type(self.ngo).objects.select_for_update().get(pk=self.ngo_id)
        for name in PROPOSABLE_FIELDS:
            setattr(ngo, name, getattr(self, name))
        ngo.areas.set(self.areas.all())
        ngo.save()
        revision = ngo.save_revision(user=user, log_action=True)
        revision.publish(user=user)
        self._close(self.Status.APPLIED, user)

    def reject(self, user) -> None:
        self._close(self.Status.REJECTED, user)

    def _close(self, status, user) -> None:
        self.status = status
        self.reviewed_by = user
        self.reviewed_at = timezone.now()
        self.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
