"""Whether a year's rules take applications now (core.lifecycle): the clock against the
application windows the resolution sets (one window for a rolling call, one per round).

A window is open from `opens_at` until `closes_at` (the rule of docs/lifecycle.md: at
`closes_at` it is over). Between rounds the rules wait for the next one.
"""

from datetime import datetime

from django.apps import apps
from django.db.models import Exists, OuterRef, Q

from core.lifecycle import Lifecycle, State, register


class InitiativeRulesLifecycle(Lifecycle):
    name = "initiative_rules"
    model = "initiatives.ApplicationWindow"  # the moments live on the windows
    moment_fields = ("opens_at", "closes_at")

    OPEN = State("open", "nabor-trwa", "Nabór wniosków trwa", rank=0)
    BETWEEN = State("between", "przerwa", "Przerwa między rundami naboru", rank=1)
    PLANNED = State("planned", "planowany", "Nabór jeszcze się nie rozpoczął", rank=2)
    CLOSED = State("closed", "zakonczony", "Nabór wniosków zakończony", rank=3)

    def published(self, model):
        return model.objects.filter(rules__live=True)

    def state_of(self, rules, now: datetime) -> State:
        windows = list(rules.windows.all())
        if any(w.opens_at <= now < w.closes_at for w in windows):
            return self.OPEN
        if not windows or all(now < w.opens_at for w in windows):
            return self.PLANNED
        if any(now < w.opens_at for w in windows):
            return self.BETWEEN
        return self.CLOSED

    def q(self, state, now: datetime) -> Q:
        state = self.get(state) if isinstance(state, str) else state
        window = apps.get_model("initiatives", "ApplicationWindow").objects.filter(
            rules=OuterRef("pk")
        )
        open_now = Exists(window.filter(opens_at__lte=now, closes_at__gt=now))
        ahead = Exists(window.filter(opens_at__gt=now))
        past = Exists(window.filter(opens_at__lte=now))
        if state == self.OPEN:
            return Q(open_now)
        if state == self.PLANNED:
            return ~Q(open_now) & ~Q(past)
        if state == self.BETWEEN:
            return ~Q(open_now) & Q(past) & Q(ahead)
        return ~Q(open_now) & Q(past) & ~Q(ahead)

    def next_change_of(self, rules, now: datetime) -> datetime | None:
        moments = [m for w in rules.windows.all() for m in (w.opens_at, w.closes_at) if m > now]
        return min(moments, default=None)

    def current_window(self, rules, now: datetime):
        return next((w for w in rules.windows.all() if w.opens_at <= now < w.closes_at), None)


RULES = register(InitiativeRulesLifecycle)
