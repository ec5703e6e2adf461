"""The phases of a budget edition (core.lifecycle): which one is current follows the clock.

An edition's schedule is a row of moments, one per phase, each the start of its phase;
a phase lasts until the next one starts (the first, ideas, is optional). Before the first
start the edition is announced; from the start of implementation on it stays there.
The phase decides what residents can do now: submit (SUBMISSION), correct (CORRECTIONS,
for projects called to), appeal (APPEALS), vote (VOTING, issue 16).
"""

from datetime import datetime

from django.db.models import Q

from core.lifecycle import Lifecycle, State, register


class BudgetEditionLifecycle(Lifecycle):
    name = "budget_edition"
    model = "budget.BudgetEditionPage"
    # In schedule order; each field is the moment its phase starts.
    moment_fields = (
        "ideas_from",
        "submission_from",
        "formal_from",
        "corrections_from",
        "merit_from",
        "appeals_from",
        "voting_from",
        "results_from",
        "implementation_from",
    )

    # Rank orders a listing of editions: what residents can act on first.
    ANNOUNCED = State("announced", "zapowiedziana", "Zapowiedziana", rank=3)
    IDEAS = State("ideas", "pomysly", "Zbieranie pomysłów i priorytetów", rank=1)
    SUBMISSION = State("submission", "zglaszanie", "Zgłaszanie projektów", rank=0)
    FORMAL = State("formal", "ocena-formalna", "Ocena formalna projektów", rank=2)
    CORRECTIONS = State("corrections", "uzupelnienia", "Uzupełnianie braków w projektach", rank=1)
    MERIT = State("merit", "ocena-merytoryczna", "Ocena merytoryczna projektów", rank=2)
    APPEALS = State("appeals", "odwolania", "Odwołania od wyników oceny", rank=1)
    VOTING = State("voting", "glosowanie", "Głosowanie", rank=0)
    RESULTS = State("results", "wyniki", "Wyniki głosowania", rank=2)
    IMPLEMENTATION = State("implementation", "realizacja", "Realizacja projektów", rank=4)

    PHASES = (
        IDEAS,
        SUBMISSION,
        FORMAL,
        CORRECTIONS,
        MERIT,
        APPEALS,
        VOTING,
        RESULTS,
        IMPLEMENTATION,
    )

    def published(self, model):
        return model.objects.live()

    def field_of(self, phase: State) -> str:
        """The field holding the moment PHASE starts."""
        return self.moment_fields[self.PHASES.index(phase)]

    def state_of(self, edition, now: datetime) -> State:
        """The last phase whose start has come (a phase holds from its start on);
        announced before any start. Phases without a start (ideas) are skipped."""
        current = self.ANNOUNCED
        for phase in self.PHASES:
            start = getattr(edition, self.field_of(phase))
            if start is not None and start <= now:
                current = phase
        return current

    def q(self, state, now: datetime) -> Q:
        state = self.get(str(state))
        if state == self.ANNOUNCED:
            return ~self._started_q(self.PHASES, now)
        index = self.PHASES.index(state)
        return self._started_q((state,), now) & ~self._started_q(self.PHASES[index + 1 :], now)

    def _started_q(self, phases, now: datetime) -> Q:
        """Any of PHASES has started by NOW."""
        started = Q(pk__in=[])
        for phase in phases:
            started |= Q(**{f"{self.field_of(phase)}__lte": now})
        return started

    def phase_end(self, edition, phase: State):
        """When PHASE ends: the start of the next scheduled phase (None for the last)."""
        for later in self.PHASES[self.PHASES.index(phase) + 1 :]:
            start = getattr(edition, self.field_of(later))
            if start is not None:
                return start
        return None


EDITION = register(BudgetEditionLifecycle)
