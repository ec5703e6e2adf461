"""What can be followed: each app registers its kinds from its own `alert_sources.py`.

    # pages/consultations/alert_sources.py
    from alerts.registry import OPENED, PUBLISHED, AlertItem, AlertSource, register

    @register
    class ConsultationAlerts(AlertSource):
        kind = "consultation"              # stored in subscriptions: never rename
        label = "Konsultacje społeczne"    # the sign-up form's checkbox, the messages
        model = "consultations.ConsultationPage"
        moments = {PUBLISHED: "Nowa konsultacja", OPENED: "Rozpoczęła się konsultacja"}

        def describe(self, page):          # None: not to be announced (not public...)
            return AlertItem(title=page.title, url=page.url, districts=(...), ...)

        def due(self, since, now):         # moments the clock reached in (since, now]
            ...

`alerts` checks by itself that a page is live and visible anonymously (the API's rule);
a source of snippets says it in `describe()`. A kind registered later (civic budget,
local initiatives, council resolutions) needs nothing else: no migration, no change here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from django.apps import apps
from django.db import models

# Moments that set off a message. A source may name others ("phase:voting"): any string.
PUBLISHED = "published"  # a matching item went public
OPENED = "opened"  # a consultation or call started taking submissions
CLOSING = "closing"  # the last 3 days of a consultation
DEADLINE = "deadline"  # a call's or offer's deadline is near
OUTCOME = "outcome"  # a report, results or an outcome was published

# What narrows a subscription: the form's field, its Polish label and the list's
# parameter of the same meaning (docs/conventions.md), and whether an item that names
# none (a consultation of the whole city, for everyone) concerns every subscriber.
DIMENSIONS = {
    "district": ("Dzielnica lub osiedle", "dzielnica", True),
    "audience": ("Dla kogo", "dla", True),
    "area": ("Obszar pożytku publicznego", "obszar", False),
    "tag": ("Temat (tag)", "tag", False),
}
AUDIENCES = [("residents", "Mieszkańcy"), ("ngos", "Organizacje pozarządowe")]


@dataclass(frozen=True)
class AlertItem:
    """What a message says of one item, and what it concerns (values of DIMENSIONS)."""

    title: str
    url: str  # a path or an absolute URL; messages make it absolute
    summary: str = ""
    dates: str = ""  # its dates in Polish: "Uwagi do 12 grudnia 2026 włącznie"
    districts: tuple[str, ...] = ()  # District slugs; none: the whole city
    audiences: tuple[str, ...] = ()  # of AUDIENCES; none: everyone
    areas: tuple[str, ...] = ()  # public benefit area numbers, as text
    tags: tuple[str, ...] = ()  # tag slugs


class AlertSource:
    """One kind of followable item. Subclasses set the attributes and `describe()`."""

    kind: ClassVar[str]
    label: ClassVar[str]
    model: ClassVar[str]  # "app_label.ModelName"
    order: ClassVar[int] = 100
    moments: ClassVar[dict[str, str]] = {PUBLISHED: "Nowa pozycja"}
    # The dimensions the sign-up form offers for this kind (others are not asked).
    dimensions: ClassVar[tuple[str, ...]] = ()

    def model_class(self) -> type[models.Model]:
        return apps.get_model(self.model)

    def get_object(self, pk):
        """The item with PK as it is now, or None."""
        manager = self.model_class()._default_manager
        return manager.filter(pk=pk).first()

    def describe(self, obj) -> AlertItem | None:
        """The item's message, or None when it must not be announced now."""
        raise NotImplementedError

    def moments_on_publish(self, obj, now: datetime) -> list[str]:
        """The moments a publication of OBJ sets off (an outcome may come with it)."""
        return [PUBLISHED]

    def due(self, since: datetime, now: datetime) -> Iterable[tuple[models.Model, str]]:
        """(item, moment) for each moment the clock reached in (SINCE, NOW]."""
        return ()


_SOURCES: dict[str, AlertSource] = {}
_CHOICES: dict[str, Callable[[], list[tuple[str, str]]]] = {"audience": lambda: AUDIENCES}


def register(source_class: type[AlertSource]) -> type[AlertSource]:
    """Class decorator: register (or replace) the source of the class's kind."""
    _SOURCES[source_class.kind] = source_class()
    return source_class


def register_choices(dimension: str, choices: Callable[[], list[tuple[str, str]]]) -> None:
    """Where the values of DIMENSION come from (districts, areas, tags: the database)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"Unknown dimension {dimension!r}; one of {sorted(DIMENSIONS)}.")
    _CHOICES[dimension] = choices


def choices_of(dimension: str) -> list[tuple[str, str]]:
    provider = _CHOICES.get(dimension)
    return list(provider()) if provider else []


def all_sources() -> list[AlertSource]:
    return sorted(_SOURCES.values(), key=lambda source: (source.order, source.kind))


def source_for(kind: str) -> AlertSource | None:
    return _SOURCES.get(kind)


def sources_for_model(model: type[models.Model]) -> list[AlertSource]:
    """The sources whose items are MODEL's instances."""
    return [source for source in _SOURCES.values() if issubclass(model, source.model_class())]


def kind_label(kind: str) -> str:
    source = source_for(kind)
    return source.label if source else kind


def moment_label(kind: str, moment: str) -> str:
    source = source_for(kind)
    return (source.moments.get(moment) if source else None) or "Nowa pozycja"
