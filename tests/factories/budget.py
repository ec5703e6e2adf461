"""Budget editions, pools and projects for tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from pages.budget.models import (
    BudgetEditionPage,
    BudgetIndexPage,
    BudgetKind,
    BudgetPool,
    BudgetProject,
    Category,
    CostLine,
    Stage,
    StatusChange,
)
from pages.budget.phases import EDITION
from snippets.models import District

STEP = timedelta(days=10)


def index_page(home) -> BudgetIndexPage:
    index = home.add_child(instance=BudgetIndexPage(title="Budżet obywatelski", slug="budzet"))
    index.save_revision().publish()
    return index


def schedule(submission_from, step=STEP) -> dict:
    names = [name for name in EDITION.moment_fields if name != "ideas_from"]
    return {name: submission_from + step * n for n, name in enumerate(names)}


def edition_page(index, submission_from=None, **fields) -> BudgetEditionPage:
    """An edition whose submission phase began at SUBMISSION_FROM (default: a day ago)."""
    submission_from = submission_from or timezone.now() - timedelta(days=1)
    values = {
        "title": "Budżet Obywatelski 2027",
        "slug": "bo-2027",
        "kind": BudgetKind.CITY,
        "year": 2027,
        "min_supporters": 3,
        "rate_per_resident": Decimal("10"),
        **schedule(submission_from),
        **fields,
    }
    edition = index.add_child(instance=BudgetEditionPage(**values))
    edition.save_revision().publish()
    return edition


def osiedle(name="Centrum", slug="centrum", population=1000) -> District:
    return District.objects.create(
        name=name,
        slug=slug,
        is_osiedle=True,
        official_name=f"Osiedle {name}",
        population=population,
    )


def city_pool(edition, max_cost="50000.00") -> BudgetPool:
    return BudgetPool.objects.create(
        edition=edition,
        scope=BudgetPool.Scope.CITY,
        name="Pula ogólnomiejska",
        slug="miasto",
        amount=Decimal("1000000"),
        max_project_cost=Decimal(max_cost),
    )


def project(edition, pool, confirmed=True, **fields) -> BudgetProject:
    values = {
        "title": "Ławki w parku",
        "category": Category.GREENERY,
        "description": "Dziesięć ławek w parku.",
        "justification": "Brakuje miejsc do odpoczynku.",
        "beneficiaries": "Spacerowicze.",
        "author_name": "Jan Autorski",
        "author_email": "jan.autorski@example.pl",
        "confirmed_at": timezone.now() if confirmed else None,
        **fields,
    }
    created = BudgetProject.objects.create(edition=edition, pool=pool, **values)
    CostLine.objects.create(project=created, description="Ławki", amount=Decimal("12000"))
    StatusChange.objects.create(project=created, status=created.status, stage=Stage.SUBMISSION)
    return created
