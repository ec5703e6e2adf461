"""RSS and iCalendar feeds, found through <link rel="alternate"> and read with real parsers."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from django.utils import timezone

from wagtail.models import PageViewRestriction

import icalendar
import pytest

from tests.factories.consultations import (
    AnnouncementPageFactory,
    ConsultationMeetingFactory,
    ConsultationPageFactory,
)

pytestmark = pytest.mark.django_db


class AlternateLinks(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        if tag == "link" and self.in_head and attrs.get("rel") == "alternate":
            self.links.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def alternate_links(html: str) -> dict[str, str]:
    parser = AlternateLinks()
    parser.feed(html)
    return {link["type"]: link["href"] for link in parser.links}


def rss_items(client, url) -> tuple[ET.Element, list[ET.Element]]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    return channel, channel.findall("item")


@pytest.fixture
def consultations(consultation_index):
    now = timezone.now()
    open_page = ConsultationPageFactory(
        parent=consultation_index,
        title="Park & skwer <w Redenie>",
        summary="Jak ma wyglądać park.",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=14),
    )
    meeting = ConsultationMeetingFactory(
        page=open_page,
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
        place="Szkoła Podstawowa nr 9",
        address="ul. Kasprowicza 21",
    )
    ConsultationMeetingFactory(
        page=open_page,
        starts_at=now + timedelta(days=5),
        ends_at=None,
        place="Spacer",
        address="",
    )
    cancelled = ConsultationPageFactory(
        parent=consultation_index,
        title="Odwołana konsultacja",
        is_cancelled=True,
        cancellation_reason="Projekt wycofano.",
    )
    draft = ConsultationPageFactory(parent=consultation_index, title="Szkic w kalendarzu")
    draft.unpublish()
    private = ConsultationPageFactory(parent=consultation_index, title="Prywatna w kalendarzu")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return {"open": open_page, "meeting": meeting, "cancelled": cancelled}


def test_consultation_feeds_are_advertised_and_parse(client, consultations):
    html = client.get("/konsultacje/").content.decode()
    links = alternate_links(html)
    assert set(links) == {"application/rss+xml", "text/calendar"}

    channel, items = rss_items(client, links["application/rss+xml"])
    # The list's title and the publisher once each, never "Konsultacje – Konsultacje".
    assert channel.findtext("title") == (
        "Konsultacje społeczne – Wydział Organizacji Pozarządowych i Aktywności Obywatelskiej"
    )
    assert channel.findtext("link") == "http://testserver/konsultacje/"
    titles = [item.findtext("title") for item in items]
    assert sorted(titles) == sorted(["Park & skwer <w Redenie>", "Odwołana konsultacja"])
    park = next(item for item in items if item.findtext("title").startswith("Park"))
    assert park.findtext("link") == "http://testserver" + consultations["open"].url
    assert "Stan: Trwa – można zgłaszać uwagi." in park.findtext("description")
    assert "Jak ma wyglądać park." in park.findtext("description")
    assert parsedate_to_datetime(park.findtext("pubDate")) == consultations[
        "open"
    ].first_published_at.replace(microsecond=0)
    assert "Trwa – można zgłaszać uwagi" in [c.text for c in park.findall("category")]
    cancelled = next(item for item in items if item.findtext("title").startswith("Odwołana"))
    assert "Powód odwołania: Projekt wycofano." in cancelled.findtext("description")


def test_consultation_calendar_parses_with_periods_and_meetings(client, consultations):
    links = alternate_links(client.get(consultations["open"].url).content.decode())
    response = client.get(links["text/calendar"])
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    page = consultations["open"]
    period = events[f"konsultacja-{page.pk}@testserver"]
    assert str(period["SUMMARY"]) == "Konsultacje: Park & skwer <w Redenie>"
    assert period.decoded("DTSTART") == page.opens_at.replace(microsecond=0)
    assert period.decoded("DTEND") == page.closes_at.replace(microsecond=0)
    assert str(period["URL"]) == "http://testserver" + page.url
    assert str(period["STATUS"]) == "CONFIRMED"
    meeting = consultations["meeting"]
    meeting_event = events[f"konsultacja-{page.pk}-spotkanie-{meeting.pk}@testserver"]
    assert str(meeting_event["LOCATION"]) == "Szkoła Podstawowa nr 9, ul. Kasprowicza 21"
    assert meeting_event.decoded("DTSTART") == meeting.starts_at.replace(microsecond=0)
    assert meeting_event.decoded("DTEND") == meeting.ends_at.replace(microsecond=0)
    walk = next(e for e in events.values() if str(e.get("LOCATION", "")) == "Spacer")
    assert "DTEND" not in walk
    cancelled = events[f"konsultacja-{consultations['cancelled'].pk}@testserver"]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    summaries = {str(event["SUMMARY"]) for event in events.values()}
    assert not any("Szkic" in s or "Prywatna" in s for s in summaries)
    assert len(events) == 4  # two periods, two meetings


def test_calendar_leaves_out_consultations_closed_over_a_year_ago(client, consultation_index):
    now = timezone.now()
    ConsultationPageFactory(
        parent=consultation_index,
        title="Dawna",
        opens_at=now - timedelta(days=500),
        closes_at=now - timedelta(days=400),
    )
    calendar = icalendar.Calendar.from_ical(client.get("/konsultacje/kalendarz/").content)
    assert calendar.walk("VEVENT") == []


def test_announcement_feed_is_advertised_and_parses(client, announcement_index):
    today = timezone.localdate()
    AnnouncementPageFactory(parent=announcement_index, title="Nowsze", date=today, tags=["granty"])
    AnnouncementPageFactory(
        parent=announcement_index, title="Starsze", date=today - timedelta(days=3)
    )
    draft = AnnouncementPageFactory(parent=announcement_index, title="Nieopublikowane")
    draft.unpublish()
    for url in ("/ogloszenia/", "/"):
        links = alternate_links(client.get(url).content.decode())
        assert links["application/rss+xml"].endswith("/rss/")
    links = alternate_links(client.get("/ogloszenia/").content.decode())
    _channel, items = rss_items(client, links["application/rss+xml"])
    assert [item.findtext("title") for item in items] == ["Nowsze", "Starsze"]
    assert [c.text for c in items[0].findall("category")] == ["granty"]
    older = parsedate_to_datetime(items[1].findtext("pubDate"))
    assert timezone.localtime(older).date() == today - timedelta(days=3)


def test_unknown_feed_paths_are_404(client, consultation_index, announcement_index):
    assert client.get("/konsultacje/atom/").status_code == 404
    assert client.get("/ogloszenia/kalendarz/").status_code == 404
