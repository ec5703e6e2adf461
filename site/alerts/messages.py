"""The messages: Polish plain text with an accessible HTML alternative, and the headers
that let a mail client unsubscribe with one click (RFC 8058).

A batch sends the same items to many addresses: `Composer` renders each set of items
once, with placeholders where each address's own links go, and fills them in per
message (the links are URL-safe, so nothing in them needs escaping). The MIME message
itself is built once per set of items too (`Prototype`): building it is most of a
message's cost (the standard library parses its own Content-Type parameters again for
every part), and only the address, its links, the date and the Message-ID differ.
"""

import base64
import copy
from email.message import Message
from email.utils import formatdate, make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import (
    DNS_NAME,
    RFC5322_EMAIL_LINE_LENGTH_LIMIT,
    forbid_multi_line_headers,
)
from django.template.loader import render_to_string
from django.urls import reverse

from alerts.models import AlertEvent, Subscriber
from alerts.registry import kind_label, moment_label
from core.absolute_urls import absolute_url
from core.text import pluralize_pl

TOKEN = "ALERTSTOKENPLACEHOLDER"  # noqa: S105 - a placeholder, not a secret
ADDRESS = "adresat@example.invalid"  # the prototype's To, replaced in every message
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


class Prototype:
    """The MIME tree of one set of items' message, built once by Django with TOKEN and
    ADDRESS where each address's own parts go; never sent, only copied (`filled`)."""

    def __init__(self, message: "AlertMessage"):
        self.tree = message.django_message()
        # A part that Django had to encode (quoted-printable for lines over 998 bytes)
        # may have the placeholder split across lines: such messages are built whole.
        self.copyable = all(
            part.get("Content-Transfer-Encoding") in ("7bit", "8bit")
            for part in self.tree.walk()
            if not part.is_multipart()
        )

    def __deepcopy__(self, memo):
        return self  # shared by the messages of a batch and never changed

    def filled(self, token: str) -> Message | None:
        """A copy of the tree with TOKEN filled in; None where Django would have encoded a
        line that the token made too long (then the caller builds the message whole)."""
        return _filled(self.tree, token) if self.copyable else None


def _filled(part: Message, token: str) -> Message | None:
    # What copy.deepcopy would copy (the header list and the payload), at a fraction of
    # its cost; the policy and the charset are shared, as Django shares them. `_payload` is
    # read as stored: get_payload() would decode an 8bit body's surrogate escapes.
    clone = copy.copy(part)
    clone._headers = [(name, value.replace(TOKEN, token)) for name, value in part._headers]
    clone.defects = []
    if part.is_multipart():
        parts = [_filled(sub, token) for sub in part._payload]
        if None in parts:
            return None
        clone._payload = parts
        return clone
    payload = part._payload.replace(TOKEN, token)
    # A 7bit/8bit payload is stored one character per byte (surrogate escapes), so len()
    # is the byte length that Django's own check measures.
    if any(len(line) > RFC5322_EMAIL_LINE_LENGTH_LIMIT for line in payload.splitlines()):
        return None
    clone._payload = payload
    return clone


class AlertMessage(EmailMultiAlternatives):
    """A message of a batch. Its subject was encoded once for the batch (`header_subject`);
    `message()` copies the batch's `prototype` and puts in this address, its `token`, a
    date and a Message-ID: the same headers and parts Django would build, in the same
    order (tests/alerts/test_messages.py compares them)."""

    header_subject = ""
    prototype: Prototype | None = None
    token = ""

    def django_message(self):
        readable, self.subject = self.subject, self.header_subject or self.subject
        try:
            return super().message()
        finally:
            self.subject = readable

    def message(self, *args, **kwargs):
        msg = self.prototype.filled(self.token) if self.prototype else None
        if msg is None:
            return self.django_message()
        encoding = self.encoding or settings.DEFAULT_CHARSET
        for name, value in (
            ("To", ", ".join(str(address) for address in self.to)),
            ("Date", formatdate(localtime=settings.EMAIL_USE_LOCALTIME)),
            ("Message-ID", make_msgid(domain=DNS_NAME)),
        ):
            msg.replace_header(name, forbid_multi_line_headers(name, value, encoding)[1])
        return msg


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
        self._rendered: dict[tuple, tuple[str, str, str, str, Prototype]] = {}
        self.manage_url = absolute_url(reverse("alerts:manage", args=[TOKEN]))
        self.unsubscribe_url = absolute_url(reverse("alerts:unsubscribe", args=[TOKEN]))

    def _render(self, events: list[AlertEvent], digest: bool) -> tuple:
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
            rendered = (
                subject,
                encoded_header(subject),
                render_to_string("alerts/email/alert.txt", context),
                render_to_string("alerts/email/alert.html", context),
            )
            self._rendered[key] = (*rendered, Prototype(self._message(rendered, ADDRESS, TOKEN)))
        return self._rendered[key]

    def _message(self, rendered: tuple, email: str, token: str) -> AlertMessage:
        subject, header_subject, text, html = rendered
        message = AlertMessage(
            subject=subject,
            body=text.replace(TOKEN, token),
            to=[email],
            headers={
                "List-Unsubscribe": f"<{self.unsubscribe_url.replace(TOKEN, token)}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Auto-Submitted": "auto-generated",
            },
        )
        message.header_subject = header_subject
        message.attach_alternative(html.replace(TOKEN, token), "text/html")
        return message

    def build(self, subscriber: Subscriber, events: list[AlertEvent], digest: bool) -> AlertMessage:
        *rendered, prototype = self._render(events, digest)
        message = self._message(rendered, subscriber.email, subscriber.token)
        message.prototype, message.token = prototype, subscriber.token
        return message
