"""Bounces and complaints from the mail provider: one generic, signed endpoint.

The provider (or a small adapter in front of it) POSTs JSON, either one event or
`{"events": [...]}`, each `{"email": "...", "type": "bounce" | "complaint"}`, with the
header `X-Alerts-Signature: sha256=<HMAC-SHA256 of the raw body, hex>` under
settings.ALERTS_WEBHOOK_SECRET. Without a secret the endpoint does not exist (404).
Other event types (a soft bounce, a delivery report) are accepted and ignored.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.http import Http404, HttpResponseForbidden, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from alerts.subscribing import disable

DISABLING = {"bounce", "complaint"}


def signature_of(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


@csrf_exempt
@require_POST
def bounces(request):
    secret = getattr(settings, "ALERTS_WEBHOOK_SECRET", "")
    if not secret:
        raise Http404
    given = request.headers.get("X-Alerts-Signature", "")
    if not hmac.compare_digest(given, signature_of(request.body, secret)):
        return HttpResponseForbidden("Nieprawidłowy podpis.")
    try:
        data = json.loads(request.body)
        events = data["events"] if isinstance(data, dict) and "events" in data else [data]
        disabled = sum(
            disable(str(event["email"]), event["type"])
            for event in events
            if isinstance(event, dict) and event.get("type") in DISABLING and event.get("email")
        )
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "Nieprawidłowy format."}, status=400)
    return JsonResponse({"disabled": disabled})
