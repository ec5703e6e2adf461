"""Volunteering in numbers: offers, answers, accepted answers and hours per area and
osiedle, per year; counts only (no name, no contact), in a flat number of queries."""

import datetime
from decimal import Decimal

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest

from pages.volunteering import decisions, statistics
from pages.volunteering.models import VolunteerAnswer, VolunteerHours
from tests.factories.pages import DistrictFactory
from tests.factories.registry import area
from tests.factories.volunteering import VolunteerAnswerFactory, VolunteerOfferFactory

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year


def published(year=THIS_YEAR, **kwargs):
    moment = timezone.make_aware(datetime.datetime(year, 3, 1, 12))
    return VolunteerOfferFactory(first_published_at=moment, last_published_at=moment, **kwargs)


@pytest.fixture
def figures(own_ngo):
    centre = DistrictFactory(name="Centrum", slug="centrum", is_osiedle=True)
    offer = published(ngo=own_ngo, area=area("16"), district=centre)
    remote = published(ngo=own_ngo, area=area("1"), remote=True, address="")
    published(year=THIS_YEAR - 1, ngo=own_ngo, area=area("16"), district=centre)
    accepted = VolunteerAnswerFactory(
        offer=offer, name="Ala Tajna", email="ala@example.org", status="accepted"
    )
    VolunteerAnswerFactory(offer=offer, status="declined")
    VolunteerAnswerFactory(offer=remote)
    VolunteerHours.objects.create(answer=accepted, worked_on=timezone.localdate(), hours="2.5")
    VolunteerHours.objects.create(answer=accepted, worked_on=timezone.localdate(), hours="4")
    # Not published (a draft): nothing of it counts.
    draft = VolunteerOfferFactory(ngo=own_ngo, live=False, district=centre)
    VolunteerAnswerFactory(offer=draft)
    return centre


def test_counts_per_area_and_osiedle_in_a_year(figures):
    table = statistics.by_area(THIS_YEAR)
    rows = {row.label.split(")")[0]: row for row in table.rows}
    assert (rows["16"].offers, rows["16"].answers, rows["16"].accepted) == (1, 2, 1)
    assert rows["16"].hours == Decimal("6.5")
    assert (rows["1"].offers, rows["1"].answers, rows["1"].hours) == (1, 1, 0)
    assert (table.total.offers, table.total.answers, table.total.hours) == (2, 3, Decimal("6.5"))
    districts = {row.label: row for row in statistics.by_district(THIS_YEAR).rows}
    assert districts["Centrum"].offers == 1
    assert districts[statistics.NO_DISTRICT].answers == 1
    # All years: last year's offer too.
    assert statistics.by_area().total.offers == 3
    assert statistics.by_area(THIS_YEAR - 1).total.answers == 0
    assert statistics.years()[:2] == [THIS_YEAR, THIS_YEAR - 1]


def test_the_page_shows_numbers_and_no_person(client, index, figures):
    response = client.get(f"{index.url}statystyki/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wolontariat w liczbach" in html
    assert "Centrum" in html and "6,5" in html
    assert "Ala Tajna" not in html and "ala@example.org" not in html
    assert f"?rok={THIS_YEAR - 1}" in html
    last_year = client.get(f"{index.url}statystyki/?rok={THIS_YEAR - 1}")
    assert f"Wolontariat w liczbach: {THIS_YEAR - 1}" in last_year.content.decode()
    # An unknown year is ignored (all years), never an error.
    assert client.get(f"{index.url}statystyki/?rok=1900").status_code == 200


def test_answers_with_purged_data_still_count(figures):
    VolunteerAnswer.objects.update(name="", email="", personal_data_removed_at=timezone.now())
    assert statistics.by_area(THIS_YEAR).total.answers == 3


def test_the_page_does_not_grow_with_areas_or_osiedla(client, index, own_ngo):
    url = f"{index.url}statystyki/"
    first = DistrictFactory(name="Osiedle pierwsze", slug="pierwsze", is_osiedle=True)
    published(ngo=own_ngo, district=first)
    client.get(url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    short = count()
    for number, slug in (("1", "a"), ("2", "b"), ("3", "c"), ("4", "d")):
        district = DistrictFactory(name=f"Osiedle {slug}", slug=slug, is_osiedle=True)
        offer = published(ngo=own_ngo, area=area(number), district=district)
        VolunteerAnswerFactory(offer=offer)
    assert count() == short


def test_the_cached_page_follows_new_answers_decisions_and_hours(client, index, own_ngo, settings):
    """The anonymous page cache keeps the page until an answer, a decision or hours change
    a number (answers are submissions: nothing else makes pages stale for them)."""
    settings.PAGE_CACHE_SECONDS = 60
    url = f"{index.url}statystyki/"
    offer = published(ngo=own_ngo, area=area("16"))
    client.get(url)
    assert client.get(url).headers.get("X-Page-Cache") == "hit"

    def total_row():
        html = client.get(url).content.decode()
        return html.split("<tfoot>")[1].split("</tfoot>")[0]

    answer = VolunteerAnswerFactory(offer=offer)
    assert "<td>1</td><td>1</td><td>0</td>" in total_row()
    request = RequestFactory().get("/")
    request.site = index.get_site()
    assert decisions.decide(request, answer, accepted=True) is not None
    assert "<td>1</td><td>1</td><td>1</td>" in total_row()
    VolunteerHours.objects.create(answer=answer, worked_on=timezone.localdate(), hours="3")
    assert "<td>3</td></tr>" in total_row()
