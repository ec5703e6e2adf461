"""The count: validity, votes per project, selection until the pool is spent (skipping
what does not fit), ties by a logged seeded draw, idempotence, refusals, publication."""

import importlib
import logging
import random

from django.apps import apps as django_apps
from django.core.management import call_command
from django.utils.crypto import salted_hmac

import pytest

from pages.budget.models import Stage, Status
from tests.factories import voting
from voting.counting import (
    REASON_DUPLICATE,
    REASON_REJECTED,
    REASON_UNVERIFIED,
    CountRefused,
    count_edition,
)
from voting.models import Ballot, EligibleVoter, PoolResult, ProjectResult, Verification
from voting.pairs import PairRefused, resolve_pair
from voting.publication import publish_results
from voting.voter_id import voter_hash
from voting.voter_register import match_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(edition, city):
    return voting.on_ballot(edition, city, "Mały", 50000)


def vote(edition, city, voter, *projects, **fields):
    return voting.ballot(edition, [(city, p, 1) for p in projects], voter=voter, **fields)


def rows(edition):
    return {
        row.project.title: row
        for row in ProjectResult.objects.filter(pool_result__pool__edition=edition)
    }


def test_selection_until_the_pool_is_spent(edition, city, projects, small, caplog):
    lawki, rowery, skwer = projects
    vote(edition, city, 1, skwer, lawki)
    vote(edition, city, 2, skwer, lawki)
    vote(edition, city, 3, skwer, rowery)
    vote(edition, city, 4, small)
    voting.close_voting(edition)
    with caplog.at_level(logging.INFO, logger="voting.counting"):
        result = count_edition(edition)
    found = rows(edition)
    assert (found["Skwer"].votes, found["Ławki"].votes) == (3, 2)
    assert found["Skwer"].selected and found["Ławki"].selected
    # 1 000 000 − 500 000 − 400 000 leaves 100 000: Rowery (300 000) is skipped, Mały fits.
    assert not found["Rowery"].selected
    assert found["Rowery"].note.startswith("nie mieści się")
    assert found["Mały"].selected
    pool = PoolResult.objects.get(pool=city)
    assert pool.spent == 950000
    assert pool.ballots == 4
    # Rowery and Mały tie on 1 vote: a draw, logged with its seed and outcome.
    (draw,) = pool.draws
    assert sorted(draw["projects"]) == sorted([rowery.pk, small.pk])
    assert result.draw_seed in caplog.text
    assert str(draw["order"]) in caplog.text


def test_count_is_idempotent(edition, city, projects, small):
    for voter, project in enumerate([projects[1], small, projects[0]]):
        vote(edition, city, voter, project)
    voting.close_voting(edition)
    first = count_edition(edition)
    before = [(r.project_id, r.rank, r.votes, r.selected) for r in ProjectResult.objects.all()]
    again = count_edition(edition)
    after = [(r.project_id, r.rank, r.votes, r.selected) for r in ProjectResult.objects.all()]
    assert before == after
    assert first.draw_seed == again.draw_seed
    assert PoolResult.objects.count() == 1


def test_points_are_summed(edition, city, projects):
    voting.pool_method(city, "punkty", points="3,2,1")
    lawki, rowery, skwer = projects
    voting.ballot(edition, [(city, lawki, 3), (city, rowery, 2), (city, skwer, 1)], voter=1)
    voting.ballot(edition, [(city, skwer, 3), (city, rowery, 2)], voter=2)
    voting.close_voting(edition)
    count_edition(edition)
    found = rows(edition)
    assert (found["Rowery"].score, found["Skwer"].score, found["Ławki"].score) == (4, 4, 3)
    assert found["Rowery"].votes == 2


def test_invalid_ballots_and_their_reasons(edition, city, projects, admin_user):
    lawki = projects[0]
    vote(edition, city, 1, lawki)
    vote(edition, city, 2, lawki, verification="do-weryfikacji")
    vote(edition, city, 3, lawki, verification="odrzucony")
    vote(edition, city, 4, lawki, verification="uznany")
    online = vote(edition, city, 5, lawki)  # online …
    vote(edition, city, 5, lawki, channel="papier")  # … and paper: online counts (default)
    voting.close_voting(edition)
    # The pair is not decided silently by the count: both are held for staff.
    with pytest.raises(CountRefused, match="przez internet i na papierze"):
        count_edition(edition)
    assert not PoolResult.objects.exists()
    assert Ballot.objects.filter(verification=Verification.PAIR).count() == 2
    resolve_pair(edition, online.pk, admin_user)
    summary = count_edition(edition).summary
    assert summary["ballots"] == 6
    assert summary["valid"] == 2
    assert summary["invalid_reasons"] == {
        REASON_DUPLICATE: 1,
        REASON_REJECTED: 1,
        # The online ballot kept goes on to the register check: no register imported here.
        REASON_UNVERIFIED: 2,
    }
    assert rows(edition)["Ławki"].votes == 2


@pytest.mark.parametrize(
    ("rule", "counted"),
    [("internet", "internet"), ("papier", "papier"), ("zaden", None)],
)
def test_duplicate_rule_decides_the_pair(edition, city, projects, admin_user, rule, counted):
    voting.rules(edition, duplicate_rule=rule)
    EligibleVoter.objects.create(edition=edition, voter_hash=voter_hash("5"))
    online = vote(edition, city, 5, projects[0])
    paper = vote(edition, city, 5, projects[1], channel="papier")
    voting.close_voting(edition)
    with pytest.raises(CountRefused):
        count_edition(edition)
    resolve_pair(edition, paper.pk, admin_user)
    with pytest.raises(PairRefused):  # resolved once
        resolve_pair(edition, online.pk, admin_user)
    summary = count_edition(edition).summary
    found = rows(edition)
    if counted is None:
        assert (summary["valid"], summary["invalid_reasons"]) == (0, {REASON_DUPLICATE: 2})
    else:
        assert (summary["valid"], summary["invalid_reasons"]) == (1, {REASON_DUPLICATE: 1})
        chosen = projects[0] if counted == "internet" else projects[1]
        assert found[chosen.title].votes == 1
        kept = Ballot.objects.get(channel=counted)
        assert kept.verification == Verification.MATCHED  # then checked against the register


def test_refused_while_voting_lasts(edition, city, projects):
    vote(edition, city, 1, projects[0])
    with pytest.raises(CountRefused, match="Głosowanie jeszcze trwa"):
        count_edition(edition)
    assert not PoolResult.objects.exists()


def test_publication_sets_statuses_and_freezes_the_count(edition, city, projects, admin_user):
    lawki, rowery, skwer = projects
    vote(edition, city, 1, skwer)
    vote(edition, city, 2, rowery)
    voting.close_voting(edition)
    count_edition(edition)
    publish_results(edition, admin_user)
    for project in projects:
        project.refresh_from_db()
    assert skwer.status == Status.SELECTED
    assert lawki.status == Status.NOT_SELECTED  # no votes
    history = skwer.history.filter(stage=Stage.VOTE).get()
    assert "1 głos" in history.justification
    with pytest.raises(CountRefused, match="już opublikowane"):
        count_edition(edition)
    with pytest.raises(CountRefused, match="już opublikowane"):
        publish_results(edition, admin_user)


def test_publication_needs_a_count(edition, city, projects, admin_user):
    with pytest.raises(CountRefused, match="Najpierw policz"):
        publish_results(edition, admin_user)


def test_command(edition, city, projects, capsys):
    vote(edition, city, 1, projects[0])
    call_command("count_budget_votes")  # voting still on: skipped
    assert not PoolResult.objects.exists()
    voting.close_voting(edition)
    call_command("count_budget_votes")
    call_command("count_budget_votes", edition=edition.pk)
    assert PoolResult.objects.count() == 1
    assert "kart 1, ważnych 1" in capsys.readouterr().out


@pytest.mark.parametrize("change", ["paper", "decision", "register"])
def test_publication_refused_when_ballots_changed_after_the_count(
    edition, city, projects, admin_user, change
):
    """Paper ballots are typed in for days after voting ends, the queue and the register
    keep working: a count made before any of that must be repeated before publication,
    or the published protocol would leave them out."""
    vote(edition, city, 1, projects[0])
    queued = vote(edition, city, 2, projects[1], verification="do-weryfikacji")
    voting.close_voting(edition)
    count_edition(edition)
    if change == "paper":
        vote(edition, city, 3, projects[2], channel="papier")
    elif change == "decision":
        Ballot.objects.filter(pk=queued.pk).update(verification=Verification.VALID)
    else:
        EligibleVoter.objects.create(edition=edition, voter_hash=queued.voter_hash)
        match_queue(edition)
    with pytest.raises(CountRefused, match="policz głosy ponownie"):
        publish_results(edition, admin_user)
    count_edition(edition)
    publish_results(edition, admin_user)


def test_migration_fills_the_snapshot_of_earlier_counts(edition, city, projects):
    """Results counted before PoolResult.counted_ballots existed get the ballots that count
    saw (the `.pb` file would otherwise lose every vote), in the order that count's `.pb`
    file showed: a shuffle seeded with the keyed seed (counts since then put the ballots in
    a keyed SHA-256 order, voting.counting.write_snapshots)."""
    migration = importlib.import_module("voting.migrations.0003_counted_ballots_snapshot")
    voting.pool_method(city, "punkty", points="2,1")
    in_id_order = []
    for n in range(6):
        first, second = projects[n % 3], projects[(n + 1) % 3]
        voting.ballot(edition, [(city, first, 2), (city, second, 1)], voter=n)
        in_id_order.append([[first.pk, second.pk], [2, 1]])
    vote(edition, city, 9, projects[0], verification="odrzucony")
    voting.close_voting(edition)
    result = count_edition(edition)
    counted = PoolResult.objects.get(pool=city).counted_ballots
    assert len(counted) == 6
    PoolResult.objects.update(counted_ballots=[])
    migration.fill_counted_ballots(django_apps, None)
    filled = PoolResult.objects.get(pool=city).counted_ballots
    assert sorted(filled) == sorted(counted)
    seed = salted_hmac("voting.pabulib", f"{result.draw_seed}:{city.pk}").hexdigest()
    random.Random(seed).shuffle(in_id_order)
    assert filled == in_id_order
