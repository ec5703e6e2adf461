"""The state of a grant call, which follows from its dates at the moment it is asked.

`call_state()` is the rule; `state_q()` says the same rule to the database, so that lists
can filter and order by state without loading every call. Tests hold the two together.
"""

from datetime import datetime

from django.db.models import Case, IntegerField, Q, Value, When

PLANNED = "planowany"
OPEN = "otwarty"
EVALUATION = "ocena"
RESOLVED = "rozstrzygniety"
CANCELLED = "uniewazniony"

STATE_LABELS = {
    OPEN: "nabór ofert trwa",
    PLANNED: "planowany",
    EVALUATION: "ocena ofert",
    RESOLVED: "rozstrzygnięty",
    CANCELLED: "unieważniony",
}
# The order of the public list: what one can still apply for first.
STATE_ORDER = (OPEN, PLANNED, EVALUATION, RESOLVED, CANCELLED)


def call_state(
    *,
    announced_at: datetime,
    offers_due_at: datetime,
    results_published_at: datetime | None,
    cancelled_at: datetime | None,
    now: datetime,
) -> str:
    """The state of a call at NOW.

    - cancelled from the moment `cancelled_at` is reached (art. 18a; before it, as if not);
    - planned before the announcement;
    - open from the announcement until the deadline (an offer at the deadline is late);
    - under evaluation from the deadline until the results are published;
    - resolved from the publication of the results.
    """
    if cancelled_at is not None and cancelled_at <= now:
        return CANCELLED
    if now < announced_at:
        return PLANNED
    if now < offers_due_at:
        return OPEN
    if results_published_at is None or now < results_published_at:
        return EVALUATION
    return RESOLVED


def state_q(state: str, now: datetime) -> Q:
    """The condition on GrantCall rows that `call_state()` gives STATE at NOW."""
    cancelled = Q(cancelled_at__isnull=False, cancelled_at__lte=now)
    if state == CANCELLED:
        return cancelled
    live_on = ~cancelled
    if state == PLANNED:
        return live_on & Q(announced_at__gt=now)
    announced = live_on & Q(announced_at__lte=now)
    if state == OPEN:
        return announced & Q(offers_due_at__gt=now)
    not_resolved = Q(results_published_at__isnull=True) | Q(results_published_at__gt=now)
    if state == EVALUATION:
        return announced & Q(offers_due_at__lte=now) & not_resolved
    if state == RESOLVED:
        return announced & Q(offers_due_at__lte=now, results_published_at__lte=now)
    raise ValueError(f"Unknown call state: {state!r}")


def state_rank(now: datetime) -> Case:
    """An annotation ordering calls as STATE_ORDER does."""
    return Case(
        *(When(state_q(state, now), then=Value(rank)) for rank, state in enumerate(STATE_ORDER)),
        default=Value(len(STATE_ORDER)),
        output_field=IntegerField(),
    )
