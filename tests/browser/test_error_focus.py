"""At 320 px, after a failed submit, the focus is on the error summary (no JavaScript: the
form's action carries `#wynik`, the summary's id) and the summary is in the first screen;
the title starts with "Błąd: "."""

import pytest

from tests.browser.test_forms_by_keyboard import (
    CASES,
    _event_with_registration,
    _form_url,
    _in_form,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def narrow_tab(chromium, live_site):
    context = chromium.new_context(
        locale="pl-PL", viewport={"width": 320, "height": 640}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_a_failed_submit_focuses_the_error_summary_at_320px(narrow_tab, live_site, case):
    tab = narrow_tab
    tab.goto(live_site.url(_form_url(case, live_site)))
    assert not tab.title().startswith("Błąd")
    button = tab.locator(f"xpath={_in_form(tab, case)}").get_by_role(
        "button", name=case.submit_text
    )
    with tab.expect_navigation():
        button.click()
    assert tab.url.endswith("#wynik")
    assert tab.title().startswith("Błąd: ")
    # JavaScript is off in the page; Playwright's own evaluation still runs.
    focused = tab.evaluate(
        """() => {
            const el = document.activeElement;
            const box = el.getBoundingClientRect();
            return {id: el.id, cls: el.className, top: box.top, bottom: box.bottom,
                    height: window.innerHeight};
        }"""
    )
    assert focused["id"] == "wynik", focused
    assert "error-summary" in focused["cls"]
    assert -1 <= focused["top"] < focused["height"], focused  # sub-pixel rounding


def test_needs_ask_for_the_explicit_consent_and_the_receipt_is_focused(narrow_tab, live_site):
    """A resident describes a need without ticking the consent: the summary, focused, says
    so and links to the box; ticked, the registration goes through and the focus is on the
    receipt."""
    path = _event_with_registration(live_site)
    if path is None:
        pytest.skip("no event with open registration in the sample content")
    tab = narrow_tab
    tab.goto(live_site.url(path))
    box = tab.locator("#id_needs_consent")
    assert box.get_attribute("type") == "checkbox" and not box.is_checked()
    tab.fill("#id_name", "Ewa Zielińska")
    tab.fill("#id_email", "ewa.zielinska@example.pl")
    tab.fill("#id_needs", "dostęp dla wózka")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Zapisz się").click()
    assert tab.title().startswith("Błąd: ")
    assert tab.evaluate("document.activeElement.id") == "wynik"
    assert tab.locator("#wynik a[href='#id_needs_consent']").count() == 1
    assert tab.input_value("#id_needs") == "dostęp dla wózka"  # kept
    tab.check("#id_needs_consent")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Zapisz się").click()
    assert not tab.title().startswith("Błąd")
    focused = tab.evaluate("[document.activeElement.id, document.activeElement.className]")
    assert focused == ["wynik", "receipt"]
    assert "Numer potwierdzenia" in tab.inner_text("#wynik")
