"""A vote in the budget with the keyboard alone (issue 16): the osiedle chosen by a plain
form, the ballot filled (a project ticked with Space, the identity typed, the declarations
ticked) and sent, the receipt shown; sent wrong, the errors announced at the top with what
was typed kept. On the sample content's open vote (voting.sample_content)."""

import json
import urllib.request
from datetime import date

import pytest

from tests.browser.checks import assert_focus_visible, axe_violations, focused, tab_to
from voting.pesel import check_digit

pytestmark = pytest.mark.browser


def _pesel(born: date, serial: int) -> str:
    first_ten = f"{born.year % 100:02d}{born.month:02d}{born.day:02d}{serial:04d}"
    return first_ten + str(check_digit(first_ten))


def _ballot_path(site) -> str:
    url = site.url("/api/v2/pages/?type=budget.BudgetEditionPage&slug=przyklad-glosowanie")
    with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310
        items = json.load(answer)["items"]
    if not items:
        pytest.skip("no open vote in the sample content")
    return f"/budzet/glosowanie/{items[0]['id']}/"


def _choose_osiedle(tab) -> list[dict]:
    """Step 1: Tab to the osiedle's select, keep its first osiedle, Tab to the button."""
    states = tab_to(tab, lambda s: s["tag"] == "select" and s["name"] == "pula", limit=60)
    tab.keyboard.press("Tab")
    state = focused(tab)
    states.append(state)
    assert state["tag"] == "button" and "karta do głosowania" in state["text"], state
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    return states


def _fill_ballot(tab, values: dict, tick_one_of: str | None) -> list[dict]:
    """Tab through the ballot from its first project, tick the first checkbox of the pool
    TICK_ONE_OF with Space, type VALUES, tick every required declaration, stop on the
    submit button."""
    states = tab_to(tab, lambda s: (s["name"] or "").startswith("pula_"), limit=80)
    ticked = False
    for _ in range(80):
        state = focused(tab)
        states.append(state)
        name = state["name"] or ""
        if state["tag"] == "button" and state["text"] == "Oddaj głos":
            return states
        if tick_one_of and name == tick_one_of and not ticked:
            tab.keyboard.press("Space")
            ticked = True
        elif name in ("residence", "consent_rules") and values.get(name):
            tab.keyboard.press("Space")
        elif values.get(name):
            tab.keyboard.type(values[name])
        tab.keyboard.press("Tab")
    raise AssertionError(f"never reached „Oddaj głos”: {states[-5:]}")


def _city_pool_field(tab) -> str:
    return tab.locator("input[type=checkbox][name^='pula_']").first.get_attribute("name")


def test_a_vote_is_cast_with_the_keyboard_alone(tab, live_site):
    tab.goto(live_site.url(_ballot_path(live_site)))
    states = _choose_osiedle(tab)
    assert tab.locator("text=Karta do głosowania").count() >= 1
    values = {
        "first_name": "Klawiatura",
        "last_name": "Głosująca",
        "pesel": _pesel(date(1985, 4, 12), 4321),
        "email": "klawiatura.glosujaca@example.pl",
        "residence": True,
        "consent_rules": True,
    }
    states += _fill_ballot(tab, values, _city_pool_field(tab))
    assert_focus_visible(states)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    body = tab.inner_text("body")
    assert tab.locator(".error-summary").count() == 0, body[:2000]
    assert "Dziękujemy – głos został zapisany" in body
    assert "GL-" in body  # the receipt number
    assert not axe_violations(tab)
    assert not tab.problems.messages


def test_a_wrong_ballot_is_announced_and_keeps_what_was_typed(tab, live_site):
    tab.goto(live_site.url(_ballot_path(live_site)))
    _choose_osiedle(tab)
    values = {
        "first_name": "Wpisane przeze mnie",
        "pesel": "12345678901",  # a wrong check digit
        "residence": True,  # the rules' declaration left unticked
    }
    _fill_ballot(tab, values, _city_pool_field(tab))
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    summary = tab.locator(".error-summary")
    assert summary.count() == 1, tab.inner_text("body")[:2000]
    assert summary.get_attribute("role") == "alert"
    text = summary.inner_text()
    assert "cyfra kontrolna" in text and "głosujesz tylko raz" in text, text
    assert tab.input_value("[name='first_name']") == "Wpisane przeze mnie"
    assert not axe_violations(tab)
