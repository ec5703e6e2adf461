"""The last place of an event goes to exactly one person, however many ask at once.

PostgreSQL only: SQLite has a single writer, so it cannot show the race. The tests commit
for real (transaction=True) because each thread talks to the database over its own
connection and must see the event; serialized_rollback puts back the data migrations
made (the page tree root, the roles) for the tests that follow.
"""

import threading
import time
import uuid

from django.db import connections, transaction
from django.test import Client

import pytest

from pages.cao.choices import Registration
from pages.cao.models import EventRegistration
from pages.cao.registration import RegistrationRefused, register
from pages.department.seed import ensure_home_page
from tests.factories.cao import EventIndexPageFactory, EventPageFactory, EventRegistrationFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

THREADS = 8


def make_event(places: int, taken: int):
    index = EventIndexPageFactory(parent=ensure_home_page())
    event = EventPageFactory(
        parent=index, title="Warsztaty", registration=Registration.OPEN, places=places
    )
    EventRegistrationFactory.create_batch(taken, event=event)
    return event


def run_in_threads(count: int, work) -> list:
    """Run WORK(i) in COUNT threads released together; each closes its own connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def target(i):
        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except Exception as error:  # reported by the assertions below
            results[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_many_people_posting_for_the_last_place_at_once_one_gets_it():
    event = make_event(places=5, taken=4)
    url = event.url

    def post(i):
        client = Client(REMOTE_ADDR=f"10.1.0.{i + 1}")  # each person from their own address
        response = client.post(
            url,
            {
                "form_token": str(uuid.uuid4()),
                "name": f"Osoba {i}",
                "email": f"osoba{i}@example.pl",
                "website": "",
            },
        )
        return response.status_code

    statuses = run_in_threads(THREADS, post)
    assert sorted(statuses) == [200] + [409] * (THREADS - 1), statuses
    assert EventRegistration.objects.filter(event=event).count() == 5


def test_second_registration_waits_for_the_first_and_then_finds_no_place():
    """Deterministic: the first holds the event's lock until it commits; without the lock
    the second would count the places before that commit and take one too many."""
    event = make_event(places=1, taken=0)
    first_inside = threading.Event()
    hold = 0.5

    def first():
        with transaction.atomic():
            register(event.pk, EventRegistration(name="Pierwsza", email="a@example.pl"))
            first_inside.set()
            time.sleep(hold)  # the registration is stored but not committed yet
        return "ok"

    def second():
        assert first_inside.wait(timeout=10)
        started = time.monotonic()
        try:
            register(event.pk, EventRegistration(name="Druga", email="b@example.pl"))
        except RegistrationRefused as refusal:
            return ("refused", refusal.message, time.monotonic() - started)
        return ("registered", "", time.monotonic() - started)

    results = run_in_threads(2, lambda i: (first, second)[i]())
    assert results[0] == "ok", results
    outcome, message, waited = results[1]
    assert outcome == "refused", results
    assert "Brak wolnych miejsc" in message
    assert waited >= hold * 0.8  # it really waited for the lock
    assert list(event.registrations.values_list("name", flat=True)) == ["Pierwsza"]
