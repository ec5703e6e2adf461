"""One lifecycle, one label: a consultation, a grant call, a small-grant offer and an event
registration in each of their states show the same state label on their page, in their
public listing, in the site-wide search (result and facet) and in the API; the HTML
listings filter by the states' Polish slugs and the API by their English values."""

import re
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

import pytest

from core import lifecycle
from pages.cao.event_state import EVENT
from pages.consultations.state import CONSULTATION
from snippets.call_state import CALL
from snippets.offer_state import OFFER
from tests.factories.cao import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationFactory,
    in_days,
)
from tests.factories.consultations import ConsultationIndexPageFactory, ConsultationPageFactory
from tests.factories.registry import (
    GrantCallFactory,
    GrantCallIndexPageFactory,
    SmallGrantOfferFactory,
)

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)
# One distinct word per object, so that a search for it finds that object alone.
WORDS = [
    "ametyst",
    "bursztyn",
    "cyrkon",
    "diament",
    "szmaragd",
    "granat",
    "jaspis",
    "kwarc",
    "malachit",
    "nefryt",
    "onyks",
    "opal",
    "rubin",
    "szafir",
    "topaz",
    "turkus",
    "agat",
    "beryl",
]


@dataclass
class Case:
    lifecycle: lifecycle.Lifecycle
    state: lifecycle.State
    word: str
    page_url: str
    listing_url: str
    api_url: str
    filter_slug: bool  # the listing has a `stan` filter


@pytest.fixture
def cases(home_page, django_capture_on_commit_callbacks):
    now = timezone.now()
    built = []
    words = iter(WORDS)
    with django_capture_on_commit_callbacks(execute=True):
        consultations = ConsultationIndexPageFactory(parent=home_page)
        calls = GrantCallIndexPageFactory(parent=home_page)
        calls.save_revision().publish()
        events = EventIndexPageFactory(parent=home_page)

        def consultation(state, **fields):
            word = next(words)
            page = ConsultationPageFactory(
                parent=consultations, title=f"Konsultacja {word}", **fields
            )
            built.append(
                Case(
                    CONSULTATION,
                    state,
                    word,
                    page.url,
                    consultations.url,
                    f"/api/v2/consultations/{page.pk}/",
                    True,
                )
            )

        consultation(CONSULTATION.PLANNED, opens_at=now + 5 * DAY, closes_at=now + 30 * DAY)
        consultation(CONSULTATION.OPEN)
        consultation(CONSULTATION.CLOSED, opens_at=now - 30 * DAY, closes_at=now - DAY)
        consultation(
            CONSULTATION.CONCLUDED,
            opens_at=now - 30 * DAY,
            closes_at=now - 10 * DAY,
            report_summary="<p>Raport z konsultacji.</p>",
            report_date=timezone.localdate() - DAY,
        )
        consultation(
            CONSULTATION.CANCELLED, is_cancelled=True, cancellation_reason="Wycofany projekt."
        )

        def call(state, **fields):
            word = next(words)
            grant_call = GrantCallFactory(title=f"Konkurs {word}", **fields)
            built.append(
                Case(
                    CALL,
                    state,
                    word,
                    f"{calls.url}{grant_call.slug}/",
                    calls.url,
                    f"/api/v2/grant-calls/{grant_call.pk}/",
                    True,
                )
            )

        call(CALL.PLANNED, announced_at=now + 3 * DAY, offers_due_at=now + 30 * DAY)
        call(CALL.OPEN)
        call(CALL.EVALUATION, announced_at=now - 40 * DAY, offers_due_at=now - 5 * DAY)
        call(
            CALL.RESOLVED,
            announced_at=now - 60 * DAY,
            offers_due_at=now - 30 * DAY,
            results_published_at=now - 10 * DAY,
        )
        call(
            CALL.CANCELLED,
            announced_at=now - 60 * DAY,
            offers_due_at=now - 30 * DAY,
            cancelled_at=now - 10 * DAY,
            cancellation_reason="brak-ofert",
        )

        def offer(state, days_ago):
            word = next(words)
            small = SmallGrantOfferFactory(
                title=f"Oferta {word}",
                received_on=timezone.localdate() - (days_ago + 1) * DAY,
                published_on=timezone.localdate() - days_ago * DAY,
            )
            built.append(
                Case(
                    OFFER,
                    state,
                    word,
                    f"{calls.url}oferty/{small.pk}/",
                    f"{calls.url}oferty/",
                    f"/api/v2/small-grant-offers/{small.pk}/",
                    False,
                )
            )

        offer(OFFER.OPEN, 2)
        offer(OFFER.CLOSED, 10)

        def event(state, registrations=0, **fields):
            word = next(words)
            page = EventPageFactory(
                parent=events, title=f"Szkolenie {word}", registration="otwarte", **fields
            )
            page.save_revision().publish()
            for _ in range(registrations):
                EventRegistrationFactory(event=page)  # re-indexes the event: places fill
            built.append(
                Case(EVENT, state, word, page.url, events.url, f"/api/v2/pages/{page.pk}/", False)
            )

        event(EVENT.OPEN)
        event(EVENT.FULL, registrations=1, places=1)
        event(EVENT.CLOSED, registration_deadline=now - timedelta(hours=1), starts_at=in_days(7))
    return built


def listing_item(html: str, word: str) -> str:
    """The <li> of a listing that holds WORD."""
    for item in re.findall(r"<li\b.*?</li>", html, flags=re.S):
        if word in item and "<h" in item:
            return item
    raise AssertionError(f"{word} not in the listing")


def test_every_state_is_covered(cases):
    covered = {(case.lifecycle.name, case.state.value) for case in cases}
    expected = {
        (each.name, state.value)
        for each in (CONSULTATION, CALL, OFFER, EVENT)
        for state in each
        if state != EVENT.NONE  # an event without registration shows no state anywhere
    }
    assert covered == expected


def test_the_same_label_on_the_page_in_the_listing_in_search_and_in_the_api(client, cases):
    for case in cases:
        label, where = case.state.label, f"{case.lifecycle.name} {case.state.value}"

        page = client.get(case.page_url)
        assert page.status_code == 200, where
        assert label in page.text, where

        item = listing_item(client.get(case.listing_url).text, case.word)
        assert label in item, where
        others = [s.label for s in case.lifecycle if s != case.state]
        assert not [other for other in others if other in item], where

        found = client.get("/api/v2/search/", {"q": case.word}).json()
        assert [r["state"] for r in found["results"]] == [case.state.value], where
        facets = {(f["type"], f["value"]): f["label"] for f in found["facets"]["state"]}
        assert facets == {(case.lifecycle.name, case.state.value): label}, where
        assert f"<span>{label}</span>" in client.get("/szukaj/", {"q": case.word}).text, where

        data = client.get(case.api_url).json()
        assert (data["state"], data["state_label"]) == (case.state.value, label), where


def test_html_listings_filter_by_polish_slugs_and_the_api_by_english_values(client, cases):
    api_lists = {
        CONSULTATION.name: "/api/v2/consultations/",
        CALL.name: "/api/v2/grant-calls/",
        OFFER.name: "/api/v2/small-grant-offers/",
    }
    for case in cases:
        where = f"{case.lifecycle.name} {case.state.value}"
        if case.filter_slug:
            html = client.get(case.listing_url, {"stan": case.state.slug}).text
            others = [c.word for c in cases if c.lifecycle is case.lifecycle and c is not case]
            assert case.word in html, where
            assert not [word for word in others if word in html], where
        if case.lifecycle.name in api_lists:
            response = client.get(
                api_lists[case.lifecycle.name], {"state": case.state.value, "fields": "state"}
            )
            assert {item["state"] for item in response.json()["items"]} == {case.state.value}


def test_old_public_urls_keep_answering(client, cases):
    consultations = next(c for c in cases if c.lifecycle is CONSULTATION)
    # The old English parameter answers with a 301 to the Polish address (core.listing).
    response = client.get(consultations.listing_url, {"state": "open"}, follow=True)
    assert response.redirect_chain[0][1] == 301
    assert response.redirect_chain[-1][0].endswith("?stan=otwarta")
    html = response.text
    open_word = next(c.word for c in cases if c.state == CONSULTATION.OPEN)
    planned_word = next(c.word for c in cases if c.state == CONSULTATION.PLANNED)
    assert open_word in html and planned_word not in html
    # The filter's links speak the new vocabulary.
    assert "stan=otwarta" in html and "state=" not in html
    response = client.get("/api/v2/grant-calls/", {"state": "otwarty", "fields": "state"})
    assert {item["state"] for item in response.json()["items"]} == {"open"}
    assert client.get("/api/v2/grant-calls/", {"state": "zly"}).status_code == 400


def test_values_slugs_and_labels_are_unique_within_each_lifecycle():
    for each in lifecycle.registered():
        for attribute in ("value", "slug", "label"):
            values = [getattr(state, attribute) for state in each]
            assert len(values) == len(set(values)), (each.name, attribute)


def test_the_page_cache_clock_reads_the_lifecycles(cases, django_assert_num_queries):
    now = timezone.now()
    soonest = min(moment for each in lifecycle.registered() if (moment := each.next_change(now)))
    # All lifecycles in one query: the page cache asks after every save.
    with django_assert_num_queries(1):
        assert lifecycle.next_change(now) == soonest
    # The closed event's registration deadline passed; its start is ahead.
    assert EVENT.next_change(now) <= in_days(7)
