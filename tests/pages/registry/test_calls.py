"""/konkursy/: the list (open first), filters, each call's page with awards and totals,
what art. 13 asks to show, and the iCalendar feed of deadlines."""

import re
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

import icalendar
import pytest

from core.deadlines import WARSAW
from pages.registry.models import GrantCallIndexPage
from snippets.statistics import same_kind_grants
from tests.factories.registry import GrantAwardFactory, GrantCallFactory, NGOFactory, area

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def titles_on(response) -> list[str]:
    return re.findall(r'<h3><a href="/konkursy/[^"]+/">([^<]+)</a></h3>', response.text)


def resolved(**kwargs):
    now = timezone.now()
    defaults = {
        "announced_at": now - 90 * DAY,
        "offers_due_at": now - 60 * DAY,
        "results_published_at": now - 30 * DAY,
    }
    return GrantCallFactory(**{**defaults, **kwargs})


def test_page_rules(calls_page, home_page):
    assert GrantCallIndexPage.parent_page_types == ["pages.HomePage"]
    assert GrantCallIndexPage.subpage_types == []
    assert not GrantCallIndexPage.can_create_at(home_page)


def test_open_calls_first_by_deadline_and_drafts_hidden(client, calls_page):
    now = timezone.now()
    resolved(title="Rozstrzygnięty")
    GrantCallFactory(title="Otwarty później", offers_due_at=now + 30 * DAY)
    GrantCallFactory(title="Otwarty wcześniej", offers_due_at=now + 22 * DAY)
    GrantCallFactory(title="Planowany", announced_at=now + 5 * DAY, offers_due_at=now + 40 * DAY)
    GrantCallFactory(title="Szkic", live=False)
    response = client.get("/konkursy/")
    assert response.status_code == 200
    assert titles_on(response) == [
        "Otwarty wcześniej",
        "Otwarty później",
        "Planowany",
        "Rozstrzygnięty",
    ]
    assert '<link rel="alternate" type="text/calendar" href="/konkursy/kalendarz.ics"' in (
        response.text
    )


def test_filters_narrow_the_list(client, calls_page):
    now = timezone.now()
    GrantCallFactory(title="Sport otwarty", area=area("17"))
    GrantCallFactory(
        title="Inicjatywa",
        procedure="inicjatywa-lokalna",
        area=area("13"),
        announced_at=now - DAY,
        offers_due_at=now + 3 * DAY,
    )
    resolved(title="Sport rozstrzygnięty", area=area("17"))
    GrantCallFactory(
        title="Unieważniony",
        announced_at=now - 60 * DAY,
        offers_due_at=now - 30 * DAY,
        cancelled_at=now - 10 * DAY,
        cancellation_reason="brak-ofert",
    )
    assert titles_on(client.get("/konkursy/?stan=otwarty")) == ["Inicjatywa", "Sport otwarty"]
    assert titles_on(client.get("/konkursy/?obszar=17")) == [
        "Sport otwarty",
        "Sport rozstrzygnięty",
    ]
    assert titles_on(client.get("/konkursy/?tryb=inicjatywa-lokalna")) == ["Inicjatywa"]
    assert titles_on(client.get("/konkursy/?stan=uniewazniony")) == ["Unieważniony"]
    assert titles_on(client.get("/konkursy/?stan=rozstrzygniety&obszar=17")) == [
        "Sport rozstrzygnięty"
    ]
    # An unknown value is ignored rather than failing.
    assert len(titles_on(client.get("/konkursy/?stan=zly&tryb=&strona=x"))) == 4


def test_call_page_lists_awards_with_totals(client, calls_page, directory):
    call = resolved(title="Półkolonie", slug="polkolonie", total_funds=Decimal("50000"))
    first = NGOFactory(name="Fundacja Pierwsza")
    hidden = NGOFactory(name="Stowarzyszenie Robocze", live=False)
    GrantAwardFactory(call=call, ngo=first, task_title="Wakacje", amount=Decimal("12000.50"))
    GrantAwardFactory(call=call, ngo=hidden, task_title="Zajęcia", amount=Decimal("8000"))
    response = client.get("/konkursy/polkolonie/")
    assert response.status_code == 200
    text = response.text
    assert "Stan: rozstrzygnięty" in text
    assert f'<a href="/organizacje/{first.slug}/">Fundacja Pierwsza</a>' in text
    # An organisation whose record is a draft is named, not linked.
    assert "<td>Stowarzyszenie Robocze</td>" in text
    assert "Razem (2 dotacje)" in text
    assert "20\xa0000,50 zł" in text
    assert "29\xa0999,50 zł" in text  # what was not given out


def test_cancelled_call_shows_its_reason(client, calls_page):
    now = timezone.now()
    GrantCallFactory(
        slug="odwolany",
        announced_at=now - 60 * DAY,
        offers_due_at=now - 30 * DAY,
        cancelled_at=now - 10 * DAY,
        cancellation_reason="oferty-niespelniajace-wymogow",
    )
    text = client.get("/konkursy/odwolany/").text
    assert "Stan: unieważniony" in text
    assert "żadna oferta nie spełnia wymogów ogłoszenia (art. 18a ust. 1 pkt 2)" in text


def test_open_call_says_how_long_is_left(client, calls_page):
    # Noon (Warsaw) three calendar days ahead: days are counted by the calendar, so
    # "now + 3 days 1 hour" is four of them after 23:00.
    day = timezone.localdate(timezone.now(), WARSAW) + 3 * DAY
    GrantCallFactory(slug="otwarty", offers_due_at=datetime.combine(day, time(12), tzinfo=WARSAW))
    assert "zostały 3 dni" in client.get("/konkursy/otwarty/").text


def test_draft_call_is_not_found(client, calls_page):
    GrantCallFactory(slug="szkic", live=False)
    assert client.get("/konkursy/szkic/").status_code == 404


def test_grants_of_the_same_kind_this_and_last_year():
    this_year = timezone.localtime().year
    now = timezone.now()

    def in_year(year, **kwargs):
        announced = timezone.make_aware(timezone.datetime(year, 3, 1, 9, 0))
        return GrantCallFactory(
            announced_at=announced,
            offers_due_at=announced + 30 * DAY,
            results_published_at=min(announced + 60 * DAY, now),
            **kwargs,
        )

    current = GrantCallFactory(area=area("15"))
    same_this_year = in_year(this_year, area=area("15"), title="Tegoroczny")
    GrantAwardFactory(call=same_this_year, amount=Decimal("1000"))
    GrantAwardFactory(call=same_this_year, amount=Decimal("2500.25"))
    last_year = in_year(this_year - 1, area=area("15"), title="Zeszłoroczny")
    GrantAwardFactory(call=last_year, amount=Decimal("4000"))
    GrantAwardFactory(call=in_year(this_year - 2, area=area("15")), amount=Decimal("9"))
    GrantAwardFactory(call=in_year(this_year, area=area("17")), amount=Decimal("7"))
    GrantAwardFactory(call=in_year(this_year, area=area("15"), live=False), amount=Decimal("5"))
    GrantAwardFactory(call=current, amount=Decimal("3"))  # the call itself is left out

    years = same_kind_grants(current)
    assert [year.year for year in years] == [this_year, this_year - 1]
    assert (years[0].count, years[0].amount) == (2, Decimal("3500.25"))
    assert [call["title"] for call in years[0].calls] == ["Tegoroczny"]
    assert (years[1].count, years[1].amount) == (1, Decimal("4000"))


def test_call_page_shows_the_same_kind_history(client, calls_page):
    current = GrantCallFactory(slug="biezacy", area=area("15"))
    new_year = timezone.make_aware(timezone.datetime(current.year, 1, 1, 0, 30))
    earlier = GrantCallFactory(
        title="Wcześniejszy",
        slug="wczesniejszy",
        area=area("15"),
        announced_at=new_year,
        offers_due_at=new_year + 30 * DAY,
    )
    GrantAwardFactory(call=earlier, amount=Decimal("2000"))
    text = client.get("/konkursy/biezacy/").text
    assert '<a href="/konkursy/wczesniejszy/">Wcześniejszy</a>: 1 dotacja, 2\xa0000,00 zł' in text
    assert f"W {current.year - 1} r. nie przyznano dotacji na zadania tego rodzaju." in text


def test_calendar_feed_of_deadlines(client, calls_page):
    open_call = GrantCallFactory(title="Otwarty", slug="otwarty")
    GrantCallFactory(title="Szkic", live=False)
    now = timezone.now()
    cancelled = GrantCallFactory(
        title="Odwołany",
        announced_at=now - 60 * DAY,
        offers_due_at=now - 30 * DAY,
        cancelled_at=now - 10 * DAY,
        cancellation_reason="brak-ofert",
    )
    response = client.get("/konkursy/kalendarz.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Termin składania ofert: Otwarty", "Termin składania ofert: Odwołany"}
    deadline = events["Termin składania ofert: Otwarty"]
    assert deadline.decoded("dtend") == open_call.offers_due_at.replace(microsecond=0)
    assert str(deadline["url"]).endswith("/konkursy/otwarty/")
    assert str(events["Termin składania ofert: Odwołany"]["status"]) == "CANCELLED"
    assert f"konkurs-{cancelled.pk}-" in str(events["Termin składania ofert: Odwołany"]["uid"])


def test_calls_page_query_count_is_flat(client, calls_page, django_assert_max_num_queries):
    for _ in range(3):
        call = resolved()
        GrantAwardFactory(call=call)
    client.get("/konkursy/")
    with django_assert_max_num_queries(20) as captured:
        client.get("/konkursy/")
    few = len(captured)
    for _ in range(10):
        call = resolved()
        GrantAwardFactory(call=call)
        GrantAwardFactory(call=call)
    with django_assert_max_num_queries(few):
        client.get("/konkursy/")


def test_calls_page_in_the_pages_api(client, calls_page):
    response = client.get("/api/v2/pages/?type=registry.GrantCallIndexPage&fields=*")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Konkursy"]
    assert "body" in items[0]


def test_home_page_shows_open_calls_and_offers(client, calls_page):
    from tests.factories.registry import SmallGrantOfferFactory

    GrantCallFactory(title="Otwarty na stronie głównej", slug="otwarty-glowna")
    resolved(title="Zamknięty dawno")
    SmallGrantOfferFactory(title="Oferta do uwag")
    text = client.get("/").text
    assert '<a href="/konkursy/otwarty-glowna/">Otwarty na stronie głównej</a>' in text
    assert "Zamknięty dawno" not in text
    assert "Oferta do uwag" in text
    assert '<link rel="alternate" type="text/calendar" href="/konkursy/kalendarz.ics"' in text


def test_home_section_query_count_is_flat(client, calls_page, django_assert_max_num_queries):
    from tests.factories.registry import SmallGrantOfferFactory

    GrantCallFactory()
    SmallGrantOfferFactory()
    client.get("/")
    with django_assert_max_num_queries(40) as few:
        client.get("/")
    for _ in range(5):
        GrantCallFactory()
        SmallGrantOfferFactory()
    with django_assert_max_num_queries(len(few)):
        client.get("/")
