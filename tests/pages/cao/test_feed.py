"""The events calendar: a valid iCalendar that holds public events only."""

import datetime

from wagtail.models import PageViewRestriction

import pytest
from icalendar import Calendar

from tests.factories.cao import EventPageFactory, in_days

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_of(calendar: Calendar) -> dict[str, object]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_feed_parses_and_holds_public_events_only(client, event_index):
    soon = EventPageFactory(
        parent=event_index,
        title="Szkolenie z pisania projektów",
        summary="Cele i rezultaty.",
        starts_at=in_days(3, 10),
        ends_at=in_days(3, 14),
        place="CAO",
        address="ul. Sienkiewicza 6a",
    )
    EventPageFactory(parent=event_index, title="Forum", starts_at=in_days(-40, 10))
    EventPageFactory(parent=event_index, title="Odwołane spotkanie", is_cancelled=True)
    EventPageFactory(parent=event_index, title="Szkic", live=False)
    private = EventPageFactory(parent=event_index, title="Spotkanie wewnętrzne")
    PageViewRestriction.objects.create(page=private, restriction_type="login")

    calendar = parse(client.get("/wydarzenia/kalendarz/"))
    assert str(calendar["X-WR-CALNAME"]) == "Wydarzenia – Centrum Aktywności Obywatelskiej"
    events = events_of(calendar)
    assert set(events) == {"Szkolenie z pisania projektów", "Forum", "Odwołane spotkanie"}

    event = events["Szkolenie z pisania projektów"]
    assert event["DTSTART"].dt == soon.starts_at
    assert event["DTEND"].dt == soon.ends_at
    assert event["DTSTART"].dt.utcoffset() == datetime.timedelta(0)
    assert str(event["LOCATION"]) == "CAO, ul. Sienkiewicza 6a"
    assert str(event["URL"]).endswith(soon.url)
    assert "Cele i rezultaty." in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"wydarzenie-{soon.pk}@testserver"
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(events["Odwołane spotkanie"]["STATUS"]) == "CANCELLED"


def test_uid_is_stable_across_requests(client, event_index):
    EventPageFactory(parent=event_index, title="Szkolenie")
    first = events_of(parse(client.get("/wydarzenia/kalendarz/")))["Szkolenie"]["UID"]
    second = events_of(parse(client.get("/wydarzenia/kalendarz/")))["Szkolenie"]["UID"]
    assert first == second


def test_feed_is_advertised_in_the_page_head(client, event_index):
    event = EventPageFactory(parent=event_index)
    for url in (event_index.url, event.url):
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        assert '<link rel="alternate" type="text/calendar" href="/wydarzenia/kalendarz/"' in head, (
            url
        )


def test_single_event_file(client, event_index):
    event = EventPageFactory(parent=event_index, title="Posiedzenie Rady Seniorów")
    response = client.get(f"{event.url}kalendarz/")
    assert set(events_of(parse(response))) == {"Posiedzenie Rady Seniorów"}
    assert "filename" in response["Content-Disposition"]
    assert f'href="{event.url}kalendarz/"' in client.get(event.url).content.decode()


def test_private_event_file_is_not_served_to_strangers(client, event_index):
    event = EventPageFactory(parent=event_index, title="Spotkanie wewnętrzne")
    PageViewRestriction.objects.create(page=event, restriction_type="login")
    response = client.get(f"{event.url}kalendarz/")
    assert response.status_code == 302
    assert b"Spotkanie" not in response.content


def test_empty_feed_is_still_a_calendar(client, event_index):
    calendar = parse(client.get("/wydarzenia/kalendarz/"))
    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"
