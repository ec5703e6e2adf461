"""What art. 13 ust. 2 pkt 7 asks a call to show: the grants given for public tasks of the
same kind in the year of the call and the year before, computed from the registry.

The other half: the public pages that show these records are in `pages/registry/`.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Sum
from django.db.models.functions import ExtractYear

from snippets.models import GrantAward, GrantCall


@dataclass
class YearOfGrants:
    year: int
    calls: list[dict] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(call["count"] for call in self.calls)

    @property
    def amount(self) -> Decimal:
        return sum((call["amount"] for call in self.calls), Decimal("0"))


def same_kind_grants(call: GrantCall) -> list[YearOfGrants]:
    """Grants of published calls in CALL's area (the same kind of task, art. 4 ust. 1),
    announced in CALL's year or the year before; CALL itself left out. Newest year first.

    One query: awards grouped by call.
    """
    years = [call.year, call.year - 1]
    rows = (
        GrantAward.objects.filter(call__live=True, call__area_id=call.area_id)
        .exclude(call_id=call.pk)
        .annotate(year=ExtractYear("call__announced_at"))
        .filter(year__in=years)
        .values("year", "call_id", "call__title", "call__slug", "call__procedure")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("call__title")
    )
    by_year = {year: YearOfGrants(year) for year in years}
    for row in rows:
        by_year[row["year"]].calls.append(
            {
                "title": row["call__title"],
                "slug": row["call__slug"],
                "procedure": row["call__procedure"],
                "count": row["count"],
                "amount": row["amount"],
            }
        )
    return [by_year[year] for year in years]
