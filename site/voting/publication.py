"""Publishing the results: until an editor does, no count is shown anywhere. Publishing
gives each voted project its status (selected / not selected) with a public history
entry, which the project pages, lists, feeds, search and API then show."""

from django.db import transaction
from django.utils import timezone

from core.text import pluralize_pl
from pages.budget import consensus
from pages.budget.models import Stage, Status, StatusChange
from voting.counting import CONSENSUS, CountRefused, ballot_totals
from voting.models import EditionVoting, PoolResult, ProjectResult
from webhooks.bulk import announce_bulk


def _counted_totals(summary: dict) -> dict:
    return {key: summary.get(key) for key in ("ballots", "valid", "invalid_reasons")}


def publish_results(edition, user=None, now=None) -> EditionVoting:
    now = now or timezone.now()
    with transaction.atomic():
        voting = EditionVoting.objects.select_for_update().filter(edition=edition).first()
        if voting is None or voting.counted_at is None:
            raise CountRefused("Najpierw policz głosy.")
        if voting.results_published_at is not None:
            raise CountRefused("Wyniki są już opublikowane.")
        # Paper ballots are typed in, the queue decided and the register imported after
        # voting ends, possibly after a count: publish only what the ballots still say.
        if ballot_totals(edition) != _counted_totals(voting.summary):
            raise CountRefused(
                "Od liczenia dopisano lub rozstrzygnięto karty – policz głosy ponownie "
                "przed publikacją."
            )
        rows = (
            ProjectResult.objects.filter(pool_result__edition_voting=voting)
            .select_related("project", "pool_result__pool")
            .defer("pool_result__counted_ballots")  # once per row otherwise: megabytes each
        )
        notes = {}  # per pool decided by consensus: its history entry
        for row in rows:
            project = row.project
            project.status = Status.SELECTED if row.selected else Status.NOT_SELECTED
            # save(), not update(): the page cache and the search index follow saves.
            project.save(update_fields=["status"])
            if row.pool_result.method == CONSENSUS:
                pool = row.pool_result.pool
                if pool.pk not in notes:
                    notes[pool.pk] = consensus.decision_note(pool)
                justification = (
                    notes[pool.pk]
                    if row.selected
                    else "Niewybrany: zebranie mieszkańców osiedla wybrało inne projekty."
                )
            else:
                votes = pluralize_pl(row.votes, "głos", "głosy", "głosów")
                justification = f"Wynik głosowania: {votes}, {row.score} pkt, miejsce {row.rank}."
            StatusChange.objects.create(
                project=project,
                status=project.status,
                stage=Stage.VOTE,
                at=now,
                justification=justification,
            )
        consensus.publish(edition, now)
        voting.results_published_at = now
        voting.results_published_by = user
        voting.save(update_fields=["results_published_at", "results_published_by"])
        # The pools' results become public with this save of another row: no save of
        # theirs tells webhook receivers (budget-results/), so they are announced here.
        announce_bulk(
            PoolResult,
            PoolResult.objects.filter(edition_voting=voting).values_list("pk", flat=True),
            was_public=set(),
        )
    return voting
