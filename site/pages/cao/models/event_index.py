"""Events at /wydarzenia/: what is coming (soonest first, in pages), what was (its own
archive at /wydarzenia/minione/, newest first, in pages), and a feed.

Each list reads one page of events from the database (LIMIT, by `starts_at`, with the
places taken counted for that page only) and one grouped count by kind, which gives both
the filter's counts and the number of pages: what it reads does not grow with the years
of events behind it."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField

from core.blocks import BodyBlock
from core.listing import ChoiceFilter, Listing, canonical_url, count_by
from core.models import BasePage
from core.shared_fragments import deferred_values
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
    upcoming_per_page = 10
    past_per_page = 10
    feed_size = 200

    class Meta:
        verbose_name = "Lista wydarzeń"
        verbose_name_plural = "Listy wydarzeń"

    def events(self):
        return EventPage.objects.child_of(self).live().public()

    def _listing(self, request, events):
        """The kind filter over EVENTS, its counts, and EVENTS of the chosen kind with
        their number (from the same counts: no COUNT of its own)."""
        listing = Listing(request, [KIND_FILTER])
        kind = listing.value(KIND_FILTER.param)
        counts = count_by(events, "kind")
        if kind:
            events = events.filter(kind=kind)
        total = counts.get(kind, 0) if kind else sum(counts.values())
        return listing, {KIND_FILTER.param: counts}, events, total

    @path("")
    def upcoming_events(self, request):
        """Events not over yet, soonest first, with their free places."""

        def listing():
            upcoming = self.events().filter(EventPage.upcoming_q())
            listing, counts, upcoming, total = self._listing(request, upcoming)
            pagination = listing.paginate(
                EventPage.with_taken_places(upcoming).order_by("starts_at", "pk"),
                self.upcoming_per_page,
                count=total,
            )
            return {
                "listing": listing,
                "filter_groups": listing.groups(counts),
                "is_filtered": listing.is_filtered,
                "upcoming": pagination.page,
                "pagination": pagination,
                "past_url": self.past_url(request, listing.value(KIND_FILTER.param)),
            }

        names = ("listing", "filter_groups", "is_filtered", "upcoming", "pagination", "past_url")
        return self.render(
            request,
            # Shown only in the page's shared part (core.shared_fragments): read when it
            # renders, not when it is taken from the cache.
            context_overrides={
                **deferred_values(listing, names),
                "feed_url": self.feed_url(request),
            },
        )

    @path("minione/", name="past")
    def past_events(self, request):
        """The archive: events that are over, the latest first."""

        def listing():
            past = self.events().exclude(EventPage.upcoming_q())
            listing, counts, past, total = self._listing(request, past)
            pagination = listing.paginate(
                past.order_by("-starts_at", "-pk"), self.past_per_page, count=total
            )
            return {
                "listing": listing,
                "filter_groups": listing.groups(counts),
                "is_filtered": listing.is_filtered,
                "past": pagination.page,
                "pagination": pagination,
                "upcoming_url": self.upcoming_url(request, listing.value(KIND_FILTER.param)),
            }

        names = ("listing", "filter_groups", "is_filtered", "past", "pagination", "upcoming_url")
        return self.render(
            request,
            template="cao/event_archive_page.html",
            # Shown only in the page's shared part (core.shared_fragments).
            context_overrides={
                **deferred_values(listing, names),
                "feed_url": self.feed_url(request),
            },
        )

    def upcoming_url(self, request=None, kind: str = "") -> str:
        """The upcoming events (of KIND): each list links to the other with its filter."""
        return _with_kind(self.get_url(request), kind)

    def past_url(self, request=None, kind: str = "") -> str:
        return _with_kind(self.get_url(request) + self.reverse_subpage("past"), kind)

    def feed_url(self, request=None) -> str:
        return self.get_url(request) + self.reverse_subpage("feed")

    # Wagtail serves only paths of slugs ending in "/", so the feed has no ".ics".
    @path("kalendarz/", name="feed")
    def feed(self, request):
        """All upcoming events and the latest past ones, as one iCalendar file."""
        events = self.events().order_by("-starts_at")[: self.feed_size]
        return calendar_response(request, list(events), name=FEED_NAME, filename="wydarzenia.ics")


def _with_kind(url: str, kind: str) -> str:
    return canonical_url(url, {KIND_FILTER.param: kind}, (KIND_FILTER.param,))
