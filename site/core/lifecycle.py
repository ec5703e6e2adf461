"""One pattern for everything whose state follows the clock (consultations, grant calls,
small-grant offers, event registrations).

A `Lifecycle` subclass lists its states as class attributes and says, once:
- `state_of(obj, now)`: the state of one object at NOW (pages, feeds, the API);
- `q(state, now)`: the same rule as a database condition (listings, API filters), and
  `rank(now)`, an annotation that orders by the states' `rank`;
- `moment_fields`: the fields holding the moments at which its objects change state, so
  that `next_change(now)` is the soonest such moment among the published ones (the page
  cache never keeps a page past it) and `next_change_of(obj, now)` one object's (search
  re-indexes the entry then).

Each `State` has a stable English `value` (code, the API, search facets), a Polish
`slug` (the `stan` query parameter of the public HTML listings) and one Polish `label`,
shown the same on the page, in the listing, in search and in the API.

Moments compare one way everywhere: a state that begins at a moment holds from that
moment on, so a term that ends at a moment is over at that very moment (`now < end` is
"still open"). Terms given as days end at 24:00 of their last day (core.deadlines).
"""

from datetime import datetime

from django.apps import apps
from django.db.models import Case, F, IntegerField, Min, Q, QuerySet, Value, When


class State:
    """One state of a lifecycle; compares equal to its value (`state == "open"`)."""

    __slots__ = ("label", "rank", "slug", "value")

    def __init__(self, value: str, slug: str, label: str, rank: int = 0):
        self.value, self.slug, self.label, self.rank = value, slug, label, rank

    def __eq__(self, other) -> bool:
        if isinstance(other, State):
            return self.value == other.value
        return self.value == other

    def __hash__(self) -> int:
        return hash(self.value)

    def __str__(self) -> str:
        return self.value

    def __repr__(self) -> str:
        return f"<State {self.value}>"


class Lifecycle:
    name = ""  # also the kind of search result ("consultation", "grant_call"...)
    model = ""  # "app_label.ModelName" of the objects, for next_change()
    moment_fields: tuple[str, ...] = ()
    # Values the public once used for a state (old `?state=otwarty`): value -> state value.
    legacy_values: dict[str, str] = {}
    states: tuple[State, ...] = ()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.states = tuple(v for v in vars(cls).values() if isinstance(v, State))

    def __iter__(self):
        return iter(self.states)

    def __len__(self) -> int:
        return len(self.states)

    # --- vocabulary --------------------------------------------------------------

    @property
    def values(self) -> list[str]:
        return [state.value for state in self.states]

    @property
    def choices(self) -> list[tuple[str, str]]:
        return [(state.value, state.label) for state in self.states]

    def get(self, value: str) -> State:
        for state in self.states:
            if state.value == value:
                return state
        raise ValueError(f"Unknown {self.name} state: {value!r}")

    def from_value(self, value: str | None) -> State | None:
        """The state named by an API value (an old public value accepted too), or None."""
        value = self.legacy_values.get(value or "", value)
        return next((state for state in self.states if state.value == value), None)

    def from_slug(self, slug: str | None) -> State | None:
        """The state named by an HTML listing's `stan` slug, or None."""
        return next((state for state in self.states if state.slug == slug), None)

    # --- the rule, said twice ----------------------------------------------------------

    def state_of(self, obj, now: datetime) -> State:
        raise NotImplementedError

    def q(self, state: State | str, now: datetime) -> Q:
        raise NotImplementedError

    def prepare(self, queryset: QuerySet) -> QuerySet:
        """QUERYSET with whatever `q()` needs annotated (nothing by default)."""
        return queryset

    def filter(self, queryset: QuerySet, state: State | str, now: datetime) -> QuerySet:
        return self.prepare(queryset).filter(self.q(state, now))

    def rank(self, now: datetime) -> Case:
        """An annotation ordering by the states' rank (unknown last)."""
        return Case(
            *(When(self.q(state, now), then=Value(state.rank)) for state in self.states),
            default=Value(max((state.rank for state in self.states), default=0) + 1),
            output_field=IntegerField(),
        )

    # --- the clock ---------------------------------------------------------------

    def published(self, model) -> QuerySet:
        """The objects the public sees (their changes are what the page cache follows)."""
        return model.objects.filter(live=True)

    def next_change(self, now: datetime) -> datetime | None:
        """The soonest moment after NOW at which a published object changes state."""
        if not self.moment_fields:
            return None
        found = self.published(apps.get_model(self.model)).aggregate(
            **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in self.moment_fields}
        )
        return min((moment for moment in found.values() if moment is not None), default=None)

    def moments_after(self, now: datetime) -> list[QuerySet]:
        """The published objects' moments after NOW, one query per moment field, each
        selecting them as its only column `moment` (next_change() unites them)."""
        published = self.published(apps.get_model(self.model)).order_by()
        return [
            published.filter(**{f"{name}__gt": now}).values(moment=F(name))
            for name in self.moment_fields
        ]

    def next_change_of(self, obj, now: datetime) -> datetime | None:
        """The soonest moment after NOW at which OBJ changes state, if any."""
        moments = (getattr(obj, name) for name in self.moment_fields)
        return min((m for m in moments if m is not None and m > now), default=None)


_REGISTERED: dict[str, Lifecycle] = {}


def register(lifecycle_class: type[Lifecycle]) -> Lifecycle:
    """Make the one instance of a lifecycle (`CONSULTATION = register(ConsultationLifecycle)`)
    and list it for the page cache's clock."""
    lifecycle = lifecycle_class()
    _REGISTERED[lifecycle.name] = lifecycle
    return lifecycle


def registered() -> tuple[Lifecycle, ...]:
    return tuple(_REGISTERED.values())


def next_change(now: datetime) -> datetime | None:
    """The soonest moment after NOW at which any published object of any lifecycle
    changes state (for core.page_cache).

    One query for all of them (a UNION ALL of each lifecycle's moments, the soonest
    first): the page cache asks after every save, and a query per lifecycle added up."""
    parts = [query for lifecycle in registered() for query in lifecycle.moments_after(now)]
    if not parts:
        return None
    first, *rest = parts
    soonest = first.union(*rest, all=True).order_by("moment").values_list("moment", flat=True)
    return next(iter(soonest[:1]), None)
