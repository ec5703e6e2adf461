"""The list of consultations (/konsultacje/), with filters, pages and feeds."""

from django.utils import timezone

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.search import index

from consultations.listing import FilterGroup, clean_slug, paginate
from consultations.models.consultation import Audience, ConsultationPage
from consultations.state import CONSULTATION
from core.blocks import BodyBlock
from core.models import BasePage
from snippets.models import District

PER_PAGE = 10


def _without(query, key):
    """QUERY without KEY (the old name of a filter, once it is spelled the new way)."""
    query = query.copy()
    query.pop(key, None)
    return query


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

    def consultations(self):
        """Live, public consultations of this list, in listing order, ready to render."""
        return (
            ConsultationPage.objects.child_of(self)
            .live()
            .public()
            .prefetch_related("districts")
            .in_listing_order()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        query = request.GET
        consultations = self.consultations()

        # `stan` takes the states' Polish slugs; `state` (English values) is the older
        # public form of the same filter and keeps answering.
        state = CONSULTATION.from_slug(query.get("stan")) or CONSULTATION.from_value(
            query.get("state")
        )
        if state:
            consultations = consultations.in_state(state, now)
        # The filter links spell the state the new way, whichever way it came.
        query = _without(query, "state")
        if state:
            query["stan"] = state.slug

        published = ConsultationPage.objects.child_of(self).live().public()
        districts = list(District.objects.filter(consultations__in=published).distinct())
        district_slug = clean_slug(query.get("district"))
        district = next((d for d in districts if d.slug == district_slug), None)
        if district:
            consultations = consultations.for_district(district)

        audience = query.get("audience")
        audience = audience if audience in Audience.values else None
        if audience:
            consultations = consultations.for_audience(audience)

        pagination = paginate(request, consultations, PER_PAGE)
        items = list(pagination.page.object_list)
        context.update(
            now=now,
            consultations=[(item, item.get_state(now), item.time_left_text(now)) for item in items],
            pagination=pagination,
            is_filtered=bool(state or district or audience),
            filter_groups=[
                FilterGroup.build(
                    query,
                    "stan",
                    "Stan",
                    [(s.slug, s.label) for s in CONSULTATION],
                    state.slug if state else None,
                ),
                FilterGroup.build(
                    query,
                    "district",
                    "Dzielnica (z konsultacjami dla całego miasta)",
                    [(d.slug, d.name) for d in districts],
                    district.slug if district else None,
                ),
                FilterGroup.build(query, "audience", "Adresaci", Audience.choices, audience),
            ],
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
        from consultations.feeds import ConsultationFeed

        return ConsultationFeed(self)(request)

    @path("kalendarz/", name="calendar")
    def calendar(self, request):
        from consultations.feeds import consultation_calendar_response

        return consultation_calendar_response(self, request)
