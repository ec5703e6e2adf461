"""Previews in an external front end: a signed, short-lived token for one revision, never a
session; refused when tampered with, expired, or for a page under a view restriction."""

import time

from django.core import signing

from wagtail.models import Page, Revision, Site

import pytest

from accounts import roles
from accounts.sections import ensure_sections
from api.preview import SALT, make_token
from pages.department.models import StandardPage
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(home_page):
    page = home_page.add_child(instance=StandardPage(title="Ogłoszenie", slug="ogloszenie"))
    page.save_revision().publish()
    page.title = "Ogłoszenie: wersja robocza"
    page.summary = "tekstszkicu"
    revision = page.save_revision()
    return page, revision


def _preview(client, token, **extra):
    return client.get("/api/v2/preview/", {"token": token, **extra})


def test_a_token_shows_its_revision_without_any_session(client, draft, settings):
    settings.PAGE_CACHE_SECONDS = 60
    page, revision = draft
    response = _preview(client, make_token(revision))
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == page.pk
    assert data["title"] == "Ogłoszenie: wersja robocza"
    assert data["meta"]["type"] == "pages.StandardPage"
    assert response["Cache-Control"] == "private, no-store"
    assert "ETag" not in response
    assert not client.cookies  # nothing set, nothing read
    # Never stored by the page cache nor served from it.
    again = _preview(client, make_token(revision))
    assert again.get("X-Page-Cache") is None
    # The live page is what everyone else sees.
    live = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert live["title"] == "Ogłoszenie"
    assert "tekstszkicu" not in client.get(f"/api/v2/pages/{page.pk}/").content.decode()


def test_a_token_is_for_one_revision_only(client, draft):
    page, first = draft
    token = make_token(first)
    page.title = "Trzecia wersja"
    page.save_revision()
    assert _preview(client, token).json()["title"] == "Ogłoszenie: wersja robocza"
    # Another revision of another page under the same numbers cannot be asked for.
    payload = signing.loads(token, salt=SALT)
    forged = signing.dumps({**payload, "r": payload["r"] + 1}, salt="another-salt")
    assert _preview(client, forged).status_code == 403


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: token.replace(":", "x", 1),
        lambda token: "",
        lambda token: "abc",
    ],
)
def test_a_tampered_token_is_refused(client, draft, mangle):
    _page, revision = draft
    response = _preview(client, mangle(make_token(revision)))
    assert response.status_code in (400, 403)
    assert "wersja robocza" not in response.content.decode()
    assert response.json()["message"]


def test_an_expired_token_is_refused(client, draft, settings, monkeypatch):
    settings.HEADLESS_PREVIEW_SECONDS = 600
    _page, revision = draft
    token = make_token(revision)
    later = time.time() + 601
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    response = _preview(client, token)
    assert response.status_code == 403
    assert response.json() == {"message": "token expired"}


def test_a_session_unlocks_nothing(client, draft):
    client.force_login(UserFactory(username="su", is_superuser=True, is_staff=True))
    response = client.get("/api/v2/preview/")
    assert response.status_code == 400
    assert "wersja robocza" not in response.content.decode()


def test_pages_under_a_view_restriction_are_never_previewed(client, home_page):
    intranet, _extranet = ensure_sections(home_page)
    secret = intranet.add_child(instance=StandardPage(title="Tajna notatka", slug="tajna"))
    revision = secret.save_revision()
    response = _preview(client, make_token(revision))
    assert response.status_code == 403
    assert "Tajna" not in response.content.decode()


def test_the_admin_sends_an_editor_to_the_front_end_with_a_token(client, draft, settings):
    settings.HEADLESS_PREVIEW_URL = "https://front.example.pl/podglad"
    page, _revision = draft
    client.force_login(UserFactory(groups=[roles.EDITORS]))
    response = client.get(f"/admin/podglad-zewnetrzny/{page.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://front.example.pl/podglad?token=")
    token = response["Location"].split("token=", 1)[1]
    client.logout()
    assert _preview(client, token).json()["title"] == "Ogłoszenie: wersja robocza"


def test_the_admin_refuses_without_the_setting_or_the_right(client, draft, settings):
    page, _revision = draft
    client.force_login(UserFactory(groups=[roles.EDITORS]))
    settings.HEADLESS_PREVIEW_URL = ""
    assert client.get(f"/admin/podglad-zewnetrzny/{page.pk}/").status_code in (302, 403)
    settings.HEADLESS_PREVIEW_URL = "https://front.example.pl/podglad"
    client.force_login(UserFactory(groups=[roles.NGO_PARTNERS]))
    response = client.get(f"/admin/podglad-zewnetrzny/{page.pk}/")
    assert response.status_code in (302, 403)
    assert "front.example.pl" not in response.get("Location", "")


def test_no_get_writes_a_revision(client, home_page, draft, settings):
    """Neither the API's preview nor the admin's button creates a revision: a page with
    none yet asks the editor to save a draft first."""
    settings.HEADLESS_PREVIEW_URL = "https://front.example.pl/podglad"
    page, revision = draft
    before = Revision.objects.count()
    assert _preview(client, make_token(revision)).status_code == 200
    client.force_login(UserFactory(groups=[roles.EDITORS]))
    assert client.get(f"/admin/podglad-zewnetrzny/{page.pk}/").status_code == 302
    bare = home_page.add_child(instance=StandardPage(title="Bez wersji", slug="bez-wersji"))
    assert bare.latest_revision is None
    response = client.get(f"/admin/podglad-zewnetrzny/{bare.pk}/", follow=True)
    assert "Najpierw zapisz wersję roboczą" in response.content.decode()
    assert "front.example.pl" not in response.redirect_chain[0][0]
    assert Revision.objects.count() == before


def test_a_token_opens_nothing_through_another_sites_host(client, home_page, draft):
    """The page must be on the site the request is for (by its host)."""
    _page, revision = draft
    other_root = Page.get_first_root_node().add_child(
        instance=StandardPage(title="Inny serwis", slug="inny-serwis")
    )
    Site.objects.create(hostname="inny.example.pl", port=80, root_page=other_root)
    refused = client.get(
        "/api/v2/preview/", {"token": make_token(revision)}, HTTP_HOST="inny.example.pl"
    )
    assert refused.status_code == 403
    assert refused.json() == {"message": "page not on this site"}
    assert "wersja robocza" not in refused.content.decode()
    assert _preview(client, make_token(revision)).status_code == 200
