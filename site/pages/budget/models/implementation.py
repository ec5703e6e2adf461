"""How a selected project is being built: its realisation's status, progress and cost
spent (one record per project), and dated updates with a photo and a document that staff
write and publish. An unpublished update (a draft) is never public: not on pages, feeds,
the API or search."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from api.visibility import private_collection_ids
from pages.budget.choices import FOLLOWED, Progress


def _followed(project) -> str | None:
    if project.status not in FOLLOWED:
        return (
            "Realizację prowadzi się tylko dla projektów wybranych do realizacji "
            f"(„{project.title}” ma status „{project.get_status_display()}”)."
        )
    return None


class Implementation(models.Model):
    invalidates_page_cache = True  # shown on the project's page and the "what got built" list

    project = models.OneToOneField(
        "budget.BudgetProject",
        verbose_name="Projekt",
        on_delete=models.CASCADE,
        related_name="implementation",
    )
    progress_status = models.CharField(
        "Stan realizacji", max_length=20, choices=Progress.choices, default=Progress.PREPARING
    )
    percent = models.PositiveSmallIntegerField(
        "Postęp (%)", default=0, validators=[MaxValueValidator(100)]
    )
    cost_spent = models.DecimalField(
        "Wydano (zł)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    reason = models.TextField(
        "Uzasadnienie (jawne)",
        blank=True,
        help_text="Wymagane, gdy projekt nie zostanie zrealizowany: dlaczego.",
    )
    updated_at = models.DateTimeField("Zmieniono", auto_now=True)

    class Meta:
        verbose_name = "Realizacja projektu"
        verbose_name_plural = "Realizacja projektów"
        ordering = ["project__edition", "project__title"]

    def __str__(self) -> str:
        return f"{self.project.title}: {self.get_progress_status_display()}"

    def clean(self):
        super().clean()
        if self.project_id is not None and (problem := _followed(self.project)):
            raise ValidationError({"project": problem})
        if self.progress_status == Progress.NOT_DONE and not self.reason.strip():
            raise ValidationError({"reason": "Napisz, dlaczego projekt nie zostanie zrealizowany."})
        if self.progress_status == Progress.DONE and self.percent != 100:
            raise ValidationError({"percent": "Zrealizowany projekt ma postęp 100%."})


class UpdateQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def shown(self):
        """Published updates, each photo and document only from a public collection
        (`shown_photo`, `shown_document` are None otherwise); a list."""
        updates = list(self.published().select_related("photo", "document"))
        private = private_collection_ids() if updates else set()
        for update in updates:
            update.shown_photo = (
                update.photo
                if update.photo_id and update.photo.collection_id not in private
                else None
            )
            update.shown_document = (
                update.document
                if update.document_id and update.document.collection_id not in private
                else None
            )
        return updates


class ImplementationUpdate(models.Model):
    invalidates_page_cache = True  # shown on the project's page and in the feed

    project = models.ForeignKey(
        "budget.BudgetProject",
        verbose_name="Projekt",
        on_delete=models.CASCADE,
        related_name="implementation_updates",
    )
    at = models.DateTimeField("Data", default=timezone.now)
    title = models.CharField("Tytuł", max_length=200)
    text = models.TextField("Treść", max_length=4000)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Zdjęcie",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo_alt = models.CharField(
        "Opis zdjęcia (tekst alternatywny)",
        max_length=300,
        blank=True,
        help_text="Co widać na zdjęciu, np. „Nowe ławki przy stawie”.",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Dokument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="np. protokół odbioru.",
    )
    published = models.BooleanField(
        "Opublikowana", default=False, help_text="Nieopublikowana aktualność jest szkicem."
    )

    objects = UpdateQuerySet.as_manager()

    class Meta:
        verbose_name = "Aktualność z realizacji"
        verbose_name_plural = "Aktualności z realizacji"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.project_id is not None and (problem := _followed(self.project)):
            raise ValidationError({"project": problem})
        if self.photo_id and not self.photo_alt.strip():
            raise ValidationError({"photo_alt": "Opisz, co widać na zdjęciu."})
        private = private_collection_ids()
        for field, item in (("photo", self.photo), ("document", self.document)):
            if item is not None and item.collection_id in private:
                raise ValidationError(
                    {
                        field: f"„{item.title}” jest w kolekcji prywatnej "
                        f"„{item.collection.name}”. Przy aktualności można pokazać tylko "
                        "pliki z kolekcji publicznych."
                    }
                )
