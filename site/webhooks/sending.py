"""One POST of a delivery: signed JSON, no redirects followed, the answer logged.

Headers: `X-Webhook-Id` (the idempotency key: the same for every retry of a delivery, so
a receiver that saw it may ignore it), `X-Webhook-Timestamp` (Unix seconds) and
`X-Webhook-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" under the secret>`;
a receiver refuses an old timestamp (replay) and a wrong signature.

The connection goes to the address webhooks.targets vetted (no second DNS lookup), with
the URL's name kept for the Host header and TLS; proxies from the environment are not
used (they would connect wherever the name resolves for them).
"""

import hashlib
import hmac
import http.client
import json
import socket
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


def _connection_class(base, address: str):
    """BASE (HTTP(S)Connection) that connects to ADDRESS whatever its host name resolves to."""

    class Pinned(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._create_connection = lambda where, *rest, **named: socket.create_connection(
                (address, where[1]), *rest, **named
            )

    return Pinned


class _PinnedHTTP(urllib.request.HTTPHandler):
    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def http_open(self, req):
        return self.do_open(_connection_class(http.client.HTTPConnection, self.address), req)


class _PinnedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, address: str):
        super().__init__()
        self.address = address

    def https_open(self, req):
        return self.do_open(
            _connection_class(http.client.HTTPSConnection, self.address),
            req,
            context=self._context,
            check_hostname=self._check_hostname,
        )


def opener(address: str | None) -> urllib.request.OpenerDirector:
    """An opener that follows no redirect, reads no proxy settings and, given ADDRESS,
    connects there only."""
    handlers = [urllib.request.ProxyHandler({}), _NoRedirects]
    if address is not None:
        handlers += [_PinnedHTTP(address), _PinnedHTTPS(address)]
    return urllib.request.build_opener(*handlers)


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
        address = check_target(
            endpoint.url, getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_TARGETS", False)
        )
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
        with opener(address).open(request, timeout=TIMEOUT_SECONDS) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
        error.close()
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
