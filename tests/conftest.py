"""Fixtures shared by every area: a site with a HomePage at its root."""

import pytest

from pages.seed import ensure_home_page


@pytest.fixture
def home_page(db):
    """The default site's HomePage (Wagtail's placeholder replaced), published."""
    return ensure_home_page()


@pytest.fixture(autouse=True)
def _clear_cache():
    # Rate limits and cached fragments must not leak from one test into another.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
