"""The CAO's front door at /cao/: every advisory service, when it is on, and what is next."""

from django.db.models import Prefetch

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.listing import ChoiceFilter, Listing, count_by
from core.models import BasePage
from core.shared_fragments import deferred, deferred_values
from pages.cao.choices import Topic
from pages.cao.models.advisory_service import AdvisoryServicePage, DutyHours
from pages.cao.models.event import EventPage
from pages.cao.models.event_index import EventIndexPage
from pages.cao.models.guidance_index import GuidanceIndexPage

TOPIC_FILTER = ChoiceFilter.of("temat", "Temat", Topic)


class AdvisoryServiceIndexPage(BasePage):
    page_cache_lists = ("content", "cao.eventpage")  # free places: registrations bump it
    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść nad listą usług")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["cao.AdvisoryServicePage"]
    max_count = 1
    upcoming_events_shown = 3

    class Meta:
        verbose_name = "Centrum Aktywności Obywatelskiej – lista usług"
        verbose_name_plural = "Centrum Aktywności Obywatelskiej – listy usług"

    def services(self):
        return (
            AdvisoryServicePage.objects.child_of(self)
            .live()
            .public()
            .select_related("advisor")
            .prefetch_related(
                Prefetch("duty_hours", queryset=DutyHours.objects.order_by("sort_order"))
            )
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)

        def services():
            # Built here, inside the shared part, so its parameters count for that part
            # only (core.shared_fragments refuses a part after a list it does not vary on).
            listing = Listing(request, [TOPIC_FILTER])
            services = self.services()
            topic = listing.value(TOPIC_FILTER.param)
            counts = count_by(services, "topic")
            return {
                "listing": listing,
                "is_filtered": listing.is_filtered,
                "services": list(services.filter(topic=topic) if topic else services),
                "filter_groups": listing.groups({TOPIC_FILTER.param: counts}),
            }

        # Shown only in the page's shared part (core.shared_fragments): read when it
        # renders, not when it is taken from the cache.
        names = ("listing", "is_filtered", "services", "filter_groups")
        context.update(
            **deferred_values(services, names),
            guidance_index=deferred(lambda: GuidanceIndexPage.objects.live().public().first()),
            event_index=deferred(lambda: EventIndexPage.objects.live().public().first()),
            upcoming_events=deferred(
                lambda: list(EventPage.upcoming()[: self.upcoming_events_shown])
            ),
        )
        return context
