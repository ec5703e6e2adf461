"""What a project is made of besides its text: cost lines, supporters, attachments, the
public history of its statuses, appeals, and the public files the staff attach."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from api.visibility import private_collection_ids
from pages.budget.choices import Status


class CostLine(models.Model):
    invalidates_page_cache = True  # shown on public pages as saved

    project = models.ForeignKey(
        "budget.BudgetProject", on_delete=models.CASCADE, related_name="cost_lines"
    )
    description = models.CharField("Pozycja kosztorysu", max_length=300)
    amount = models.DecimalField(
        "Kwota (zł)",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    sort_order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "Pozycja kosztorysu"
        verbose_name_plural = "Kosztorys"
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.description}: {self.amount} zł"


class Supporter(models.Model):
    """One resident on a project's support list: personal data, never public, deleted
    with the author's data when retention ends (BudgetProject.clear_related_personal_data)."""

    project = models.ForeignKey(
        "budget.BudgetProject", on_delete=models.CASCADE, related_name="supporters"
    )
    full_name = models.CharField("Imię i nazwisko", max_length=200)
    address = models.CharField("Adres zamieszkania", max_length=300)
    signed_on = models.DateField("Data podpisu")

    class Meta:
        verbose_name = "Popierający"
        verbose_name_plural = "Lista poparcia"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.full_name


class ProjectAttachment(models.Model):
    """A file sent with a project. Stored outside the public media (only images are ever
    served from there), shown to staff; checked by content like documents."""

    class Kind(models.TextChoices):
        DOCUMENT = "zalacznik", "Załącznik (mapa, zdjęcie, zgoda właściciela terenu)"
        SUPPORT_LIST = "lista-poparcia", "Skan listy poparcia"

    project = models.ForeignKey(
        "budget.BudgetProject", on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField("Rodzaj", max_length=20, choices=Kind.choices)
    file = models.FileField("Plik", upload_to="budzet/zalaczniki/%Y/")
    original_name = models.CharField("Nazwa pliku", max_length=255)

    class Meta:
        verbose_name = "Załącznik projektu"
        verbose_name_plural = "Załączniki projektu"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Stage(models.TextChoices):
    SUBMISSION = "zgloszenie", "Zgłoszenie"
    FORMAL = "ocena-formalna", "Ocena formalna"
    CORRECTION = "uzupelnienie", "Uzupełnienie braków"
    MERIT = "ocena-merytoryczna", "Ocena merytoryczna"
    APPEAL = "odwolanie", "Odwołanie"
    VOTE = "glosowanie", "Głosowanie"
    IMPLEMENTATION = "realizacja", "Realizacja"
    OTHER = "inne", "Inne"


class StatusChange(models.Model):
    """One entry of a project's public history: the status it got, when, at which stage,
    and the public justification. Who decided is kept for the staff only."""

    invalidates_page_cache = True  # shown on public pages as saved

    project = models.ForeignKey(
        "budget.BudgetProject", on_delete=models.CASCADE, related_name="history"
    )
    status = models.CharField("Status", max_length=24)
    stage = models.CharField("Etap", max_length=24, choices=Stage.choices)
    at = models.DateTimeField("Kiedy", default=timezone.now)
    justification = models.TextField("Uzasadnienie (jawne)", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Decyzję wpisał(a)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Zmiana statusu projektu"
        verbose_name_plural = "Historia statusów projektu"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.status}"

    @property
    def status_label(self) -> str:
        return dict(Status.choices).get(self.status, self.status)


class Appeal(models.Model):
    """An author's appeal against a negative decision, sent through the private link."""

    invalidates_page_cache = True  # shown on public pages as saved

    class Outcome(models.TextChoices):
        PENDING = "w-toku", "rozpatrywane"
        UPHELD = "uwzglednione", "uwzględnione"
        DISMISSED = "nieuwzglednione", "nieuwzględnione"

    project = models.ForeignKey(
        "budget.BudgetProject", on_delete=models.CASCADE, related_name="appeals"
    )
    against_status = models.CharField("Odwołanie od statusu", max_length=24)
    text = models.TextField("Treść odwołania", max_length=4000)
    submitted_at = models.DateTimeField("Wysłano", default=timezone.now)
    outcome = models.CharField(
        "Rozstrzygnięcie", max_length=20, choices=Outcome.choices, default=Outcome.PENDING
    )
    decided_at = models.DateTimeField("Rozstrzygnięto", null=True, blank=True)
    justification = models.TextField("Uzasadnienie rozstrzygnięcia (jawne)", blank=True)

    class Meta:
        verbose_name = "Odwołanie"
        verbose_name_plural = "Odwołania"
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return f"Odwołanie od oceny projektu {self.project_id}"


class ProjectPublicFileQuerySet(models.QuerySet):
    def shown(self):
        """Files the public sees: those whose document or image is in no private
        collection now (a collection may have been closed after the file was attached)."""
        private = private_collection_ids()
        return self.exclude(document__collection__in=private).exclude(image__collection__in=private)


class ProjectPublicFile(models.Model):
    """A public document or image the staff attach to a project (a map, a visualisation,
    the city's cost estimate), taken from Wagtail's documents and images in a public
    collection. The author's own attachments (ProjectAttachment) are never among them."""

    invalidates_page_cache = True  # shown on the project's page as saved

    project = models.ForeignKey(
        "budget.BudgetProject",
        verbose_name="Projekt",
        on_delete=models.CASCADE,
        related_name="public_files",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Dokument",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Obraz",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(
        "Opis (jawny)",
        max_length=300,
        help_text="Dla obrazu: co przedstawia (tekst alternatywny), np. „Mapa placu zabaw”.",
    )
    sort_order = models.PositiveIntegerField("Kolejność", default=0)

    objects = ProjectPublicFileQuerySet.as_manager()

    class Meta:
        verbose_name = "Plik publiczny projektu"
        verbose_name_plural = "Pliki publiczne projektów"
        ordering = ["project", "sort_order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(document__isnull=False, image__isnull=True)
                | models.Q(document__isnull=True, image__isnull=False),
                name="budget_public_file_one_kind",
            )
        ]

    def __str__(self) -> str:
        return self.caption

    def clean(self):
        super().clean()
        if (self.document_id is None) == (self.image_id is None):
            raise ValidationError("Wybierz dokument albo obraz (jedno z dwóch).")
        item = self.document if self.document_id else self.image
        if item.collection_id in private_collection_ids():
            field = "document" if self.document_id else "image"
            raise ValidationError(
                {
                    field: f"„{item.title}” jest w kolekcji prywatnej „{item.collection.name}”. "
                    "Przy projekcie można pokazać tylko pliki z kolekcji publicznych."
                }
            )
