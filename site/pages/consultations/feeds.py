"""RSS of announcements and consultations, iCalendar of consultation periods and meetings
(written by `core.ical`).

Only live pages without view restrictions appear. Links are absolute, built from the
address the feed was requested at, so they work on any host and port.
"""

from collections.abc import Iterator
from datetime import timedelta

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags

from core import deadlines
from core.ical import CalendarEvent, calendar_response, uid
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
        return self.index_page.published_consultations().order_by("-first_published_at", "-pk")[
            :FEED_ITEMS
        ]

    def item_description(self, item):
        state = item.get_state()
        parts = [
            f"Stan: {state.label}.",
            f"Termin: od {_when(item.opens_at)} {deadlines.term_text(item.closes_at)}.",
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
        return self.index_page.announcements()[:FEED_ITEMS]

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_datetime

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


def consultation_events(index_page, request) -> Iterator[CalendarEvent]:
    """Each consultation's period and each of its meetings, those closed in the last year
    and all to come."""
    consultations = (
        index_page.published_consultations()
        .filter(closes_at__gte=timezone.now() - CALENDAR_HISTORY)
        .prefetch_related("meetings")
        .order_by("opens_at", "pk")
    )
    for page in consultations:
        url = _absolute(request, page)
        yield CalendarEvent(
            uid=uid("konsultacja", page.pk),
            summary=f"Konsultacje: {page.title}",
            start=page.opens_at,
            end=page.closes_at,
            updated_at=page.last_published_at,
            url=url,
            description=_event_description(page, url),
            categories=("Konsultacje",),
            cancelled=page.is_cancelled,
        )
        for meeting in page.meetings.all():
            description = [meeting.notes, meeting.online_url, url]
            yield CalendarEvent(
                uid=uid("konsultacja", page.pk, "spotkanie", meeting.pk),
                summary=f"Spotkanie konsultacyjne: {page.title}",
                start=meeting.starts_at,
                end=meeting.ends_at,
                updated_at=page.last_published_at,
                url=url,
                description="\n".join(part for part in description if part),
                location=meeting.location,
                categories=("Konsultacje", "Spotkanie"),
                cancelled=page.is_cancelled,
            )


def _event_description(page, url) -> str:
    parts = [page.summary or strip_tags(page.subject)]
    if page.is_cancelled:
        parts.append(f"Konsultacja odwołana. {page.cancellation_reason}".strip())
    parts.append(url)
    return "\n".join(part for part in parts if part)


def consultation_calendar_response(index_page, request) -> HttpResponse:
    return calendar_response(
        f"Konsultacje – {index_page.title}",
        consultation_events(index_page, request),
        filename="konsultacje.ics",
    )
