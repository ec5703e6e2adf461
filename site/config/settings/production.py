"""Production: refuses to start without a secret key; secure by default."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# The page cache is emptied by publishing in the process that saved; other processes with a
# local-memory cache of their own would go on serving the old pages until their entries
# expire. Several processes (gunicorn reads WEB_CONCURRENCY) need the shared cache.
if (
    not env_str("REDIS_URL")
    and env_int("PAGE_CACHE_SECONDS", 60) > 0
    and env_int("WEB_CONCURRENCY", 1) > 1
):
    raise ImproperlyConfigured(
        "WEB_CONCURRENCY > 1 with the page cache on needs REDIS_URL (a cache shared by the "
        "processes), or PAGE_CACHE_SECONDS=0."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
# Behind TLS every sub-resource is fetched over HTTPS too.
CSP_PUBLIC_POLICY = {**CSP_PUBLIC_POLICY, "upgrade-insecure-requests": []}  # noqa: F405
