"""Osiedle pools decided by a residents' meeting's consensus (models/consensus.py): the
rules a record must keep, and the narrow reads through which the vote (voting.booth,
voting.counting, voting.publication) and the public pages use the records. The vote
never reads PoolConsensus itself."""

from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format

from core.text import pluralize_pl
from pages.budget.models import BudgetProject, ConsensusOutcome, PoolConsensus, Status

# Projects a meeting may choose: those admitted to the vote (and, once decided, the same).
ADMITTED = (Status.ON_BALLOT, Status.SELECTED, Status.NOT_SELECTED)


def choice_errors(pool, outcome: str, projects) -> list[str]:
    """Why POOL cannot be decided by OUTCOME with PROJECTS (Polish; empty when it can)."""
    projects = list(projects)
    if outcome != ConsensusOutcome.REACHED:
        if projects:
            return ["Bez konsensusu nie wybiera się projektów – zdecyduje głosowanie."]
        return []
    if not projects:
        return ["Wskaż projekty wybrane w drodze konsensusu."]
    errors = []
    foreign = [p.title for p in projects if p.pool_id != pool.pk]
    if foreign:
        errors.append(f"Te projekty nie należą do puli „{pool.name}”: {', '.join(foreign)}.")
    public = set(
        BudgetProject.objects.public()
        .filter(pk__in=[p.pk for p in projects])
        .values_list("pk", flat=True)
    )
    not_admitted = [p.title for p in projects if p.status not in ADMITTED or p.pk not in public]
    if not_admitted:
        errors.append(
            f"Wybrać można tylko projekty dopuszczone do głosowania: {', '.join(not_admitted)}."
        )
    amount = pool.total_amount
    total = sum((p.selection_cost for p in projects), Decimal("0"))
    if amount is not None and total > amount:
        errors.append(
            f"Wybrane projekty kosztują razem {_money(total)}, a pula ma {_money(amount)}."
        )
    return errors


def _money(value) -> str:
    return f"{value:,.2f}".replace(",", " ").replace(".", ",") + " zł"


def voting_started(pool, now=None) -> bool:
    """Whether POOL's edition began its vote: its ballots are set, so the consensus that
    took the pool off them may no longer be recorded, changed or removed."""
    return (now or timezone.now()) >= pool.edition.voting_from


def consensus_pool_ids(edition) -> set[int]:
    """EDITION's pools decided by consensus: nobody votes in them."""
    return set(
        PoolConsensus.objects.reached()
        .filter(pool__edition=edition)
        .values_list("pool_id", flat=True)
    )


def chosen_by_consensus(pool) -> list[int] | None:
    """The ids of the projects POOL's meeting chose by consensus, in the order of their
    cost (cheapest first, then by id), or None when POOL is voted on."""
    record = PoolConsensus.objects.reached().filter(pool=pool).first()
    if record is None:
        return None
    chosen = record.projects.prefetch_related("cost_lines")
    return [p.pk for p in sorted(chosen, key=lambda p: (p.selection_cost, p.pk))]


def decision_note(pool) -> str:
    """The public history entry of a project POOL's meeting chose (Polish)."""
    record = PoolConsensus.objects.reached().filter(pool=pool).first()
    if record is None:
        return ""
    when = date_format(record.meeting_date, "j E Y")
    people = pluralize_pl(record.attendance, "mieszkaniec", "mieszkańców", "mieszkańców")
    return f"Wybrany w drodze konsensusu na zebraniu mieszkańców osiedla {when} ({people})."


def publish(edition, now=None) -> None:
    """Make EDITION's records public: called when its results are published."""
    now = now or timezone.now()
    for record in PoolConsensus.objects.filter(pool__edition=edition, published_at__isnull=True):
        record.published_at = now
        # save(), not update(): the page cache follows saves.
        record.save(update_fields=["published_at"])
