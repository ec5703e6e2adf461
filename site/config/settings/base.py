"""Settings shared by every environment; each value read from the environment here."""

from pathlib import Path

import dj_database_url
from corsheaders.defaults import default_headers as cors_default_headers

from config.env import env_bool, env_float, env_int, env_list, env_str

SOURCE_DIR = Path(__file__).resolve().parent.parent.parent  # site/
BASE_DIR = SOURCE_DIR.parent  # the repository
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Proxies (load balancers) in front of the app that append to X-Forwarded-For: the client's
# address for rate limits is the one the outermost of them saw (core.ratelimit). 0: none.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

INSTALLED_APPS = [
    "core",
    "pages.department",
    "snippets",
    "accounts",
    "pages.consultations",
    "pages.cao",
    "pages.registry",
    "pages.budget",
    "pages.councils",
    "voting",
    "pages.initiatives",
    "pages.volunteering",
    "alerts",
    "api",
    "webhooks",  # after "api": it connects to the models the API's router serves
    "search",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django_tasks",
    "django_tasks_db",
    # Second factor for staff (accounts.two_factor): TOTP apps and one-time backup codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

# The page cache first: a page's hit replays the headers the middlewares below gave its
# stored answer (security headers, CSP), so none of them runs on a hit. The API's answers
# need per-request work of the two API middlewares (ETag, 304, Cache-Control by the
# clock), so they are cached after them (PAGE_CACHE_LATE_PATHS). docs/performance.md,
# "Middleware order and cost"; tests/core/test_middleware_order.py pins the constraints.
MIDDLEWARE = [
    "core.page_cache.AnonymousPageCacheMiddleware",  # pages: not over HTTP if HTTPS is due
    "django.middleware.security.SecurityMiddleware",
    "core.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "api.http.APIHTTPMiddleware",  # /api/: ETag, 304, Cache-Control, errors in JSON
    "api.middleware.APIGuardMiddleware",  # /api/: NUL and huge numbers 400, 404s in JSON
    "core.page_cache.LatePageCacheMiddleware",  # the API's answers (PAGE_CACHE_LATE_PATHS)
    "core.request_memo.RequestMemoMiddleware",  # what several tags need, once per request
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "accounts.middleware.PrivateResponsesMiddleware",
]

# Content Security Policy (core.security). The public site runs no JavaScript: no script
# but the site's own files, no inline script or style. Wagtail's admin renders a few inline
# scripts and style attributes, so its prefix gets a looser policy.
CSP_REPORT_ONLY = env_bool("CSP_REPORT_ONLY", False)
CSP_PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "frame-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CSP_ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "frame-src": ["'self'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
CSP_ADMIN_PATH_PREFIXES = ["/admin/"]
# Browser features the portal never uses, switched off for every page (Permissions-Policy).
PERMISSIONS_POLICY_DENY = [
    "accelerometer",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "usb",
]
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Editors' e-mail addresses are not sent to a third-party avatar service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Anonymous page cache (core.page_cache): whole responses for visitors without a session,
# invalidated on publish. The TTL bounds how late a clock-driven change (a consultation
# closing) can show where a page does not say when it next changes; 0 switches it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/documents/", "/static/", "/media/", "/health/"]
# Cached by core.page_cache.LatePageCacheMiddleware, after the middlewares whose work their
# answers need on every request (the API's validators and 304s), not by the first one.
PAGE_CACHE_LATE_PATHS = ["/api/"]
# Fragments the same for every reader, signed in or not (the menu sections, index pages:
# core.site_structure), with the page cache's invalidation; 0 switches them off.
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The server and the task worker write from several connections: take the write lock
    # when a transaction begins and wait for it, instead of failing at once with "database
    # is locked" when a reading transaction tries to start writing beside another.
    DATABASES["default"].setdefault("OPTIONS", {}).update(transaction_mode="IMMEDIATE", timeout=20)
# The queries every restricted page runs, as PostgreSQL's prepared statements (parsed and
# planned once per connection: core.pg_statements). Off behind a pooler in transaction
# mode (pgbouncer's pool_mode = transaction), whose sessions change server connections.
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
# The counters of rate limits and failed logins: a Redis that never evicts them (issue 17:
# an evicting Redis would forget a lockout under memory pressure); by default REDIS_URL.
REDIS_COUNTERS_URL = env_str("REDIS_COUNTERS_URL", REDIS_URL)
CACHE_KEY_PREFIX = env_str("CACHE_KEY_PREFIX", "dgngo")
# A Redis that does not answer must not hold a request up: short socket timeouts, and after
# a failure each process leaves it alone this many seconds (core.cache.ResilientRedisCache).
REDIS_OPTIONS = {
    "socket_connect_timeout": env_float("REDIS_CONNECT_TIMEOUT", 0.5),
    "socket_timeout": env_float("REDIS_SOCKET_TIMEOUT", 1.0),
}
CACHE_RETRY_SECONDS = env_float("CACHE_RETRY_SECONDS", 5.0)


def _redis_cache(url: str, outage: str) -> dict:
    return {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": CACHE_KEY_PREFIX,
        "TIMEOUT": 300,
        "OPTIONS": REDIS_OPTIONS,
        "OUTAGE": outage,
        "RETRY_SECONDS": CACHE_RETRY_SECONDS,
    }


# One process on a bare machine gets memory caches; a shared cache comes with REDIS_URL.
# "default" (the page cache, Wagtail's, fragments): with Redis down, a miss (pages are
# rendered uncached). "counters" (core.ratelimit, accounts.login_limit): with Redis down,
# counted in the process's memory, so limits keep limiting. docs/operations.md says why.
CACHES = {
    "default": (
        _redis_cache(REDIS_URL, outage="miss")
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "dgngo"}
    ),
    "counters": (
        _redis_cache(REDIS_COUNTERS_URL, outage="local")
        if REDIS_COUNTERS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "dgngo-counters",
        }
    ),
}

# Sessions (issue 17 goal 7): with a shared Redis, read from the counters' server (one that
# never evicts: "default" holds the page cache and may) and written through to the database,
# which stays the authority (cached_db), so a signed-in request reads no session row. Its own
# alias answers "miss" in an outage, never "local": a process's memory copy would keep a
# session alive that a logout or an administrator's reset in another process ended; a miss
# reads the row, and the keys of writes Redis missed are deleted when it answers again
# (core.cache). Without Redis, memory caches are per process: sessions stay in the database.
if REDIS_COUNTERS_URL:
    CACHES["sessions"] = _redis_cache(REDIS_COUNTERS_URL, outage="miss")
    SESSION_ENGINE = "accounts.session_store"
    SESSION_CACHE_ALIAS = "sessions"

# Django's model permissions, user's and groups' read in one query instead of two.
AUTHENTICATION_BACKENDS = ["accounts.backends.OneQueryModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Polish first: the site and the admin.
LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", "Polski")]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Page addresses in ASCII: the admin transliterates Polish letters ("nabór" -> "nabor")
# and core.models.BasePage does the same for slugs made on the server.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Wydział Organizacji Pozarządowych i Aktywności Obywatelskiej"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "rtf", "txt", "xlsx", "ods", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
# Every document upload (admin form, multiple upload, chooser, API) is checked by content,
# and no edit moves a document out of a private collection (core.collection_privacy).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.documents.SafeDocumentForm"
# Images: Wagtail's form plus the guard against moving an image out of a private collection.
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.collection_privacy.GuardedImageForm"
# Documents are always served through Wagtail's view, which checks collection privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True
# Cache-Control of the API's 200 answers (api.http): seconds a browser and a shared cache
# (CDN) may keep one before revalidating it with its ETag; never past the next change by
# the clock.
API_BROWSER_SECONDS = env_int("API_BROWSER_SECONDS", 60)
API_CDN_SECONDS = env_int("API_CDN_SECONDS", 60)
# Previews in an external front end (api.preview): the front end's preview address (the
# editor is sent there with ?token=…; empty: no button) and how long a token is valid.
HEADLESS_PREVIEW_URL = env_str("HEADLESS_PREVIEW_URL", "")
HEADLESS_PREVIEW_SECONDS = env_int("HEADLESS_PREVIEW_SECONDS", 600)
# Webhooks (site/webhooks): targets inside private networks or on this machine are refused;
# True only for a receiver on a developer's own machine (and the suite's local receiver).
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", False)

# Stock search stays on the database; the portal's own Polish search lives in search/.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "dgngo")
# The portal's search (search/): "database" (SQLite FTS5 / PostgreSQL full-text) or
# "elasticsearch"; empty: Elasticsearch when ELASTICSEARCH_URL is set.
SEARCH_BACKEND = env_str("SEARCH_BACKEND")
# Searches per minute and client address (/szukaj/ and /api/v2/search/ together), and
# suggestions (typed as one types, so more); over it: 429. Behind a proxy, see
# TRUSTED_PROXY_COUNT. An office behind one address shares the budget.
SEARCH_RATE_LIMIT = env_int("SEARCH_RATE_LIMIT", 120)
SEARCH_SUGGEST_RATE_LIMIT = env_int("SEARCH_SUGGEST_RATE_LIMIT", 300)

# Wagtail's task framework (django_tasks). Slow or fallible work (text extraction, both
# search indexes, the NGO import, every e-mail) is queued in the database and run by
# `manage.py db_worker` (core.task_worker: heartbeat, lease, retries), on as many machines
# as needed. TASKS_BACKEND=immediate runs tasks inside the request (no worker needed).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[env_str("TASKS_BACKEND", "database")]}}
# A worker writes its heartbeat this often (seconds), also while it runs a task...
TASK_WORKER_HEARTBEAT_SECONDS = env_int("TASK_WORKER_HEARTBEAT_SECONDS", 10)
# ...and a task whose worker has been silent this long is taken up by another worker.
TASK_WORKER_LEASE_SECONDS = env_int("TASK_WORKER_LEASE_SECONDS", 60)
# The first retry of a failed e-mail or index update waits this long; each next one twice
# as long (core.task_retry).
TASK_RETRY_DELAY_SECONDS = env_int("TASK_RETRY_DELAY_SECONDS", 30)

# Every e-mail is queued (core.mail) and sent by the worker through EMAIL_BACKEND's value.
EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal-ngo@dg.pl")

# Documents the portal writes (core.generated_documents): protocols, agreements, reports.
# PDFs are set in DejaVu Sans (Debian's fonts-dejavu-core): it has every Polish letter.
GENERATED_DOCUMENTS_FONT_DIR = env_str(
    "GENERATED_DOCUMENTS_FONT_DIR", "/usr/share/fonts/truetype/dejavu"
)
GENERATED_DOCUMENTS_AUTHOR = env_str(
    "GENERATED_DOCUMENTS_AUTHOR",
    "Urząd Miejski w Dąbrowie Górniczej, Wydział Organizacji Pozarządowych "
    "i Aktywności Obywatelskiej",
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
}

LOGIN_URL = "/logowanie/"
LOGIN_REDIRECT_URL = "/"
# Restricted pages (intranet, NGO zone) send readers to the portal's own login page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.AdminLoginForm"
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "accounts.forms.LimitedPasswordResetForm"  # noqa: S105
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_RESET_TIMEOUT", 60 * 60 * 24)
# Failed logins: per address and user name, and per address alone (credential stuffing).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_ADDRESS_LIMIT = env_int("LOGIN_FAILURE_ADDRESS_LIMIT", 30)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)
# Wrong second-factor codes: per account from any address, not cleared by the password.
SECOND_FACTOR_FAILURE_LIMIT = env_int("SECOND_FACTOR_FAILURE_LIMIT", 5)
SECOND_FACTOR_FAILURE_WINDOW = env_int("SECOND_FACTOR_FAILURE_WINDOW", 15 * 60)
# Attempts allowed from one client address per form kind: (attempts, period in seconds).
# Read only by core.ratelimit; generous for a family or an office behind one address,
# tight enough to stop a script.
RATE_LIMITS = {
    "consultation-comment": (10, 60 * 60),
    "cao-booking": (10, 60 * 60),
    "event-registration": (10, 60 * 60),
    "offer-comment": (10, 60 * 60),
    "budget-project": (10, 60 * 60),
    "budget-idea": (20, 60 * 60),
    "budget-private-link": (30, 60 * 60),
    "budget-ballot": (20, 60 * 60),
    "budget-ballot-link": (30, 60 * 60),  # confirmation links and receipt checks
    "initiative-application": (10, 60 * 60),
    "initiative-private-link": (30, 60 * 60),
    "volunteer-answer": (10, 60 * 60),
    "certificate-check": (30, 60 * 60),  # codes of CAO training certificates checked
    "council-application": (10, 60 * 60),
    "ngo-change-request": (10, 60 * 60),
    "password-reset": (5, 60 * 60),  # reset e-mails sent
    "password-reset-form": (20, 60 * 60),  # reset forms posted
    "alert-signup": (10, 60 * 60),  # alert sign-ups from one IP
    "alert-signup-address": (3, 60 * 60),  # confirmation links sent to one e-mail address
    "budget-ballot-address": (3, 60 * 60),  # ballots (confirmation links) to one address
}
# E-mail alerts (alerts/, docs/alerts.md). Digests go out at this local time (daily) and
# on this weekday (weekly, 0 = Monday); `manage.py send_alerts` runs from cron.
ALERTS_DIGEST_TIME = env_str("ALERTS_DIGEST_TIME", "07:00")
ALERTS_WEEKLY_DIGEST_WEEKDAY = env_int("ALERTS_WEEKLY_DIGEST_WEEKDAY", 0)
ALERTS_DAILY_CAP = env_int("ALERTS_DAILY_CAP", 20)  # messages per address per day
ALERTS_BATCH_SIZE = env_int("ALERTS_BATCH_SIZE", 500)  # messages (or addresses) per task
ALERTS_CONFIRMATION_HOURS = env_int("ALERTS_CONFIRMATION_HOURS", 48)
# The bounce/complaint webhook's HMAC secret; empty: no webhook (the URL answers 404).
ALERTS_WEBHOOK_SECRET = env_str("ALERTS_WEBHOOK_SECRET", "")
# Second factor (accounts.two_factor): the name authenticator apps show beside the code.
# Whoever can open the admin must have a second factor (off only in the test suite).
SECOND_FACTOR_REQUIRED = env_bool("SECOND_FACTOR_REQUIRED", True)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "Portal NGO Dąbrowa Górnicza")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# CORS: only the API, only GET, only the origins listed; never with credentials.
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False
# Conditional requests from a front end on another origin (api.http): it may send its
# validators and read them back (a browser hides ETag from scripts unless exposed).
CORS_ALLOW_HEADERS = [*cors_default_headers, "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified"]

# Error reporting (core.error_reporting) to the operator's own Sentry-compatible server;
# off while SENTRY_DSN is empty. No personal data is sent (no PII, bodies or locals).
SENTRY_DSN = env_str("SENTRY_DSN")
SENTRY_ENVIRONMENT = env_str("SENTRY_ENVIRONMENT", "production")
SENTRY_RELEASE = env_str("SENTRY_RELEASE")
# Share of requests traced for performance (0: errors only).
SENTRY_TRACES_SAMPLE_RATE = env_float("SENTRY_TRACES_SAMPLE_RATE", 0.0)

# How long the web server (the reverse proxy, gunicorn's access log) keeps its logs with
# client IP addresses: the privacy page states it (core.privacy.server_logs), so the log
# rotation of a deployment must match it (docs/operations.md).
SERVER_LOG_RETENTION_DAYS = env_int("SERVER_LOG_RETENTION_DAYS", 30)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},  # one line per index update is noise
        "django_tasks_db": {"level": "INFO"},  # the worker's start, stop and lost tasks
        "fontTools": {"level": "WARNING"},  # dozens of lines per generated PDF (font subsetting)
    },
}

# Voting in the budget (docs/voting.md): the key of the PESEL's HMAC (required: the
# voting.E001 check), and an optional SMS sender for confirmation codes, a dotted path
# to a callable(phone, text); none by default (e-mail only).
VOTER_ID_HASH_KEY = env_str("VOTER_ID_HASH_KEY")
VOTING_SMS_SENDER = env_str("VOTING_SMS_SENDER")
