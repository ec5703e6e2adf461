"""The lifecycle of a grant call (core.lifecycle): its state follows from its dates.

`state_of()` is the rule; `q()` says the same rule to the database, so that lists can
filter and order by state without loading every call. Tests hold the two together.

The slugs are the Polish values the calls' listing (`?stan=otwarty`) and the API
(`state=otwarty`) took before the API spoke English values; both stay accepted.

The other half: the public pages that show these records are in `pages/registry/`.
"""

from datetime import datetime

from django.db.models import Q

from core.lifecycle import Lifecycle, State, register


class GrantCallLifecycle(Lifecycle):
    name = "grant_call"
    model = "snippets.GrantCall"
    moment_fields = ("announced_at", "offers_due_at", "results_published_at", "cancelled_at")

    # Rank, the order of the public list: what one can still apply for first.
    PLANNED = State("planned", "planowany", "planowany", rank=1)
    OPEN = State("open", "otwarty", "nabór ofert trwa", rank=0)
    EVALUATION = State("evaluation", "ocena", "ocena ofert", rank=2)
    RESOLVED = State("resolved", "rozstrzygniety", "rozstrzygnięty", rank=3)
    CANCELLED = State("cancelled", "uniewazniony", "unieważniony", rank=4)

    def __init__(self):
        self.legacy_values = {state.slug: state.value for state in self.states}

    def state_of(self, call, now: datetime) -> State:
        """- cancelled from the moment `cancelled_at` is reached (art. 18a; before it, as if
          not);
        - planned before the announcement;
        - open from the announcement until the deadline (an offer at the deadline is late);
        - under evaluation from the deadline until the results are published;
        - resolved from the publication of the results.
        """
        if call.cancelled_at is not None and call.cancelled_at <= now:
            return self.CANCELLED
        if now < call.announced_at:
            return self.PLANNED
        if now < call.offers_due_at:
            return self.OPEN
        if call.results_published_at is None or now < call.results_published_at:
            return self.EVALUATION
        return self.RESOLVED

    def q(self, state, now: datetime) -> Q:
        state = self.get(str(state))
        cancelled = Q(cancelled_at__isnull=False, cancelled_at__lte=now)
        if state == self.CANCELLED:
            return cancelled
        live_on = ~cancelled
        if state == self.PLANNED:
            return live_on & Q(announced_at__gt=now)
        announced = live_on & Q(announced_at__lte=now)
        if state == self.OPEN:
            return announced & Q(offers_due_at__gt=now)
        not_resolved = Q(results_published_at__isnull=True) | Q(results_published_at__gt=now)
        if state == self.EVALUATION:
            return announced & Q(offers_due_at__lte=now) & not_resolved
        return announced & Q(offers_due_at__lte=now, results_published_at__lte=now)


CALL = register(GrantCallLifecycle)
