"""The messages: Polish plain text with an accessible HTML alternative, and the headers
that let a mail client unsubscribe with one click (RFC 8058)."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from alerts.models import AlertEvent, Subscriber
from alerts.registry import kind_label, moment_label
from core.absolute_urls import absolute_url
from core.text import pluralize_pl


def links(subscriber: Subscriber) -> dict[str, str]:
    return {
        "manage_url": absolute_url(reverse("alerts:manage", args=[subscriber.token])),
        "unsubscribe_url": absolute_url(reverse("alerts:unsubscribe", args=[subscriber.token])),
    }


def entry(event: AlertEvent) -> dict:
    url = event.url if event.url.startswith("http") else absolute_url(event.url)
    return {
        "moment": moment_label(event.kind, event.moment),
        "kind": kind_label(event.kind),
        "title": event.title,
        "url": url,
        "dates": event.dates,
        "summary": event.summary,
    }


def subject_for(entries: list[dict], digest: bool) -> str:
    if not digest and len(entries) == 1:
        return f"{entries[0]['moment']}: {entries[0]['title']}"[:180]
    count = pluralize_pl(len(entries), "nowość", "nowości", "nowości")
    return f"Zestawienie powiadomień: {count}"


def build(subscriber: Subscriber, events: list[AlertEvent], digest: bool) -> EmailMultiAlternatives:
    entries = [entry(event) for event in events]
    context = {"entries": entries, "digest": digest, **links(subscriber)}
    message = EmailMultiAlternatives(
        subject=subject_for(entries, digest),
        body=render_to_string("alerts/email/alert.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(render_to_string("alerts/email/alert.html", context), "text/html")
    return message
