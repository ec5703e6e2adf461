"""What a voter is given: the edition's city-wide pools and the one osiedle pool they
chose, each with its method and the projects on the ballot, and when voting is open."""

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

from django.utils import timezone
from django.utils.formats import date_format

from core.public_forms import NOT_ACCEPTING, Refusal
from pages.budget.consensus import consensus_pool_ids
from pages.budget.models import BudgetPool, BudgetProject, Status
from pages.budget.phases import EDITION
from voting.models.rules import PoolVoting, edition_rules


def project_cost(project) -> Decimal:
    """The cost a project is voted and selected with: the city's estimate where the merit
    review gave one, else the author's cost lines."""
    return project.selection_cost


def ballot_projects_of(pools) -> dict[int, list]:
    """The projects on the ballot in each of POOLS, by pool id: one query (and one for
    their cost lines) for the whole ballot, not two per pool."""
    found = {pool.pk: [] for pool in pools}
    projects = (
        BudgetProject.objects.public()
        .filter(pool__in=list(found), status=Status.ON_BALLOT)
        .prefetch_related("cost_lines")
        .order_by("title", "pk")
    )
    for project in projects:
        found[project.pool_id].append(project)
    return found


def _when(value) -> str:
    return date_format(timezone.localtime(value), "j E Y, H:i")


def voting_refusal(edition, now) -> Refusal | None:
    """Why EDITION takes no vote at NOW (None while its voting phase lasts)."""
    phase = edition.get_phase(now)
    if phase == EDITION.VOTING:
        return None
    if edition.voting_from > now:
        return Refusal(NOT_ACCEPTING, f"Głosowanie rozpocznie się {_when(edition.voting_from)}.")
    return Refusal(NOT_ACCEPTING, f"Głosowanie zakończyło się {_when(edition.results_from)}.")


@dataclass
class PoolOnBallot:
    pool: BudgetPool
    rules: object
    projects: list = field(default_factory=list)

    @property
    def amount(self) -> Decimal | None:
        return self.pool.total_amount


@dataclass
class Booth:
    """The target of a ballot (core.public_forms): an edition and the voter's osiedle pool.

    One request asks a booth for its rules, pools and projects several times (the view,
    the form, its checks, the storing, the e-mail, the template): each is read from the
    database once per booth, and a booth lives for one request.
    """

    edition: object
    osiedle_pool: BudgetPool | None = None
    # The edition's osiedle pools that are voted on, when the caller has read them already.
    voted_pools: list[BudgetPool] | None = None

    @property
    def title(self) -> str:
        return self.edition.title

    @cached_property
    def rules(self):
        return edition_rules(self.edition)

    def osiedle_pools(self) -> list[BudgetPool]:
        if self.voted_pools is None:
            self.voted_pools = list(voted_osiedle_pools(self.edition).select_related("district"))
        return self.voted_pools

    def needs_osiedle_choice(self) -> bool:
        return self.osiedle_pool is None and bool(self.osiedle_pools())

    def pools(self) -> list[PoolOnBallot]:
        return self._pools

    @cached_property
    def _pools(self) -> list[PoolOnBallot]:
        chosen = list(self.edition.pools.filter(scope=BudgetPool.Scope.CITY))
        if self.osiedle_pool is not None:
            chosen.append(self.osiedle_pool)
        rules = {found.pool_id: found for found in PoolVoting.objects.filter(pool__in=chosen)}
        projects = ballot_projects_of(chosen)
        return [
            PoolOnBallot(pool, rules.get(pool.pk) or PoolVoting(pool=pool), projects[pool.pk])
            for pool in chosen
        ]


def voted_osiedle_pools(edition):
    """EDITION's osiedle pools that are voted on: all but those whose residents' meeting
    chose the projects by consensus (pages.budget.consensus)."""
    return edition.pools.filter(scope=BudgetPool.Scope.OSIEDLE).exclude(
        pk__in=consensus_pool_ids(edition)
    )


def booth_for(edition, pool_slug: str | None) -> Booth:
    """The booth for EDITION with the osiedle pool named by POOL_SLUG (ignored unless it is
    one of EDITION's osiedle pools that are voted on)."""
    voted = list(voted_osiedle_pools(edition).select_related("district"))
    pool = None
    if pool_slug:
        pool = next((found for found in voted if found.slug == pool_slug[:120]), None)
    return Booth(edition, pool, voted)
