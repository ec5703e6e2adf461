"""The count's snapshot of the counted ballots (PoolResult.counted_ballots, the `.pb`
file's votes) and what the count costs: every valid ballot once, in a keyed order that
does not follow the ballots' ids and stays the same when counted again (the same on
SQLite, built in Python, and on PostgreSQL, built by one SQL statement); the statements
a count sends do not grow with the ballots; pages, the API and the protocol never read
the snapshot."""

import itertools
from collections import Counter

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from tests.factories import budget, voting
from voting.counting import ballot_position, count_edition, snapshot_key
from voting.models import BallotChoice, PoolResult, ProjectResult
from voting.publication import publish_results

pytestmark = pytest.mark.django_db

POINTS = (3, 2, 1)


@pytest.fixture
def six(edition, city):
    """Six projects in the city pool, points 3-2-1: 120 different ballots can be cast."""
    voting.pool_method(city, "punkty", points="3,2,1")
    return [voting.on_ballot(edition, city, f"Projekt {n}", 100000) for n in range(6)]


def cast(edition, city, six, count, start=0):
    """COUNT ballots, each a different choice of three projects with 3, 2 and 1 points:
    {ballot id: (project ids, points)}, the way the snapshot writes a ballot."""
    cast = {}
    orders = list(itertools.permutations(six, 3))[start : start + count]
    for n, chosen in enumerate(orders, start=start):
        choices = [(city, project, points) for project, points in zip(chosen, POINTS, strict=True)]
        ballot = voting.ballot(edition, choices, voter=f"s{n}")
        cast[ballot.pk] = ([p.pk for p in chosen], list(POINTS))
    return cast


def snapshot(pool) -> list:
    return PoolResult.objects.get(pool=pool).counted_ballots


def as_tuple(vote) -> tuple:
    projects, points = vote
    return tuple(projects), tuple(points)


def test_every_counted_ballot_once_in_a_keyed_order(edition, city, six):
    cast_ballots = cast(edition, city, six, 40)
    # Not counted, so not in the snapshot: unverified, rejected, unconfirmed.
    lone = [(city, six[0], 3)]
    voting.ballot(edition, lone, voter="queued", verification="do-weryfikacji")
    voting.ballot(edition, lone, voter="rejected", verification="odrzucony")
    voting.ballot(edition, lone, voter="unconfirmed", confirmed_at=None)
    voting.close_voting(edition)
    result = count_edition(edition)
    counted = snapshot(city)
    assert PoolResult.objects.get(pool=city).ballots == 40
    assert Counter(map(as_tuple, counted)) == Counter(map(as_tuple, cast_ballots.values()))
    # Each ballot's choices are different: the snapshot's order as ballot ids.
    ballot_of = {as_tuple(vote): pk for pk, vote in cast_ballots.items()}
    order = [ballot_of[as_tuple(vote)] for vote in counted]
    assert order != sorted(order) and order != sorted(order, reverse=True)
    # The documented keyed order, on both databases (PostgreSQL's sha256 = Python's).
    key = snapshot_key(result, city.pk)
    assert order == sorted(cast_ballots, key=lambda pk: ballot_position(key, pk))
    # Counted again: the same order (the seed is kept).
    count_edition(edition)
    assert snapshot(city) == counted


def test_the_order_is_keyed_with_the_secret_key(edition, city, six, settings):
    """The published draw seed alone does not give the order: another SECRET_KEY, another
    order for the same seed and ballots."""
    cast(edition, city, six, 30)
    voting.close_voting(edition)
    count_edition(edition)
    first = snapshot(city)
    settings.SECRET_KEY = "another secret key, not the one the count used before"
    count_edition(edition)
    again = snapshot(city)
    assert Counter(map(as_tuple, again)) == Counter(map(as_tuple, first))
    assert again != first


def test_every_pool_tallied_and_snapshotted_apart(edition, city, projects):
    """Two voted pools and ballots that vote in both: each pool's votes, points, ballots
    and snapshot from its own choices only, as the ballots say."""
    skwer = projects[2]
    district = budget.osiedle(name="Reden", slug="reden")
    local_pool = voting.osiedle_pool(edition, district)
    voting.pool_method(local_pool, "punkty", points="2,1")
    local = [voting.on_ballot(edition, local_pool, f"Lokalny {n}", 40000) for n in range(3)]
    city_votes, local_votes = [], []
    for n in range(12):
        city_choice = [projects[n % 3], projects[(n + 1) % 3]] if n % 4 else [skwer]
        choices = [(city, p, 1) for p in city_choice]
        if n % 3:
            choices += [(local_pool, local[n % 3], 2), (local_pool, local[(n + 1) % 3], 1)]
            local_votes.append(((local[n % 3].pk, local[(n + 1) % 3].pk), (2, 1)))
        voting.ballot(edition, choices, voter=n)
        ids = sorted(p.pk for p in city_choice)
        city_votes.append((tuple(ids), (1,) * len(ids)))
    voting.close_voting(edition)
    count_edition(edition)
    for pool, votes in ((city, city_votes), (local_pool, local_votes)):
        result = PoolResult.objects.get(pool=pool)
        assert result.ballots == len(votes)
        assert Counter(map(as_tuple, result.counted_ballots)) == Counter(votes)
        found = {row.project_id: row for row in ProjectResult.objects.filter(pool_result=result)}
        for project_id, row in found.items():
            chosen = [vote for vote in votes if project_id in vote[0]]
            assert row.votes == len(chosen)
            assert row.score == sum(vote[1][vote[0].index(project_id)] for vote in chosen)
        ranked = sorted(found.values(), key=lambda row: row.rank)
        assert [row.score for row in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_a_pool_without_ballots_has_an_empty_snapshot(edition, city, projects):
    district = budget.osiedle(name="Reden", slug="reden")
    empty = voting.osiedle_pool(edition, district)
    voting.on_ballot(edition, empty, "Nikt nie głosował", 40000)
    voting.ballot(edition, [(city, projects[0], 1)], voter=1)
    voting.close_voting(edition)
    count_edition(edition)
    result = PoolResult.objects.get(pool=empty)
    assert (result.ballots, result.counted_ballots) == (0, [])
    assert snapshot(city) == [[[projects[0].pk], [1]]]


def statements(edition) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        count_edition(edition)
    return [query["sql"] for query in queries.captured_queries]


def test_the_statements_do_not_grow_with_the_ballots(edition, city, six):
    """Counting two voted pools with 5 ballots and with 60 sends the same statements: no
    query per ballot or per project, and the tallies of every pool in one query."""
    district = budget.osiedle(name="Reden", slug="reden")
    local_pool = voting.osiedle_pool(edition, district)
    local = [voting.on_ballot(edition, local_pool, f"Lokalny {n}", 40000) for n in range(4)]

    def more(count, start):
        """COUNT more ballots, each voting in both pools."""
        new = cast(edition, city, six, count, start)
        BallotChoice.objects.bulk_create(
            BallotChoice(ballot_id=pk, pool=local_pool, project=local[pk % 4]) for pk in new
        )

    more(5, 0)
    voting.close_voting(edition)
    count_edition(edition)  # the recounts below also delete an earlier count's results
    few = statements(edition)
    more(55, 5)
    many = statements(edition)
    assert PoolResult.objects.get(pool=city).ballots == 60
    assert PoolResult.objects.get(pool=local_pool).ballots == 60
    assert len(many) == len(few)
    tallies = [sql for sql in many if "SUM(" in sql.upper()]
    assert len(tallies) == 1
    if connection.vendor == "postgresql":
        # The snapshots of both pools: one statement, nothing of the ballots read.
        (written,) = [sql for sql in many if "jsonb_agg" in sql]
        assert written.lstrip().startswith("UPDATE")
        assert not [sql for sql in many if "ARRAY_AGG" in sql.upper() and sql != written]


def test_pages_api_and_protocol_do_not_read_the_snapshot(
    client, edition, city, projects, admin_user
):
    """The snapshot (megabytes in a city's vote) is read by the `.pb` file only."""
    for n in range(3):
        voting.ballot(edition, [(city, projects[n], 1)], voter=n)
    voting.close_voting(edition)
    count_edition(edition)
    with CaptureQueriesContext(connection) as publishing:
        publish_results(edition, admin_user)
    urls = [
        f"/budzet/wyniki/{edition.pk}/",
        f"/budzet/wyniki/{edition.pk}/wyniki.csv",
        f"/budzet/wyniki/{edition.pk}/wyniki.json",
        f"/budzet/wyniki/{edition.pk}/miasto/protokol/",
        f"/budzet/wyniki/{edition.pk}/miasto/protokol.pdf",
        "/api/v2/budget-results/",
        f"/api/v2/budget-results/{PoolResult.objects.get().pk}/?fields=*",
    ]
    reads = [query["sql"] for query in publishing.captured_queries]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        reads += [query["sql"] for query in queries.captured_queries]
    assert not [sql for sql in reads if "counted_ballots" in sql]
    with CaptureQueriesContext(connection) as queries:
        pb = client.get(f"/budzet/wyniki/{edition.pk}/miasto.pb")
    assert [sql for sql in (q["sql"] for q in queries.captured_queries) if "counted_ballots" in sql]
    assert pb.content.decode().count("\n") > 3
