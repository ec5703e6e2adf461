"""A page opened by a secret link (core.secret_links) keeps its own buttons working in a
real browser: under `Referrer-Policy: no-referrer` Chromium posts the page's form with
`Origin: null` and Django's CSRF check answers 403, which no test client shows. Here an
alert subscriber's management page (the e-mailed link) changes the frequency and removes
a subscription by its buttons, and no request the page makes carries the key in its
Referer (`strict-origin`), not even to the site itself (its access logs)."""

import pytest

pytestmark = pytest.mark.browser

MAKE_SUBSCRIBER = """
from alerts.models import Frequency, Subscriber, Subscription
subscriber, _ = Subscriber.objects.get_or_create(email="sekretny.link@example.org")
Subscription.objects.get_or_create(
    subscriber=subscriber, kind="announcement", defaults={"frequency": Frequency.IMMEDIATE}
)
print(subscriber.token)
"""


def test_the_buttons_of_a_secret_link_page_work_in_chromium(tab, live_site):
    token = live_site.manage("shell", "-c", MAKE_SUBSCRIBER).stdout.strip().splitlines()[-1]
    path = f"/powiadomienia/zarzadzaj/{token}/"
    referers = []
    tab.on("request", lambda request: referers.append(request.headers.get("referer") or ""))
    first = tab.goto(live_site.url(path))
    assert first.status == 200
    assert first.headers["referrer-policy"] == "strict-origin"

    tab.select_option("#czestotliwosc", "weekly")
    with tab.expect_navigation() as navigation:
        tab.get_by_role("button", name="Zmień").click()
    assert navigation.value.status == 200, "the form's POST was refused (CSRF Origin?)"
    assert tab.locator("text=Zmieniono częstotliwość powiadomień.").count() == 1
    assert tab.locator("td", has_text="Raz w tygodniu").count() == 1

    with tab.expect_navigation() as navigation:
        tab.get_by_role("button", name="Usuń").first.click()
    assert navigation.value.status == 200
    assert tab.locator("text=Nie obserwujesz niczego.").count() == 1

    # The page's stylesheet and the posted forms were requested: none carried the key.
    assert len([referer for referer in referers if referer]) >= 3
    assert not [referer for referer in referers if token in referer]
