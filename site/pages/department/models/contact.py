from django.db import models

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from core.blocks import BodyBlock, ChannelBlock
from core.models import BasePage
from core.shared_fragments import deferred
from pages.department.structured_data import organisation_json_ld


class ContactPage(BasePage):
    """The directory: people, teams and channels, drawn from the department and its teams."""

    department = models.ForeignKey(
        "pages.DepartmentPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Wydział",
        help_text="Kierownictwo, zespoły i ich kontakty pokażą się na tej stronie.",
    )
    extra_channels = StreamField(
        [("channel", ChannelBlock())], blank=True, verbose_name="Inne kanały kontaktu"
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name="Dodatkowa treść")

    content_panels = [
        *BasePage.content_panels,
        PageChooserPanel("department", "pages.DepartmentPage"),
        FieldPanel("extra_channels"),
        FieldPanel("body"),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("department"),
        APIField("extra_channels"),
        APIField("body"),
    ]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Kontakt"
        verbose_name_plural = "Kontakt"

    def live_department(self):
        """The chosen department when live (read once per page object)."""
        if not hasattr(self, "_live_department"):
            department = self.department
            self._live_department = (
                department.specific if department is not None and department.live else None
            )
        return self._live_department

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Shown only in the page's shared part (core.shared_fragments): read when it renders.
        context["department"] = deferred(self.live_department)
        context["teams"] = deferred(
            lambda: list(self.live_department().teams()) if self.live_department() else []
        )
        return context

    def get_json_ld(self, request):
        department = self.live_department()
        return organisation_json_ld(department, request) if department else None
