"""Two-factor login in a real browser: an editor enrols (QR code and secret on the page,
no script), signs in again through the public login with a code computed here, and the
pages involved pass axe with no console error.

A server of its own: the shared one runs with the second factor off, so that the other
browser tests' editors can sign in with a password alone.
"""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from tests.browser.checks import axe_violations
from tests.browser.conftest import EDITOR
from tests.live_site import prepared_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def strict_site(site_template):
    # A copy of the session's seeded database, editors included (tests/browser/conftest.py).
    with prepared_site(
        "browser2fa",
        env_overrides={"SECOND_FACTOR_REQUIRED": "1", "WAGTAIL_AUTOSAVE_INTERVAL": "0"},
        template=site_template,
    ) as site:
        yield site


def code(key: bytes, steps_ahead: int = 0) -> str:
    totp = TOTP(key)
    totp.time = totp.time + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_editor_enrols_then_signs_in_with_a_code(chromium, strict_site):
    context = chromium.new_context(locale="pl-PL", java_script_enabled=False)
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.goto(strict_site.url("/admin/login/"))
    tab.fill("input[name=username]", EDITOR["username"])
    tab.fill("input[name=password]", EDITOR["password"])
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/logowanie/dwuetapowe/**")
    assert tab.get_by_role("heading", level=1).inner_text() == "Włącz logowanie dwuetapowe"
    assert tab.get_by_role("img", name="Kod QR do zeskanowania aplikacją").is_visible()
    secret = tab.locator("#otp-secret").inner_text().replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    tab.get_by_label("Kod z aplikacji").fill(code(key))
    tab.get_by_role("button", name="Włącz logowanie dwuetapowe").click()
    assert tab.get_by_role("heading", level=1).inner_text() == "Kody zapasowe"
    codes = tab.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    tab.get_by_role("link", name="Przejdź dalej").click()
    tab.wait_for_url("**/admin/")
    context.close()

    # A new browser: the public login, then the code (the next step's: the one just used
    # for enrolment is not accepted twice).
    context = chromium.new_context(locale="pl-PL")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    tab.goto(strict_site.url("/logowanie/?next=/admin/"))
    tab.get_by_label("Nazwa użytkownika").fill(EDITOR["username"])
    tab.get_by_label("Hasło").fill(EDITOR["password"])
    tab.get_by_role("button", name="Zaloguj się").click()
    tab.wait_for_url(re.compile(r".*/logowanie/weryfikacja/.*"))
    assert axe_violations(tab) == []
    tab.get_by_label("Kod z aplikacji lub kod zapasowy").fill(code(key, steps_ahead=1))
    tab.get_by_role("button", name="Potwierdź").click()
    # The form posts to its answer's fragment (#wynik, for a failed code); a browser keeps
    # that fragment across the redirect that follows a correct one.
    tab.wait_for_url(re.compile(r".*/admin/(#wynik)?$"))
    context.close()
