"""The other apps' content in the index: consultations and announcements (with states),
the NGO registry and grant calls, CAO services, guides and events."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

import pytest

from pages.consultations.models import ConsultationPage
from search import indexing
from search.models import SearchEntry
from tests.factories.cao import (
    AdvisoryServiceIndexPageFactory,
    AdvisoryServicePageFactory,
    EventIndexPageFactory,
    EventPageFactory,
    GuidanceIndexPageFactory,
    GuidancePageFactory,
)
from tests.factories.consultations import (
    AnnouncementIndexPageFactory,
    AnnouncementPageFactory,
    ConsultationIndexPageFactory,
    ConsultationPageFactory,
)
from tests.factories.registry import (
    GrantAwardFactory,
    GrantCallFactory,
    GrantCallIndexPageFactory,
    NGODirectoryPageFactory,
    NGOFactory,
)

pytestmark = pytest.mark.django_db


def api(client, query, **params):
    response = client.get("/api/v2/search/", {"q": query, **params})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def consultations(home_page, index_now):
    with index_now():
        index = ConsultationIndexPageFactory(parent=home_page)
        open_one = ConsultationPageFactory(
            parent=index,
            title="Konsultacje programu współpracy z organizacjami",
            legal_basis="Uchwała nr XII/234/2026 Rady Miejskiej w Dąbrowie Górniczej",
        )
        planned = ConsultationPageFactory(
            parent=index,
            title="Konsultacje planu zagospodarowania parku",
            opens_at=timezone.now() + timedelta(days=5),
            closes_at=timezone.now() + timedelta(days=30),
        )
    return {"open": open_one, "planned": planned}


def test_consultations_have_their_type_and_state_as_facets(client, consultations):
    data = api(client, "konsultacja")
    # The listing page "Konsultacje społeczne" is a page; the two consultations are not.
    assert {"value": "consultation", "label": "Konsultacje społeczne", "count": 2} in (
        data["facets"]["type"]
    )
    states = {(f["type"], f["value"]): f["count"] for f in data["facets"]["state"]}
    assert states == {("consultation", "open"): 1, ("consultation", "planned"): 1}
    only_open = api(client, "konsultacje", type="consultation", state="open")
    assert [r["title"] for r in only_open["results"]] == [consultations["open"].title]
    assert only_open["results"][0]["state"] == "open"
    # The resolution number of the legal basis is an identifier of the consultation.
    assert api(client, "XII/234/2026")["results"][0]["title"] == consultations["open"].title


def test_the_state_follows_the_clock_through_refresh_due(client, consultations):
    page = consultations["open"]
    entry = SearchEntry.objects.get(kind="consultation", object_id=str(page.pk))
    assert entry.refresh_at == page.closes_at
    # The consultation closes: its dates say so, and the moment has come for the index.
    past = timezone.now() - timedelta(minutes=1)
    ConsultationPage.objects.filter(pk=page.pk).update(closes_at=past)
    SearchEntry.objects.filter(pk=entry.pk).update(refresh_at=past)
    # A search only reads: the entry is refreshed by the command cron runs.
    assert api(client, "program współpracy")["results"][0]["state"] == "open"
    call_command("search_index", "refresh-due")
    data = api(client, "program współpracy")
    assert data["results"][0]["state"] == "closed"
    entry.refresh_from_db()
    assert entry.state == "closed" and entry.refresh_at is None


def test_the_state_facets_on_the_search_page(client, consultations):
    html = client.get("/szukaj/", {"q": "konsultacje"}).content.decode()
    assert "Konsultacje społeczne: Trwa – można zgłaszać uwagi (1)" in html
    assert 'href="?q=konsultacje&amp;type=consultation&amp;state=planned"' in html


def test_announcements(client, home_page, index_now):
    with index_now():
        index = AnnouncementIndexPageFactory(parent=home_page)
        AnnouncementPageFactory(parent=index, title="Nabór do rady seniorów", summary="Zgłoś się.")
    result = api(client, "rada senior")["results"][0]
    assert (result["type"], result["title"]) == ("announcement", "Nabór do rady seniorów")
    assert result["date"]


@pytest.fixture
def registry(home_page, index_now):
    with index_now():
        directory = NGODirectoryPageFactory(parent=home_page)
        directory.save_revision().publish()
        calls = GrantCallIndexPageFactory(parent=home_page)
        calls.save_revision().publish()
        ngo = NGOFactory(
            name="Stowarzyszenie Przyjaciół Zagłębia",
            krs="0000743219",
            description="Organizujemy wypoczynek dzieci i festyny sąsiedzkie.",
        )
        draft = NGOFactory(name="Fundacja Szkicowa Niegotowa", live=False)
        call = GrantCallFactory(
            title="Otwarty konkurs ofert na wypoczynek letni dzieci 2027",
            summary="Dotacje na kolonie i półkolonie.",
        )
        GrantAwardFactory(call=call, ngo=ngo, task_title="Półkolonie w Zagłębiu")
    return {"directory": directory, "calls": calls, "ngo": ngo, "draft": draft, "call": call}


def test_ngos_are_found_by_name_forms_and_krs(client, registry):
    for query in ("stowarzyszenia przyjaciol zaglebia", "0000743219", "743219", "festyn"):
        results = api(client, query, type="ngo")["results"]
        assert [r["title"] for r in results] == ["Stowarzyszenie Przyjaciół Zagłębia"], query
    result = api(client, "0000743219")["results"][0]
    assert result["type"] == "ngo"
    assert result["url"].endswith(registry["directory"].url + registry["ngo"].slug + "/")
    assert api(client, "szkicowa")["count"] == 0


def test_publishing_an_ngo_draft_adds_it(client, registry, index_now):
    draft = registry["draft"]
    with index_now():
        draft.save_revision().publish()
    assert [r["title"] for r in api(client, "fundacja szkicowa")["results"]] == [draft.name]


def test_grant_calls_with_state_and_awards(client, registry):
    data = api(client, "konkurs wypoczynek", type="grant_call", state="open")
    assert [r["title"] for r in data["results"]] == [registry["call"].title]
    assert data["results"][0]["state"] == "open"
    assert data["results"][0]["url"].endswith(registry["calls"].url + registry["call"].slug + "/")
    assert api(client, "polkolonie zaglebie", type="grant_call")["count"] == 1
    entry = SearchEntry.objects.get(kind="grant_call")
    assert entry.refresh_at == registry["call"].offers_due_at


def test_unpublishing_the_directory_removes_the_organisations(client, registry, index_now):
    with index_now():
        registry["directory"].unpublish()
    assert api(client, "0000743219")["count"] == 0
    with index_now():
        registry["directory"].save_revision().publish()
    assert api(client, "0000743219")["count"] == 1


def test_cao_services_guides_and_events(client, home_page, index_now):
    with index_now():
        services = AdvisoryServiceIndexPageFactory(parent=home_page)
        guides = GuidanceIndexPageFactory(parent=home_page)
        events = EventIndexPageFactory(parent=home_page)
        for page in (
            AdvisoryServicePageFactory(parent=services, title="Doradztwo prawne dla stowarzyszeń"),
            GuidancePageFactory(parent=guides, title="Jak założyć fundację"),
            EventPageFactory(parent=events, title="Szkolenie z rozliczania dotacji"),
        ):
            page.save_revision().publish()
    kinds = {r["title"]: r["type"] for r in api(client, "doradztwo prawne")["results"]}
    assert kinds == {"Doradztwo prawne dla stowarzyszeń": "service"}
    assert api(client, "zakladanie fundacji")["results"][0]["type"] == "guidance"
    event = api(client, "szkolenia dotacje")["results"][0]
    assert event["type"] == "event" and event["date"]


def test_a_full_update_indexes_every_source(registry, consultations):
    report = indexing.update_all()
    assert {"ngo", "grant_call", "consultation", "page"} <= set(report.kinds)
