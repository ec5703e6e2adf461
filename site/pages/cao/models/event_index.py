"""Events at /wydarzenia/: what is coming (soonest first), what was (kept), and a feed."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.listing import ChoiceFilter, Listing, count_by
from core.models import BasePage
from pages.cao.choices import EventKind
from pages.cao.feeds import calendar_response
from pages.cao.models.event import EventPage

KIND_FILTER = ChoiceFilter.of("rodzaj", "Rodzaj", EventKind)
FEED_NAME = "Wydarzenia – Centrum Aktywności Obywatelskiej"


class EventIndexPage(RoutablePageMixin, BasePage):
    page_cache_lists = ("content", "cao.eventpage")  # free places: registrations bump it
    body = StreamField(BodyBlock(), blank=True, verbose_name="Treść nad listą")

    content_panels = [*BasePage.content_panels, FieldPanel("body")]
    api_fields = [*BasePage.api_fields, APIField("body")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["cao.EventPage"]
    past_per_page = 10
    feed_size = 200

    class Meta:
        verbose_name = "Lista wydarzeń"
        verbose_name_plural = "Listy wydarzeń"

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        listing = Listing(request, [KIND_FILTER])
        kind = listing.value(KIND_FILTER.param)
        events = self.events()
        counts = count_by(events, "kind")
        if kind:
            events = events.filter(kind=kind)
        upcoming_q = EventPage.upcoming_q()
        upcoming = EventPage.with_taken_places(events.filter(upcoming_q)).order_by("starts_at")
        pagination = listing.paginate(
            events.exclude(upcoming_q).order_by("-starts_at"), self.past_per_page
        )
        context.update(
            listing=listing,
            filter_groups=listing.groups({KIND_FILTER.param: counts}),
            is_filtered=listing.is_filtered,
            upcoming=list(upcoming),
            past=pagination.page,
            pagination=pagination,
            feed_url=self.feed_url(request),
        )
        return context

    def feed_url(self, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("feed")

    # Wagtail serves only paths of slugs ending in "/", so the feed has no ".ics".
    @path("kalendarz/", name="feed")
    def feed(self, request):
        """All upcoming events and the latest past ones, as one iCalendar file."""
        events = self.events().order_by("-starts_at")[: self.feed_size]
        return calendar_response(request, list(events), name=FEED_NAME, filename="wydarzenia.ics")
