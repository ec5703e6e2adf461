"""A local initiative's application: the task, who applies (a group of residents with a
leader and members, or an NGO from the registry), the budget with the applicants' own
contribution, its status, and the applicant's private link.

Public (the register): the task, the group's name or the NGO, area, place, status, the
city's part and the contribution. Never the leader's or members' data. The private
link's key is stored as a hash only: the e-mail holds the key.
"""

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.db import models

from core.models import Submission
from core.models.submissions import new_receipt_number
from core.secret_links import PrivateLinkMixin
from pages.initiatives.choices import DECIDED, ApplicantKind, Status

MONEY = {"max_digits": 12, "decimal_places": 2}
CENT = Decimal("0.01")


class InitiativeQuerySet(models.QuerySet):
    def public(self):
        """Applications the register shows: confirmed by the applicant (or entered by
        staff), not hidden, under live rules."""
        return self.filter(confirmed_at__isnull=False, hidden=False, rules__live=True)


class Initiative(PrivateLinkMixin, Submission):
    rules = models.ForeignKey(
        "initiatives.InitiativeRulesPage",
        verbose_name="Rok (zasady)",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    title = models.CharField("Nazwa zadania", max_length=200)
    area = models.ForeignKey(
        "initiatives.AllowedArea",
        verbose_name="Zakres (art. 19b ust. 1)",
        on_delete=models.PROTECT,
        related_name="applications",
    )
    district = models.ForeignKey(
        "snippets.District",
        verbose_name="Osiedle",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        limit_choices_to={"is_osiedle": True},
    )
    place = models.CharField("Miejsce realizacji (adres lub opis)", max_length=300)
    description = models.TextField("Opis zadania", max_length=6000)
    schedule = models.TextField("Harmonogram", max_length=3000)
    effects = models.TextField("Spodziewane efekty", max_length=3000)
    beneficiaries = models.TextField("Kto skorzysta", max_length=2000)
    cost_description = models.TextField(
        "Kosztorys – na co potrzebne są środki miasta", max_length=3000
    )

    applicant_kind = models.CharField("Wnioskodawca", max_length=12, choices=ApplicantKind.choices)
    group_name = models.CharField(
        "Nazwa grupy mieszkańców",
        max_length=200,
        blank=True,
        help_text="Jawna, np. „Mieszkańcy ul. Granicznej”. Nie podawaj tu imion i nazwisk.",
    )
    ngo = models.ForeignKey(
        "snippets.NGO",
        verbose_name="Organizacja",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
    )

    # The leader (or the NGO's contact person): private, removed when retention ends.
    leader_name = models.CharField(
        "Imię i nazwisko lidera / osoby do kontaktu", max_length=200, blank=True
    )
    leader_email = models.EmailField("E-mail lidera", blank=True)
    leader_phone = models.CharField("Telefon lidera", max_length=40, blank=True)
    leader_address = models.CharField("Adres zamieszkania lidera", max_length=300, blank=True)
    private_key_hash = models.CharField(max_length=64, blank=True, editable=False, db_index=True)

    # The budget: the city's part and the applicants' own contribution.
    city_amount = models.DecimalField("Wnioskowany wkład miasta (zł)", **MONEY)
    work_hours = models.DecimalField(
        "Praca społeczna (godziny)", max_digits=8, decimal_places=1, default=0
    )
    work_rate = models.DecimalField(
        "Stawka godziny pracy społecznej (zł)",
        **MONEY,
        help_text="Z zasad roku, w chwili złożenia.",
    )
    in_kind_value = models.DecimalField("Wkład rzeczowy (zł)", **MONEY, default=0)
    in_kind_description = models.CharField(
        "Na czym polega wkład rzeczowy", max_length=500, blank=True
    )
    cash_contribution = models.DecimalField("Wkład finansowy (zł)", **MONEY, default=0)

    status = models.CharField(
        "Status", max_length=24, choices=Status.choices, default=Status.SUBMITTED, db_index=True
    )
    correction_due_at = models.DateTimeField("Termin uzupełnienia braków", null=True, blank=True)
    granted_amount = models.DecimalField(
        "Wkład miasta przyznany w decyzji (zł)", **MONEY, null=True, blank=True
    )
    decided_at = models.DateTimeField("Data decyzji", null=True, blank=True)
    closed_at = models.DateTimeField(
        "Sprawa zakończona",
        null=True,
        blank=True,
        help_text="Od tej chwili liczy się okres przechowywania danych osobowych.",
    )
    confirmed_at = models.DateTimeField("Potwierdzono e-mailem", null=True, blank=True)
    signed_agreement = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Skan podpisanej umowy",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="W prywatnej kolekcji umów (pages.initiatives.signed_agreement).",
    )
    agreement_signed_on = models.DateField("Data podpisania umowy", null=True, blank=True)
    entered_by_staff = models.BooleanField("Wniosek papierowy wpisany przez urząd", default=False)
    hidden = models.BooleanField("Ukryty w rejestrze", default=False)
    is_sample = models.BooleanField("Treść przykładowa", default=False, editable=False)

    objects = InitiativeQuerySet.as_manager()

    invalidates_page_cache = True

    personal_data_fields = (
        "leader_name",
        "leader_email",
        "leader_phone",
        "leader_address",
        "private_key_hash",
    )
    receipt_prefix = "IL"
    privacy_form_name = "Wnioski o realizację zadania w ramach inicjatywy lokalnej"
    privacy_purpose = (
        "rozpatrzenia wniosku o realizację inicjatywy lokalnej (art. 19b–19e ustawy o "
        "działalności pożytku publicznego i o wolontariacie), kontaktu w sprawie wniosku i "
        "zawarcia umowy"
    )
    privacy_required_data = (
        "imię i nazwisko, adres i e-mail lidera oraz imiona, nazwiska i adresy członków grupy "
        "– wniosek mogą złożyć mieszkańcy miasta, bez tych danych nie da się go rozpatrzyć"
    )
    privacy_retention_start = (
        "od zakończenia sprawy (odmowy albo rozliczenia inicjatywy), a wniosku niepotwierdzonego "
        "– od jego złożenia"
    )

    class Meta(Submission.Meta):
        verbose_name = "Wniosek o inicjatywę lokalną"
        verbose_name_plural = "Wnioski o inicjatywę lokalną"
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.receipt_number:  # paper applications entered in the admin
            self.receipt_number = new_receipt_number(self.receipt_prefix)
        super().save(*args, **kwargs)

    @classmethod
    def retention_expired(cls, cutoff: datetime) -> models.QuerySet:
        """Cases closed before CUTOFF, and applications never confirmed by e-mail and
        submitted before it (nobody will ever close them: their data must not stay)."""
        return cls.objects.filter(
            models.Q(closed_at__lt=cutoff)
            | models.Q(confirmed_at__isnull=True, submitted_at__lt=cutoff)
        )

    @classmethod
    def clear_related_personal_data(cls, queryset) -> None:
        """Members' names and addresses go with the leader's data; so do the files, which
        may name people (the register keeps what the files were not needed for)."""
        apps.get_model("initiatives", "GroupMember").objects.filter(
            initiative__in=queryset
        ).delete()
        # The signed agreement names the leader and carries signatures.
        Document = apps.get_model("wagtaildocs", "Document")
        scans = list(
            Document.objects.filter(
                pk__in=queryset.exclude(signed_agreement=None).values("signed_agreement")
            )
        )
        for scan in scans:
            scan.file.delete(save=False)
            scan.delete()
        Attachment = apps.get_model("initiatives", "Attachment")
        for attachment in Attachment.objects.filter(initiative__in=queryset):
            attachment.file.delete(save=False)
            attachment.delete()

    # The budget.

    @property
    def work_value(self) -> Decimal:
        # Rounded as the form checked it (contribution.Budget): the same cents.
        return (self.work_hours * self.work_rate).quantize(CENT, ROUND_HALF_UP)

    @property
    def own_contribution(self) -> Decimal:
        return self.work_value + self.in_kind_value + self.cash_contribution

    @property
    def total_cost(self) -> Decimal:
        return self.city_amount + self.own_contribution

    @property
    def contribution_percent(self) -> Decimal:
        if not self.total_cost:
            return Decimal("0")
        return (self.own_contribution * 100 / self.total_cost).quantize(CENT, ROUND_HALF_UP)

    @property
    def applicant_public_name(self) -> str:
        """The name the register shows: the group's or the NGO's, never a person's."""
        if self.applicant_kind == ApplicantKind.NGO and self.ngo_id:
            return self.ngo.name
        return self.group_name or "Grupa mieszkańców"

    @property
    def is_decided(self) -> bool:
        return self.status in DECIDED
