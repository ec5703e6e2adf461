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
from collections import Counter, defaultdict
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from pages.budget.consensus import chosen_by_consensus
from pages.budget.models import BudgetProject, Status
from voting.booth import project_cost
from voting.models import (
    Ballot,
    BallotChoice,
    Channel,
    DuplicateRule,
    EditionVoting,
    PoolResult,
    ProjectResult,
    Verification,
)
from voting.models.ballot import COUNTABLE
from voting.models.rules import pool_rules

logger = logging.getLogger("voting.counting")

# Why a confirmed ballot is not counted: the protocol's wording.
REASON_REJECTED = "uznany za nieważny przy weryfikacji"
REASON_UNVERIFIED = "niezweryfikowany (brak w rejestrze uprawnionych)"
REASON_DUPLICATE = "ta sama osoba głosowała przez internet i na papierze"
# A pool decided by its residents' meeting (pages.budget.consensus): no vote in it.
CONSENSUS = "konsensus"
NOTE_CONSENSUS = "wybrany w drodze konsensusu"
NOTE_NOT_CHOSEN = "niewybrany przez zebranie mieszkańców"

# Projects a count considers: on the ballot, or already decided by a previous count.
VOTED_STATUSES = (Status.ON_BALLOT, Status.SELECTED, Status.NOT_SELECTED)


class CountRefused(Exception):
    """The count cannot run now; the message is Polish."""


def excluded_ballots(edition, rule: str) -> tuple[int, list[int], Counter]:
    """Confirmed ballots of EDITION that do not count: (how many, the ids of those that are
    otherwise countable -- the duplicates a query must leave out --, reasons counted)."""
    reasons = Counter()
    excluded = 0
    duplicates = []
    by_voter = defaultdict(list)
    rows = Ballot.objects.confirmed().filter(edition=edition)
    for pk, voter, channel, verification in rows.values_list(
        "pk", "voter_hash", "channel", "verification"
    ):
        if verification not in COUNTABLE:
            excluded += 1
            rejected = verification == Verification.INVALID
            reasons[REASON_REJECTED if rejected else REASON_UNVERIFIED] += 1
        elif voter:
            by_voter[voter].append((pk, channel))
    keep = {DuplicateRule.ONLINE: Channel.ONLINE, DuplicateRule.PAPER: Channel.PAPER}.get(rule)
    for ballots in by_voter.values():
        if len(ballots) < 2:
            continue
        for pk, channel in ballots:
            if channel != keep:
                duplicates.append(pk)
                reasons[REASON_DUPLICATE] += 1
    return excluded + len(duplicates), duplicates, reasons


def count_edition(edition, now=None) -> EditionVoting:
    """Count EDITION's votes (again): every pool's results replaced in one transaction."""
    now = now or timezone.now()
    if edition.results_from is None or now < edition.results_from:
        raise CountRefused("Głosowanie jeszcze trwa – głosy liczy się po jego zakończeniu.")
    with transaction.atomic():
        voting, _ = EditionVoting.objects.get_or_create(edition=edition)
        voting = EditionVoting.objects.select_for_update().get(pk=voting.pk)
        if voting.results_published_at is not None:
            raise CountRefused("Wyniki są już opublikowane – protokół jest ostateczny.")
        if not voting.draw_seed:
            voting.draw_seed = secrets.token_hex(16)
        invalid, duplicates, reasons = excluded_ballots(edition, voting.duplicate_rule)
        confirmed = Ballot.objects.confirmed().filter(edition=edition)
        total = confirmed.count()
        PoolResult.objects.filter(edition_voting=voting).delete()
        valid_choices = BallotChoice.objects.filter(
            ballot__edition=edition,
            ballot__confirmed_at__isnull=False,
            ballot__verification__in=COUNTABLE,
        ).exclude(ballot_id__in=duplicates)
        for pool in edition.pools.all():
            _count_pool(voting, pool, valid_choices.filter(pool=pool))
        voting.counted_at = now
        voting.summary = {
            "ballots": total,
            "valid": total - invalid,
            "invalid": invalid,
            "invalid_reasons": dict(sorted(reasons.items())),
            "unconfirmed": Ballot.objects.filter(
                edition=edition, confirmed_at__isnull=True
            ).count(),
        }
        voting.save(update_fields=["draw_seed", "counted_at", "summary"])
    logger.info("Counted %s: %s", edition.title, voting.summary)
    return voting


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
    result = PoolResult.objects.create(
        edition_voting=voting,
        pool=pool,
        method=pool_rules(pool).method,
        amount=amount,
        spent=Decimal("0"),
        ballots=choices.values("ballot").distinct().count(),
        draws=draws,
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
