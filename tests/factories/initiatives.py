"""Local initiatives' rules pages and applications for tests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from pages.initiatives.choices import ApplicantKind, Stage
from pages.initiatives.models import (
    AllowedArea,
    ApplicationWindow,
    Criterion,
    GroupMember,
    Initiative,
    InitiativeIndexPage,
    InitiativeRulesPage,
    StatusChange,
)


def index_page(home) -> InitiativeIndexPage:
    index = home.add_child(
        instance=InitiativeIndexPage(title="Inicjatywa lokalna", slug="inicjatywa-lokalna")
    )
    index.save_revision().publish()
    return index


def rules_page(index, year=2027, opens_at=None, closes_at=None, **fields) -> InitiativeRulesPage:
    """Rules of YEAR with one window open from OPENS_AT (default: a day ago) to CLOSES_AT
    (default: in 30 days), two criteria and two allowed areas."""
    now = timezone.now()
    values = {
        "title": f"Inicjatywa lokalna {year}",
        "slug": f"zasady-{year}",
        "year": year,
        "resolution": f"Uchwała nr I/1/{year} Rady Miejskiej (test)",
        "budget": Decimal("200000"),
        "work_hour_rate": Decimal("30"),
        "min_contribution_percent": Decimal("10"),
        **fields,
    }
    rules = InitiativeRulesPage(**values)
    rules.criteria = [
        Criterion(name="Zaangażowanie mieszkańców", weight=Decimal("2"), max_points=5),
        Criterion(name="Trwałość efektów", weight=Decimal("1"), max_points=10),
    ]
    rules.areas = [
        AllowedArea(
            point="1", name="działalność wspomagająca rozwój wspólnot i społeczności lokalnych"
        ),
        AllowedArea(point="5", name="ochrona przyrody, ekologia i ochrona zwierząt"),
    ]
    rules.windows = [
        ApplicationWindow(
            opens_at=opens_at or now - timedelta(days=1),
            closes_at=closes_at or now + timedelta(days=30),
        )
    ]
    index.add_child(instance=rules)
    rules.save_revision().publish()
    return InitiativeRulesPage.objects.get(pk=rules.pk)


def initiative(rules, confirmed=True, **fields) -> Initiative:
    values = {
        "title": "Zielone podwórko",
        "area": rules.areas.first(),
        "place": "Podwórko przy ul. Granicznej 12",
        "description": "Nasadzenia i ławki.",
        "schedule": "Maj: nasadzenia. Czerwiec: ławki.",
        "effects": "Zielone miejsce spotkań.",
        "beneficiaries": "Mieszkańcy kamienic.",
        "cost_description": "Sadzonki i ławki.",
        "applicant_kind": ApplicantKind.GROUP,
        "group_name": "Sąsiedzi z Granicznej",
        "leader_name": "Lena Liderska",
        "leader_email": "lena.liderska@example.pl",
        "leader_address": "ul. Graniczna 12/3, Dąbrowa Górnicza",
        "city_amount": Decimal("8000"),
        "work_hours": Decimal("100"),
        "work_rate": rules.work_hour_rate,
        "in_kind_value": Decimal("500"),
        "cash_contribution": Decimal("0"),
        "confirmed_at": timezone.now() if confirmed else None,
        **fields,
    }
    created = Initiative.objects.create(rules=rules, **values)
    GroupMember.objects.create(
        initiative=created, full_name="Marek Członkowski", address="ul. Graniczna 12/5"
    )
    StatusChange.objects.create(initiative=created, status=created.status, stage=Stage.SUBMISSION)
    return created
