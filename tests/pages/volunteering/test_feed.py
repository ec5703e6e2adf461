"""The calendar feed of open offers with dates (core.ical): all-day events, stable UIDs,
nothing expired, undated or unpublished, and no person."""

from datetime import timedelta

from django.utils import timezone

import pytest
from icalendar import Calendar

from tests.factories.volunteering import VolunteerAnswerFactory, VolunteerOfferFactory

pytestmark = pytest.mark.django_db


def test_the_feed_lists_open_dated_offers_as_all_day_events(client, index, own_ngo):
    today = timezone.localdate()
    dated = VolunteerOfferFactory(
        title="Sprzątanie parku",
        ngo=own_ngo,
        starts_on=today + timedelta(days=3),
        ends_on=today + timedelta(days=4),
    )
    one_day = VolunteerOfferFactory(
        title="Festyn", ngo=own_ngo, starts_on=today + timedelta(days=9), schedule=""
    )
    VolunteerAnswerFactory(offer=dated, name="Zofia Tajna")
    VolunteerOfferFactory(title="Co sobotę", ngo=own_ngo)  # no date
    VolunteerOfferFactory(
        title="Wygasła",
        ngo=own_ngo,
        starts_on=today,
        expires_at=timezone.now() - timedelta(minutes=1),
    )
    VolunteerOfferFactory(title="Szkic", ngo=own_ngo, starts_on=today, live=False)
    listing = client.get(index.url).content.decode()
    assert 'type="text/calendar"' in listing
    response = client.get(f"{index.url}kalendarz/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    for absent in ("Co sobotę", "Wygasła", "Szkic", "Zofia"):
        assert absent not in text
    events = {
        str(event["SUMMARY"]): event
        for event in Calendar.from_ical(response.content).walk("VEVENT")
    }
    assert set(events) == {"Wolontariat: Sprzątanie parku", "Wolontariat: Festyn"}
    park = events["Wolontariat: Sprzątanie parku"]
    assert park["DTSTART"].dt == dated.starts_on
    assert park["DTEND"].dt == dated.ends_on + timedelta(days=1)  # exclusive in iCalendar
    assert f"oferta-wolontariatu-{dated.pk}" in str(park["UID"])
    assert events["Wolontariat: Festyn"]["DTSTART"].dt == one_day.starts_on
    assert f"/wolontariat/{dated.pk}/" in str(park["URL"])
