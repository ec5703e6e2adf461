"""Keyboard alone: every form can be reached, filled and sent, with the focus always visible."""

import pytest

from tests.browser.checks import assert_focus_visible, focused, tab_to

pytestmark = pytest.mark.browser


def test_the_first_tab_shows_the_skip_link_and_it_moves_focus_to_the_content(tab, live_site):
    tab.goto(live_site.url("/wydzial/"))
    tab.keyboard.press("Tab")
    state = focused(tab)
    assert state["text"] == "Przejdź do treści"
    assert_focus_visible([state])
    box = tab.locator(".skip-link").bounding_box()
    assert box["y"] >= 0  # moved into view when focused
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "main"


def test_the_site_search_is_reached_filled_and_sent_with_the_keyboard(tab, live_site):
    tab.goto(live_site.url("/"))
    visited = tab_to(tab, lambda s: s["id"] == "site-search-q")
    assert_focus_visible(visited)
    tab.keyboard.type("konsultacje społeczne")
    with tab.expect_navigation() as navigation:
        tab.keyboard.press("Enter")
    assert "/szukaj/?q=konsultacje+spo%C5%82eczne" in tab.url
    if navigation.value.status != 404:  # the search page, once installed, shows results
        assert navigation.value.status == 200
        assert "konsultacje społeczne" in tab.input_value("main input[name=q]")
        assert tab.locator("main [role=status]").count() == 1  # the count is announced
        assert not tab.problems.messages


def test_every_link_and_control_of_a_page_shows_its_focus(tab, live_site):
    tab.goto(live_site.url("/wydzial/"))
    focusable = 'a[href], button, select, textarea, input:not([type=hidden]):not([tabindex="-1"])'
    count = tab.evaluate(f"document.querySelectorAll('{focusable}').length")
    states = []
    for _ in range(count):
        tab.keyboard.press("Tab")
        state = focused(tab)
        if state is not None:
            states.append(state)
    assert len(states) >= count - 1
    assert_focus_visible(states)
