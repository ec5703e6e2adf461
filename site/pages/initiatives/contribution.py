"""The application's budget: the city's part and the applicants' own contribution (social
work as hours × the year's rate, in-kind, cash), the totals and the contribution's share.

The applicant types the totals as they computed them; the form checks them against the
parts (a sum that does not add up is refused, saying the right value), so what was agreed
on paper and what is stored are the same numbers.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Budget:
    city_amount: Decimal
    work_hours: Decimal
    work_rate: Decimal
    in_kind_value: Decimal
    cash_contribution: Decimal

    @property
    def work_value(self) -> Decimal:
        return (self.work_hours * self.work_rate).quantize(CENT, ROUND_HALF_UP)

    @property
    def own_contribution(self) -> Decimal:
        return self.work_value + self.in_kind_value + self.cash_contribution

    @property
    def total_cost(self) -> Decimal:
        return self.city_amount + self.own_contribution

    @property
    def contribution_percent(self) -> Decimal:
        if not self.total_cost:
            return Decimal("0")
        return (self.own_contribution * 100 / self.total_cost).quantize(CENT, ROUND_HALF_UP)


def zl(value: Decimal) -> str:
    """5250.5 -> "5 250,50 zł" (as Poles write sums)."""
    whole, _dot, cents = f"{value:.2f}".partition(".")
    groups = []
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{' '.join(groups) or '0'},{cents} zł"


def problems(
    budget: Budget,
    declared_own: Decimal | None,
    declared_total: Decimal | None,
    min_percent: Decimal,
) -> dict[str, str]:
    """{field: Polish message} for totals that do not add up or a share below the rule."""
    found = {}
    if budget.own_contribution <= 0:
        found["work_hours"] = (
            "Inicjatywa lokalna wymaga wkładu własnego: podaj godziny pracy społecznej, "
            "wkład rzeczowy albo finansowy."
        )
    if declared_own is not None and declared_own != budget.own_contribution:
        found["declared_own"] = (
            f"Wkład własny nie sumuje się: praca {zl(budget.work_value)} + rzeczowy "
            f"{zl(budget.in_kind_value)} + finansowy {zl(budget.cash_contribution)} = "
            f"{zl(budget.own_contribution)}, a wpisano {zl(declared_own)}."
        )
    if declared_total is not None and declared_total != budget.total_cost:
        found["declared_total"] = (
            f"Koszt całkowity nie sumuje się: wkład miasta {zl(budget.city_amount)} + wkład "
            f"własny {zl(budget.own_contribution)} = {zl(budget.total_cost)}, a wpisano "
            f"{zl(declared_total)}."
        )
    # Compared exactly (own × 100 against min × total), not on the rounded percentage:
    # 9,996 % is below a 10 % rule although it shows as 10,00 %.
    if not found and budget.own_contribution * 100 < min_percent * budget.total_cost:
        found["declared_own"] = (
            f"Wkład własny to {budget.contribution_percent} % kosztu zadania, a zasady tego "
            f"roku wymagają co najmniej {min_percent} %."
        )
    return found
