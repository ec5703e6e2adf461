"""Hostile, malformed and oversized input to every public form and every listing/API
parameter (property-based, hypothesis): the answer is never a 5xx, a refused form stores
nothing, an accepted one is stored once and whole.

The site is the real one: seed and every app's sample content, loaded once for the module
and rolled back after it.
"""

import re
from urllib.parse import parse_qsl, urlsplit

from django.core.management import call_command
from django.db import transaction
from django.test import Client

from wagtail.models import Page

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from core.models import Submission
from core.ratelimit import counters

pytestmark = pytest.mark.django_db

# Derandomized: CI tries the same examples every run, so a pass is not luck.
EXAMPLES = settings(
    max_examples=50,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as an attacker or a broken client sends it: any Unicode (NUL and controls included),
# markup and SQL, and values far past every field's limit.
hostile_text = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "",
            " ",
            "\x00",
            "<script>alert(1)</script>",
            "'; DROP TABLE wagtailcore_page; --",
            "../../etc/passwd",
            "%00%ff",
            "\u202e\u200b\ufeff",
            "ą" * 6000,
            "x" * 100_000,
            '=HYPERLINK("http://zly.example")',
        ]
    ),
    st.builds(lambda char, n: char * n, st.characters(), st.integers(200, 20_000)),
)
hostile_token = st.one_of(hostile_text, st.uuids().map(str))


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker):
    """Seed and sample content for this module's tests; rolled back at the end."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_seed", verbosity=0)
            call_command("load_sample_content", stdout=_Null())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


class _Null:
    def write(self, *_args, **_kwargs):
        pass


def _submission_models():
    def walk(cls):
        for sub in cls.__subclasses__():
            if not sub._meta.abstract:
                yield sub
            yield from walk(sub)

    return list(walk(Submission))


def _counts():
    return {model: model.objects.count() for model in _submission_models()}


def _pages_with_post_forms(client) -> list[str]:
    """Every live page whose HTML has a POST form carrying a form token."""
    found = []
    for page in Page.objects.live().public().specific().order_by("path"):
        url = page.get_url()
        if not url:
            continue
        html = client.get(url).content.decode()
        if 'method="post"' in html and 'name="form_token"' in html:
            found.append(url)
    return found


def _plausible(name: str, html: str) -> str | None:
    if name == "form_token":
        match = re.search(r'name="form_token" value="([^"]+)"', html)
        return match.group(1) if match else None
    if name == "website":
        return ""  # the honeypot, left empty as people leave it
    if "email" in name:
        return "jan.kowalski@example.pl"
    if "phone" in name:
        return "600 123 456"
    if name.startswith("for_") or name.startswith("consent"):
        return "on"
    return "Zwykła, poprawna treść."


def _form_fields(html: str) -> list[str]:
    names = re.findall(r'<(?:input|textarea|select)\b[^>]*\bname="([^"]+)"', html)
    return [n for n in dict.fromkeys(names) if n != "csrfmiddlewaretoken"]


@pytest.fixture(scope="module")
def form_urls(site, django_db_blocker):
    with django_db_blocker.unblock():
        return _pages_with_post_forms(Client())


@pytest.fixture(scope="module")
def listings(site, django_db_blocker):
    with django_db_blocker.unblock():
        return _listing_paths(Client())


def test_the_sample_site_has_public_forms_to_attack(form_urls):
    assert len(form_urls) >= 3  # comment, booking, registration (and 19a offers)


@given(data=st.data())
@EXAMPLES
def test_public_forms_refuse_hostile_input_cleanly(client, form_urls, data):
    counters().clear()  # the per-address limits would otherwise end the run early
    url = data.draw(st.sampled_from(form_urls), label="page")
    html = client.get(url).content.decode()
    payload = {}
    for name in _form_fields(html):
        # A plausible value, a hostile one, or none: accepted and refused forms both occur.
        plausible = _plausible(name, html)
        choice = data.draw(st.sampled_from(["plausible", "hostile", "absent"]), label=name)
        if choice == "plausible" and plausible is not None:
            payload[name] = plausible
        elif choice == "hostile":
            strategy = hostile_token if name == "form_token" else hostile_text
            payload[name] = data.draw(strategy, label=f"{name} value")
    before = _counts()
    response = client.post(url, payload)
    after = _counts()
    assert response.status_code < 500, (url, response.status_code)
    grown = {m: after[m] - before[m] for m in after if after[m] != before[m]}
    accepted = response.status_code == 200 and "Numer potwierdzenia" in response.content.decode()
    event("accepted" if accepted else f"refused {response.status_code}")
    if accepted:
        assert all(n == 1 for n in grown.values()) and len(grown) <= 1, grown
        for model in grown:
            stored = model.objects.order_by("-pk").first()
            assert re.fullmatch(r"[A-Z]+-\d{4}-[A-Z0-9]{4}-[A-Z0-9]{4}", stored.receipt_number)
            assert "\x00" not in str(stored.__dict__)
    else:
        assert not grown, (url, response.status_code, grown, payload)
        assert response.status_code in (200, 400, 403, 409, 429), response.status_code


@given(username=hostile_text, password=hostile_text, next_url=hostile_text)
@EXAMPLES
def test_the_login_form_refuses_hostile_input_cleanly(site, client, username, password, next_url):
    counters().clear()  # the failed-login lock would otherwise end the run early
    response = client.post(
        "/logowanie/", {"username": username, "password": password, "next": next_url}
    )
    assert response.status_code < 500
    assert "_auth_user_id" not in client.session


def _listing_paths(client) -> dict[str, set[str]]:
    """Listings and the query parameters their own filter and page links use."""
    listings = {}
    for page in Page.objects.live().public().specific().order_by("path"):
        url = page.get_url()
        html = client.get(url).content.decode() if url else ""
        names = set()
        for href in re.findall(r'href="([^"]*\?[^"]*)"', html):
            parts = urlsplit(href.replace("&amp;", "&"))
            if parts.path in ("", url):
                names.update(name for name, _ in parse_qsl(parts.query, keep_blank_values=True))
        if names:
            listings[url] = names | {"page"}
    return listings


def test_the_sample_site_has_listings_with_filters(listings):
    assert len(listings) >= 3


@given(data=st.data())
@EXAMPLES
def test_listing_filters_and_pages_never_fail(client, listings, data):
    url = data.draw(st.sampled_from(sorted(listings)), label="listing")
    names = [*sorted(listings[url]), "nieznany"]
    query = data.draw(
        st.dictionaries(st.sampled_from(names), hostile_text, max_size=4), label="query"
    )
    response = client.get(url, query)
    assert response.status_code < 500, (url, query)
    assert response.status_code in (200, 301, 302, 400, 404), response.status_code


def _api_endpoints() -> dict[str, list[str]]:
    """Every endpoint of the API router and the search API, each with the parameters it
    knows, the field filters of its model and the registry's own: an endpoint added later
    is attacked too without editing this test."""
    from api.router import api_router

    field_filters = ["title", "slug", "name", "legal_form", "is_public_benefit", "district"]
    endpoints = {}
    for name, viewset in api_router._endpoints.items():
        known = sorted(set(getattr(viewset, "known_query_parameters", ())) - {"_"})
        endpoints[f"/api/v2/{name}/"] = [*known, *field_filters, "procedure", "html_path"]
        if hasattr(viewset, "find_object"):
            endpoints[f"/api/v2/{name}/find/"] = [*endpoints[f"/api/v2/{name}/"], "id"]
    endpoints["/api/v2/search/"] = ["q", "type", "state", "page", "per_page", "format"]
    endpoints["/api/v2/search/suggest/"] = ["q", "limit"]
    return endpoints


API_ENDPOINTS = _api_endpoints()


def test_every_api_endpoint_is_attacked():
    assert {"/api/v2/ngos/", "/api/v2/grant-calls/", "/api/v2/search/"} <= set(API_ENDPOINTS)
    assert {"/api/v2/pages/find/", "/api/v2/documents/find/"} <= set(API_ENDPOINTS)
    assert "area" in API_ENDPOINTS["/api/v2/ngos/"]


api_value = st.one_of(
    hostile_text,
    st.integers(-(2**63), 2**63).map(str),
    st.sampled_from(["*", "-title", "pages.Page", "consultations.ConsultationPage", "2026-13-45"]),
    # Plausible values, so that the filters behind the parameters are reached too.
    st.sampled_from(["1", "16", "32a", "otwarty", "open", "true", "fundacja", "konsultacje"]),
)


@given(data=st.data())
@settings(parent=EXAMPLES, max_examples=120)
def test_api_parameters_never_fail(site, client, data):
    path = data.draw(st.sampled_from(sorted(API_ENDPOINTS)), label="endpoint")
    names = [*API_ENDPOINTS[path], "nieznany"]
    query = data.draw(st.dictionaries(st.sampled_from(names), api_value, max_size=4), label="query")
    response = client.get(path, query)
    assert response.status_code < 500, (path, query, response.content[:500])
    assert response.status_code in (200, 302, 400, 404), response.status_code
