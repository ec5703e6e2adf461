"""The anonymous page cache: hits, what it never stores, and invalidation on publish."""

import re
import time
import uuid
from datetime import timedelta

from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token, get_token
from django.test import RequestFactory
from django.utils import timezone

from wagtail.signals import published

import pytest

from core.cache_tags import bulk_change, versions
from core.models import PrivacySettings, SiteContactSettings
from core.page_cache import (
    AnonymousPageCacheMiddleware,
    LatePageCacheMiddleware,
    expire_page_cache_by,
    next_local_midnight,
)
from pages.department.models import StandardPage
from tests.factories.pages import StandardPageFactory
from tests.factories.registry import NGOFactory

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


def test_parameters_the_page_does_not_read_share_its_entry(client, standard):
    _get(client)
    for query in ("?utm_source=facebook&fbclid=abc", "?x=1", "?strona=2&utm_medium=social"):
        _, state = _get(client, f"/ogloszenie/{query}")
        assert state == "hit", query


def _reading(request):
    return HttpResponse(f"strona {request.GET.get('strona', '1')}")


def test_parameters_the_page_reads_are_the_key_in_any_order():
    handler = _through_csrf_and_cache(_reading)

    def get(path, **extra):
        answer = handler(RequestFactory().get(path, **extra))
        return answer.headers.get("X-Page-Cache"), answer.content.decode()

    assert get("/lista/?strona=2") == ("miss", "strona 2")
    assert get("/lista/?strona=2&utm_source=x") == ("hit", "strona 2")
    assert get("/lista/?a=1&strona=2") == ("hit", "strona 2")
    assert get("/lista/?strona=3") == ("miss", "strona 3")
    assert get("/lista/") == ("miss", "strona 1")
    assert get("/lista/?strona=3")[0] == "hit"
    # The scheme is part of the key: an https answer is never served over http.
    assert get("/lista/?strona=3", secure=True)[0] == "miss"


def test_without_its_record_an_address_with_parameters_is_never_a_hit():
    from core import cache_tags

    handler = _through_csrf_and_cache(_reading)
    handler(RequestFactory().get("/lista/"))
    for key in [k for k in cache_tags.cache()._cache if ":address:" in k]:
        del cache_tags.cache()._cache[key]  # evicted before the entries
    answer = handler(RequestFactory().get("/lista/?strona=3"))
    assert answer.content.decode() == "strona 3"


def test_tracking_parameters_never_reach_the_page():
    seen = []

    def view(request):
        seen.append(request.GET.urlencode())
        return HttpResponse("ok")

    _through_csrf_and_cache(view)(RequestFactory().get("/a/?utm_source=x&q=1&gclid=2"))
    assert seen == ["q=1"]


def _cors(request):
    response = HttpResponse("{}")
    origin = request.headers.get("Origin")
    if origin:
        response["Access-Control-Allow-Origin"] = origin
    response["Vary"] = "Origin"
    return response


def test_answers_that_vary_on_origin_are_kept_per_origin():
    # The API's CORS answers: cached by the late position (PAGE_CACHE_LATE_PATHS).
    handler = LatePageCacheMiddleware(CsrfViewMiddleware(_cors))

    def get(origin):
        answer = handler(RequestFactory().get("/api/x/", HTTP_ORIGIN=origin))
        return answer.headers.get("X-Page-Cache"), answer.headers.get("Access-Control-Allow-Origin")

    assert get("https://a.example") == ("miss", "https://a.example")
    assert get("https://b.example") == ("miss", "https://b.example")
    assert get("https://a.example") == ("hit", "https://a.example")
    assert get("https://b.example") == ("hit", "https://b.example")


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


FORM_HTML = (
    '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="form_token" value="{form_token}" id="id_form_token"></form>'
)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FORM_TOKEN = re.compile(r'name="form_token" value="([^"]+)"')


def _form_view(request):
    return HttpResponse(FORM_HTML.format(csrf=get_token(request), form_token=uuid.uuid4()))


def test_a_form_page_is_stored_but_every_visitor_gets_their_own_tokens():
    handler = _through_csrf_and_cache(_form_view)
    answers = [handler(RequestFactory().get("/formularz/")) for _ in range(3)]
    assert [a.headers["X-Page-Cache"] for a in answers] == ["miss", "hit", "hit"]
    csrf_tokens, form_tokens = set(), set()
    for answer in answers:
        html = answer.content.decode()
        token = TOKEN.search(html).group(1)
        cookie = answer.cookies["csrftoken"].value
        # The token in the page belongs to the cookie this visitor was given.
        assert _unmask_cipher_token(token) == cookie
        csrf_tokens.add(token)
        form_tokens.add(str(uuid.UUID(FORM_TOKEN.search(html).group(1))))
        assert "pagecache" not in html
    assert len(csrf_tokens) == 3
    assert len(form_tokens) == 3


def test_a_returning_visitor_keeps_their_csrf_cookie():
    handler = _through_csrf_and_cache(_form_view)
    handler(RequestFactory().get("/formularz/"))
    request = RequestFactory().get("/formularz/")
    secret = "a" * 32
    request.COOKIES["csrftoken"] = secret
    answer = handler(request)
    assert answer.headers["X-Page-Cache"] == "hit"
    assert _unmask_cipher_token(TOKEN.search(answer.content.decode()).group(1)) == secret


def test_a_page_that_uses_the_csrf_token_elsewhere_is_never_stored():
    def token_in_a_meta_tag(request):
        return HttpResponse(f'<meta name="csrf" content="{get_token(request)}">')

    handler = _through_csrf_and_cache(token_in_a_meta_tag)
    first = handler(RequestFactory().get("/meta/"))
    second = handler(RequestFactory().get("/meta/"))
    assert first.headers.get("X-Page-Cache") is None
    assert second.headers.get("X-Page-Cache") is None


def test_a_page_that_sets_another_cookie_is_never_stored():
    def sets_a_cookie(request):
        response = HttpResponse("ciasteczko")
        response.set_cookie("preferencja", "duzy-tekst")
        return response

    handler = _through_csrf_and_cache(sets_a_cookie)
    handler(RequestFactory().get("/ciastko/"))
    assert handler(RequestFactory().get("/ciastko/")).headers.get("X-Page-Cache") is None


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
        opens_at=timezone.now() + timedelta(days=1),
        closes_at=timezone.now() + timedelta(days=3),
    )
    # Opening two seconds from now, set on the live row directly: however slow the
    # machine was at building the page, the clock starts here.
    opens_at = timezone.now() + timedelta(seconds=2)
    type(page).objects.filter(pk=page.pk).update(opens_at=opens_at)
    page.opens_at = opens_at
    url = page.url
    first, state1 = _get(client, url)
    _, state2 = _get(client, url)
    assert (state1, state2) == ("miss", "hit")
    assert 'name="comment"' not in first.content.decode()
    time.sleep(max(0.0, (page.opens_at - timezone.now()).total_seconds()) + 0.1)
    opened, state3 = _get(client, url)
    assert state3 == "miss"
    assert 'name="comment"' in opened.content.decode()


def test_two_visitors_comment_through_the_cached_form_each_with_their_own_receipt(home_page):
    """The whole path with CSRF checks on: both get the page from the cache, both POST."""
    from django.test import Client

    from pages.consultations.models import ConsultationResponse
    from tests.factories.consultations import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
    )

    SiteContactSettings.for_site(home_page.get_site())
    page = ConsultationPageFactory(parent=ConsultationIndexPageFactory(parent=home_page))
    PrivacySettings.for_site(home_page.get_site())  # its row exists on a real site
    Client().get(page.url)  # stores it
    for n in range(2):
        visitor = Client(enforce_csrf_checks=True)
        shown = visitor.get(page.url)
        assert shown.headers["X-Page-Cache"] == "hit"
        html = shown.content.decode()
        answer = visitor.post(
            page.url,
            {
                "csrfmiddlewaretoken": TOKEN.search(html).group(1),
                "form_token": FORM_TOKEN.search(html).group(1),
                "comment": f"Uwaga mieszkańca nr {n}",
                "website": "",
            },
        )
        assert answer.status_code == 200, answer.content.decode()[:3000]
        assert "Numer potwierdzenia" in answer.content.decode()
    stored = ConsultationResponse.objects.filter(consultation=page)
    assert sorted(r.comment for r in stored) == ["Uwaga mieszkańca nr 0", "Uwaga mieszkańca nr 1"]
    assert len({r.form_token for r in stored}) == 2


def test_a_leaf_publish_keeps_unrelated_pages_and_empties_its_ancestors(
    client, standard, home_page
):
    _get(client)
    _get(client, "/")
    other = StandardPageFactory(parent=home_page, title="Inna", slug="inna", show_in_menus=False)
    child = StandardPageFactory(parent=other, title="Dziecko", slug="dziecko")
    _get(client, "/inna/")
    _get(client, "/")
    child.title = "Dziecko poprawione"
    child.save_revision().publish()
    assert _get(client)[1] == "hit"  # unrelated
    response, state = _get(client, "/inna/")  # the parent lists its children
    assert state == "miss"
    assert "Dziecko poprawione" in response.content.decode()


def test_moving_a_collection_empties_the_cache(client, standard):
    from wagtail.models import Collection

    _get(client)
    root = Collection.get_first_root_node()
    parent = root.add_child(name="Prywatne")
    child = root.add_child(name="Dokumenty")
    _get(client)
    child.move(parent, pos="sorted-child")
    Collection.objects.get(pk=child.pk).save()  # what the admin's edit view does after a move
    assert _get(client)[1] == "miss"


def test_a_render_in_progress_lets_others_have_the_stale_copy_but_not_after_a_hard_change(
    client, standard
):
    from core import cache_tags
    from core.page_cache_keys import lock_key

    _get(client)
    cache_tags.bump(cache_tags.page_tag(standard.pk))  # stale now
    prefix = f":pagecache:v{cache_tags.FORMAT_VERSION}:page:"
    keys = [k for k in cache_tags.cache()._cache if prefix in k]
    assert len(keys) == 1
    raw = keys[0].split(":", 2)[2]  # the locmem key without Django's prefix and version
    cache_tags.cache().add(lock_key(raw), 1, timeout=10)  # someone is rendering it
    assert _get(client)[1] == "stale"
    cache_tags.bump(cache_tags.HARD)
    assert _get(client)[1] == "miss"


class _BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("Redis is down")

        return fail


def test_a_cache_that_does_not_answer_is_a_miss(client, standard, monkeypatch):
    from core import cache_tags

    monkeypatch.setattr(cache_tags, "cache", lambda: _BrokenCache())
    response, state = _get(client)
    assert response.status_code == 200
    assert state is None
    assert "Ogłoszenie pierwsze" in response.content.decode()
    standard.save_revision().publish()  # invalidation that cannot be written does not fail


def test_a_local_memory_page_cache_is_reported_for_deployment(settings):
    from core.checks import page_cache_is_shared

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in page_cache_is_shared()] == ["core.W002"]
    settings.PAGE_CACHE_SECONDS = 0
    assert page_cache_is_shared() == []


def test_a_document_saved_in_a_private_collection_empties_every_entry(client, standard):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    private = Collection.get_first_root_node().add_child(name="Zarząd")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    _get(client)
    assert _get(client)[1] == "hit"
    document = get_document_model()(title="Protokół", collection=private)
    document.file.save("protokol.txt", ContentFile(b"tajne"), save=False)
    document.save()
    assert _get(client)[1] == "miss"


def test_a_bulk_change_asks_no_reference_index_and_empties_the_cache_once(
    client, standard, django_assert_num_queries
):
    ngos = [NGOFactory(name=f"Organizacja {n}") for n in range(5)]
    _get(client)
    before = versions(["all"])
    with django_assert_num_queries(0), bulk_change():
        for ngo in ngos:
            published.send(sender=type(ngo), instance=ngo)
        assert versions(["all"]) == before  # nothing until the block ends
    assert versions(["all"]) != before
    assert _get(client)[1] == "miss"


def test_the_site_clock_is_one_query_cold_none_warm_and_follows_the_clock(
    home_page, django_assert_num_queries
):
    """seconds_until_site_change() asks every lifecycle for its next moment in one query,
    however many lifecycles and objects (the API's Cache-Control reads it on every answer),
    then nothing until content changes; as the clock moves, each moment in turn."""
    from core import lifecycle
    from core.page_cache import invalidate_page_cache, seconds_until_site_change
    from tests.factories.consultations import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
    )
    from tests.factories.registry import GrantCallFactory

    now = timezone.now()
    opens, due = now + timedelta(minutes=5), now + timedelta(minutes=9)
    results, closes = now + timedelta(days=2), now + timedelta(days=3)
    index = ConsultationIndexPageFactory(parent=home_page)
    ConsultationPageFactory(parent=index, opens_at=opens, closes_at=closes)
    GrantCallFactory(offers_due_at=due, results_published_at=results)
    GrantCallFactory(offers_due_at=now + timedelta(minutes=1), live=False)  # unpublished
    # Each moment is named once the clock is at the one before (strictly after it).
    moments = [opens, due, results, closes]
    for before, after in zip([now, *moments], [*moments, None], strict=True):
        assert lifecycle.next_change(before) == after, before

    invalidate_page_cache()  # what any save does: the shared answer is stale
    with django_assert_num_queries(1):
        seconds = seconds_until_site_change()
    soonest = min(opens, next_local_midnight(now))
    assert 0 < seconds <= (soonest - now).total_seconds()
    assert seconds > (soonest - timezone.now()).total_seconds() - 5
    with django_assert_num_queries(0):
        assert seconds_until_site_change() <= seconds

    # More objects of each lifecycle: still one query.
    for _ in range(4):
        ConsultationPageFactory(parent=index, opens_at=closes, closes_at=closes)
        GrantCallFactory(offers_due_at=closes)
    invalidate_page_cache()
    with django_assert_num_queries(1):
        assert seconds_until_site_change() <= seconds
