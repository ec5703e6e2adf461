"""The clocks of councils (core.lifecycle): a term, a recruitment, an opinion request.

A term is given in days (its first and last day, inclusive), so it changes state at
local midnight, which the page cache never outlives: no moment fields. A recruitment
opens and closes at moments; an opinion request is overdue at its deadline (24:00 of
the last day of the statutory term, core.deadlines).
"""

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from core.lifecycle import Lifecycle, State, register


class TermLifecycle(Lifecycle):
    name = "council_term"
    model = "councils.CouncilTerm"

    CURRENT = State("current", "obecna", "obecna kadencja", rank=0)
    UPCOMING = State("upcoming", "przyszla", "kadencja jeszcze się nie rozpoczęła", rank=1)
    PAST = State("past", "zakonczona", "kadencja zakończona", rank=2)

    def published(self, model):
        return model.objects.filter(council__live=True)

    def state_of(self, term, now: datetime) -> State:
        today = timezone.localdate(now)
        if today < term.starts_on:
            return self.UPCOMING
        if term.ends_on is not None and today > term.ends_on:
            return self.PAST
        return self.CURRENT

    def q(self, state, now: datetime) -> Q:
        state = self.get(str(state))
        today = timezone.localdate(now)
        if state == self.UPCOMING:
            return Q(starts_on__gt=today)
        if state == self.PAST:
            return Q(ends_on__lt=today)
        return Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))


class RecruitmentLifecycle(Lifecycle):
    name = "council_recruitment"
    model = "councils.Recruitment"
    moment_fields = ("opens_at", "closes_at")

    OPEN = State("open", "trwa", "nabór trwa", rank=0)
    PLANNED = State("planned", "planowany", "nabór zapowiedziany", rank=1)
    CLOSED = State("closed", "zakonczony", "nabór zakończony", rank=2)

    def published(self, model):
        return model.objects.filter(council__live=True)

    def state_of(self, recruitment, now: datetime) -> State:
        if now < recruitment.opens_at:
            return self.PLANNED
        if now >= recruitment.closes_at:
            return self.CLOSED
        return self.OPEN

    def q(self, state, now: datetime) -> Q:
        state = self.get(str(state))
        if state == self.PLANNED:
            return Q(opens_at__gt=now)
        if state == self.CLOSED:
            return Q(closes_at__lte=now)
        return Q(opens_at__lte=now, closes_at__gt=now)


class OpinionRequestLifecycle(Lifecycle):
    """Internal: shown in the intranet only, so no public page follows its clock."""

    name = "opinion_request"
    model = "councils.OpinionRequest"

    PENDING = State("pending", "oczekuje", "czeka na opinię", rank=0)
    OVERDUE = State("overdue", "po-terminie", "termin minął bez opinii", rank=1)
    GIVEN = State("given", "wydana", "opinia wydana", rank=2)

    def published(self, model):
        return model.objects.none()

    def state_of(self, request, now: datetime) -> State:
        if request.given_on is not None:
            return self.GIVEN
        return self.OVERDUE if now >= request.deadline else self.PENDING

    def q(self, state, now: datetime) -> Q:
        state = self.get(str(state))
        if state == self.GIVEN:
            return Q(given_on__isnull=False)
        if state == self.OVERDUE:
            return Q(given_on__isnull=True, deadline__lte=now)
        return Q(given_on__isnull=True, deadline__gt=now)


TERM = register(TermLifecycle)
RECRUITMENT = register(RecruitmentLifecycle)
OPINION = register(OpinionRequestLifecycle)
