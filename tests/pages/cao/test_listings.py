"""Lists of guides, services and events: filters by plain links, pages, bad input ignored."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

import pytest

from pages.cao.choices import Audience, EventKind, Registration, Topic
from tests.factories.cao import (
    AdvisoryServicePageFactory,
    DutyHoursFactory,
    EventPageFactory,
    EventRegistrationFactory,
    GuidancePageFactory,
    in_days,
)
from tests.factories.pages import PersonFactory

pytestmark = pytest.mark.django_db


def titles(response, key):
    return [page.title for page in response.context[key]]


def count_queries(client, url, params=None) -> int:
    """Queries of a request once per-process caches (site, settings) are warm."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


# Guides ------------------------------------------------------------------------------


@pytest.fixture
def guides(guidance_index):
    return {
        "statut": GuidancePageFactory(
            parent=guidance_index,
            title="A: Jak napisać statut",
            topic=Topic.FOUNDING,
            audience=Audience.RESIDENTS,
        ),
        "grant": GuidancePageFactory(
            parent=guidance_index,
            title="B: Mały grant",
            topic=Topic.GRANTS,
            audience=Audience.NGOS,
        ),
        "everyone": GuidancePageFactory(
            parent=guidance_index,
            title="C: Wolontariat dla każdego",
            topic=Topic.VOLUNTEERING,
            audience=Audience.EVERYONE,
        ),
        "draft": GuidancePageFactory(
            parent=guidance_index, title="D: Szkic", topic=Topic.GRANTS, live=False
        ),
    }


def test_guides_all_by_title_without_drafts(client, guides):
    response = client.get("/poradniki/")
    assert titles(response, "guides") == [
        "A: Jak napisać statut",
        "B: Mały grant",
        "C: Wolontariat dla każdego",
    ]
    assert "3 poradniki" in response.content.decode()


def test_guides_by_topic(client, guides):
    response = client.get("/poradniki/", {"temat": "dotacje"})
    assert titles(response, "guides") == ["B: Mały grant"]
    html = response.content.decode()
    assert 'aria-current="true"' in html
    assert "Dotacje z budżetu miasta (1)" in html


def test_guides_by_audience_include_those_for_everyone(client, guides):
    response = client.get("/poradniki/", {"dla": "organizacje"})
    assert titles(response, "guides") == ["B: Mały grant", "C: Wolontariat dla każdego"]


def test_filters_combine_and_links_keep_the_other_filter(client, guides):
    response = client.get("/poradniki/", {"dla": "mieszkancy", "temat": "zakladanie-organizacji"})
    assert titles(response, "guides") == ["A: Jak napisać statut"]
    html = response.content.decode()
    # The topic links keep the chosen audience, and only topics with guides are offered.
    assert 'href="/poradniki/?temat=wolontariat&amp;dla=mieszkancy"' in html
    assert "temat=dotacje&amp;dla=mieszkancy" not in html


@pytest.mark.parametrize(
    "params",
    [
        {"temat": "nie-ma-takiego"},
        {"dla": "<script>"},
        {"temat": "\x00"},
        {"strona": "abc"},
        {"strona": "-1"},
        {"strona": "99999999999999999999999"},
        {"temat": ["dotacje", "prawo"]},
    ],
)
def test_bad_parameters_are_ignored_not_a_crash(client, guides, params):
    response = client.get("/poradniki/", params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode().split("<main")[1]


def test_guides_are_paginated_and_pages_keep_the_filter(client, guidance_index):
    for n in range(14):
        GuidancePageFactory(parent=guidance_index, title=f"Poradnik {n:02d}", topic=Topic.GRANTS)
    GuidancePageFactory(parent=guidance_index, title="Inny temat", topic=Topic.LEGAL)
    first = client.get("/poradniki/", {"temat": "dotacje"})
    assert len(first.context["guides"]) == 12
    assert 'href="/poradniki/?temat=dotacje&amp;strona=2"' in first.content.decode()
    second = client.get("/poradniki/", {"temat": "dotacje", "strona": "2"})
    assert titles(second, "guides") == ["Poradnik 12", "Poradnik 13"]
    beyond = client.get("/poradniki/", {"temat": "dotacje", "strona": "7"})
    assert titles(beyond, "guides") == ["Poradnik 12", "Poradnik 13"]  # the last page


def test_each_filter_link_counts_the_guides_it_leads_to(client, guidance_index):
    """The counts and the number of guides come from one grouped query (topic ×
    audience): for each choice of the two filters, the list holds as many guides as it
    says, and each link's number is what following it shows."""
    for title, topic, audience in (
        ("G1", Topic.GRANTS, Audience.NGOS),
        ("G2", Topic.GRANTS, Audience.EVERYONE),
        ("G3", Topic.GRANTS, Audience.RESIDENTS),
        ("L1", Topic.LEGAL, Audience.NGOS),
        ("L2", Topic.LEGAL, Audience.SENIORS),
        ("V1", Topic.VOLUNTEERING, Audience.EVERYONE),
    ):
        GuidancePageFactory(parent=guidance_index, title=title, topic=topic, audience=audience)
    GuidancePageFactory(parent=guidance_index, title="Szkic", topic=Topic.LEGAL, live=False)
    checked = 0
    for topic in ("", "dotacje", "prawo", "promocja"):
        for audience in ("", "organizacje", "seniorzy", "wszyscy", "mlodziez"):
            response = client.get("/poradniki/", {"temat": topic, "dla": audience})
            guides = response.context["guides"]
            assert guides.paginator.count == len(guides), (topic, audience)
            for group in response.context["filter_groups"]:
                for option in group.options:
                    if option.count is None:  # "Wszystkie"
                        continue
                    followed = client.get(option.url).context["guides"]
                    assert len(followed) == option.count, option.url
                    checked += 1
    assert checked > 40


def test_guides_query_count_does_not_grow_with_guides(client, guidance_index):
    for n in range(3):
        GuidancePageFactory(parent=guidance_index, title=f"P{n}")
    few = count_queries(client, "/poradniki/")
    for n in range(9):
        GuidancePageFactory(parent=guidance_index, title=f"Q{n}", topic=Topic.GRANTS)
    assert count_queries(client, "/poradniki/") == few
    assert few <= 16


# Services ----------------------------------------------------------------------------


def test_services_by_topic_and_query_count_flat(client, service_index):
    def add_service(title, topic):
        page = AdvisoryServicePageFactory(
            parent=service_index, title=title, topic=topic, advisor=PersonFactory()
        )
        DutyHoursFactory(page=page)
        DutyHoursFactory(page=page, weekday=3)

    add_service("Porady prawne", Topic.LEGAL)
    add_service("Księgowość", Topic.ACCOUNTING)
    response = client.get("/cao/", {"temat": "prawo"})
    assert [s.title for s in response.context["services"]] == ["Porady prawne"]
    assert client.get("/cao/", {"temat": "zle"}).status_code == 200
    few = count_queries(client, "/cao/")
    for n in range(6):
        add_service(f"Usługa {n}", Topic.FUNDRAISING)
    assert count_queries(client, "/cao/") == few


# Events ------------------------------------------------------------------------------


@pytest.fixture
def events(event_index):
    return {
        "later": EventPageFactory(parent=event_index, title="Później", starts_at=in_days(20)),
        "soon": EventPageFactory(parent=event_index, title="Wkrótce", starts_at=in_days(2)),
        "today": EventPageFactory(
            parent=event_index, title="Dziś bez końca", starts_at=in_days(0, 0), ends_at=None
        ),
        "recent": EventPageFactory(
            parent=event_index,
            title="Niedawno",
            kind=EventKind.SENIOR_COUNCIL,
            starts_at=in_days(-3),
        ),
        "old": EventPageFactory(parent=event_index, title="Dawno", starts_at=in_days(-90)),
        "draft": EventPageFactory(parent=event_index, title="Szkic", live=False),
    }


def test_upcoming_soonest_first_and_the_past_in_its_archive_newest_first(client, events):
    response = client.get("/wydarzenia/")
    assert titles(response, "upcoming") == ["Dziś bez końca", "Wkrótce", "Później"]
    html = response.content.decode()
    assert html.index("Nadchodzące wydarzenia") < html.index("Wkrótce")
    assert 'href="/wydarzenia/minione/"' in html
    assert "Niedawno" not in html and "Szkic" not in html
    archive = client.get("/wydarzenia/minione/")
    assert archive.status_code == 200
    assert titles(archive, "past") == ["Niedawno", "Dawno"]
    html = archive.content.decode()
    assert "<h1>Minione wydarzenia</h1>" in html
    assert "Wkrótce" not in html and "Szkic" not in html
    assert '<a href="/wydarzenia/">Nadchodzące wydarzenia</a>' in html


def test_events_by_kind_and_each_list_offers_the_kinds_it_holds(client, events, event_index):
    senior = "Posiedzenie Rady Seniorów"
    EventPageFactory(parent=event_index, title="Warsztat", kind=EventKind.WORKSHOP)
    response = client.get("/wydarzenia/", {"rodzaj": "rada-seniorow"})
    assert titles(response, "upcoming") == []
    assert 'href="/wydarzenia/minione/?rodzaj=rada-seniorow"' in response.content.decode()
    archive = client.get("/wydarzenia/minione/", {"rodzaj": "rada-seniorow"})
    assert titles(archive, "past") == ["Niedawno"]
    # and back, with the filter kept
    assert 'href="/wydarzenia/?rodzaj=rada-seniorow">Nadchodzące wydarzenia tego rodzaju' in (
        archive.content.decode()
    )
    # Counts are of the list's own events: no link leads to an empty list.
    assert senior not in client.get("/wydarzenia/").content.decode()
    assert f"{senior} (1)" in client.get("/wydarzenia/minione/").content.decode()
    upcoming = client.get("/wydarzenia/").content.decode()
    assert "Szkolenie (3)" in upcoming and "Warsztaty (1)" in upcoming
    assert "Szkolenie (1)" in client.get("/wydarzenia/minione/").content.decode()
    assert client.get("/wydarzenia/", {"rodzaj": "x", "strona": "zz"}).status_code == 200
    assert client.get("/wydarzenia/minione/", {"rodzaj": "x", "strona": "-1"}).status_code == 200


def test_drafts_and_restricted_events_are_in_no_list_and_no_count(client, event_index):
    EventPageFactory(parent=event_index, title="Jawne", starts_at=in_days(3))
    EventPageFactory(parent=event_index, title="Jawne minione", starts_at=in_days(-3))
    # Of another kind: counted, it would make the kind filter appear ("Warsztaty (1)").
    for when, days in (("nadchodzący", 4), ("miniony", -4)):
        EventPageFactory(
            parent=event_index,
            title=f"Szkic {when}",
            kind=EventKind.WORKSHOP,
            starts_at=in_days(days),
            live=False,
        )
        hidden = EventPageFactory(
            parent=event_index,
            title=f"Dla grupy {when}",
            kind=EventKind.CONFERENCE,
            starts_at=in_days(days),
        )
        PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    for url, key, shown in (
        ("/wydarzenia/", "upcoming", "Jawne"),
        ("/wydarzenia/minione/", "past", "Jawne minione"),
    ):
        response = client.get(url)
        assert titles(response, key) == [shown]
        assert response.context["pagination"].page.paginator.count == 1
        html = response.content.decode()
        assert "Szkic" not in html and "Dla grupy" not in html
        assert "Warsztaty" not in html and "Konferencja" not in html
        assert response.context["filter_groups"] == []  # a single kind: no choice


def test_upcoming_events_are_paginated_soonest_first(client, event_index):
    for n in range(12):
        EventPageFactory(parent=event_index, title=f"Za {n + 1:02d} dni", starts_at=in_days(n + 1))
    EventPageFactory(parent=event_index, title="Warsztat", kind=EventKind.WORKSHOP)
    first = client.get("/wydarzenia/", {"rodzaj": "szkolenie"})
    assert titles(first, "upcoming") == [f"Za {n:02d} dni" for n in range(1, 11)]
    html = first.content.decode()
    assert 'href="/wydarzenia/?rodzaj=szkolenie&amp;strona=2" rel="next"' in html
    assert "Strona 1 z 2" in html
    second = client.get("/wydarzenia/", {"rodzaj": "szkolenie", "strona": "2"})
    assert titles(second, "upcoming") == ["Za 11 dni", "Za 12 dni"]
    # Past the end: the last page, as every list (core.listing).
    for beyond in ("3", "99999999999999999999"):
        response = client.get("/wydarzenia/", {"rodzaj": "szkolenie", "strona": beyond})
        assert response.status_code == 200
        assert titles(response, "upcoming") == ["Za 11 dni", "Za 12 dni"]
    unfiltered = client.get("/wydarzenia/", {"strona": "2"})
    assert len(unfiltered.context["upcoming"]) == 3  # the workshop too: 13 in all


def test_past_events_are_paginated_newest_first(client, event_index):
    for n in range(12):
        EventPageFactory(parent=event_index, title=f"Minione {n:02d}", starts_at=in_days(-n - 1))
    EventPageFactory(parent=event_index, title="Nadchodzące", starts_at=in_days(1))
    first = client.get("/wydarzenia/minione/")
    assert titles(first, "past") == [f"Minione {n:02d}" for n in range(10)]
    assert 'href="/wydarzenia/minione/?strona=2" rel="next"' in first.content.decode()
    second = client.get("/wydarzenia/minione/", {"strona": "2"})
    assert titles(second, "past") == ["Minione 10", "Minione 11"]
    beyond = client.get("/wydarzenia/minione/", {"strona": "5"})
    assert titles(beyond, "past") == ["Minione 10", "Minione 11"]
    assert not client.get("/wydarzenia/").context["pagination"].is_needed


def test_events_at_the_same_moment_keep_one_order_across_pages(client, event_index):
    """A total order (the start, then the id): no event is shown twice or skipped
    between pages when many start at the same time."""
    moment = in_days(5)
    made = [EventPageFactory(parent=event_index, starts_at=moment).pk for _ in range(13)]
    shown = [
        event.pk
        for number in ("1", "2")
        for event in client.get("/wydarzenia/", {"strona": number}).context["upcoming"]
    ]
    assert shown == sorted(made)
    past = in_days(-5)
    made = [EventPageFactory(parent=event_index, starts_at=past).pk for _ in range(13)]
    shown = [
        event.pk
        for number in ("1", "2")
        for event in client.get("/wydarzenia/minione/", {"strona": number}).context["past"]
    ]
    assert shown == sorted(made, reverse=True)


def test_event_lists_show_places_and_query_counts_stay_flat(client, event_index):
    def add_event(n, taken, days=None):
        event = EventPageFactory(
            parent=event_index,
            title=f"Szkolenie {n}" if days is None else f"Minione szkolenie {n}",
            registration=Registration.OPEN,
            places=10,
            starts_at=in_days(n + 1 if days is None else days),
        )
        EventRegistrationFactory.create_batch(taken, event=event)
        return event

    first = add_event(0, 3)
    EventRegistrationFactory(event=first, is_cancelled=True)  # its place is free again
    add_event(0, 1, days=-1)
    response = client.get("/wydarzenia/")
    assert "Wolne miejsca: 7 z 10" in response.content.decode()
    assert response.context["upcoming"][0].taken == 3
    few = count_queries(client, "/wydarzenia/")
    few_past = count_queries(client, "/wydarzenia/minione/")
    # More than a page of each, with registrations: the same queries.
    for n in range(1, 13):
        add_event(n, 2)
        add_event(n, 1, days=-n - 1)
    assert count_queries(client, "/wydarzenia/") == few
    assert count_queries(client, "/wydarzenia/?strona=2") == few
    assert count_queries(client, "/wydarzenia/?rodzaj=szkolenie") == few
    assert count_queries(client, "/wydarzenia/minione/") == few_past
    assert count_queries(client, "/wydarzenia/minione/?strona=2") == few_past
    assert "Wolne miejsca: 8 z 10" in client.get("/wydarzenia/?strona=2").content.decode()


def test_an_event_ending_mid_day_leaves_the_cached_list_when_it_ends(client, event_index, settings):
    """The page cache keeps the lists no later than the next end of a published event
    (its lifecycle, pages.cao.event_state, names `ends_at`): not until midnight, nor
    for PAGE_CACHE_SECONDS."""
    import time
    from datetime import timedelta

    from django.utils import timezone

    from core.models import SiteContactSettings
    from pages.cao.models import EventPage

    settings.PAGE_CACHE_SECONDS = 3600
    SiteContactSettings.for_site(event_index.get_site())
    event = EventPageFactory(parent=event_index, title="Kończy się zaraz")
    # Set on the live row directly: however slow the machine was at building the page,
    # the clock starts here.
    ends_at = timezone.now() + timedelta(seconds=2)
    EventPage.objects.filter(pk=event.pk).update(
        starts_at=ends_at - timedelta(hours=1), ends_at=ends_at
    )
    first = client.get("/wydarzenia/")
    second = client.get("/wydarzenia/")
    archive = client.get("/wydarzenia/minione/")
    assert (first.headers["X-Page-Cache"], second.headers["X-Page-Cache"]) == ("miss", "hit")
    assert "Kończy się zaraz" in second.content.decode()
    assert "Kończy się zaraz" not in archive.content.decode()
    time.sleep(max(0.0, (ends_at - timezone.now()).total_seconds()) + 0.1)
    after = client.get("/wydarzenia/")
    assert after.headers["X-Page-Cache"] == "miss"
    assert "Kończy się zaraz" not in after.content.decode()
    assert "Kończy się zaraz" in client.get("/wydarzenia/minione/").content.decode()


def test_the_lists_take_their_number_of_items_from_their_grouped_counts(client, event_index):
    """No COUNT of its own for the events' lists and the guides (`paginate(count=)`):
    the grouped counts of the filters give the number of pages."""
    from tests.factories.cao import GuidanceIndexPageFactory

    guides = GuidanceIndexPageFactory(parent=event_index.get_parent())
    for n in range(13):
        EventPageFactory(parent=event_index, starts_at=in_days(n + 1))
        EventPageFactory(parent=event_index, starts_at=in_days(-n - 1))
        GuidancePageFactory(parent=guides)
    for url in ("/wydarzenia/", "/wydarzenia/minione/", "/poradniki/", "/poradniki/?dla=seniorzy"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, {"strona": "2"})
        assert response.context["pagination"].is_needed, url
        counts = [q["sql"] for q in queries if '"__count"' in q["sql"]]
        assert counts == [], (url, counts)


def test_the_archive_is_the_current_place_in_the_breadcrumbs(client, events):
    """On the archive, the events' page is a link back and the archive the current one."""
    html = client.get("/wydarzenia/minione/").content.decode()
    trail = html[html.index('aria-label="Ścieżka nawigacji"') :]
    trail = trail[: trail.index("</nav>")]
    assert f'<a href="/wydarzenia/">{events["soon"].get_parent().title}</a>' in trail
    assert '<span aria-current="page">Minione wydarzenia</span>' in trail
    assert trail.count("aria-current") == 1
    upcoming = client.get("/wydarzenia/").content.decode()
    assert f'<span aria-current="page">{events["soon"].get_parent().title}</span>' in upcoming


def test_an_event_nobody_registered_for_has_every_place_free(client, event_index):
    """No registration: the subquery finds no row, the event's `taken` is 0, not NULL
    (which would count its places again, one query per event)."""
    EventPageFactory(parent=event_index, registration=Registration.OPEN, places=5)
    response = client.get("/wydarzenia/")
    assert response.context["upcoming"][0].taken == 0
    assert "Wolne miejsca: 5 z 5" in response.content.decode()
