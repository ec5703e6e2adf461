"""A page-cache hit on the real Redis cache: one round trip, and a wrong guess is never served.

The commands are counted on the real redis-py client (a spy that sends them on), with the
portal's own cache backend (core.cache.ResilientRedisCache) under a key prefix of its own.
"""

import uuid

from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, _unmask_cipher_token, get_token
from django.test import RequestFactory

import pytest

from core import page_cache_keys
from core.page_cache import AnonymousPageCacheMiddleware
from core.page_cache_keys import AddressRecord
from tests.core.conftest import live_redis_default_cache

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def redis_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60
    yield from live_redis_default_cache(settings, REDIS_URL, "test-hit")


@pytest.fixture
def commands(monkeypatch):
    """The Redis commands the real client sends, in order."""
    import redis

    sent = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append(args[0])
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


def _handler(view):
    return AnonymousPageCacheMiddleware(CsrfViewMiddleware(view))


def _page(request):
    return HttpResponse(f"strona {request.GET.get('strona', '1')}")


FORM = '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{}"></form>'


def _form(request):
    return HttpResponse(FORM.format(get_token(request)))


@pytest.mark.django_db
def test_a_hit_is_one_round_trip(redis_page_cache, commands):
    handler = _handler(_page)
    path = f"/jedna-podroz-{uuid.uuid4().hex[:6]}/"
    assert handler(RequestFactory().get(path))["X-Page-Cache"] == "miss"
    assert handler(RequestFactory().get(path))["X-Page-Cache"] == "hit"
    commands.clear()
    answer = handler(RequestFactory().get(path + "?utm_source=x&inny=1"))
    assert answer["X-Page-Cache"] == "hit"
    assert answer.content == b"strona 1"
    assert commands == ["MGET"]
    commands.clear()
    assert handler(RequestFactory().get(path + "?strona=2"))["X-Page-Cache"] == "miss"
    commands.clear()
    answer = handler(RequestFactory().get(path + "?strona=2"))
    assert (answer["X-Page-Cache"], answer.content) == ("hit", b"strona 2")
    assert commands == ["MGET"]


@pytest.mark.django_db
def test_a_form_page_hit_is_one_round_trip_with_the_visitors_own_token(redis_page_cache, commands):
    handler = _handler(_form)
    path = f"/formularz-{uuid.uuid4().hex[:6]}/"
    handler(RequestFactory().get(path))
    handler(RequestFactory().get(path))
    commands.clear()
    tokens = []
    for _ in range(2):
        answer = handler(RequestFactory().get(path))
        assert answer["X-Page-Cache"] == "hit"
        token = answer.content.decode().split('value="')[1].split('"')[0]
        assert _unmask_cipher_token(token) == answer.cookies["csrftoken"].value
        tokens.append(token)
    assert commands == ["MGET", "MGET"]
    assert tokens[0] != tokens[1]


@pytest.mark.django_db
def test_a_wrong_guess_of_the_record_costs_a_round_trip_never_a_wrong_answer(
    redis_page_cache, commands
):
    """Another process learnt that the page reads ?strona= after this one remembered the
    address without it: the record read in the same round trip wins."""
    handler = _handler(_page)
    path = f"/lista-{uuid.uuid4().hex[:6]}/"
    handler(RequestFactory().get(path + "?strona=2"))
    record_key = AddressRecord.key(RequestFactory().get(path))
    learnt = page_cache_keys.remembered(record_key)
    assert learnt.params == {"strona"}
    page_cache_keys.remember(record_key, AddressRecord(tags=learnt.tags))  # the old guess
    handler(RequestFactory().get(path))  # the entry the old guess names exists
    page_cache_keys.remember(record_key, AddressRecord(tags=learnt.tags))
    commands.clear()
    answer = handler(RequestFactory().get(path + "?strona=3"))
    assert (answer["X-Page-Cache"], answer.content) == ("miss", b"strona 3")
    assert commands[:2] == ["MGET", "MGET"]
    assert handler(RequestFactory().get(path + "?strona=2")).content == b"strona 2"


def _by_origin(request):
    response = HttpResponse(f"dla {request.headers.get('Origin', '-')}")
    response["Vary"] = "Origin"
    return response


@pytest.mark.django_db
def test_a_guess_without_the_vary_header_the_record_has_is_never_served(redis_page_cache):
    """The remembered record does not know the answer varies on Origin (another process
    learnt it): the entry the guess names, made for another Origin, is not served."""
    handler = _handler(_by_origin)
    path = f"/origin-{uuid.uuid4().hex[:6]}/"
    handler(RequestFactory().get(path, HTTP_ORIGIN="https://a.example"))
    request = RequestFactory().get(path, HTTP_ORIGIN="https://a.example")
    record_key = AddressRecord.key(request)
    learnt = page_cache_keys.remembered(record_key)
    assert learnt.vary == {"origin"}
    # An entry for Origin a under the key a record without the Vary names.
    entry = redis_page_cache.get(page_cache_keys.entry_key(request, learnt))
    redis_page_cache.set(page_cache_keys.entry_key(request, AddressRecord()), entry, timeout=60)
    page_cache_keys.remember(record_key, AddressRecord(tags=learnt.tags))  # the old guess
    answer = handler(RequestFactory().get(path, HTTP_ORIGIN="https://b.example"))
    assert (answer["X-Page-Cache"], answer.content) == ("miss", b"dla https://b.example")


def test_the_remembered_records_are_bounded(monkeypatch):
    monkeypatch.setattr(page_cache_keys, "_remembered", {})
    monkeypatch.setattr(page_cache_keys, "MAX_REMEMBERED", 3)
    for n in range(3):
        page_cache_keys.remember(f"k{n}", AddressRecord())
    page_cache_keys.remember("k0", AddressRecord(params=frozenset({"strona"})))  # known: kept
    assert len(page_cache_keys._remembered) == 3
    page_cache_keys.remember("k3", AddressRecord())
    assert list(page_cache_keys._remembered) == ["k3"]
    page_cache_keys.remember("k3", None)  # no record stored any more: forgotten
    assert page_cache_keys.remembered("k3") is None
