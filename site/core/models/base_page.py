"""The abstract base every page type of the portal extends."""

from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """A page with a short summary used in listings, meta descriptions, search and the API."""

    summary = models.TextField(
        "Wprowadzenie",
        blank=True,
        help_text="Dwa, trzy zdania: pokazywane na listach, w wynikach wyszukiwania i w API.",
    )

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    search_fields = [*Page.search_fields, index.SearchField("summary")]
    api_fields = [APIField("summary")]

    class Meta:
        abstract = True

    def get_meta_description(self) -> str:
        """The description for <meta name=description>: the SEO text, else the summary."""
        return self.search_description or self.summary

    def get_json_ld(self, request) -> dict | list | None:
        """schema.org data for this page, or None; page types that have some override it."""
        return None
