"""Lists of guides, services and events: filters by plain links, pages, bad input ignored."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

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


def test_upcoming_soonest_first_then_past_newest_first(client, events):
    response = client.get("/wydarzenia/")
    assert titles(response, "upcoming") == ["Dziś bez końca", "Wkrótce", "Później"]
    assert titles(response, "past") == ["Niedawno", "Dawno"]
    html = response.content.decode()
    assert html.index("Nadchodzące wydarzenia") < html.index("Wkrótce")
    assert html.index("Minione wydarzenia") < html.index("Niedawno")
    assert "Szkic" not in html


def test_events_by_kind(client, events):
    response = client.get("/wydarzenia/", {"rodzaj": "rada-seniorow"})
    assert titles(response, "upcoming") == []
    assert titles(response, "past") == ["Niedawno"]
    assert client.get("/wydarzenia/", {"rodzaj": "x", "strona": "zz"}).status_code == 200


def test_past_events_are_paginated(client, event_index):
    for n in range(12):
        EventPageFactory(parent=event_index, title=f"Minione {n:02d}", starts_at=in_days(-n - 1))
    first = client.get("/wydarzenia/")
    assert len(first.context["past"]) == 10
    second = client.get("/wydarzenia/", {"strona": "2"})
    assert titles(second, "past") == ["Minione 10", "Minione 11"]


def test_event_list_shows_places_and_query_count_is_flat(client, event_index):
    def add_event(n, taken):
        event = EventPageFactory(
            parent=event_index,
            title=f"Szkolenie {n}",
            registration=Registration.OPEN,
            places=10,
            starts_at=in_days(n + 1),
        )
        EventRegistrationFactory.create_batch(taken, event=event)

    add_event(0, 3)
    response = client.get("/wydarzenia/")
    assert "Wolne miejsca: 7 z 10" in response.content.decode()
    few = count_queries(client, "/wydarzenia/")
    for n in range(1, 6):
        add_event(n, 2)
    assert count_queries(client, "/wydarzenia/") == few
