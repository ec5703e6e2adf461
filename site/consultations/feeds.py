"""RSS of announcements and consultations, iCalendar of consultation periods and meetings.

Only live pages without view restrictions appear. Links are absolute, built from the
address the feed was requested at, so they work on any host and port.
"""

from datetime import UTC, timedelta

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

from wagtail.models import Site

from icalendar import Calendar, Event

from consultations.models import AnnouncementPage, ConsultationPage
from core.models import SiteContactSettings

FEED_ITEMS = 50
# Calendars keep what closed in the last year and everything to come.
CALENDAR_HISTORY = timedelta(days=365)


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


def _absolute(request, page) -> str:
    return request.build_absolute_uri(page.get_url(request))


class _PageFeed(Feed):
    """A feed of the children of one index page."""

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        """The list's own title and who publishes it, once each: "Ogłoszenia – Wydział …"."""
        publisher = SiteContactSettings.for_request(self.request).department_name
        return f"{self.index_page.title} – {publisher}"

    def link(self):
        return _absolute(self.request, self.index_page)

    def item_link(self, item):
        return _absolute(self.request, item)

    def item_guid(self, item):
        return self.item_link(item)

    def item_title(self, item):
        return item.title


class ConsultationFeed(_PageFeed):
    def description(self):
        return (
            self.index_page.summary
            or "Nowe i zmienione konsultacje: co konsultujemy, do kiedy i z jakim wynikiem."
        )

    def items(self):
        return (
            ConsultationPage.objects.child_of(self.index_page)
            .live()
            .public()
            .order_by("-first_published_at", "-pk")[:FEED_ITEMS]
        )

    def item_description(self, item):
        state = item.get_state()
        parts = [
            f"Stan: {state.label}.",
            f"Termin: od {_when(item.opens_at)} do {_when(item.closes_at)}.",
        ]
        if item.summary:
            parts.append(item.summary)
        if item.is_cancelled and item.cancellation_reason:
            parts.append(f"Powód odwołania: {item.cancellation_reason}")
        return "\n".join(parts)

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [item.get_state().label, item.get_audience_display()]


class AnnouncementFeed(_PageFeed):
    def description(self):
        return self.index_page.summary or "Ogłoszenia wydziału."

    def items(self):
        return (
            AnnouncementPage.objects.child_of(self.index_page)
            .live()
            .public()
            .prefetch_related("tags")
            .order_by("-date", "-first_published_at", "-pk")[:FEED_ITEMS]
        )

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


def _utc(value):
    return value.astimezone(UTC)


def consultation_calendar(index_page, request) -> Calendar:
    """A calendar with each consultation's period and each of its meetings as events."""
    now = timezone.now()
    site = Site.find_for_request(request)
    uid_host = site.hostname if site else request.get_host()
    consultations = (
        ConsultationPage.objects.child_of(index_page)
        .live()
        .public()
        .filter(closes_at__gte=now - CALENDAR_HISTORY)
        .prefetch_related("meetings")
        .order_by("opens_at", "pk")
    )

    calendar = Calendar()
    calendar.add("prodid", "-//Urząd Miejski w Dąbrowie Górniczej//Portal NGO//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"Konsultacje – {index_page.title}")
    calendar.add("x-wr-timezone", "Europe/Warsaw")

    for page in consultations:
        url = _absolute(request, page)
        status = "CANCELLED" if page.is_cancelled else "CONFIRMED"
        stamp = _utc(page.last_published_at or now)

        period = Event()
        period.add("uid", f"konsultacja-{page.pk}@{uid_host}")
        period.add("dtstamp", stamp)
        period.add("dtstart", _utc(page.opens_at))
        period.add("dtend", _utc(page.closes_at))
        period.add("summary", f"Konsultacje: {page.title}")
        period.add("description", _event_description(page, url))
        period.add("url", url)
        period.add("status", status)
        period.add("categories", ["Konsultacje"])
        calendar.add_component(period)

        for meeting in page.meetings.all():
            event = Event()
            event.add("uid", f"konsultacja-{page.pk}-spotkanie-{meeting.pk}@{uid_host}")
            event.add("dtstamp", stamp)
            event.add("dtstart", _utc(meeting.starts_at))
            if meeting.ends_at:
                event.add("dtend", _utc(meeting.ends_at))
            event.add("summary", f"Spotkanie konsultacyjne: {page.title}")
            event.add("location", meeting.location)
            description = [meeting.notes, meeting.online_url, url]
            event.add("description", "\n".join(part for part in description if part))
            event.add("url", url)
            event.add("status", status)
            event.add("categories", ["Konsultacje", "Spotkanie"])
            calendar.add_component(event)
    return calendar


def _event_description(page, url) -> str:
    parts = [page.summary or strip_tags(page.subject)]
    if page.is_cancelled:
        parts.append(f"Konsultacja odwołana. {page.cancellation_reason}".strip())
    parts.append(url)
    return "\n".join(part for part in parts if part)


def consultation_calendar_response(index_page, request) -> HttpResponse:
    response = HttpResponse(
        consultation_calendar(index_page, request).to_ical(),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="konsultacje.ics"'
    return response
