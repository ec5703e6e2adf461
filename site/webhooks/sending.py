"""One POST of a delivery: signed JSON, no redirects followed, the answer logged.

Headers: `X-Webhook-Id` (the idempotency key: the same for every retry of a delivery, so
a receiver that saw it may ignore it), `X-Webhook-Timestamp` (Unix seconds) and
`X-Webhook-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" under the secret>`;
a receiver refuses an old timestamp (replay) and a wrong signature.
"""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.conf import settings
from django.utils import timezone

from webhooks.models import WebhookDelivery
from webhooks.targets import UnsafeTarget, check_target

TIMEOUT_SECONDS = 10


class DeliveryFailed(OSError):
    """The receiver did not answer 2xx (or could not be reached): worth another try."""


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect could lead to an internal address: a 3xx is a failure


_opener = urllib.request.build_opener(_NoRedirects)


def signature(secret: str, timestamp: str, body: bytes) -> str:
    signed = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()


def send(delivery: WebhookDelivery) -> str:
    """POST DELIVERY once; record the attempt. Raise DeliveryFailed to be tried again."""
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return "już dostarczono"
    endpoint = delivery.endpoint
    delivery.attempts += 1
    try:
        check_target(endpoint.url, getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_TARGETS", False))
    except UnsafeTarget as error:
        _failed(delivery, None, str(error))
        return "adres niedozwolony: nie wysłano"  # not retried: it will not get better
    body = body_of(delivery)
    timestamp = str(int(time.time()))
    # The scheme was checked above (http or https only).
    request = urllib.request.Request(  # noqa: S310
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "portal-ngo-webhooks/1",
            "X-Webhook-Id": str(delivery.idempotency_key),
            "X-Webhook-Event": delivery.event,
            "X-Webhook-Timestamp": timestamp,
            "X-Webhook-Signature": signature(endpoint.secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except OSError as error:
        _failed(delivery, None, f"{type(error).__name__}: {error}")
        raise DeliveryFailed(str(error)) from error
    if not 200 <= status < 300:
        _failed(delivery, status, f"odpowiedź {status}")
        raise DeliveryFailed(f"answer {status}")
    delivery.status = WebhookDelivery.Status.DELIVERED
    delivery.response_status = status
    delivery.error = ""
    delivery.delivered_at = timezone.now()
    delivery.save()
    return f"dostarczono ({status})"


def _failed(delivery, status, error: str) -> None:
    delivery.status = WebhookDelivery.Status.FAILED
    delivery.response_status = status
    delivery.error = error[:2000]
    delivery.save()
