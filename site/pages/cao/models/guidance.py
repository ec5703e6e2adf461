"""A guide (poradnik) for NGOs and residents: how to found, apply, report."""

from django.db import models
from django.utils.functional import cached_property

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from pages.cao.blocks import DocumentsBlock
from pages.cao.choices import Audience, Topic
from pages.cao.models.advisory_service import AdvisoryServicePage, ServiceGuideLink
from pages.cao.serializers import ChoiceSerializer, page_links, page_links_field


class GuidancePage(BasePage):
    topic = models.CharField("Temat", max_length=40, choices=Topic.choices)
    audience = models.CharField(
        "Dla kogo", max_length=40, choices=Audience.choices, default=Audience.NGOS
    )
    reviewed_on = models.DateField(
        "Treść sprawdzona",
        null=True,
        blank=True,
        help_text="Kiedy ostatnio sprawdzono, że poradnik zgadza się z przepisami i praktyką.",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")
    documents = StreamField(DocumentsBlock(), blank=True, verbose_name="Dokumenty i wzory")

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("topic"), FieldPanel("audience")]),
                FieldPanel("reviewed_on"),
            ],
            heading="Temat i aktualność",
        ),
        FieldPanel("body"),
        FieldPanel("documents"),
        InlinePanel("service_links", heading="Powiązane usługi doradcze", label="Usługa"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("topic"),
        index.FilterField("audience"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("topic", serializer=ChoiceSerializer(Topic)),
        APIField("audience", serializer=ChoiceSerializer(Audience)),
        APIField("reviewed_on"),
        APIField("body"),
        APIField("documents"),
        APIField("related_services", serializer=page_links_field()),
    ]

    parent_page_types = ["cao.GuidanceIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Poradnik"
        verbose_name_plural = "Poradniki"

    @cached_property
    def related_service_pages(self) -> list:
        """Live public services linked from here or linking here, by title."""
        own = [link.service_id for link in self.service_links.all()]
        linking = ServiceGuideLink.objects.filter(guide_id=self.pk).values("page_id")
        return list(
            AdvisoryServicePage.objects.live()
            .public()
            .filter(models.Q(pk__in=own) | models.Q(pk__in=linking))
            .order_by("title")
        )

    @property
    def related_services(self) -> list[dict]:
        return page_links(self.related_service_pages)


class GuidanceServiceLink(Orderable):
    page = ParentalKey(GuidancePage, on_delete=models.CASCADE, related_name="service_links")
    service = models.ForeignKey(
        "cao.AdvisoryServicePage",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name="Usługa doradcza",
    )

    panels = [FieldPanel("service")]

    class Meta(Orderable.Meta):
        verbose_name = "Powiązana usługa"
        verbose_name_plural = "Powiązane usługi"
