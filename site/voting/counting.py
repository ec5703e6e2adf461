"""The count: which ballots are valid, votes per project in each pool, and the projects
selected by votes until the pool is spent (a project that does not fit is skipped and
the next one tried). Ties are broken by a seeded random draw; the seed is drawn once per
edition and kept, so a repeated count gives the same result (idempotent), and the seed
and each draw's outcome are logged and shown in the protocol.

Refused while voting lasts (nobody, staff included, sees live counts) and once the
results are published (the protocol is final).
"""

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
        PoolResult.objects.filter(edition_voting=voting).delete()
        valid_choices = BallotChoice.objects.filter(
            ballot__edition=edition,
            ballot__confirmed_at__isnull=False,
            ballot__verification__in=COUNTABLE,
        )
        for pool in edition.pools.all():
            _count_pool(voting, pool, valid_choices.filter(pool=pool))
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


def counted_ballots(voting, pool, choices) -> list:
    """POOL's counted ballots, anonymous: each `[[project ids], [points]]`, highest points
    first, the ballots shuffled so that their order says nothing of when, or through which
    channel, one voted. The shuffle is keyed with SECRET_KEY, not the published draw seed
    alone: with that seed anyone could undo it and tie a voter whose turn they know (the
    first online voter, a paper ballot typed in) to the choices.

    On PostgreSQL the database groups the choices per ballot (one row a ballot); elsewhere
    the ordered choices are grouped here."""
    order = ("-points", "project_id")
    if connection.vendor == "postgresql":
        from django.contrib.postgres.aggregates import ArrayAgg

        rows = (
            choices.order_by()
            .values("ballot_id")
            .annotate(
                projects=ArrayAgg("project_id", order_by=order),
                points=ArrayAgg("points", order_by=order),
            )
            .order_by("ballot_id")
            .values_list("projects", "points")
        )
        votes = [[projects, points] for projects, points in rows]
    else:
        ballots: dict[int, list] = {}
        ordered = choices.order_by("ballot_id", *order).values_list(
            "ballot_id", "project_id", "points"
        )
        for ballot_id, project_id, points in ordered.iterator(chunk_size=10000):
            projects, given = ballots.setdefault(ballot_id, [[], []])
            projects.append(project_id)
            given.append(points)
        votes = list(ballots.values())
    order_seed = salted_hmac("voting.pabulib", f"{voting.draw_seed}:{pool.pk}").hexdigest()
    random.Random(order_seed).shuffle(votes)  # noqa: S311
    return votes


def _consensus_pool(voting, pool, chosen: list[int]) -> PoolResult:
    """POOL's result from its meeting's consensus: the chosen projects selected (the
    meeting kept them within the pool's amount), the others of the ballot not."""
    projects = {
        p.pk: p
        for p in BudgetProject.objects.public()
        .filter(pool=pool, status__in=VOTED_STATUSES)
        .prefetch_related("cost_lines")
    }
    others = sorted(pk for pk in projects if pk not in chosen)
    amount = pool.total_amount or Decimal("0")
    result = PoolResult.objects.create(
        edition_voting=voting, pool=pool, method=CONSENSUS, amount=amount, spent=Decimal("0")
    )
    rows = []
    for rank, pk in enumerate([pk for pk in chosen if pk in projects] + others, start=1):
        selected = pk in chosen
        rows.append(
            ProjectResult(
                pool_result=result,
                project=projects[pk],
                rank=rank,
                votes=0,
                score=0,
                cost=project_cost(projects[pk]),
                selected=selected,
                note=NOTE_CONSENSUS if selected else NOTE_NOT_CHOSEN,
            )
        )
    ProjectResult.objects.bulk_create(rows)
    result.spent = sum((row.cost for row in rows if row.selected), Decimal("0"))
    result.save(update_fields=["spent"])
    return result


def _count_pool(voting, pool, choices) -> PoolResult:
    chosen = chosen_by_consensus(pool)
    if chosen is not None:
        return _consensus_pool(voting, pool, chosen)
    tallies = {
        row["project"]: row
        for row in choices.values("project").annotate(score=Sum("points"), votes=Count("id"))
    }
    projects = list(
        BudgetProject.objects.public()
        .filter(pool=pool, status__in=VOTED_STATUSES)
        .prefetch_related("cost_lines")
    )
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
    counted = counted_ballots(voting, pool, choices)
    result = PoolResult.objects.create(
        edition_voting=voting,
        pool=pool,
        method=pool_rules(pool).method,
        amount=amount,
        spent=Decimal("0"),
        ballots=len(counted),
        draws=draws,
        counted_ballots=counted,
    )
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
                pool_result=result,
                project=project,
                rank=rank,
                votes=tallies.get(project.pk, {}).get("votes", 0),
                score=score,
                cost=cost,
                selected=selected,
                note=note,
            )
        )
    ProjectResult.objects.bulk_create(rows)
    result.spent = amount - remaining
    result.save(update_fields=["spent"])
    return result
