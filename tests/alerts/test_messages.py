"""The batch's shared parts: messages copied from one prototype are Django's own, byte for
byte, and sending costs the same number of queries for 2 addresses as for 40."""

import re

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from alerts import delivery, fanout
from alerts.messages import TOKEN, AlertMessage, Prototype
from alerts.models import Delivery, Subscriber, Subscription
from alerts.registry import source_for
from alerts.visibility import describe_public
from tests.factories.consultations import ConsultationPageFactory

pytestmark = pytest.mark.django_db


def confirmed(first: int, last: int, frequency: str = "immediate") -> list[int]:
    ids = []
    for n in range(first, last):
        subscriber = Subscriber.objects.create(email=f"osoba{n}@example.pl")
        Subscription.objects.create(subscriber=subscriber, kind="consultation", frequency=frequency)
        ids.append(subscriber.pk)
    return ids


def queued(consultations, title: str) -> list[int]:
    """The pending deliveries of a new consultation's publication (announce's own fan-out,
    without its send tasks, which the test runs itself)."""
    page = ConsultationPageFactory(parent=consultations, title=title)
    item = describe_public(source_for("consultation"), page)
    ids: list[int] = []
    fanout.record("consultation", page.pk, "published", item, ids.extend)
    return ids


def comparable(message) -> bytes:
    """MESSAGE's bytes without what differs between two builds of the same message."""
    for part in message.walk():
        if part.is_multipart():
            part.set_boundary("GRANICA")
    text = message.as_bytes().decode("ascii", "surrogateescape")
    text = re.sub(r"(?m)^Date: .*$", "Date: -", text)
    return re.sub(r"(?m)^Message-ID: .*$", "Message-ID: -", text).encode("ascii", "surrogateescape")


def test_a_copied_message_is_what_django_builds(consultations, commit):
    [subscriber_id] = confirmed(0, 1)
    with commit():
        ConsultationPageFactory(parent=consultations, title="Źródła przy ul. Łąkowej – zmiany")
    [message] = mail.outbox
    assert message.prototype is not None
    copied, built = message.message(), message.django_message()
    assert comparable(copied) == comparable(built)
    token = Subscriber.objects.get(pk=subscriber_id).token
    assert copied["To"] == "osoba0@example.pl"
    assert copied["List-Unsubscribe"].endswith(f"/{token}/>")
    assert TOKEN not in message.body and TOKEN not in copied.as_string()
    # Each message gets its own Message-ID; the prototype is left as it was.
    assert copied["Message-ID"] != message.message()["Message-ID"]
    assert TOKEN in message.prototype.tree.get_payload(0).get_payload()


def test_a_token_that_makes_a_line_too_long_is_built_by_django():
    # Django encodes a body with a line over 998 bytes as quoted-printable: the copy must not
    # skip that when the address's token (longer than the placeholder) crosses the limit.
    line = "x" * (998 - len(TOKEN)) + TOKEN
    template = AlertMessage(subject="Temat", body=line, to=["a@example.pl"])
    prototype = Prototype(template)
    assert prototype.copyable
    assert prototype.filled("1-" + "k" * 43) is None
    message = AlertMessage(
        subject="Temat", body=line.replace(TOKEN, "1-" + "k" * 43), to=["a@b.pl"]
    )
    message.prototype, message.token = prototype, "1-" + "k" * 43
    assert message.message()["Content-Transfer-Encoding"] == "quoted-printable"
    short = prototype.filled("1-abc")
    assert short is not None and short["Content-Transfer-Encoding"] == "7bit"


def sending_queries(send) -> int:
    with CaptureQueriesContext(connection) as queries:
        send()
    return len(queries)


def test_immediate_sending_costs_no_query_per_message(consultations):
    confirmed(0, 2)
    few = queued(consultations, "Konsultacja A")
    few_queries = sending_queries(lambda: delivery.send_immediate(few))
    confirmed(2, 40)
    many = queued(consultations, "Konsultacja B")
    assert len(few) == 2 and len(many) == 40
    assert sending_queries(lambda: delivery.send_immediate(many)) == few_queries
    assert len(mail.outbox) == 42
    assert not Delivery.objects.filter(state="pending").exists()
    # The daily count went up once per message: 2 addresses got both items.
    assert sorted(Subscriber.objects.values_list("sent_count", flat=True)) == [1] * 38 + [2] * 2


def test_digest_sending_costs_no_query_per_address(consultations):
    few_ids = confirmed(0, 2, frequency="daily")
    queued(consultations, "Konsultacja A")
    queued(consultations, "Konsultacja B")
    few_queries = sending_queries(lambda: delivery.send_digests("daily", few_ids))
    many_ids = confirmed(2, 40, frequency="daily")
    queued(consultations, "Konsultacja C")
    queued(consultations, "Konsultacja D")
    assert sending_queries(lambda: delivery.send_digests("daily", many_ids)) == few_queries
    assert len(mail.outbox) == 40
    assert all(m.subject == "Zestawienie powiadomień: 2 nowości" for m in mail.outbox)
