"""A request reads its shared fragments ahead in one round trip (core.cache_reads), on the
real Redis cache: the commands are counted on the real redis-py client (a spy that sends
them on), under a key prefix of the test's own."""

import time

from django.test import Client, RequestFactory

import pytest

from core import cache_reads, cache_tags
from tests.core.conftest import RETRY_SECONDS, live_redis_default_cache
from tests.factories.pages import StandardPageFactory

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/10"
# Wagtail's own cache of the site root paths: read by Wagtail, not through core.cache_reads.
WAGTAIL_KEY = "wagtail_site_root_paths"


@pytest.fixture
def redis_fragments(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: what is counted is its reads
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache_reads._plans.clear()
    try:
        yield from live_redis_default_cache(settings, REDIS_URL, "test-reads")
    finally:
        cache_reads._plans.clear()


@pytest.fixture
def commands(monkeypatch):
    """The Redis commands the real client sends (name and first key), in order."""
    import redis

    sent = []
    original = redis.Redis.execute_command

    def counting(self, *args, **options):
        sent.append((args[0], str(args[1]) if len(args) > 1 else ""))
        return original(self, *args, **options)

    monkeypatch.setattr(redis.Redis, "execute_command", counting)
    return sent


def _ours(sent) -> list[str]:
    return [name for name, key in sent if WAGTAIL_KEY not in key]


def test_the_second_request_of_a_page_reads_its_fragments_in_one_round_trip(
    redis_fragments, commands, home_page
):
    StandardPageFactory(parent=home_page, slug="o-nas", title="O nas", show_in_menus=True)
    page = StandardPageFactory(parent=home_page, slug="zespol", title="Zespół")
    client = Client()
    first = client.get(page.url)
    assert first.status_code == 200
    first_reads = _ours(commands)
    assert first_reads.count("MGET") > 1  # the fragments one by one, then stored
    commands.clear()
    second = client.get(page.url)
    assert second.content == first.content
    assert _ours(commands) == ["MGET"]
    commands.clear()
    client.get(page.url)
    assert _ours(commands) == ["MGET"]


def test_a_page_that_reads_something_new_asks_for_it_and_reads_it_ahead_next_time(
    redis_fragments, commands, home_page
):
    page = StandardPageFactory(parent=home_page, slug="zespol", title="Zespół")
    client = Client()
    client.get(page.url)
    client.get(page.url)
    section = StandardPageFactory(
        parent=home_page, slug="nowa", title="Nowa sekcja", show_in_menus=True
    )
    section.save_revision().publish()  # bumps "all"
    commands.clear()
    assert "Nowa sekcja" in client.get(page.url).content.decode()  # "all" bumped: rendered
    commands.clear()
    assert "Nowa sekcja" in client.get(page.url).content.decode()
    assert _ours(commands) == ["MGET"]


def _request(path="/strona/"):
    return RequestFactory().get(path, HTTP_HOST="localhost")


def _in_request(store, function, request=None, status=200):
    """FUNCTION() between core.cache_reads' begin and end, as RequestMemoMiddleware runs a
    view; returns what it returned."""
    request = request or _request()
    token = cache_reads.begin(store, request)
    try:
        value = function()
    finally:
        cache_reads.end(token, request, type("Answer", (), {"status_code": status})())
    return value


def test_a_bump_in_the_request_is_honoured_after_the_read_ahead(redis_fragments, commands):
    store = redis_fragments
    _in_request(store, lambda: cache_tags.fragment("menu", lambda: "stary"))
    commands.clear()

    def publish_then_read():
        assert commands == [("MGET", commands[0][1])]  # the read-ahead, holding the entry
        cache_tags.bump(cache_tags.ALL)  # what a publish in this request does
        return cache_tags.fragment("menu", lambda: "nowy")

    assert _in_request(store, publish_then_read) == "nowy"
    assert _in_request(store, lambda: cache_tags.fragment("menu", lambda: "inny")) == "nowy"


def test_after_the_request_stores_a_fragment_it_reads_from_the_cache(redis_fragments, commands):
    store = redis_fragments
    _in_request(store, lambda: cache_tags.fragment("menu", lambda: "menu"))
    commands.clear()

    def read_store_read():
        cache_tags.fragment("menu", lambda: "inne")
        from_snapshot = _ours(commands)
        cache_tags.fragment("nowy", lambda: "nowy")  # not read ahead: a miss, stored
        commands.clear()
        cache_tags.fragment("menu", lambda: "inne")
        return from_snapshot, _ours(commands)

    assert _in_request(store, read_store_read) == (["MGET"], ["MGET"])


def test_a_version_read_after_the_snapshot_can_only_make_its_entry_stale(redis_fragments, commands):
    """The snapshot holds the entry; a tag it did not hold is read from the cache, later:
    bumped in between (by another process), the entry is not served."""
    store = redis_fragments
    tag = cache_tags.page_tag(7)
    _in_request(store, lambda: cache_tags.fragment("strona", lambda: "stara", tags=(tag,)))
    cache_reads._plans[("localhost", "/strona/")] = (
        f"pagecache:v{cache_tags.FORMAT_VERSION}:fragment:strona",
    )

    # Another process's bump, between the read-ahead and the reader (this request's own
    # bump() would drop the snapshot).
    def another_process_writes_then_read():
        store.set(cache_tags.version_keys([tag])[0], cache_tags._new_version(), timeout=None)
        return cache_tags.fragment("strona", lambda: "nowa", tags=(tag,))

    assert _in_request(store, another_process_writes_then_read) == "nowa"


def test_only_successful_gets_are_remembered_and_their_number_is_bounded(
    redis_fragments, monkeypatch
):
    store = redis_fragments
    read = lambda: cache_tags.fragment("menu", lambda: "menu")  # noqa: E731
    _in_request(store, read, RequestFactory().post("/formularz/", HTTP_HOST="localhost"))
    _in_request(store, read, _request("/nie-ma/"), status=404)
    assert cache_reads._plans == {}
    monkeypatch.setattr(cache_reads, "MAX_PATHS", 3)
    for number in range(3):
        _in_request(store, read, _request(f"/strona-{number}/"))
    assert len(cache_reads._plans) == 3
    _in_request(store, read, _request("/kolejna/"))
    assert list(cache_reads._plans) == [("localhost", "/kolejna/")]


def test_outside_a_request_the_cache_is_read_as_before(redis_fragments, commands):
    assert cache_tags.fragment("menu", lambda: "menu") == "menu"
    commands.clear()
    assert cache_tags.fragment("menu", lambda: "inne") == "menu"
    assert _ours(commands) == ["MGET"]


def test_pages_render_when_redis_stops_after_their_reads_were_remembered(
    redis_caches, settings, home_page
):
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache_reads._plans.clear()
    page = StandardPageFactory(parent=home_page, slug="zespol", title="Zespół w awarii")
    client = Client()
    client.get(page.url)
    rendered = client.get(page.url).content
    assert cache_reads._plans
    redis_caches.stop()
    try:
        for _round in range(2):  # the first finds the outage, the second skips Redis
            answer = client.get(page.url)
            assert answer.status_code == 200
            assert answer.content == rendered
    finally:
        redis_caches.start()
        time.sleep(RETRY_SECONDS + 0.1)
        cache_reads._plans.clear()
    assert client.get(page.url).content == rendered


def test_an_entry_is_handed_out_once_and_versions_to_every_reader(redis_fragments, commands):
    """A reader may change what it got (a list of sections): a second reader of the same
    entry gets its own copy from the cache, as without the read-ahead."""
    store = redis_fragments
    _in_request(store, lambda: cache_tags.fragment("sekcje", lambda: [{"tytul": "O nas"}]))
    commands.clear()

    def read_twice():
        first = cache_tags.fragment("sekcje", list)
        after_first = _ours(commands)
        first.append("zmiana tego czytelnika")
        second = cache_tags.fragment("sekcje", list)
        return after_first, second, _ours(commands)

    after_first, second, sent = _in_request(store, read_twice)
    assert after_first == ["MGET"]  # the read-ahead only
    assert second == [{"tytul": "O nas"}]
    assert sent == ["MGET", "MGET"]  # the entry again; its "all" version from the snapshot
