from django.db import models

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from core.blocks import BodyBlock
from core.models import BasePage
from snippets.serializers import PersonSerializer


class TeamPage(BasePage):
    """A team of the department: its people, their roles and how to reach it."""

    page_cache_lists = ("snippets.person",)

    email = models.EmailField("E-mail zespołu", blank=True)
    phone = models.CharField("Telefon zespołu", max_length=32, blank=True)
    facebook_name = models.CharField(
        "Nazwa profilu na Facebooku", max_length=120, blank=True, help_text="np. Fanpage CAO"
    )
    facebook_url = models.URLField("Adres profilu na Facebooku", blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("facebook_name"),
                FieldPanel("facebook_url"),
            ],
            heading="Kontakt",
        ),
        InlinePanel("members", label="Członek zespołu", heading="Skład zespołu"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("email"),
        index.SearchField("phone"),
        index.SearchField("body"),
        index.RelatedFields("members", [index.SearchField("role")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("email"),
        APIField("phone"),
        APIField("facebook_name"),
        APIField("facebook_url"),
        APIField("members"),
        APIField("body"),
    ]

    parent_page_types = ["pages.DepartmentPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "Zespół"
        verbose_name_plural = "Zespoły"

    def member_list(self):
        return list(self.members.select_related("person").all())


class TeamMembership(Orderable):
    page = ParentalKey(TeamPage, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        "snippets.Person",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name="Osoba",
    )
    role = models.CharField(
        "Funkcja w zespole",
        max_length=255,
        blank=True,
        help_text="Puste – stanowisko osoby.",
    )

    panels = [FieldPanel("person"), FieldPanel("role")]
    api_fields = [APIField("person", serializer=PersonSerializer()), APIField("role")]

    class Meta(Orderable.Meta):
        verbose_name = "Członek zespołu"
        verbose_name_plural = "Skład zespołu"

    @property
    def display_role(self) -> str:
        return self.role or self.person.position
