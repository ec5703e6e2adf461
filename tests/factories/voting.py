"""Editions in their voting phase, projects on the ballot, valid PESELs for tests."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from pages.budget.models import BudgetPool, Status
from tests.factories import budget
from voting.models import Ballot, BallotChoice, EditionVoting, PoolVoting
from voting.pesel import check_digit
from voting.voter_id import voter_hash


def pesel(born: date = date(1980, 5, 17), serial: int = 1234) -> str:
    """A valid PESEL for BORN (SERIAL's last digit is the sex digit)."""
    offsets = {1800: 80, 1900: 0, 2000: 20, 2100: 40, 2200: 60}
    month = born.month + offsets[born.year // 100 * 100]
    first_ten = f"{born.year % 100:02d}{month:02d}{born.day:02d}{serial:04d}"
    return first_ten + str(check_digit(first_ten))


def voting_edition(index, days_into_voting=1, **fields):
    """An edition whose voting began DAYS_INTO_VOTING days ago (it lasts budget.STEP)."""
    start = timezone.now() - timedelta(days=days_into_voting) - budget.STEP * 5
    return budget.edition_page(index, submission_from=start, **fields)


def osiedle_pool(edition, district, amount="100000", slug=None) -> BudgetPool:
    return BudgetPool.objects.create(
        edition=edition,
        scope=BudgetPool.Scope.OSIEDLE,
        district=district,
        name=f"Pula – {district.official_name}",
        slug=slug or district.slug,
        amount=Decimal(amount),
        max_project_cost=Decimal(amount),
    )


def on_ballot(edition, pool, title, cost) -> object:
    return budget.project(
        edition,
        pool,
        title=title,
        status=Status.ON_BALLOT,
        city_cost_estimate=Decimal(str(cost)),
    )


def rules(edition, **fields) -> EditionVoting:
    found, _ = EditionVoting.objects.update_or_create(edition=edition, defaults=fields)
    return found


def pool_method(pool, method, **fields) -> PoolVoting:
    found, _ = PoolVoting.objects.update_or_create(pool=pool, defaults={"method": method, **fields})
    return found


def ballot(edition, choices, voter="1", channel="internet", verification="zgodny", **fields):
    """A confirmed ballot of VOTER (any text; hashed like a PESEL) with CHOICES: a list of
    (pool, project, points)."""
    values = {
        "first_name": "Jan",
        "last_name": "Głosujący",
        "email": "jan@example.pl",
        "voter_hash": voter_hash(str(voter)),
        "channel": channel,
        "confirmed_at": timezone.now(),
        "verification": verification,
        **fields,
    }
    created, _ = Ballot(edition=edition, **values).save_once()
    BallotChoice.objects.bulk_create(
        BallotChoice(ballot=created, pool=pool, project=project, points=points)
        for pool, project, points in choices
    )
    return created


def close_voting(edition, minutes_ago=1):
    """Move EDITION's results phase to have begun MINUTES_AGO (voting is over)."""
    edition.results_from = timezone.now() - timedelta(minutes=minutes_ago)
    edition.implementation_from = timezone.now() + timedelta(days=30)
    edition.save_revision().publish()
    edition.refresh_from_db()
    return edition
