"""The messages: Polish plain text with an accessible HTML alternative, and the headers
that let a mail client unsubscribe with one click (RFC 8058).

A batch sends the same items to many addresses: `Composer` renders each set of items
once, with placeholders where each address's own links go, and fills them in per
message (the links are URL-safe, so nothing in them needs escaping).
"""

import base64

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from alerts.models import AlertEvent, Subscriber
from alerts.registry import kind_label, moment_label
from core.absolute_urls import absolute_url
from core.text import pluralize_pl

TOKEN = "ALERTSTOKENPLACEHOLDER"  # noqa: S105 - a placeholder, not a secret
ENCODED_WORD_BYTES = 45  # base64 of 45 bytes + "=?utf-8?b??=" stays within RFC 2047's 75


def encoded_header(value: str) -> str:
    """VALUE as RFC 2047 encoded words (ASCII, no line breaks; the generator folds it).

    The standard library's header encoder measures every prefix of a Polish subject
    again and again (quadratic); the same words, made once per batch, cost nothing.
    """
    if value.isascii():
        return value
    words, word = [], ""
    for char in value:
        if len((word + char).encode()) > ENCODED_WORD_BYTES:
            words.append(word)
            word = ""
        word += char
    words.append(word)
    return " ".join(f"=?utf-8?b?{base64.b64encode(w.encode()).decode()}?=" for w in words)


class AlertMessage(EmailMultiAlternatives):
    """A message whose subject was encoded once for its whole batch (`header_subject`)."""

    header_subject = ""

    def message(self, *args, **kwargs):
        readable, self.subject = self.subject, self.header_subject or self.subject
        try:
            return super().message(*args, **kwargs)
        finally:
            self.subject = readable


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


class Composer:
    """Builds the messages of one batch, rendering each distinct set of items once."""

    def __init__(self):
        self._rendered: dict[tuple, tuple[str, str, str, str]] = {}
        self.manage_url = absolute_url(reverse("alerts:manage", args=[TOKEN]))
        self.unsubscribe_url = absolute_url(reverse("alerts:unsubscribe", args=[TOKEN]))

    def _render(self, events: list[AlertEvent], digest: bool) -> tuple[str, str, str, str]:
        key = (digest, *(event.pk for event in events))
        if key not in self._rendered:
            entries = [entry(event) for event in events]
            context = {
                "entries": entries,
                "digest": digest,
                "manage_url": self.manage_url,
                "unsubscribe_url": self.unsubscribe_url,
            }
            subject = subject_for(entries, digest)
            self._rendered[key] = (
                subject,
                encoded_header(subject),
                render_to_string("alerts/email/alert.txt", context),
                render_to_string("alerts/email/alert.html", context),
            )
        return self._rendered[key]

    def build(self, subscriber: Subscriber, events: list[AlertEvent], digest: bool) -> AlertMessage:
        subject, header_subject, text, html = self._render(events, digest)
        token = subscriber.token
        message = AlertMessage(
            subject=subject,
            body=text.replace(TOKEN, token),
            to=[subscriber.email],
            headers={
                "List-Unsubscribe": f"<{self.unsubscribe_url.replace(TOKEN, token)}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
        message.header_subject = header_subject
        message.attach_alternative(html.replace(TOKEN, token), "text/html")
        return message
