"""Errors sent to the operator's own Sentry-compatible server (SENTRY_DSN); off by default.

Residents' personal data stay out of reports: no default PII (no cookies, addresses,
user names), no request bodies (public forms carry names, e-mails and comments), and no
local variables of the stack frames (a form's cleaned data lives there).
"""

from django.conf import settings

import sentry_sdk
from sentry_sdk.integrations.django import DjangoIntegration


def init_error_reporting(
    dsn: str,
    *,
    environment: str = "",
    release: str = "",
    traces_sample_rate: float = 0.0,
    transport=None,
) -> bool:
    """Start reporting to DSN; False (and nothing started) when DSN is empty.

    TRANSPORT: a sentry_sdk Transport to use instead of HTTP (the tests' own, no network).
    """
    if not dsn:
        return False
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        release=release or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
        transport=transport,
    )
    return True


def init_from_settings() -> bool:
    """Called once at start-up (CoreConfig.ready): web servers, workers and commands."""
    return init_error_reporting(
        settings.SENTRY_DSN,
        environment=settings.SENTRY_ENVIRONMENT,
        release=settings.SENTRY_RELEASE,
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
    )
