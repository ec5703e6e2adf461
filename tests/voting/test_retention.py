"""Retention: voters' data and the register removed after the period, the counts, the
protocol and the receipt's standing kept."""

from datetime import timedelta

from django.utils import timezone

import pytest

from core.retention import purge_by_own_rules, purge_expired_personal_data
from tests.factories import voting
from voting.counting import count_edition
from voting.models import Ballot, EligibleVoter, ProjectResult
from voting.publication import publish_results
from voting.voter_id import voter_hash

pytestmark = pytest.mark.django_db


def test_purge_keeps_counts(client, edition, city, projects, admin_user):
    for n in range(2):
        voting.ballot(edition, [(city, projects[0], 1)], voter=n)
    EligibleVoter.objects.create(edition=edition, voter_hash=voter_hash("1"))
    voting.close_voting(edition)
    count_edition(edition)
    publish_results(edition, admin_user)
    later = timezone.now() + timedelta(days=400)
    cleared = purge_expired_personal_data(now=later)
    assert cleared["voting.Ballot"] == 2
    assert purge_by_own_rules(now=later)["voting.EligibleVoter"] == 1
    for ballot in Ballot.objects.all():
        assert (ballot.first_name, ballot.email, ballot.voter_hash) == ("", "", "")
        assert ballot.confirmed_at is not None
    assert ProjectResult.objects.get(project=projects[0]).votes == 2
    assert client.get(f"/budzet/wyniki/{edition.pk}/miasto/protokol/").status_code == 200
    body = client.post("/budzet/glosowanie/sprawdz/", {"kod": ballot.receipt_number})
    assert "policzony" in body.content.decode()
