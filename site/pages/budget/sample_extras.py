"""Sample ideas, priority votes and merit opinions for the past sample edition, marked
like the rest of the budget's samples (sample_content.py calls it). Idempotent. No
personal data: the sample ideas carry no e-mail."""

from datetime import timedelta
from decimal import Decimal

from pages.budget.models import (
    BudgetIdea,
    BudgetProject,
    Category,
    CityUnit,
    Feasibility,
    IdeaKind,
    MeritOpinion,
    Moderation,
)

MARK = "[PRZYKŁAD]"
UNITS = [f"{MARK} Wydział Inwestycji", f"{MARK} Zarząd Dróg", f"{MARK} Wydział Ochrony Środowiska"]
IDEAS = [
    # (title, category, moderation, public reply, the project it became)
    (
        "Więcej kwiatów przy rondach",
        Category.GREENERY,
        Moderation.PUBLISHED,
        "",
        "Łąka kwietna przy rondzie",
    ),
    (
        "Przejście dla pieszych przy przychodni",
        Category.ROADS,
        Moderation.PUBLISHED,
        "Przejście wykona Zarząd Dróg w ramach bieżących remontów – nie trzeba projektu.",
        None,
    ),
    ("Zajęcia z programowania w bibliotece", Category.EDUCATION, Moderation.PENDING, "", None),
]
VOTES = [(Category.GREENERY, 5), (Category.SPORT, 3), (Category.SAFETY, 2)]
# (project title, unit, feasibility, the unit's cost, opinion, conflicting project)
OPINIONS = [
    (
        "Oświetlenie ścieżki nad Pogorią",
        0,
        Feasibility.FEASIBLE,
        "64000",
        "Projekt wykonalny; koszt według cen z ostatniego przetargu.",
        None,
    ),
    (
        "Kryty basen osiedlowy",
        0,
        Feasibility.NOT_FEASIBLE,
        "9500000",
        "Koszt budowy i utrzymania wielokrotnie przekracza pulę.",
        "Siłownia plenerowa w parku",
    ),
    (
        "Łąka kwietna przy rondzie",
        2,
        Feasibility.CONDITIONAL,
        "48000",
        "Wykonalny, jeśli łąka nie zasłoni widoczności na rondzie.",
        None,
    ),
    ("Zajęcia szachowe dla seniorów", 1, "", None, "", None),  # still awaited
]


def _project(edition, title):
    return BudgetProject.objects.filter(edition=edition, title=f"{MARK} {title}").first()


def load(past, summary) -> None:
    if past.ideas_from is None:
        past.ideas_from = past.submission_from - timedelta(days=30)
        past.save_revision().publish()
    when = past.ideas_from + timedelta(days=2)
    for title, category, moderation, reply, project_title in IDEAS:
        title = f"{MARK} {title}"
        if BudgetIdea.objects.filter(edition=past, title=title).exists():
            continue
        BudgetIdea(
            edition=past,
            kind=IdeaKind.IDEA,
            category=category,
            title=title,
            description=f"{MARK} Opis przykładowego pomysłu mieszkańca.",
            moderation=moderation,
            reply=reply,
            replied_at=when + timedelta(days=5) if reply else None,
            project=_project(past, project_title) if project_title else None,
            submitted_at=when,
            is_sample=True,
        ).save_once()
        summary.created.append(f"pomysł: {title}")
    if not BudgetIdea.objects.filter(edition=past, kind=IdeaKind.PRIORITY).exists():
        for category, count in VOTES:
            for _ in range(count):
                BudgetIdea(
                    edition=past,
                    kind=IdeaKind.PRIORITY,
                    category=category,
                    submitted_at=when,
                    is_sample=True,
                ).save_once()
        summary.created.append("głosy na priorytety")

    units = [CityUnit.objects.get_or_create(name=name)[0] for name in UNITS]
    for title, unit, feasibility, cost, opinion, conflict in OPINIONS:
        project = _project(past, title)
        if project is None or MeritOpinion.objects.filter(project=project).exists():
            continue
        given = bool(feasibility)
        item = MeritOpinion.objects.create(
            project=project,
            unit=units[unit],
            requested_at=past.merit_from,
            feasibility=feasibility,
            cost_estimate=Decimal(cost) if cost else None,
            opinion=opinion,
            given_at=past.merit_from + timedelta(days=7) if given else None,
        )
        if conflict and (other := _project(past, conflict)):
            item.conflicts.add(other)
        summary.created.append(f"opinia: {title}")
