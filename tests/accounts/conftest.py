from django.core.cache import caches

import pytest

from accounts import roles
from accounts.sections import ensure_sections
from core import cache_reads
from tests.core.conftest import live_redis_default_cache
from tests.factories.accounts import UserFactory


@pytest.fixture
def sections(home_page):
    intranet, extranet = ensure_sections(home_page)
    return {"intranet": intranet, "extranet": extranet}


@pytest.fixture
def staff_user(db):
    return UserFactory(username="pracownik", groups=[roles.STAFF])


@pytest.fixture
def partner_user(db):
    return UserFactory(username="partner", groups=[roles.NGO_PARTNERS])


@pytest.fixture
def editor_user(db):
    return UserFactory(username="redaktor", groups=[roles.EDITORS])


@pytest.fixture
def approver_user(db):
    return UserFactory(username="naczelnik", groups=[roles.APPROVERS])


ONE_REDIS_URL = "redis://127.0.0.1:6379/10"


@pytest.fixture
def one_redis(settings):
    """The default and the sessions' caches on one Redis, as production configures them."""
    settings.PAGE_CACHE_SECONDS = 0  # every request renders and reads ahead
    settings.FRAGMENT_CACHE_SECONDS = 300
    cache_reads._plans.clear()
    try:
        for _default in live_redis_default_cache(settings, ONE_REDIS_URL, "test-sessions"):
            settings.CACHES = {**settings.CACHES, "sessions": settings.CACHES["default"]}
            yield caches["default"]  # the handlers are made again by the setting
    finally:
        cache_reads._plans.clear()
