"""An announcement (ogłoszenie) of the department: dated news with tags and documents."""

from datetime import datetime, time

from django.db import models
from django.utils import timezone

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock, DocumentLinkBlock
from core.models import BasePage
from core.shared_fragments import deferred


class AnnouncementPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "consultations.AnnouncementPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class AnnouncementPage(BasePage):
    page_cache_lists = ()
    date = models.DateField("Data ogłoszenia", default=timezone.localdate, db_index=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść")
    tags = ClusterTaggableManager(
        through=AnnouncementPageTag,
        blank=True,
        verbose_name="Tagi",
        help_text="np. granty, szkolenia, konsultacje – po tagach można filtrować listę.",
    )
    documents = StreamField(
        [("document", DocumentLinkBlock())], blank=True, verbose_name="Dokumenty"
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("date"),
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]
    api_fields = [
        *BasePage.api_fields,
        APIField("date"),
        APIField("body"),
        APIField("tags"),
        APIField("documents"),
    ]

    parent_page_types = ["consultations.AnnouncementIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Ogłoszenie"
        verbose_name_plural = "Ogłoszenia"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Shown only in the page's shared parts (the body, the head's feed links): reading
        # the parent in its own type is a query.
        parent = deferred(lambda: self.get_parent().specific)
        context["index_page"] = parent
        context["feeds"] = deferred(
            lambda: parent.feed_links(request) if hasattr(parent, "feed_links") else []
        )
        return context

    @property
    def published_datetime(self) -> datetime:
        """When it appeared: the first publication if that was on its date, else the date's
        start (an announcement may be dated before or after it was put online)."""
        first = self.first_published_at
        if first and timezone.localdate(first) == self.date:
            return first
        return timezone.make_aware(datetime.combine(self.date, time.min))

    def get_json_ld(self, request):
        return {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title,
            "description": self.summary,
            "datePublished": self.published_datetime.isoformat(),
            "dateModified": (self.last_published_at or self.published_datetime).isoformat(),
            "url": request.build_absolute_uri(self.get_url(request)),
            "inLanguage": "pl",
        }
