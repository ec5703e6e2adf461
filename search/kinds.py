"""The result types ("kinds") and states of the index, with their Polish labels.

The names are the API's contract (`type=`/`state=` filters, `results[].type`,
`results[].state`), so they never change once public. `search` itself knows only the
kinds it indexes on its own (pages of no particular type, documents); every app
registers its kinds and their states in its `<app>/search_sources.py` (see
docs/search.md):

    register_kind("consultation", "Konsultacje społeczne", "Konsultacje społeczne",
                  order=20, states=[("open", "trwające"), ...])

`states` takes (value, label) pairs, a {value: label} mapping, or objects with `value`
and `label` (a TextChoices class, a lifecycle's states).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # one result: "Dokument"
    plural: str  # the facet: "Dokumenty"
    order: int = 100  # the place of the facet (smaller first)


_KINDS: dict[str, Kind] = {}
_STATES: dict[str, str] = {}  # every state name, with the label first registered for it
_KIND_STATES: dict[tuple[str, str], str] = {}


def _pairs(states) -> Iterable[tuple[str, str]]:
    if isinstance(states, Mapping):
        return states.items()
    return (item if isinstance(item, tuple) else (item.value, item.label) for item in states)


def register_kind(name: str, label: str, plural: str, order: int = 100, states=()) -> Kind:
    """Register (or replace) the kind NAME; STATES are its states (see register_states)."""
    kind = Kind(name, label, plural, order)
    _KINDS[name] = kind
    register_states(name, states)
    return kind


def register_states(kind: str, states) -> None:
    """The states of KIND: (value, label) pairs, a mapping, or objects with value/label."""
    for value, label in _pairs(states):
        register_state(str(value), str(label), kind)


def register_state(name: str, label: str, kind: str = "") -> None:
    """A state filter value; with KIND, its label for that kind's facet."""
    _STATES.setdefault(name, label)
    if kind:
        _KIND_STATES[(kind, name)] = label


def get_kind(name: str) -> Kind:
    return _KINDS.get(name) or Kind(name, name, name, 999)


def is_kind(name: str) -> bool:
    return name in _KINDS


def all_kinds() -> list[Kind]:
    return sorted(_KINDS.values(), key=lambda k: (k.order, k.name))


def state_label(name: str, kind: str = "") -> str:
    return _KIND_STATES.get((kind, name)) or _STATES.get(name, name)


def is_state(name: str) -> bool:
    return name in _STATES


# The kinds of search's own sources (search/sources/pages.py, documents.py).
register_kind("page", "Strona", "Strony", order=10)
register_kind("document", "Dokument", "Dokumenty", order=90)
