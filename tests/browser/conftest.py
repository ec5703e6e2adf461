"""One real server and one Chromium for the whole browser session.

The server is gunicorn on a database of its own with the seed and every app's sample
content (tests/live_site.py), a copy of the session's one seeded template (`site_template`,
which test_second_factor's server copies too: migrate and seed run once); the browser is
Debian's /usr/bin/chromium, never one that Playwright downloads. Without that binary every
browser test is skipped, saying why, except where REQUIRE_BROWSER is set (CI sets it):
there a missing browser is an error, so that a run which proved nothing in a browser
cannot pass.
"""

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.live_site import prepared_site, seeded_template

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
EDITOR = {"username": "redaktor", "password": "Redaktor-Testowy-2026"}
APPROVER = {"username": "zatwierdzajacy", "password": "Zatwierdzajacy-Testowy-2026"}

_CREATE_USERS = f"""
from django.contrib.auth.models import Group, User
from accounts import roles
for data, group in (({EDITOR!r}, roles.EDITORS), ({APPROVER!r}, roles.APPROVERS)):
    user, _ = User.objects.get_or_create(
        username=data["username"], defaults={{"email": data["username"] + "@dg.pl"}}
    )
    user.set_password(data["password"])
    user.is_staff = False
    user.save()
    user.groups.add(Group.objects.get(name=group))
"""


def pytest_collection_modifyitems(config, items):
    # Under pytest-xdist (CI: `-n 2 --dist loadgroup`) every browser test goes to one worker,
    # so the session's server (a migrated, seeded database: minutes) and Chromium start once,
    # not once per worker; the other worker runs the rest of the suite meanwhile.
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(pytest.mark.xdist_group("browser"))
    if CHROMIUM.exists():
        return
    if os.environ.get("REQUIRE_BROWSER"):
        raise pytest.UsageError(f"{CHROMIUM} is missing and REQUIRE_BROWSER is set")
    skip = pytest.mark.skip(reason=f"{CHROMIUM} is missing: install Debian's chromium package")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def _create_users(site):
    site.manage("shell", "--no-imports", "-c", _CREATE_USERS)


@pytest.fixture(scope="session")
def site_template():
    """The seeded database (and the browser tests' editors) that every live site of the
    session copies; dropped at the end of the session, also after a failure."""
    with seeded_template("browser-template", after_prepare=_create_users) as template:
        yield template


@pytest.fixture(scope="session")
def live_site(site_template):
    overrides = {"WAGTAIL_AUTOSAVE_INTERVAL": "0"}
    with prepared_site("browser", env_overrides=overrides, template=site_template) as site:
        yield site


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageProblems:
    """Console errors (CSP violations among them) and uncaught errors seen by a tab."""

    def __init__(self, tab):
        self.messages: list[str] = []
        tab.on("console", self._on_console)
        tab.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))
        tab.on("response", self._on_response)

    def _on_response(self, response):
        # The document's own status is the test's business; its resources must all load.
        if response.status >= 400 and response.request.resource_type != "document":
            self.messages.append(f"resource {response.url} answered {response.status}")

    def _on_console(self, message):
        if message.text.startswith("Failed to load resource"):
            return  # reported with its address by _on_response
        if message.type == "error" or "Content Security Policy" in message.text:
            self.messages.append(f"{message.type}: {message.text}")


@pytest.fixture
def tab(chromium, live_site):
    """A fresh browser context (no cookies) and tab; `tab.problems` collects console errors."""
    context = chromium.new_context(locale="pl-PL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.problems = PageProblems(page)
    yield page
    context.close()


def api_json(site, path: str) -> dict:
    with urllib.request.urlopen(site.url(path), timeout=10) as answer:  # noqa: S310
        return json.load(answer)


def sample_page_urls(site) -> dict[str, list[str]]:
    """Paths of live pages by page type, from the public API: every type the site has."""
    data = api_json(site, "/api/v2/pages/?limit=100&fields=-title")
    by_type: dict[str, list[str]] = {}
    for item in data["items"]:
        path = urlsplit_path(item["meta"]["html_url"])
        by_type.setdefault(item["meta"]["type"], []).append(path)
    return by_type


def urlsplit_path(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


# Paths the crawl never follows: the admin, files, feeds and machine formats.
_SKIP_PREFIXES = ("/admin/", "/documents/", "/media/", "/static/", "/api/", "/sitemap.xml")
_SKIP_SUFFIXES = (".csv", ".json", ".ics", ".xml", ".pdf", ".xlsx", "/rss/", "/kalendarz/")


def crawl(site, limit: int = 160) -> dict[str, int]:
    """Status of every internal HTML page reachable by links from the home page (breadth
    first, at most LIMIT pages, query strings dropped; failures listed with their status):
    routable sub-pages and views that the API does not list are found this way."""
    from html.parser import HTMLParser
    from urllib.parse import urljoin, urlsplit

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.found = []

        def handle_starttag(self, tag, attrs):
            href = dict(attrs).get("href")
            if tag == "a" and href:
                self.found.append(href)

    own_host = urlsplit(site.base_url).netloc
    seen: dict[str, int] = {}
    visited: set[str] = set()
    queue = ["/"]
    while queue and len(visited) < limit:
        path = queue.pop(0)
        if path in visited:
            continue
        visited.add(path)
        try:
            with urllib.request.urlopen(site.url(path), timeout=15) as answer:  # noqa: S310
                status, kind = answer.status, answer.headers.get_content_type()
                body = answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            seen[path] = error.code
            continue
        if kind != "text/html":
            continue  # a file or feed linked from a page: not a page
        seen[path] = status
        parser = Links()
        parser.feed(body)
        for href in parser.found:
            parts = urlsplit(urljoin(site.url(path), href))
            if parts.scheme not in ("http", "https") or parts.netloc != own_host:
                continue  # mailto:, tel:, other sites
            target = parts.path or "/"
            if target.startswith(_SKIP_PREFIXES) or target.endswith(_SKIP_SUFFIXES):
                continue
            if target not in visited and target not in queue:
                queue.append(target)
    return seen


def representative(paths, per_kind: int = 2) -> list[str]:
    """At most PER_KIND paths of each kind: same first segment and the same depth."""
    chosen, counts = [], {}
    for path in sorted(paths, key=lambda p: (p.count("/"), p)):
        segments = [s for s in path.split("/") if s]
        kind = (segments[0] if segments else "", len(segments))
        if counts.get(kind, 0) < per_kind:
            counts[kind] = counts.get(kind, 0) + 1
            chosen.append(path)
    return chosen


@pytest.fixture(scope="session")
def site_map(live_site) -> dict[str, int]:
    return crawl(live_site)
