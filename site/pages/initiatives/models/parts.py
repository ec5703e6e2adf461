"""What an application is made of besides its text: the group's members, attachments,
the public history of its statuses, the team's conflict declarations and scores."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from pages.initiatives.choices import Stage, Status


class GroupMember(models.Model):
    """A resident in the applying group besides its leader: personal data, never public,
    deleted with the leader's data (Initiative.clear_related_personal_data)."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField("Imię i nazwisko", max_length=200)
    address = models.CharField("Adres zamieszkania", max_length=300)

    class Meta:
        verbose_name = "Członek grupy"
        verbose_name_plural = "Członkowie grupy"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.full_name


class Attachment(models.Model):
    """A file sent with an application (outside the public media: only images are ever
    served from there), checked by content like documents; shown to staff only."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField("Plik", upload_to="inicjatywy/zalaczniki/%Y/")
    original_name = models.CharField("Nazwa pliku", max_length=255)
    uploaded_at = models.DateTimeField("Dodano", default=timezone.now)

    class Meta:
        verbose_name = "Załącznik wniosku"
        verbose_name_plural = "Załączniki wniosku"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class StatusChange(models.Model):
    """One public entry of an application's history: the status, the stage, when, and the
    public justification. Who decided is for staff only."""

    invalidates_page_cache = True

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="history"
    )
    status = models.CharField("Status", max_length=24, choices=Status.choices)
    stage = models.CharField("Etap", max_length=20, choices=Stage.choices)
    at = models.DateTimeField("Kiedy", default=timezone.now)
    justification = models.TextField("Uzasadnienie (jawne)", blank=True, max_length=6000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Kto zdecydował",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Zmiana statusu wniosku"
        verbose_name_plural = "Historia wniosku"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d}: {self.status_label}"

    @property
    def status_label(self) -> str:
        return Status(self.status).label


class ConflictDeclaration(models.Model):
    """A team member's declaration for one application: whether they are in a conflict
    of interest (then they do not score it). Staff only."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="declarations"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Członek zespołu",
        on_delete=models.PROTECT,
        related_name="+",
    )
    has_conflict = models.BooleanField("Konflikt interesów")
    note = models.CharField("Wyjaśnienie", max_length=500, blank=True)
    declared_at = models.DateTimeField("Złożono", default=timezone.now)

    class Meta:
        verbose_name = "Oświadczenie o konflikcie interesów"
        verbose_name_plural = "Oświadczenia o konflikcie interesów"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "member"], name="initiatives_one_declaration"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {'konflikt' if self.has_conflict else 'brak konfliktu'}"


class Score(models.Model):
    """One member's points for one criterion of one application, with a comment. Never
    public as such: the register may show the mean after the decision."""

    initiative = models.ForeignKey(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="scores"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="Członek zespołu",
        on_delete=models.PROTECT,
        related_name="+",
    )
    criterion = models.ForeignKey(
        "initiatives.Criterion",
        verbose_name="Kryterium",
        on_delete=models.PROTECT,
        related_name="scores",
    )
    points = models.PositiveIntegerField("Punkty", validators=[MinValueValidator(0)])
    comment = models.TextField("Komentarz", max_length=2000)
    scored_at = models.DateTimeField("Oceniono", default=timezone.now)

    class Meta:
        verbose_name = "Ocena członka zespołu"
        verbose_name_plural = "Oceny członków zespołu"
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "member", "criterion"], name="initiatives_one_score"
            )
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"
