"""Fixtures shared by every area: a site with a HomePage at its root."""

import pytest

from pages.department.seed import ensure_home_page


@pytest.fixture
def home_page(db):
    """The default site's HomePage (Wagtail's placeholder replaced), published."""
    return ensure_home_page()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments must not leak from one test into another.
    from django.core.cache import caches

    for alias in ("default", "counters"):
        caches[alias].clear()
    yield
    for alias in ("default", "counters"):
        caches[alias].clear()


def pytest_collection_modifyitems(config, items):
    """Skip PostgreSQL-only tests when the suite runs on SQLite."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)
