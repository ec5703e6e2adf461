"""The `kiedy` filter of the offers' list, and what happens to an expired offer: out of
the list, the sitemap and the search, its page still reachable and marked noindex."""

from datetime import date, timedelta

from django.utils import timezone

import pytest

from pages.volunteering.models.index import period
from search import indexing
from search.models import SearchEntry
from search.refresh import refresh_due_entries
from tests.factories.volunteering import VolunteerOfferFactory

pytestmark = pytest.mark.django_db


def test_periods_are_warsaw_calendar_days():
    wednesday = date(2027, 3, 17)
    assert period("ten-tydzien", wednesday) == (wednesday, date(2027, 3, 21))
    assert period("ten-miesiac", wednesday) == (wednesday, date(2027, 3, 31))
    assert period("nastepny-miesiac", wednesday) == (date(2027, 4, 1), date(2027, 4, 30))
    assert period("nastepny-miesiac", date(2027, 12, 31)) == (date(2028, 1, 1), date(2028, 1, 31))


def test_the_when_filter(client, index, own_ngo):
    today = timezone.localdate()
    month_after = period("nastepny-miesiac", today)
    VolunteerOfferFactory(
        title="Jutro raz", ngo=own_ngo, starts_on=today + timedelta(days=1), schedule=""
    )
    VolunteerOfferFactory(title="Co sobotę", ngo=own_ngo)  # a schedule alone: always
    VolunteerOfferFactory(
        title="Za miesiąc",
        ngo=own_ngo,
        starts_on=month_after[0] + timedelta(days=2),
        ends_on=month_after[0] + timedelta(days=5),
    )
    VolunteerOfferFactory(title="Od dziś stale", ngo=own_ngo, starts_on=today, schedule="we wtorki")
    VolunteerOfferFactory(
        title="Minione",
        ngo=own_ngo,
        starts_on=today - timedelta(days=9),
        ends_on=today - timedelta(days=2),
    )

    def titles(**params):
        html = client.get(index.url, params).content.decode()
        names = ("Jutro raz", "Co sobotę", "Za miesiąc", "Od dziś stale", "Minione")
        return {name for name in names if name in html}

    assert titles(kiedy="nastepny-miesiac") == {"Co sobotę", "Za miesiąc", "Od dziś stale"}
    this_month = titles(kiedy="ten-miesiac")
    assert {"Co sobotę", "Od dziś stale"} <= this_month
    assert "Minione" not in this_month and "Za miesiąc" not in this_month
    assert "Minione" not in titles(kiedy="ten-tydzien")
    assert len(titles(kiedy="wczoraj")) == 5  # an unknown value is ignored
    html = client.get(index.url).content.decode()
    assert "?kiedy=ten-tydzien" in html and "w przyszłym miesiącu" in html


def test_an_expired_offer_leaves_list_sitemap_and_search_but_its_page_stays(client, index, own_ngo):
    offer = VolunteerOfferFactory(title="Wkrótce wygaśnie", ngo=own_ngo)
    indexing.index_objects([offer])
    assert SearchEntry.objects.filter(title="Wkrótce wygaśnie").exists()
    page_url = f"{index.url}{offer.pk}/"
    assert "noindex" not in client.get(page_url).content.decode()

    offer.expires_at = timezone.now() - timedelta(minutes=1)
    offer.save()
    SearchEntry.objects.filter(title="Wkrótce wygaśnie").update(refresh_at=offer.expires_at)
    refresh_due_entries()
    assert not SearchEntry.objects.filter(title="Wkrótce wygaśnie").exists()
    assert "Wkrótce wygaśnie" not in client.get(index.url).content.decode()
    assert page_url not in client.get("/sitemap.xml").content.decode()
    response = client.get(page_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "oferta wygasła" in html
    assert '<meta name="robots" content="noindex">' in html
