"""Two confirmations of one PESEL at the same moment, on two PostgreSQL connections:
the unique index lets exactly one through."""

import threading
from datetime import timedelta

from django.db import connection, connections
from django.utils import timezone

import pytest

from tests.factories import budget, voting
from voting.ballots import ConfirmationRefused, confirm
from voting.models import Ballot

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_simultaneous_confirmations_one_counts(home_page):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    index = budget.index_page(home_page)
    edition = voting.voting_edition(index)
    city = budget.city_pool(edition)
    project = voting.on_ballot(edition, city, "Ławki", 1000)
    pending = []
    for _n in range(2):
        ballot = voting.ballot(
            edition, [(city, project, 1)], voter="44051401359", confirmed_at=None
        )
        ballot.confirmation_expires_at = timezone.now() + timedelta(hours=1)
        ballot.save()
        pending.append(ballot.pk)
    barrier = threading.Barrier(2)
    outcomes = []

    def run(pk):
        try:
            barrier.wait()
            confirm(pk)
            outcomes.append("ok")
        except ConfirmationRefused as refused:
            outcomes.append(str(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(pk,)) for pk in pending]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[-1] == "ok"
    assert outcomes.count("ok") == 1
    assert any("oddano już głos" in outcome for outcome in outcomes)
    assert Ballot.objects.confirmed().count() == 1
