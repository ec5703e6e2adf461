"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL is set."""

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403
from .base import TASK_BACKENDS, VAR_DIR

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
VOTER_ID_HASH_KEY = "test-only-voter-hash-key-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "counters": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "c"},
    "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"},
}
# Sessions as deployed with Redis (accounts.session_store, Django's cached_db): the suite
# runs in one process, so a memory cache is shared by every request of a test
# (tests/core/test_cache_outage.py: over Redis).
SESSION_ENGINE = "accounts.session_store"
SESSION_CACHE_ALIAS = "sessions"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A folder per xdist worker: a test that deletes a file and opens its name again must not
# find the file another worker has just saved under the same name (Django reuses a free name).
MEDIA_ROOT = VAR_DIR / "test-media" / env_str("PYTEST_XDIST_WORKER", "")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# Ordinary tests run tasks in the test itself; the worker's own tests start real worker
# processes with TASKS_BACKEND=database (tests/core/test_task_worker_process.py).
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "immediate")]}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Off for the suite: a test's transaction never commits, so it could see its own stale
# pages. tests/core/test_page_cache.py and the browser server switch it on.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 0)
# The browser tests' server runs these settings without collectstatic.
WHITENOISE_USE_FINDERS = True
# Wagtail's timed autosave of the page editor; the browser tests save explicitly (0: off).
WAGTAIL_AUTOSAVE_INTERVAL = env_int("WAGTAIL_AUTOSAVE_INTERVAL", 500)
# Tests send many searches from one address; tests/search/test_limits.py lowers them.
SEARCH_RATE_LIMIT = 100_000
SEARCH_SUGGEST_RATE_LIMIT = 100_000
# Most tests sign editors in with force_login and no device; the second factor's own
# tests (tests/accounts/test_second_factor.py, the browser's) switch the requirement on.
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", False)
