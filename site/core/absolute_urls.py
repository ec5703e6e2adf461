"""Addresses that leave the site (in e-mails): always from WAGTAILADMIN_BASE_URL.

Never from the request's Host header, which a client chooses: a forged Host would put
an attacker's domain into a password-reset link sent to a real person.
"""

from urllib.parse import urlsplit

from django.conf import settings


def base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """PATH (starting with /) on the configured site."""
    return f"{base_url()}{path}"


def domain_and_scheme() -> tuple[str, bool]:
    """(host[:port], uses https) of the configured site, for Django's reset forms."""
    parts = urlsplit(base_url())
    return parts.netloc, parts.scheme == "https"
