"""Production settings as deployed, behind no TLS proxy, plus the ceiling view's URL."""

from config.settings.production import *  # noqa: F403
from config.settings.production import MIDDLEWARE, PAGE_CACHE_EXCLUDED_PATHS

ROOT_URLCONF = "bench.server.urls"
# Plain HTTP on 127.0.0.1: no redirect to HTTPS (the load balancer's job in production).
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# The ceiling is the bare Django stack: it must not be served from the page cache.
PAGE_CACHE_EXCLUDED_PATHS = [*PAGE_CACHE_EXCLUDED_PATHS, "/__bench/"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# The bare reference and the publishing endpoint, before any of the project's middleware.
MIDDLEWARE = ["bench.server.bare.BenchEndpointsMiddleware", *MIDDLEWARE]
