"""Sample local-initiative content, clearly marked: the landing page, this year's rules
(criteria, the areas of art. 19b ust. 1, a rolling call open now) and applications in
every status with their public history, one realised. Idempotent: applications are
found by title; the call's window is moved forward when the site has outrun it.

Persons are placeholders ("Lider Przykładowy", example.invalid addresses).
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from pages.department.seed import ensure_home_page
from pages.initiatives.choices import ApplicantKind, Stage, Status
from pages.initiatives.models import (
    AllowedArea,
    ApplicationWindow,
    Criterion,
    FinalReport,
    GroupMember,
    Initiative,
    InitiativeIndexPage,
    InitiativeRulesPage,
    StatusChange,
)

MARK = "[PRZYKŁAD]"
# Sample areas: a SHORT SUMMARY of art. 19b ust. 1 under the act's own point numbers
# (1, 1a added in 2015, 2-6), not its wording, which amendments have changed more than
# once (point 2, for instance, groups charity, national tradition, minorities, culture
# and volunteering; there are no points 7-9). Editors copy the wording of the
# consolidated text in force and of the council's resolution (art. 19c), which may
# narrow the list, before real use.
AREAS = [
    (
        "1",
        "rozwój wspólnot i społeczności lokalnych, w tym drogi, kanalizacja, sieć "
        "wodociągowa, budynki i obiekty architektury należące do miasta (w skrócie)",
    ),
    ("1a", "rewitalizacja"),
    (
        "2",
        "m.in. działalność charytatywna, tradycja narodowa, kultura i sztuka, dziedzictwo "
        "narodowe, wolontariat (w skrócie)",
    ),
    ("3", "m.in. edukacja, oświata i wychowanie (w skrócie)"),
    ("4", "kultura fizyczna i turystyka (w skrócie)"),
    ("5", "m.in. ochrona przyrody, ekologia i ochrona zwierząt (w skrócie)"),
    ("6", "porządek i bezpieczeństwo publiczne"),
]
CRITERIA = [
    ("Wkład własny wnioskodawców (praca, rzeczy, pieniądze)", "2", 5),
    ("Zaangażowanie mieszkańców w realizację", "2", 5),
    ("Trwałość i dostępność efektów dla mieszkańców", "1", 10),
    ("Celowość i koszt zadania", "1", 10),
]
S, TC, IA = Status.SUBMITTED, Status.TO_CORRECT, Status.IN_ASSESSMENT
PATHS = {
    S: [S],
    TC: [S, TC],
    Status.FORMALLY_REJECTED: [S, Status.FORMALLY_REJECTED],
    IA: [S, IA],
    Status.ACCEPTED: [S, IA, Status.ACCEPTED],
    Status.REFUSED: [S, IA, Status.REFUSED],
    Status.REALISED: [S, IA, Status.ACCEPTED, Status.REALISED],
    Status.WITHDRAWN: [S, Status.WITHDRAWN],
}
STAGES = {
    S: Stage.SUBMISSION,
    TC: Stage.FORMAL,
    Status.FORMALLY_REJECTED: Stage.FORMAL,
    IA: Stage.FORMAL,
    Status.ACCEPTED: Stage.DECISION,
    Status.REFUSED: Stage.DECISION,
    Status.REALISED: Stage.IMPLEMENTATION,
    Status.WITHDRAWN: Stage.OTHER,
}
JUSTIFICATIONS = {
    TC: "Brak zgody zarządcy terenu – prosimy o uzupełnienie.",
    Status.FORMALLY_REJECTED: "Teren nie należy do miasta (art. 19b ust. 1 pkt 1).",
    Status.ACCEPTED: "Wysoka ocena zespołu; zadanie w zakresie zadań gminy.",
    Status.REFUSED: "Niska ocena zespołu: koszt zadania nieproporcjonalny do efektów.",
    Status.REALISED: "Zadanie wykonane zgodnie z umową; sprawozdanie przyjęte.",
    Status.WITHDRAWN: "Wnioskodawcy wycofali wniosek.",
}
APPLICATIONS = [
    (S, "Ławki i stojaki rowerowe przy bibliotece"),
    (TC, "Mural na ścianie garaży"),
    (Status.FORMALLY_REJECTED, "Remont prywatnego podjazdu"),
    (IA, "Łąka kwietna na skwerze"),
    (Status.ACCEPTED, "Zielone podwórko przy kamienicach"),
    (Status.REFUSED, "Fontanna na placu zabaw"),
    (Status.REALISED, "Budki lęgowe w parku"),
    (Status.WITHDRAWN, "Festyn sąsiedzki"),
]


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"utworzono {len(self.created)}"


def _publish(page):
    page.save_revision().publish()


def _index(summary) -> InitiativeIndexPage:
    home = ensure_home_page()
    index = InitiativeIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=InitiativeIndexPage(
                title="Inicjatywa lokalna",
                slug="inicjatywa-lokalna",
                show_in_menus=True,
                summary="Mieszkańcy razem z miastem: złóż wniosek, wnieś pracę, rzeczy lub "
                "pieniądze, a miasto dołoży resztę.",
            )
        )
        _publish(index)
        summary.created.append("strona inicjatywy lokalnej")
    return index


def _rules(index, year, now, summary) -> InitiativeRulesPage:
    rules = InitiativeRulesPage.objects.child_of(index).filter(year=year).first()
    if rules is None:
        rules = InitiativeRulesPage(
            title=f"{MARK} Inicjatywa lokalna {year} – zasady i nabór",
            slug=f"przyklad-zasady-{year}",
            year=year,
            is_sample=True,
            summary=f"{MARK} Przykładowe zasady – treść demonstracyjna.",
            resolution=f"{MARK} Uchwała Rady Miejskiej w sprawie trybu i kryteriów oceny "
            "wniosków o realizację zadania publicznego w ramach inicjatywy lokalnej",
            budget=Decimal("300000"),
            work_hour_rate=Decimal("35"),
            min_contribution_percent=Decimal("10"),
            publish_scores=True,
        )
        rules.criteria = [
            Criterion(name=name, weight=Decimal(weight), max_points=points)
            for name, weight, points in CRITERIA
        ]
        rules.areas = [AllowedArea(point=point, name=name) for point, name in AREAS]
        rules.windows = [
            ApplicationWindow(
                name="Nabór ciągły",
                opens_at=now - timedelta(days=30),
                closes_at=now + timedelta(days=300),
            )
        ]
        index.add_child(instance=rules)
        _publish(rules)
        summary.created.append(f"zasady {year}")
    window = rules.windows.first()
    if window is not None and window.closes_at <= now:
        window.closes_at = now + timedelta(days=300)
        window.save(update_fields=["closes_at"])
    return rules


def _application(rules, number, status, title, now, summary) -> None:
    full_title = f"{MARK} {title}"
    if Initiative.objects.filter(rules=rules, title=full_title).exists():
        return
    submitted = now - timedelta(days=25 - number)
    decided = status in (Status.ACCEPTED, Status.REFUSED, Status.REALISED)
    initiative = Initiative.objects.create(
        rules=rules,
        title=full_title,
        area=rules.areas.all()[number % rules.areas.count()],
        place=f"{MARK} Miejsce przykładowe nr {number + 1}",
        description="Przykładowy opis zadania: co mieszkańcy zrobią razem z miastem.",
        schedule="Miesiąc 1: przygotowanie. Miesiąc 2: prace. Miesiąc 3: otwarcie.",
        effects="Miejsce dostępne dla wszystkich mieszkańców.",
        beneficiaries="Mieszkańcy okolicy, dzieci i seniorzy.",
        cost_description="Materiały i usługi kupowane przez miasto.",
        applicant_kind=ApplicantKind.GROUP,
        group_name=f"{MARK} Grupa sąsiedzka nr {number + 1}",
        leader_name="Lider Przykładowy",
        leader_email="lider.przykladowy@example.invalid",
        leader_address="ul. Przykładowa 1, Dąbrowa Górnicza",
        city_amount=Decimal(6000 + 1000 * number),
        work_hours=Decimal(80 + 10 * number),
        work_rate=rules.work_hour_rate,
        in_kind_value=Decimal("800"),
        in_kind_description="Narzędzia i sadzonki mieszkańców",
        cash_contribution=Decimal("200"),
        status=status,
        granted_amount=Decimal(5000 + 1000 * number)
        if status in (Status.ACCEPTED, Status.REALISED)
        else None,
        decided_at=submitted + timedelta(days=10) if decided else None,
        confirmed_at=submitted,
        is_sample=True,
    )
    Initiative.objects.filter(pk=initiative.pk).update(submitted_at=submitted)
    GroupMember.objects.create(
        initiative=initiative, full_name="Członek Przykładowy", address="ul. Przykładowa 2"
    )
    for step, reached in enumerate(PATHS[status]):
        StatusChange.objects.create(
            initiative=initiative,
            status=reached,
            stage=STAGES[reached],
            at=submitted + timedelta(days=5 * step),
            justification=JUSTIFICATIONS.get(reached, ""),
        )
    if status == Status.REALISED:
        FinalReport.objects.create(
            initiative=initiative,
            what_was_done="Mieszkańcy zawiesili 30 budek lęgowych; miasto kupiło materiały.",
            work_hours_given=initiative.work_hours,
            in_kind_given=initiative.in_kind_value,
            cash_given=initiative.cash_contribution,
            submitted_at=submitted + timedelta(days=14),
            accepted_at=submitted + timedelta(days=15),
        )
    summary.created.append(f"wniosek: {title}")


def load() -> Summary:
    summary = Summary()
    now = timezone.now()
    index = _index(summary)
    rules = _rules(index, now.year, now, summary)
    for number, (status, title) in enumerate(APPLICATIONS):
        _application(rules, number, status, title, now, summary)
    return summary
