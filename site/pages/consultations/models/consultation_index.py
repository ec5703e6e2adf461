"""The list of consultations (/konsultacje/), with filters, pages and feeds."""

from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from core.blocks import BodyBlock
from core.listing import Listing, redirect_renamed
from core.models import BasePage
from core.shared_fragments import deferred_values
from pages.consultations.feeds import ConsultationFeed, consultation_calendar_response
from pages.consultations.listing import (
    AUDIENCES_BY_SLUG,
    CONSULTATION_PARAMS,
    CONSULTATION_RENAMED,
    STATE_FILTER,
    STATES_BY_SLUG,
    audience_filter,
    district_filter,
)
from pages.consultations.models.consultation import Audience, ConsultationPage
from snippets.models import District

PER_PAGE = 10


class ConsultationIndexPage(RoutablePageMixin, BasePage):
    """Every consultation: open first, then planned, then finished, cancelled last."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name="Treść",
        help_text="Jak działają konsultacje, kto może wziąć udział.",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    search_fields = [*BasePage.search_fields, index.SearchField("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]

    class Meta:
        verbose_name = "Lista konsultacji"
        verbose_name_plural = "Listy konsultacji"

    def published_consultations(self):
        """Live, public consultations of this list (feeds order them their own way)."""
        return ConsultationPage.objects.child_of(self).live().public()

    def consultations(self):
        """Live, public consultations of this list, in listing order, ready to render."""
        return self.published_consultations().prefetch_related("districts").in_listing_order()

    @path("")
    def index_route(self, request, *args, **kwargs):
        redirect = redirect_renamed(request, CONSULTATION_RENAMED, CONSULTATION_PARAMS)
        return redirect or super().index_route(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()

        def results():
            published = self.published_consultations()
            districts = list(District.objects.filter(consultations__in=published).distinct())
            listing = Listing(
                request, [STATE_FILTER, district_filter(districts), audience_filter(Audience)]
            )
            consultations = self.consultations()
            if state := listing.value("stan"):
                consultations = consultations.in_state(STATES_BY_SLUG[state], now)
            if district_slug := listing.value("dzielnica"):
                district = next(d for d in districts if d.slug == district_slug)
                consultations = consultations.for_district(district)
            if audience := listing.value("dla"):
                consultations = consultations.for_audience(AUDIENCES_BY_SLUG[audience])

            pagination = listing.paginate(consultations, PER_PAGE)
            items = list(pagination.page.object_list)
            return {
                "consultations": [
                    (item, item.get_state(now), item.time_left_text(now)) for item in items
                ],
                "pagination": pagination,
                "is_filtered": listing.is_filtered,
                "filter_groups": listing.groups(),
            }

        context.update(
            now=now,
            # Shown only in the page's shared part (core.shared_fragments): read when it
            # renders, not when it is taken from the cache.
            **deferred_values(
                results, ("consultations", "pagination", "is_filtered", "filter_groups")
            ),
            feeds=self.feed_links(request),
        )
        return context

    def feed_links(self, request) -> list[dict]:
        base = self.get_url(request)
        return [
            {
                "type": "application/rss+xml",
                "title": f"Konsultacje – {self.title} (RSS)",
                "href": base + self.reverse_subpage("rss"),
                "label": "Kanał RSS konsultacji",
            },
            {
                "type": "text/calendar",
                "title": f"Konsultacje i spotkania – {self.title} (iCalendar)",
                "href": base + self.reverse_subpage("calendar"),
                "label": "Kalendarz konsultacji i spotkań (iCalendar)",
            },
        ]

    @path("rss/", name="rss")
    def rss(self, request):
        return ConsultationFeed(self)(request)

    @path("kalendarz/", name="calendar")
    def calendar(self, request):
        return consultation_calendar_response(self, request)
