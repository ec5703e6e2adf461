"""The stable English names of result types and states, with their Polish labels.

The names are the API's contract (`type=` filter and `results[].type`); sources may add
their own with register_kind()/register_state().
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    name: str
    label: str  # one result: "Dokument"
    plural: str  # the facet: "Dokumenty"
    order: int = 100


_KINDS: dict[str, Kind] = {}
_STATES: dict[str, str] = {}
_KIND_STATES: dict[tuple[str, str], str] = {}


def register_kind(name: str, label: str, plural: str, order: int = 100) -> Kind:
    kind = Kind(name, label, plural, order)
    _KINDS[name] = kind
    return kind


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


for _name, _label, _plural, _order in [
    ("page", "Strona", "Strony", 10),
    ("consultation", "Konsultacje społeczne", "Konsultacje społeczne", 20),
    ("announcement", "Ogłoszenie", "Ogłoszenia", 30),
    ("grant_call", "Konkurs lub nabór", "Konkursy i nabory", 40),
    ("ngo", "Organizacja pozarządowa", "Organizacje pozarządowe", 50),
    ("service", "Usługa CAO", "Usługi CAO", 60),
    ("guidance", "Poradnik", "Poradniki", 70),
    ("event", "Wydarzenie", "Wydarzenia", 80),
    ("document", "Dokument", "Dokumenty", 90),
    ("person", "Osoba", "Osoby", 100),
]:
    register_kind(_name, _label, _plural, _order)

for _kind, _name, _label in [
    ("consultation", "planned", "zapowiedziane"),
    ("consultation", "open", "trwające – można zgłaszać uwagi"),
    ("consultation", "closed", "zakończone – czekają na raport"),
    ("consultation", "concluded", "zakończone raportem"),
    ("consultation", "cancelled", "odwołane"),
    ("grant_call", "planned", "zapowiedziane"),
    ("grant_call", "open", "nabór ofert trwa"),
    ("grant_call", "evaluation", "ocena ofert"),
    ("grant_call", "resolved", "rozstrzygnięte"),
    ("grant_call", "cancelled", "unieważnione"),
]:
    register_state(_name, _label, _kind)
