"""The applicants' final report on an accepted initiative, sent through the private link
(what was done, the contribution actually given, photos) and accepted by staff, who then
mark the initiative realised. Public once accepted: the text, the figures, the photos."""

from django.db import models
from django.utils import timezone

MONEY = {"max_digits": 12, "decimal_places": 2}


class FinalReport(models.Model):
    invalidates_page_cache = True

    initiative = models.OneToOneField(
        "initiatives.Initiative", on_delete=models.CASCADE, related_name="report"
    )
    what_was_done = models.TextField("Co zostało zrobione", max_length=6000)
    work_hours_given = models.DecimalField(
        "Praca społeczna faktycznie wniesiona (godziny)", max_digits=8, decimal_places=1
    )
    in_kind_given = models.DecimalField("Wkład rzeczowy faktycznie wniesiony (zł)", **MONEY)
    cash_given = models.DecimalField("Wkład finansowy faktycznie wniesiony (zł)", **MONEY)
    submitted_at = models.DateTimeField("Wysłano", default=timezone.now)
    accepted_at = models.DateTimeField("Przyjęto", null=True, blank=True)

    class Meta:
        verbose_name = "Sprawozdanie z inicjatywy"
        verbose_name_plural = "Sprawozdania z inicjatyw"

    def __str__(self) -> str:
        return f"Sprawozdanie: {self.initiative}"


class ReportPhoto(models.Model):
    """A photo of the realised initiative (images only: checked by Pillow on upload,
    served from media like every image of the site once the report is accepted)."""

    invalidates_page_cache = True

    report = models.ForeignKey(FinalReport, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField("Zdjęcie", upload_to="inicjatywy/zdjecia/%Y/")
    description = models.CharField("Opis zdjęcia (tekst alternatywny)", max_length=200)
    # Set when staff accept the report (pages.initiatives.report_photos): the only file the
    # public sees; `image` itself stays under a path no web server publishes.
    public_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Zdjęcie publiczne",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "Zdjęcie z realizacji"
        verbose_name_plural = "Zdjęcia z realizacji"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description
