"""The count: which ballots are valid, votes per project in each pool, and the projects
selected by votes until the pool is spent (a project that does not fit is skipped and
the next one tried). Ties are broken by a seeded random draw; the seed is drawn once per
edition and kept, so a repeated count gives the same result (idempotent), and the seed
and each draw's outcome are logged and shown in the protocol.

Refused while voting lasts (nobody, staff included, sees live counts) and once the
results are published (the protocol is final).

What a count costs does not grow with the ballots in Python: the tallies of every pool
are one grouped query, and on PostgreSQL the snapshot of the counted ballots
(PoolResult.counted_ballots, the open data's `.pb`) is built, put in its keyed order and
written by the database in one statement (write_snapshots); a count sends the same
statements for 100 ballots as for 100,000 (tests/voting/test_counting.py).
"""

import hashlib
import itertools
import logging
import random
import secrets
from collections import Counter
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac

from pages.budget.consensus import chosen_by_consensus
from pages.budget.models import BudgetProject, Status
from voting.booth import project_cost
from voting.models import (
    Ballot,
    BallotChoice,
    EditionVoting,
    PoolResult,
    ProjectResult,
    Verification,
)
from voting.models.ballot import COUNTABLE
from voting.models.rules import pool_rules
from voting.pairs import hold_pairs

logger = logging.getLogger("voting.counting")

# Why a confirmed ballot is not counted: the protocol's wording.
REASON_REJECTED = "uznany za nieważny przy weryfikacji"
REASON_UNVERIFIED = "niezweryfikowany (brak w rejestrze uprawnionych)"
REASON_DUPLICATE = "ta sama osoba głosowała przez internet i na papierze"
REASONS = {
    Verification.INVALID: REASON_REJECTED,
    Verification.QUEUED: REASON_UNVERIFIED,
    Verification.DUPLICATE: REASON_DUPLICATE,
}
# A pool decided by its residents' meeting (pages.budget.consensus): no vote in it.
CONSENSUS = "konsensus"
NOTE_CONSENSUS = "wybrany w drodze konsensusu"
NOTE_NOT_CHOSEN = "niewybrany przez zebranie mieszkańców"

# Projects a count considers: on the ballot, or already decided by a previous count.
VOTED_STATUSES = (Status.ON_BALLOT, Status.SELECTED, Status.NOT_SELECTED)


class CountRefused(Exception):
    """The count cannot run now; the message is Polish."""


def excluded_ballots(edition) -> tuple[int, Counter]:
    """Confirmed ballots of EDITION that do not count: (how many, reasons counted). One
    query grouped by the verification (a pair's two ballots are resolved before the count,
    voting.pairs)."""
    reasons = Counter()
    rows = (
        Ballot.objects.confirmed()
        .filter(edition=edition)
        .exclude(verification__in=COUNTABLE)
        .values("verification")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        reasons[REASONS.get(row["verification"], REASON_UNVERIFIED)] += row["n"]
    return sum(reasons.values()), reasons


def ballot_totals(edition) -> dict:
    """EDITION's confirmed ballots as the protocol states them: how many, how many valid,
    and why the others are not (publication compares them with the count's)."""
    invalid, reasons = excluded_ballots(edition)
    total = Ballot.objects.confirmed().filter(edition=edition).count()
    return {
        "ballots": total,
        "valid": total - invalid,
        "invalid_reasons": dict(sorted(reasons.items())),
    }


def unresolved_pairs(edition) -> int:
    """Hold any pair not held yet (two confirmations at one moment may each have missed
    the other), then say how many ballots of pairs wait for staff."""
    hold_pairs(edition)
    return Ballot.objects.filter(edition=edition, verification=Verification.PAIR).count()


def count_edition(edition, now=None) -> EditionVoting:
    """Count EDITION's votes (again): every pool's results replaced in one transaction."""
    now = now or timezone.now()
    if edition.results_from is None or now < edition.results_from:
        raise CountRefused("Głosowanie jeszcze trwa – głosy liczy się po jego zakończeniu.")
    held = unresolved_pairs(edition)
    if held:
        raise CountRefused(
            f"W kolejce weryfikacji czekają karty osób, które głosowały przez internet "
            f"i na papierze ({held}). Rozstrzygnij je przed liczeniem."
        )
    with transaction.atomic():
        voting, _ = EditionVoting.objects.get_or_create(edition=edition)
        voting = EditionVoting.objects.select_for_update().get(pk=voting.pk)
        if voting.results_published_at is not None:
            raise CountRefused("Wyniki są już opublikowane – protokół jest ostateczny.")
        if not voting.draw_seed:
            voting.draw_seed = secrets.token_hex(16)
        totals = ballot_totals(edition)
        # The earlier count's snapshots are not read only to be thrown away.
        PoolResult.objects.filter(edition_voting=voting).without_snapshot().delete()
        valid_choices = BallotChoice.objects.filter(
            ballot__edition=edition,
            ballot__confirmed_at__isnull=False,
            ballot__verification__in=COUNTABLE,
        )
        pools = list(edition.pools.all())
        tallies = pool_tallies(valid_choices)
        projects = voted_projects(pools)
        voted = []
        for pool in pools:
            result = _count_pool(voting, pool, tallies.get(pool.pk, {}), projects.get(pool.pk, []))
            if result.method != CONSENSUS:
                voted.append(result)
        write_snapshots(voting, voted, valid_choices)
        voting.counted_at = now
        voting.summary = {
            "ballots": totals["ballots"],
            "valid": totals["valid"],
            "invalid": totals["ballots"] - totals["valid"],
            "invalid_reasons": totals["invalid_reasons"],
            "unconfirmed": Ballot.objects.filter(
                edition=edition, confirmed_at__isnull=True
            ).count(),
        }
        voting.save(update_fields=["draw_seed", "counted_at", "summary"])
    logger.info("Counted %s: %s", edition.title, voting.summary)
    return voting


def pool_tallies(choices) -> dict[int, dict[int, dict]]:
    """Votes and points of every project in every pool, from CHOICES (the valid ones): one
    query grouped by pool and project, {pool id: {project id: {"score", "votes"}}}."""
    tallies: dict[int, dict[int, dict]] = {}
    rows = (
        choices.order_by()
        .values("pool_id", "project_id")
        .annotate(score=Sum("points"), votes=Count("id"))
    )
    for row in rows:
        tallies.setdefault(row["pool_id"], {})[row["project_id"]] = row
    return tallies


def voted_projects(pools) -> dict[int, list]:
    """The projects a count considers in each of POOLS (VOTED_STATUSES), with their cost
    lines: {pool id: [projects]}, in two queries for all the pools."""
    found: dict[int, list] = {pool.pk: [] for pool in pools}
    projects = (
        BudgetProject.objects.public()
        .filter(pool__in=pools, status__in=VOTED_STATUSES)
        .prefetch_related("cost_lines")
        .order_by("pk")
    )
    for project in projects:
        found[project.pool_id].append(project)
    return found


# The snapshot's order of choices within a ballot: the most points first.
CHOICE_ORDER = ("-points", "project_id")


def snapshot_key(voting, pool_id: int) -> str:
    """The secret that orders POOL_ID's counted ballots: keyed with SECRET_KEY (salted_hmac),
    not derived from the published draw seed alone."""
    return salted_hmac("voting.pabulib", f"{voting.draw_seed}:{pool_id}").hexdigest()


def ballot_position(key: str, ballot_id: int) -> bytes:
    """Where ballot BALLOT_ID stands in its pool's snapshot: SHA-256 of `KEY:BALLOT_ID`,
    compared byte by byte, exactly what the database's sha256() gives (write_snapshots)."""
    return hashlib.sha256(f"{key}:{ballot_id}".encode()).digest()


def write_snapshots(voting, results, choices) -> None:
    """Write each of RESULTS' counted ballots (PoolResult.counted_ballots) and how many
    there are (PoolResult.ballots), from CHOICES (the valid ones).

    Each ballot is `[[project ids], [points]]`, highest points first, and the ballots
    stand in an order that says nothing of when, or through which channel, one voted:
    sorted by SHA-256 of a per-pool secret and the ballot's id (ballot_position), a keyed
    permutation that does not follow the ids. The secret (snapshot_key) is an HMAC with
    SECRET_KEY of the draw seed and the pool: the published seed alone does not give it,
    so nobody can undo the order and tie a voter whose turn they know (the first online
    voter, a paper ballot typed in) to the choices. It goes to the database as a
    parameter of the statement and is logged nowhere by us (Django's own SQL log, with
    parameters, runs only with DEBUG). SHA-256 rather than MD5: not needed for the order's
    secrecy (the hashes are never shown), but no reader has to wonder.

    On PostgreSQL one statement builds every pool's snapshot where the rows are (nothing
    of the 100,000 ballots comes to Python, write_snapshots_in_sql); elsewhere (SQLite)
    the ballots are grouped and ordered here, in the same order."""
    if not results:
        return
    keys = {result.pool_id: snapshot_key(voting, result.pool_id) for result in results}
    if connection.vendor == "postgresql":
        write_snapshots_in_sql(results, keys, choices)
        return
    for result in results:
        votes = counted_ballots(keys[result.pool_id], choices.filter(pool_id=result.pool_id))
        PoolResult.objects.filter(pk=result.pk).update(counted_ballots=votes, ballots=len(votes))
        result.counted_ballots, result.ballots = votes, len(votes)


def counted_ballots(key: str, choices) -> list:
    """CHOICES (of one pool) grouped per ballot, the ballots in KEY's order: the snapshot
    as write_snapshots_in_sql builds it, built in Python."""
    ballots: dict[int, list] = {}
    ordered = choices.order_by("ballot_id", *CHOICE_ORDER).values_list(
        "ballot_id", "project_id", "points"
    )
    for ballot_id, project_id, points in ordered.iterator(chunk_size=10000):
        projects, given = ballots.setdefault(ballot_id, [[], []])
        projects.append(project_id)
        given.append(points)
    order = sorted(ballots, key=lambda ballot_id: (ballot_position(key, ballot_id), ballot_id))
    return [ballots[ballot_id] for ballot_id in order]


def write_snapshots_in_sql(results, keys: dict[int, str], choices) -> None:
    """write_snapshots on PostgreSQL: one UPDATE of every pool's result. The inner query
    is CHOICES grouped per ballot and pool (Django's own SQL and parameters, so the
    filter of valid ballots is the one the tallies use); the pools' ids, results' ids and
    keys come as three array parameters, joined with unnest; every value is a parameter."""
    from django.contrib.postgres.aggregates import ArrayAgg  # PostgreSQL only

    # Grouped by ballot first: the rows then come in the order of the choices' ballot
    # index, merged with the ballots' primary key, and only each ballot's few choices
    # are sorted (an incremental sort), not every choice of a city's vote at once.
    per_ballot = (
        choices.filter(pool_id__in=list(keys))
        .order_by()
        .values("ballot_id", "pool_id")
        .annotate(
            projects=ArrayAgg("project_id", order_by=CHOICE_ORDER),
            points=ArrayAgg("points", order_by=CHOICE_ORDER),
        )
    )
    ballots_sql, ballots_params = per_ballot.query.sql_with_params()
    table = connection.ops.quote_name(PoolResult._meta.db_table)
    sql = f"""
        UPDATE {table} AS target
        SET counted_ballots = snapshot.votes, ballots = snapshot.ballots
        FROM (
            SELECT
                pool_key.result_id,
                count(*) AS ballots,
                jsonb_agg(
                    jsonb_build_array(ballot.projects, ballot.points)
                    ORDER BY
                        sha256(convert_to(
                            pool_key.secret || ':' || ballot.ballot_id::text, 'UTF8'
                        )),
                        ballot.ballot_id
                ) AS votes
            FROM ({ballots_sql}) AS ballot
            JOIN unnest(%s::bigint[], %s::bigint[], %s::text[])
                AS pool_key (pool_id, result_id, secret)
                ON pool_key.pool_id = ballot.pool_id
            GROUP BY pool_key.result_id
        ) AS snapshot
        WHERE target.id = snapshot.result_id
        RETURNING target.id, target.ballots
    """  # noqa: S608 - the only formatted parts are a table name and Django's compiled SQL
    by_pool = {result.pool_id: result for result in results}
    params = (
        *ballots_params,
        list(keys),
        [by_pool[pool_id].pk for pool_id in keys],
        list(keys.values()),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        written = dict(cursor.fetchall())
    for result in results:
        result.ballots = written.get(result.pk, 0)
        # Not read back here: deferred, so whoever reads it (the open data) loads it.
        result.__dict__.pop("counted_ballots", None)


def _consensus_pool(voting, pool, chosen: list[int], candidates: list) -> PoolResult:
    """POOL's result from its meeting's consensus: the chosen projects selected (the
    meeting kept them within the pool's amount), the others of the ballot not."""
    projects = {p.pk: p for p in candidates}
    others = sorted(pk for pk in projects if pk not in chosen)
    amount = pool.total_amount or Decimal("0")
    rows = []
    for rank, pk in enumerate([pk for pk in chosen if pk in projects] + others, start=1):
        selected = pk in chosen
        rows.append(
            ProjectResult(
                project=projects[pk],
                rank=rank,
                votes=0,
                score=0,
                cost=project_cost(projects[pk]),
                selected=selected,
                note=NOTE_CONSENSUS if selected else NOTE_NOT_CHOSEN,
            )
        )
    spent = sum((row.cost for row in rows if row.selected), Decimal("0"))
    result = PoolResult.objects.create(
        edition_voting=voting, pool=pool, method=CONSENSUS, amount=amount, spent=spent
    )
    for row in rows:
        row.pool_result = result
    ProjectResult.objects.bulk_create(rows)
    return result


def _count_pool(voting, pool, tallies: dict, projects: list) -> PoolResult:
    """POOL's result from TALLIES (pool_tallies' entry for it) over PROJECTS (those it
    considers), its ProjectResult rows written; the snapshot comes after (write_snapshots)."""
    chosen = chosen_by_consensus(pool)
    if chosen is not None:
        return _consensus_pool(voting, pool, chosen, projects)
    scored = sorted(
        ((tallies.get(p.pk, {}).get("score", 0), p) for p in projects),
        key=lambda pair: (-pair[0], pair[1].pk),
    )
    # Reproducible on purpose: anyone with the published seed can repeat the draw; the
    # seed itself comes from secrets (unpredictable before the count).
    rng = random.Random(f"{voting.draw_seed}:{pool.pk}")  # noqa: S311
    draws, ordered = [], []
    for score, group in itertools.groupby(scored, key=lambda pair: pair[0]):
        tied = [project for _score, project in group]
        if len(tied) > 1 and score > 0:
            drawn = tied[:]
            rng.shuffle(drawn)
            draws.append(
                {
                    "score": score,
                    "projects": [p.pk for p in tied],
                    "order": [p.pk for p in drawn],
                    "titles": [p.title for p in drawn],
                }
            )
            logger.info(
                "Tie draw in pool %s (seed %s): score %s, order %s",
                pool.pk,
                voting.draw_seed,
                score,
                [p.pk for p in drawn],
            )
            tied = drawn
        ordered.extend((score, p) for p in tied)

    amount = pool.total_amount or Decimal("0")
    remaining = amount
    tied_ids = {pk for draw in draws for pk in draw["projects"]}
    rows = []
    for rank, (score, project) in enumerate(ordered, start=1):
        cost = project_cost(project)
        selected, note = False, ""
        if score <= 0:
            note = "brak głosów"
        elif cost <= remaining:
            selected, remaining = True, remaining - cost
        else:
            note = "nie mieści się w pozostałej kwocie puli"
        if project.pk in tied_ids:
            note = f"{note}; kolejność z losowania" if note else "kolejność z losowania"
        rows.append(
            ProjectResult(
                project=project,
                rank=rank,
                votes=tallies.get(project.pk, {}).get("votes", 0),
                score=score,
                cost=cost,
                selected=selected,
                note=note,
            )
        )
    result = PoolResult.objects.create(
        edition_voting=voting,
        pool=pool,
        method=pool_rules(pool).method,
        amount=amount,
        spent=amount - remaining,
        draws=draws,
    )
    for row in rows:
        row.pool_result = result
    ProjectResult.objects.bulk_create(rows)
    return result
