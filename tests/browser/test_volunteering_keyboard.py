"""Answering a volunteering offer with the keyboard alone: from the list to an open
offer's page by Tab and Enter, the answer form filled (the age group chosen with the
arrow keys, the consent ticked with Space) and sent with Enter, the receipt shown; and,
sent without a name, the error announced at the top and beside the field, what was
typed kept."""

import pytest

from tests.browser.checks import assert_focus_visible, focused, tab_to

pytestmark = pytest.mark.browser

SEND = "Wyślij zgłoszenie"


def _open_offer_by_keyboard(tab, live_site) -> str:
    tab.goto(live_site.url("/wolontariat/"))
    link = tab.locator(".card h2 a").first
    href = link.get_attribute("href")
    assert href, "no open sample offer on /wolontariat/"
    title = link.inner_text().strip()[:40]
    states = tab_to(tab, lambda s: s["tag"] == "a" and s["text"] == title, limit=150)
    assert_focus_visible(states[-1:])
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert tab.url.endswith(href)
    return href


def _fill(tab, values: dict) -> list[dict]:
    """Tab into the answer form and through it, typing VALUES; stop on its send button."""
    states = tab_to(tab, lambda s: s["name"] == "name", limit=150)
    for _ in range(40):
        state = focused(tab)
        states.append(state)
        if state["tag"] == "button" and state["text"] == SEND:
            return states
        value = values.get(state["name"])
        if state["name"] == "age_group" and values.get("age_group"):
            # In a radio group the arrows move the choice: the third is "18 lat lub więcej".
            tab.keyboard.press("ArrowDown")
            tab.keyboard.press("ArrowDown")
        elif value is True:
            tab.keyboard.press("Space")
        elif value:
            tab.keyboard.type(value)
        tab.keyboard.press("Tab")
    raise AssertionError(f"never reached „{SEND}”: {states[-5:]}")


def test_an_offer_is_found_and_answered_with_the_keyboard_alone(tab, live_site):
    _open_offer_by_keyboard(tab, live_site)
    states = _fill(
        tab,
        {
            "name": "Wanda Klawiaturowa",
            "email": "wanda.klawiaturowa@example.pl",
            "age_group": "18-plus",
            "message": "Mogę pomagać w soboty.",
            "consent": True,
        },
    )
    assert_focus_visible(states)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    body = tab.inner_text("body")
    assert "Numer potwierdzenia" in body, body[:2000]
    assert "WO-" in body
    assert not tab.problems.messages


def test_a_wrong_answer_shows_its_errors_and_keeps_what_was_typed(tab, live_site):
    _open_offer_by_keyboard(tab, live_site)
    _fill(tab, {"email": "bez.imienia@example.pl", "consent": True})
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    summary = tab.locator(".error-summary[role=alert]")
    assert summary.count() == 1
    assert "Podaj imię i nazwisko." in summary.inner_text()
    name = tab.locator("#id_name")
    assert name.get_attribute("aria-invalid") == "true"
    assert "id_name_error" in (name.get_attribute("aria-describedby") or "")
    assert tab.locator("#id_email").input_value() == "bez.imienia@example.pl"
