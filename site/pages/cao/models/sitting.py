"""What an event carries when it is a council's sitting (pages.councils): the body, the
osiedla it concerns, agenda, attendance, minutes and recording.

Minutes are public only once approved: draft minutes are kept for editors (their summary
is neither shown, nor in the API, nor searchable), and their document must lie in a
private collection, so that its address cannot be read by anyone either.
"""

from django.db import models
from django.utils.functional import cached_property

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import CollectionViewRestriction

from rest_framework import serializers

from api.fields import private_collections
from snippets.serializers import DistrictSerializer


class MinutesStatus(models.TextChoices):
    NONE = "brak", "Brak protokołu"
    DRAFT = "projekt", "Projekt protokołu (niepubliczny)"
    APPROVED = "przyjety", "Protokół przyjęty (publiczny)"


class MinutesSerializer(serializers.Field):
    """The approved minutes (summary and document address), or null."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        minutes = page.public_minutes
        if minutes is None:
            return None
        request = self.context.get("request")
        document = minutes["document"]
        url = None
        # A document in a private collection is not linked; the private collections are
        # read once for a whole listing (kept in the serializer context).
        if document is not None and document.collection_id in private_collections(self.context):
            document = None
        if document is not None and request is not None:
            url = request.build_absolute_uri(document.url)
        return {"summary": minutes["summary"], "document_url": url}


class CouncilReferenceSerializer(serializers.Field):
    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page):
        council = page.public_council
        if council is None:
            return None
        return {"id": council.pk, "title": council.title}


def in_public_collection(document) -> bool:
    """Whether anyone may read DOCUMENT: no view restriction on its collection or above."""
    return not CollectionViewRestriction.objects.filter(
        collection__in=document.collection.get_ancestors(inclusive=True)
    ).exists()


class SittingMixin(models.Model):
    council = models.ForeignKey(
        "councils.CouncilPage",
        verbose_name="Posiedzenie organu",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sitting_pages",
        help_text="Wybierz radę, gdy to jej posiedzenie: pojawi się na stronie rady.",
    )
    districts = ParentalManyToManyField(
        "snippets.District",
        verbose_name="Osiedla",
        blank=True,
        related_name="events",
        help_text="Osiedla, których dotyczy – pojawi się na ich stronach.",
    )
    agenda = RichTextField("Porządek obrad", blank=True)
    attendance = models.TextField(
        "Obecność", blank=True, help_text="Obecni i nieobecni członkowie; kworum."
    )
    minutes_status = models.CharField(
        "Protokół", max_length=20, choices=MinutesStatus.choices, default=MinutesStatus.NONE
    )
    minutes_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="Protokół – dokument",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    minutes_summary = models.TextField("Protokół – streszczenie", blank=True)
    recording_url = models.URLField("Nagranie obrad", blank=True)

    sitting_panels = [
        MultiFieldPanel(
            [
                FieldPanel("council"),
                FieldPanel("districts"),
                FieldPanel("agenda"),
                FieldPanel("attendance"),
                FieldPanel("minutes_status"),
                FieldPanel("minutes_document"),
                FieldPanel("minutes_summary"),
                FieldPanel("recording_url"),
            ],
            heading="Posiedzenie rady i osiedla",
            classname="collapsed",
        )
    ]
    sitting_api_fields = [
        APIField("council", serializer=CouncilReferenceSerializer()),
        APIField("districts", serializer=DistrictSerializer(many=True)),
        APIField("agenda"),
        APIField("attendance"),
        APIField("minutes", serializer=MinutesSerializer()),
        APIField("recording_url"),
    ]

    class Meta:
        abstract = True

    def clean_sitting(self) -> dict:
        """Errors of the sitting's fields, by field."""
        errors = {}
        if self.minutes_status == MinutesStatus.APPROVED and not (
            self.minutes_document_id or self.minutes_summary.strip()
        ):
            errors["minutes_document"] = "Przyjęty protokół: dodaj dokument albo streszczenie."
        if (
            self.minutes_status == MinutesStatus.DRAFT
            and self.minutes_document_id
            and in_public_collection(self.minutes_document)
        ):
            errors["minutes_document"] = (
                "Projekt protokołu nie może być publiczny: umieść dokument w kolekcji "
                "prywatnej (np. Intranet) albo dodaj go dopiero po przyjęciu protokołu."
            )
        return errors

    @cached_property
    def public_council(self):
        """The body whose sitting this is, when anyone may read its page; else None (an
        unpublished or restricted council is neither named nor linked, nor its register)."""
        council = self.council
        if council is None or not council.live or council.get_view_restrictions().exists():
            return None
        return council

    def public_resolutions(self):
        """The resolutions adopted at this sitting, when its council's page is public."""
        council = self.public_council
        if council is None:
            return []
        return list(self.resolutions.filter(council=council).select_related("council"))

    @property
    def public_minutes(self) -> dict | None:
        """The minutes anyone may read (approved), or None."""
        if self.minutes_status != MinutesStatus.APPROVED:
            return None
        return {"summary": self.minutes_summary, "document": self.minutes_document}

    @cached_property
    def public_minutes_document(self):
        """The approved minutes' document when anyone may read it, else None."""
        minutes = self.public_minutes
        document = minutes["document"] if minutes else None
        if document is None or not in_public_collection(document):
            return None
        return document

    def public_minutes_text(self) -> str:
        """For the search index: the approved minutes' summary only."""
        minutes = self.public_minutes
        return minutes["summary"] if minutes else ""
