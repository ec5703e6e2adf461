"""Sample budget content, clearly marked: a past edition with projects in every status
(with their history and public justifications, one appeal; its ideas, priority votes and
units' opinions in sample_extras.py) and a current edition in the submission phase.
Idempotent; the current edition's dates are moved when the site has run long enough for
it to leave the submission phase.
"""

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify

from anyascii import anyascii

from pages.budget import sample_extras
from pages.budget.models import (
    Appeal,
    BudgetEditionPage,
    BudgetIndexPage,
    BudgetKind,
    BudgetPool,
    BudgetProject,
    Category,
    CostLine,
    Stage,
    Status,
    StatusChange,
)
from pages.budget.phases import EDITION
from pages.department.seed import ensure_home_page
from snippets.models import District

MARK = "[PRZYKŁAD]"
# (common name, official name, population) – sample figures, not the city's statistics.
OSIEDLA = [
    ("Centrum", "Osiedle Centrum", 14200),
    ("Reden", "Osiedle Reden", 9800),
    ("Ząbkowice", "Osiedle Ząbkowice", 7300),
]
RATE = Decimal("20.00")
S, TC, FC, FR = (
    Status.SUBMITTED,
    Status.TO_CORRECT,
    Status.FORMALLY_CORRECT,
    Status.FORMALLY_REJECTED,
)
P, N, OB = Status.POSITIVE, Status.NEGATIVE, Status.ON_BALLOT
PATHS = {
    S: [S],
    TC: [S, TC],
    FC: [S, FC],
    FR: [S, FR],
    P: [S, FC, P],
    N: [S, FC, N],
    OB: [S, FC, P, OB],
    Status.SELECTED: [S, FC, P, OB, Status.SELECTED],
    Status.NOT_SELECTED: [S, FC, P, OB, Status.NOT_SELECTED],
    Status.IMPLEMENTED: [S, FC, P, OB, Status.SELECTED, Status.IMPLEMENTED],
    Status.WITHDRAWN: [S, FC, Status.WITHDRAWN],
    Status.MERGED: [S, FC, Status.MERGED],
}
STAGES = {
    S: Stage.SUBMISSION,
    TC: Stage.FORMAL,
    FC: Stage.FORMAL,
    FR: Stage.FORMAL,
    P: Stage.MERIT,
    N: Stage.MERIT,
    OB: Stage.MERIT,
    Status.SELECTED: Stage.VOTE,
    Status.NOT_SELECTED: Stage.VOTE,
    Status.IMPLEMENTED: Stage.IMPLEMENTATION,
}
REASONS = {
    TC: "Brak zgody zarządcy terenu – prosimy o jej dołączenie.",
    FR: "Teren nie należy do miasta, a właściciel nie zgodził się na realizację.",
    N: "Koszt utrzymania przekracza możliwości miasta; projekt koliduje z planowaną "
    "przebudową ulicy.",
    P: "Projekt wykonalny; miasto oszacowało koszt na kwotę podaną przy projekcie.",
    Status.MERGED: "Połączony z podobnym projektem w tej samej lokalizacji za zgodą autorów.",
    Status.WITHDRAWN: "Autor wycofał projekt.",
}
PROJECTS = [
    (S, "Ławki na skwerze przy bibliotece", Category.GREENERY),
    (TC, "Stojaki rowerowe przy szkołach", Category.ROADS),
    (FC, "Zajęcia szachowe dla seniorów", Category.CULTURE),
    (FR, "Fontanna na prywatnej działce", Category.OTHER),
    (P, "Oświetlenie ścieżki nad Pogorią", Category.SAFETY),
    (N, "Kryty basen osiedlowy", Category.SPORT),
    (OB, "Łąka kwietna przy rondzie", Category.GREENERY),
    (Status.SELECTED, "Siłownia plenerowa w parku", Category.SPORT),
    (Status.NOT_SELECTED, "Festiwal kina plenerowego", Category.CULTURE),
    (Status.IMPLEMENTED, "Nowe drzewa wzdłuż alei", Category.GREENERY),
    (Status.WITHDRAWN, "Mural na ścianie garaży", Category.CULTURE),
    (Status.MERGED, "Druga siłownia plenerowa", Category.SPORT),
]


@dataclass
class Summary:
    created: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"utworzono {len(self.created)}"


def _publish(page):
    page.save_revision().publish()


def _osiedla() -> list[District]:
    found = []
    for name, official, population in OSIEDLA:
        slug = slugify(anyascii(name))
        district = (
            District.objects.filter(slug=slug).first() or District.objects.filter(name=name).first()
        )
        if district is None:
            district = District.objects.create(name=name, slug=slug)
        if not district.is_osiedle:
            district.is_osiedle = True
            district.official_name = district.official_name or official
            district.population = district.population or population
            district.save()
        found.append(district)
    return found


def _index(summary) -> BudgetIndexPage:
    home = ensure_home_page()
    index = BudgetIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(
            instance=BudgetIndexPage(
                title="Budżet obywatelski",
                slug="budzet-obywatelski",
                show_in_menus=True,
                summary="Zgłoś projekt dla miasta albo swojego osiedla, sprawdź ocenę "
                "projektów i zobacz, co zostało zrealizowane.",
            )
        )
        _publish(index)
        summary.created.append("strona budżetu")
    return index


def _schedule(first_start, step_days: int) -> dict:
    """Every phase but ideas, STEP_DAYS apart from FIRST_START (submission)."""
    names = [name for name in EDITION.moment_fields if name != "ideas_from"]
    return {name: first_start + timedelta(days=step_days * n) for n, name in enumerate(names)}


def _edition(index, title, slug, year, schedule, summary) -> BudgetEditionPage:
    edition = BudgetEditionPage.objects.child_of(index).filter(slug=slug).first()
    if edition is None:
        edition = index.add_child(
            instance=BudgetEditionPage(
                title=title,
                slug=slug,
                kind=BudgetKind.CITY,
                year=year,
                is_sample=True,
                summary=f"{MARK} Przykładowa edycja budżetu – treść demonstracyjna.",
                rate_per_resident=RATE,
                **schedule,
            )
        )
        _publish(edition)
        summary.created.append(f"edycja: {title}")
    return edition


def _pools(edition, osiedla) -> list[BudgetPool]:
    pools = []
    city, _ = BudgetPool.objects.get_or_create(
        edition=edition,
        slug="miasto",
        defaults={
            "scope": BudgetPool.Scope.CITY,
            "name": "Pula ogólnomiejska",
            "amount": Decimal("2000000"),
            "max_project_cost": Decimal("500000"),
        },
    )
    pools.append(city)
    for order, district in enumerate(osiedla, start=1):
        pool, _ = BudgetPool.objects.get_or_create(
            edition=edition,
            slug=district.slug,
            defaults={
                "scope": BudgetPool.Scope.OSIEDLE,
                "district": district,
                "name": f"Pula: {district.display_name}",
                "max_project_cost": Decimal("100000"),
                "sort_order": order,
            },
        )
        pools.append(pool)
    return pools


def _project(edition, pool, status, title, category, when, number, summary):
    title = f"{MARK} {title}"
    project = BudgetProject.objects.filter(edition=edition, title=title).first()
    if project is not None:
        return project
    point = {}
    if number % 2 == 0:
        point = {
            "latitude": Decimal("50.3218") + Decimal(number) / 1000,
            "longitude": Decimal("19.1872") + Decimal(number) / 1000,
        }
    cost = Decimal(20000 + 5000 * number)
    project = BudgetProject.objects.create(
        edition=edition,
        pool=pool,
        title=title,
        category=category,
        district=pool.district,
        address="Dąbrowa Górnicza, miejsce przykładowe",
        description=f"{MARK} Opis przykładowego projektu: {title.lower()}.",
        justification="Mieszkańcy od dawna zgłaszają taką potrzebę.",
        beneficiaries="Mieszkańcy okolicy, w tym dzieci i seniorzy.",
        supporters_count=15 + number,
        author_name="Autor Przykładowy",
        author_email="autor.przykladowy@example.invalid",
        author_named=number % 3 == 0,
        status=status,
        confirmed_at=when,
        submitted_at=when,
        is_sample=True,
        city_cost_estimate=cost if status in (P, OB, *PATHS[Status.IMPLEMENTED][4:]) else None,
        **point,
    )
    CostLine.objects.create(project=project, description="Projekt i wykonanie", amount=cost)
    CostLine.objects.create(project=project, description="Oznakowanie", amount=Decimal("1500"))
    for step, reached in enumerate(PATHS[status]):
        StatusChange.objects.create(
            project=project,
            status=reached,
            stage=STAGES.get(reached, Stage.OTHER),
            at=when + timedelta(days=20 * step),
            justification=REASONS.get(reached, ""),
        )
    if status == N:
        Appeal.objects.create(
            project=project,
            against_status=N,
            text="Nie zgadzam się z oceną kosztów utrzymania.",
            submitted_at=when + timedelta(days=70),
            outcome=Appeal.Outcome.DISMISSED,
            decided_at=when + timedelta(days=75),
            justification="Koszt utrzymania potwierdził wydział inwestycji.",
        )
        StatusChange.objects.create(
            project=project,
            status=N,
            stage=Stage.APPEAL,
            at=when + timedelta(days=75),
            justification="Odwołanie nieuwzględnione. Koszt utrzymania potwierdził wydział "
            "inwestycji.",
        )
    summary.created.append(f"projekt: {title}")
    return project


def _keep_in_submission(edition, now) -> None:
    """Move a sample current edition's dates when it has left the submission phase."""
    if edition.get_phase(now) == EDITION.SUBMISSION:
        return
    for name, moment in _schedule(now - timedelta(days=10), 30).items():
        setattr(edition, name, moment)
    _publish(edition)


def load() -> Summary:
    summary = Summary()
    now = timezone.now()
    index = _index(summary)
    osiedla = _osiedla()
    past_start = now - timedelta(days=400)
    past = _edition(
        index,
        f"{MARK} Budżet Obywatelski {now.year}",
        "przyklad-edycja-zakonczona",
        now.year,
        _schedule(past_start, 40),
        summary,
    )
    past_pools = _pools(past, osiedla)
    for number, (status, title, category) in enumerate(PROJECTS):
        pool = past_pools[number % len(past_pools)]
        _project(
            past, pool, status, title, category, past_start + timedelta(days=1), number, summary
        )
    sample_extras.load(past, summary)

    current = _edition(
        index,
        f"{MARK} Budżet Obywatelski {now.year + 1}",
        "przyklad-edycja-biezaca",
        now.year + 1,
        _schedule(now - timedelta(days=10), 30),
        summary,
    )
    _keep_in_submission(current, now)
    current_pools = _pools(current, osiedla)
    for number, (title, category) in enumerate(
        [("Zielony przystanek", Category.GREENERY), ("Tor dla rolek", Category.SPORT)]
    ):
        _project(
            current,
            current_pools[number],
            S,
            title,
            category,
            now - timedelta(days=5),
            number,
            summary,
        )
    return summary
