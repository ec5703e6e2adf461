"""Retention: voters' data and the register removed after the period, the counts, the
protocol and the receipt's standing kept."""

from datetime import timedelta

from django.utils import timezone

import pytest

from core.retention import purge_by_own_rules, purge_expired_personal_data
from tests.factories import voting
from voting.counting import count_edition
from voting.models import Ballot, BallotChoice, EligibleVoter, ProjectResult
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


def test_open_data_stay_the_same_after_retention(client, edition, city, projects, admin_user):
    voting.pool_method(city, "punkty", points="2,1")
    lawki, rowery, skwer = projects
    for n in range(5):
        voting.ballot(edition, [(city, lawki, 2), (city, skwer, 1)], voter=n)
    voting.ballot(edition, [(city, rowery, 2)], voter=9)
    voting.close_voting(edition)
    count_edition(edition)
    publish_results(edition, admin_user)
    urls = [
        f"/budzet/wyniki/{edition.pk}/miasto.pb",
        f"/budzet/wyniki/{edition.pk}/wyniki.csv",
        f"/budzet/wyniki/{edition.pk}/wyniki.json",
        f"/budzet/wyniki/{edition.pk}/miasto/protokol/",
    ]
    before = {url: client.get(url).content for url in urls}
    pb = before[urls[0]].decode()
    assert "num_votes;6" in pb
    assert "VOTES\nvoter_id;vote;points\n" in pb
    votes = [line.split(";", 1)[1] for line in pb.split("VOTES\n")[1].splitlines()[1:]]
    assert sorted(votes) == sorted([f"{lawki.pk},{skwer.pk};2,1"] * 5 + [f"{rowery.pk};2"])

    later = timezone.now() + timedelta(days=400)
    purge_expired_personal_data(now=later)
    assert set(Ballot.objects.values_list("voter_hash", flat=True)) == {""}
    assert {url: client.get(url).content for url in urls} == before
    # Even with the ballots gone altogether, the files match the protocol.
    BallotChoice.objects.all().delete()
    Ballot.objects.all().delete()
    assert {url: client.get(url).content for url in urls} == before
