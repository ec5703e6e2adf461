"""The anonymous page cache: hits, what it never stores, and invalidation on publish."""

import time
from datetime import timedelta

from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from django.utils import timezone

import pytest

from core.models import SiteContactSettings
from core.page_cache import AnonymousPageCacheMiddleware, expire_page_cache_by
from pages.models import StandardPage
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def standard(home_page):
    # The footer's settings row exists on a real site; made here, not by the first request.
    SiteContactSettings.for_site(home_page.get_site())
    page = StandardPageFactory(parent=home_page, title="Ogłoszenie pierwsze", slug="ogloszenie")
    page.save_revision().publish()
    return page


def _get(client, path="/ogloszenie/", **extra):
    response = client.get(path, **extra)
    return response, response.headers.get("X-Page-Cache")


def test_a_second_anonymous_request_is_served_from_the_cache(client, standard):
    first, state1 = _get(client)
    second, state2 = _get(client)
    assert (state1, state2) == ("miss", "hit")
    assert second.content == first.content
    assert "Ogłoszenie pierwsze" in second.content.decode()
    # The security headers are on the cached answer too.
    assert "Content-Security-Policy" in second.headers


def test_publishing_a_change_shows_at_once(client, standard):
    _get(client)
    standard.title = "Ogłoszenie poprawione"
    standard.save_revision().publish()
    response, state = _get(client)
    assert state == "miss"
    assert "Ogłoszenie poprawione" in response.content.decode()


def test_a_saved_draft_does_not_empty_the_cache(client, standard):
    _get(client)
    standard.title = "Szkic"
    standard.save_revision()
    response, state = _get(client)
    assert state == "hit"
    assert "Szkic" not in response.content.decode()


def test_unpublishing_removes_the_page_at_once(client, standard):
    _get(client)
    StandardPage.objects.get(pk=standard.pk).unpublish()
    response, _ = _get(client)
    assert response.status_code == 404


def test_a_snippet_or_setting_change_shows_at_once(client, standard, home_page):
    _get(client)
    contact = SiteContactSettings.for_site(home_page.get_site())
    contact.secretariat_phone = "32 111 22 33"
    contact.save()
    response, state = _get(client)
    assert state == "miss"
    assert "32 111 22 33" in response.content.decode()


def test_the_query_string_is_part_of_the_key(client, standard):
    _get(client)
    _, state = _get(client, "/ogloszenie/?strona=2")
    assert state == "miss"


def test_logged_in_people_are_never_served_or_stored(client, standard, django_user_model):
    _get(client)  # an anonymous copy is stored
    user = django_user_model.objects.create_superuser("admin", "admin@dg.pl", "haslo")
    client.force_login(user)
    response, state = _get(client)
    assert state is None
    assert response.status_code == 200


def test_a_session_cookie_bypasses_the_cache(client, standard):
    _get(client)
    client.cookies["sessionid"] = "cokolwiek"
    _, state = _get(client)
    assert state is None


def test_errors_and_posts_are_not_stored(client, home_page):
    _, state = _get(client, "/nie-ma-takiej-strony/")
    assert state is None
    assert client.post("/").headers.get("X-Page-Cache") is None


def _through_csrf_and_cache(view):
    return AnonymousPageCacheMiddleware(CsrfViewMiddleware(view))


def test_a_page_with_a_form_token_is_never_stored():
    """A page that puts a CSRF token in a form sets the cookie: storing it would give every
    visitor the first one's token."""

    def form_view(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    handler = _through_csrf_and_cache(form_view)
    first = handler(RequestFactory().get("/formularz/"))
    second = handler(RequestFactory().get("/formularz/"))
    assert "csrftoken" in first.cookies
    assert first.headers.get("X-Page-Cache") is None
    assert second.headers.get("X-Page-Cache") is None
    assert first.content != second.content


def test_a_page_that_changes_by_the_clock_is_kept_no_longer_than_that():
    def closing_soon(request):
        expire_page_cache_by(request, timezone.now() + timedelta(seconds=0.5))
        return HttpResponse("otwarte")

    handler = _through_csrf_and_cache(closing_soon)
    assert handler(RequestFactory().get("/zamyka-sie/")).headers["X-Page-Cache"] == "miss"
    assert handler(RequestFactory().get("/zamyka-sie/")).headers["X-Page-Cache"] == "hit"
    time.sleep(0.6)
    assert handler(RequestFactory().get("/zamyka-sie/")).headers["X-Page-Cache"] == "miss"


def test_a_page_that_declares_its_next_change_caps_the_ttl(client, standard, monkeypatch):
    def already_changed(self, request):
        return timezone.now() - timedelta(seconds=1)

    monkeypatch.setattr(StandardPage, "cache_expires_at", already_changed, raising=False)
    _, first = _get(client)
    _, second = _get(client)
    assert (first, second) == (None, None)


def test_private_answers_are_not_stored():
    def private(request):
        response = HttpResponse("tylko dla mnie")
        response["Cache-Control"] = "private"
        return response

    handler = _through_csrf_and_cache(private)
    handler(RequestFactory().get("/prywatne/"))
    assert handler(RequestFactory().get("/prywatne/")).headers.get("X-Page-Cache") is None


def test_switched_off_with_zero_seconds(client, standard, settings):
    settings.PAGE_CACHE_SECONDS = 0
    _get(client)
    _, state = _get(client)
    assert state is None


def test_the_site_clock_names_the_soonest_opening_closing_or_midnight(home_page):
    from core.page_cache import next_local_midnight, next_site_change
    from tests.factories.consultations import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
    )

    now = timezone.now()
    assert next_site_change(now) == next_local_midnight(now)
    index = ConsultationIndexPageFactory(parent=home_page)
    opens = now + timedelta(minutes=5)
    ConsultationPageFactory(parent=index, opens_at=opens, closes_at=now + timedelta(days=3))
    ConsultationPageFactory(parent=index, closes_at=now + timedelta(minutes=7))
    assert next_site_change(now) == min(opens, next_local_midnight(now))
    draft = ConsultationPageFactory(parent=index, opens_at=now + timedelta(minutes=1))
    draft.unpublish()  # a draft changes nothing the public sees
    assert next_site_change(now) == min(opens, next_local_midnight(now))


def test_a_planned_consultation_shows_its_form_the_moment_it_opens(client, home_page):
    """Cached while planned; the cached copy is not served past the opening."""
    from tests.factories.consultations import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
    )

    SiteContactSettings.for_site(home_page.get_site())
    index = ConsultationIndexPageFactory(parent=home_page)
    page = ConsultationPageFactory(
        parent=index,
        slug="wkrotce",
        opens_at=timezone.now() + timedelta(seconds=1.5),
        closes_at=timezone.now() + timedelta(days=3),
    )
    url = page.url
    first, state1 = _get(client, url)
    _, state2 = _get(client, url)
    assert (state1, state2) == ("miss", "hit")
    assert 'name="comment"' not in first.content.decode()
    time.sleep(max(0.0, (page.opens_at - timezone.now()).total_seconds()) + 0.1)
    opened, state3 = _get(client, url)
    assert state3 is None  # the open page carries the form: never stored
    assert 'name="comment"' in opened.content.decode()
