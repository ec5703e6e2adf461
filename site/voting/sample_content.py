"""Sample content, clearly marked: an edition in its voting phase (a city-wide pool voted
by approval of up to 2 projects, osiedle pools by points), so the site shows an open vote
and the browser suite has one to cast. Built on the budget's sample helpers (the same
index, osiedla and marking); idempotent; the dates are moved when the site has run long
enough for the vote to close.
"""

from datetime import timedelta

from django.utils import timezone

from pages.budget import sample_content as budget_sample
from pages.budget.models import Category, Status
from pages.budget.phases import EDITION
from voting.models import EditionVoting, Method, PoolVoting

SLUG = "przyklad-glosowanie"
STEP_DAYS = 30
# Voting is the sixth moment of an edition's schedule (budget_sample._schedule).
VOTING_INDEX = [n for n in EDITION.moment_fields if n != "ideas_from"].index("voting_from")

PROJECTS = [
    ("Ławki w parku", Category.GREENERY),
    ("Stojaki na rowery", Category.ROADS),
    ("Koncerty w plenerze", Category.CULTURE),
]


def _schedule(now) -> dict:
    """Voting began two days ago and lasts STEP_DAYS."""
    first = now - timedelta(days=2) - timedelta(days=STEP_DAYS * VOTING_INDEX)
    return budget_sample._schedule(first, STEP_DAYS)


def load() -> budget_sample.Summary:
    summary = budget_sample.Summary()
    now = timezone.now()
    index = budget_sample._index(summary)
    osiedla = budget_sample._osiedla()
    edition = budget_sample._edition(
        index,
        f"{budget_sample.MARK} Głosowanie w budżecie {now.year + 1}",
        SLUG,
        now.year + 1,
        _schedule(now),
        summary,
    )
    if edition.get_phase(now) != EDITION.VOTING:
        for name, moment in _schedule(now).items():
            setattr(edition, name, moment)
        budget_sample._publish(edition)
    pools = budget_sample._pools(edition, osiedla[:2])
    EditionVoting.objects.get_or_create(edition=edition)
    PoolVoting.objects.get_or_create(
        pool=pools[0], defaults={"method": Method.APPROVAL, "max_choices": 2}
    )
    for pool in pools[1:]:
        PoolVoting.objects.get_or_create(
            pool=pool, defaults={"method": Method.POINTS, "points": "2,1"}
        )
    for number, (title, category) in enumerate(PROJECTS):
        budget_sample._project(
            edition,
            pools[0],
            Status.ON_BALLOT,
            title,
            category,
            now - timedelta(days=60),
            number,
            summary,
        )
    for pool in pools[1:]:
        for number, title in enumerate(("Plac zabaw", "Zieleń przy szkole")):
            budget_sample._project(
                edition,
                pool,
                Status.ON_BALLOT,
                f"{title} ({pool.district.name})",
                Category.GREENERY,
                now - timedelta(days=60),
                number + 3,
                summary,
            )
    return summary
