"""WCAG 2.1 AA in a real Chromium: axe-core on every page type, reflow, resized text."""

import urllib.error
import urllib.request

import pytest

from tests.browser.checks import axe_violations, clipped_text, horizontal_overflow
from tests.browser.conftest import representative, sample_page_urls

pytestmark = pytest.mark.browser

# Pages that are not Wagtail pages (views, listings, errors), checked when they answer 200
# or the expected status; others' apps add their listings here as they land.
EXTRA_PATHS = {
    "/nie-ma-takiej-strony/": 404,
    # Lists with a filter chosen and past their first page (the crawl drops query strings).
    "/konsultacje/?stan=otwarta": 200,
    "/organizacje/?strona=2": 200,
    "/konkursy/?stan=otwarty": 200,
    "/poradniki/?dla=organizacje": 200,
    "/wydarzenia/?rodzaj=szkolenie": 200,
    "/wydarzenia/minione/?rodzaj=forum-organizacji": 200,
    # The budget's list (filtered) and a project page, which are routes, not pages.
    "/budzet-obywatelski/projekty/?status=wybrany": 200,
    # Voting (voting/): the receipt check and the typed confirmation code; the ballot and
    # results need an edition's id.
    "/budzet/glosowanie/sprawdz/": 200,
    "/budzet/glosowanie/potwierdz-kodem/": 200,
    # The check of a CAO training certificate's code (pages/cao/certificate_views.py).
    "/zaswiadczenia/sprawdz/": 200,
    # Residents' ideas: the list and a sample edition's ideas with its priority counts.
    "/budzet-obywatelski/pomysly/": 200,
    # What got built (the realisation of selected projects).
    "/budzet-obywatelski/realizacja/": 200,
    "/budzet-obywatelski/pomysly/przyklad-edycja-zakonczona/": 200,
    # A council's register of resolutions, filtered (a route of the council's page).
    "/rady/rada-dzialalnosci-pozytku-publicznego/uchwaly/?stan=przyjeta": 200,
    # An osiedle with the outline drawn from its (sample, fictional) boundary file.
    "/osiedla/reden/": 200,
    # The local initiatives' register (filtered), a route of its index page.
    "/inicjatywa-lokalna/wnioski/?status=przyjety": 200,
    # E-mail alerts (alerts/): the sign-up, also as a "follow this" link with a list's kind.
    "/powiadomienia/": 200,
    "/powiadomienia/?rodzaj=grant_call&rodzaj=small_grant_offer": 200,
    # Consultations: the questionnaire form (open sample) and a published report with its
    # table of comments (concluded sample), which two pages per type may not reach.
    "/konsultacje/przyklad-park-w-redenie/": 200,
    "/konsultacje/przyklad-inicjatywa-lokalna-zasady/": 200,
    # Volunteering (pages/volunteering/): the list filtered; offers are routes of the list.
    "/wolontariat/?tryb=na-miejscu": 200,
    "/wolontariat/statystyki/": 200,
}
OPTIONAL_PATHS = [
    "/szukaj/?q=konsultacje",
    "/szukaj/?q=",
]
PAGES_PER_TYPE = 2


def _status(site, path: str) -> int:
    try:
        with urllib.request.urlopen(site.url(path), timeout=10) as answer:  # noqa: S310
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def collect_public_paths(site, site_map) -> list[str]:
    """One or two pages of every page type (from the API) and of every kind of page the
    links reach (routable sub-pages and views: NGO records, calls, offers, login), and the
    listed extras."""
    paths = []
    for _type, type_paths in sorted(sample_page_urls(site).items()):
        paths.extend(type_paths[:PAGES_PER_TYPE])
    reached = [path for path, status in site_map.items() if status == 200]
    paths.extend(path for path in representative(reached) if path not in paths)
    paths.extend(EXTRA_PATHS)
    paths.extend(path for path in OPTIONAL_PATHS if _status(site, path) == 200)
    return paths


@pytest.fixture(scope="module")
def public_paths(live_site, site_map) -> list[str]:
    return collect_public_paths(live_site, site_map)


# Linked from every page's header and footer before the search app lands (see OPTIONAL_PATHS).
PENDING_LINKS = {"/szukaj/"}


def test_every_link_on_the_site_leads_somewhere(site_map):
    broken = {
        path: status
        for path, status in site_map.items()
        if status >= 400 and not (path in PENDING_LINKS and status == 404)
    }
    assert not broken, broken


def test_the_sample_site_has_the_foundation_page_types(live_site):
    types = sample_page_urls(live_site)
    for expected in (
        "pages.HomePage",
        "pages.DepartmentPage",
        "pages.TeamPage",
        "pages.ContactPage",
    ):
        assert expected in types


def test_no_axe_violations_and_no_console_errors_on_any_page(tab, live_site, public_paths):
    problems = {}
    for path in public_paths:
        answer = tab.goto(live_site.url(path))
        expected = EXTRA_PATHS.get(path, 200)
        assert answer.status == expected, f"{path} answered {answer.status}"
        found = axe_violations(tab)
        console = list(tab.problems.messages)
        tab.problems.messages.clear()
        if found or console:
            problems[path] = found + console
    assert not problems, "\n".join(f"{path}:\n  " + "\n  ".join(p) for path, p in problems.items())


def test_every_page_reflows_at_320_css_pixels(tab, live_site, public_paths):
    """WCAG 1.4.10: no horizontal scrolling at 320 px wide (1280 px at 400% zoom)."""
    tab.set_viewport_size({"width": 320, "height": 640})
    problems = {}
    for path in public_paths:
        tab.goto(live_site.url(path))
        result = horizontal_overflow(tab)
        if result["scrollWidth"] > result["clientWidth"] + 1:
            problems[path] = result
    assert not problems, problems


def test_text_resized_to_200_percent_loses_nothing(tab, live_site, public_paths):
    """WCAG 1.4.4: the reader's text size doubled; nothing scrolls sideways or is clipped."""
    problems = {}
    for width in (1280, 640):
        tab.set_viewport_size({"width": width, "height": 900})
        for path in public_paths:
            tab.goto(live_site.url(path))
            before = tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            tab.evaluate("document.documentElement.style.fontSize = '200%'")
            after = tab.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
            # The stylesheet sizes text in rem, so the reader's setting reaches it.
            assert after == pytest.approx(before * 2, rel=0.01), path
            overflow = horizontal_overflow(tab)
            clipped = clipped_text(tab)
            if overflow["scrollWidth"] > overflow["clientWidth"] + 1 or clipped:
                problems[f"{path} @ {width}px"] = {"overflow": overflow, "clipped": clipped}
    assert not problems, problems


def test_wolontariat_list_offer_and_answer_form_with_errors_pass_axe(tab, live_site):
    """The volunteering list, an open offer's page with the answer form, and the same form
    sent empty (errors shown), which the crawl never reaches."""
    tab.goto(live_site.url("/wolontariat/"))
    problems = {"/wolontariat/": axe_violations(tab)}
    link = tab.locator(".card:has(.badge--open) h2 a").first
    href = link.get_attribute("href")
    assert href, "no open sample offer on /wolontariat/"
    answer = tab.goto(live_site.url(href))
    assert answer.status == 200
    send = tab.locator("form:has(#id_name) button[type=submit]")  # not the header's search
    assert send.count() == 1
    problems[href] = axe_violations(tab)
    send.click()
    tab.wait_for_load_state()
    assert tab.locator(".field__error").count() > 0, "the empty answer shows no errors"
    problems[f"{href} (errors)"] = axe_violations(tab)
    problems["console"] = list(tab.problems.messages)
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems


def test_a_published_consultation_report_with_charts_passes_axe(tab, live_site):
    """The concluded sample's report: figures, the bar charts of its questionnaire (SVG with
    their data tables) and the table of comments, at full width and at 320 px."""
    path = "/konsultacje/przyklad-inicjatywa-lokalna-zasady/"
    answer = tab.goto(live_site.url(path))
    assert answer.status == 200
    assert tab.locator("svg.chart__svg").count() == 2, "the sample report shows no charts"
    problems = {path: axe_violations(tab)}
    tab.set_viewport_size({"width": 320, "height": 800})
    tab.goto(live_site.url(path))
    problems[f"{path} @ 320px"] = axe_violations(tab)
    overflow = horizontal_overflow(tab)
    if overflow["scrollWidth"] > overflow["clientWidth"] + 1:
        problems["overflow @ 320px"] = [str(overflow)]
    problems["console"] = list(tab.problems.messages)
    problems = {key: found for key, found in problems.items() if found}
    assert not problems, problems


def test_council_recruitment_form_with_errors_passes_axe(tab, live_site):
    """A council's recruitment form (a route of the council's page, its id known only from
    the sample Youth Council's open recruitment, so found by its link) and the same form
    sent empty with its errors shown, which the crawl may not reach."""
    council = "/rady/mlodziezowa-rada-miasta/"
    answer = tab.goto(live_site.url(council))
    assert answer.status == 200
    link = tab.locator('a.button[href*="/nabor/"]').first
    href = link.get_attribute("href")
    assert href, f"no recruitment form linked on {council}"
    answer = tab.goto(live_site.url(href))
    assert answer.status == 200
    send = tab.locator("form:has(#id_statement) button[type=submit]")  # not the search
    assert send.count() == 1
    problems = {href: axe_violations(tab)}
    send.click()
    tab.wait_for_load_state()
    assert tab.locator(".field__error").count() > 0, "the empty application shows no errors"
    problems[f"{href} (errors)"] = axe_violations(tab)
    problems["console"] = list(tab.problems.messages)
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems


def test_the_checks_see_real_faults(tab):
    """The harness itself: a missing alt, a sideways scroll and clipped text are all caught."""
    tab.set_content(
        '<html lang="pl"><head><title>t</title></head><body><main><h1>t</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
        '<div style="width:2000px">szeroki</div>'
        '<p style="width:3rem;overflow:hidden;white-space:nowrap">bardzo długi tekst</p>'
        "</main></body></html>"
    )
    assert any(line.startswith("image-alt") for line in axe_violations(tab))
    assert horizontal_overflow(tab)["scrollWidth"] > 1280
    assert clipped_text(tab)


def test_council_announcements_and_osiedle_outline_pass_axe(tab, live_site):
    """Each recruitment/election announcement of the sample Youth Council (their own pages,
    ids known only from the council's page) and the sample osiedle with its outline."""
    council = "/rady/mlodziezowa-rada-miasta/"
    assert tab.goto(live_site.url(council)).status == 200
    hrefs = {link.get_attribute("href") for link in tab.locator('h3 a[href*="/nabor/"]').all()}
    assert hrefs, f"no announcement linked on {council}"
    problems = {}
    for href in sorted(hrefs):
        assert tab.goto(live_site.url(href)).status == 200
        problems[href] = axe_violations(tab)
    assert tab.goto(live_site.url("/osiedla/reden/")).status == 200
    assert tab.locator("svg[role=img] title").count() == 1
    problems["/osiedla/reden/"] = axe_violations(tab)
    problems["console"] = list(tab.problems.messages)
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems


def test_event_lists_guides_and_home_pass_axe(tab, live_site):
    """The lists whose queries were bounded (issue 17): the upcoming events, their
    archive (a route of the events' page), the guides, filtered, and the home page."""
    problems = {}
    for path in (
        "/",
        "/wydarzenia/",
        "/wydarzenia/?rodzaj=szkolenie",
        "/wydarzenia/minione/",
        "/wydarzenia/minione/?rodzaj=forum-organizacji",
        "/poradniki/",
        "/poradniki/?dla=organizacje&temat=dotacje",
    ):
        assert tab.goto(live_site.url(path)).status == 200, path
        problems[path] = axe_violations(tab)
        if path.startswith("/wydarzenia/minione/"):  # the archive links back, filter kept
            back = "/wydarzenia/" + path.removeprefix("/wydarzenia/minione/")
            assert tab.locator(f'main a[href="{back}"]').count() > 0, path
    problems["console"] = list(tab.problems.messages)
    problems = {path: found for path, found in problems.items() if found}
    assert not problems, problems
