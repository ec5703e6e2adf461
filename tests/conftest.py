"""Fixtures shared by every area: a site with a HomePage at its root."""

import pytest

from pages.department.seed import ensure_home_page


@pytest.fixture
def home_page(db):
    """The default site's HomePage (Wagtail's placeholder replaced), published."""
    return ensure_home_page()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits, cached fragments and users' snapshots (accounts.user_snapshot: SQLite
    # gives a rolled-back user's id to the next one) must not leak from one test into another.
    from django.core.cache import caches

    for alias in ("default", "counters", "sessions"):
        caches[alias].clear()
    yield
    for alias in ("default", "counters", "sessions"):
        caches[alias].clear()


@pytest.fixture
def fragments_shared(settings, monkeypatch):
    """Shared fragments on, through a cache every process reads (Redis, as deployed with
    several processes: core.request_memo shares the restricted pages only then); the
    suite's memory cache stands in for it, emptied around each test by _clear_cache."""
    settings.FRAGMENT_CACHE_SECONDS = 300
    monkeypatch.setattr("core.cache_tags.shared_between_processes", lambda: True)


def pytest_collection_modifyitems(config, items):
    """Skip PostgreSQL-only tests when the suite runs on SQLite."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
