"""The result types and states of search: registered by the apps, named as the API has
always named them, and `search/` itself importing no app."""

from django.db import models

import pytest

from pages.budget.models import Status
from pages.budget.phases import EDITION
from pages.cao.event_state import EVENT
from pages.consultations.state import CONSULTATION
from pages.councils.choices import BodyKind, ResolutionStatus
from pages.councils.state import RECRUITMENT
from pages.initiatives.choices import Status as InitiativeStatus
from pages.initiatives.state import RULES
from pages.volunteering.state import OFFER as VOLUNTEER_OFFER
from search import kinds
from snippets.call_state import CALL
from snippets.offer_state import OFFER
from tests.project_imports import ROOT, imports_in, site_packages, top_package

# The API's contract (`type=`, `state=`, `results[].type`, the facets): name, label,
# plural, order of every kind, and the label of every state in its kind's facet.
KINDS = [
    ("page", "Strona", "Strony", 10),
    ("consultation", "Konsultacje społeczne", "Konsultacje społeczne", 20),
    ("announcement", "Ogłoszenie", "Ogłoszenia", 30),
    ("budget_edition", "Edycja budżetu", "Budżet obywatelski – edycje", 35),
    ("budget_project", "Projekt w budżecie", "Projekty w budżecie obywatelskim", 36),
    ("initiative_rules", "Inicjatywa lokalna – nabór", "Inicjatywa lokalna – zasady", 37),
    ("local_initiative", "Wniosek o inicjatywę lokalną", "Wnioski o inicjatywę lokalną", 38),
    ("grant_call", "Konkurs lub nabór", "Konkursy i nabory", 40),
    ("small_grant_offer", "Oferta w trybie art. 19a", "Oferty w trybie art. 19a (małe granty)", 45),
    ("volunteer_offer", "Oferta wolontariatu", "Oferty wolontariatu", 47),
    ("ngo", "Organizacja pozarządowa", "Organizacje pozarządowe", 50),
    ("service", "Usługa CAO", "Usługi CAO", 60),
    ("guidance", "Poradnik", "Poradniki", 70),
    ("event", "Wydarzenie", "Wydarzenia", 80),
    ("council", "Rada lub ciało doradcze", "Rady i ciała doradcze", 85),
    ("osiedle", "Osiedle", "Osiedla", 86),
    ("council_resolution", "Uchwała lub opinia rady", "Uchwały i opinie rad", 87),
    ("council_recruitment", "Nabór lub wybory do rady", "Nabory i wybory do rad", 88),
    ("document", "Dokument", "Dokumenty", 90),
    ("person", "Osoba", "Osoby", 100),
]
# The states' values are the contract; their labels are the lifecycles' own (one label per
# state on the page, the listing, search and the API: docs/lifecycle.md).
STATE_VALUES = {
    "consultation": ["planned", "open", "closed", "concluded", "cancelled"],
    "grant_call": ["planned", "open", "evaluation", "resolved", "cancelled"],
    "small_grant_offer": ["open", "closed"],
    "volunteer_offer": ["open", "expired"],
    "event": ["open", "full", "closed"],
    "budget_edition": [state.value for state in EDITION],
    "budget_project": [status.api_value for status in Status],
    "council_resolution": [status.api_value for status in ResolutionStatus],
    "council": list(BodyKind.values),
    "osiedle": ["with_council", "without_council"],
    "council_recruitment": [state.value for state in RECRUITMENT],
    "initiative_rules": [state.value for state in RULES],
    "local_initiative": [status.api_value for status in InitiativeStatus],
}
STATES = {
    **{
        (lifecycle.name, state.value): state.label
        for lifecycle in (
            CONSULTATION,
            CALL,
            OFFER,
            EVENT,
            EDITION,
            RULES,
            VOLUNTEER_OFFER,
            RECRUITMENT,
        )
        for state in lifecycle
        if state.value in STATE_VALUES[lifecycle.name]
    },
    **{("budget_project", status.api_value): status.label for status in Status},
    **{("council_resolution", s.api_value): s.label for s in ResolutionStatus},
    **{("council", kind.value): kind.label for kind in BodyKind},
    ("osiedle", "with_council"): "z radą osiedla",
    ("osiedle", "without_council"): "bez rady osiedla",
    **{("local_initiative", status.api_value): status.label for status in InitiativeStatus},
}


def test_the_apps_register_the_kinds_and_states_of_the_api_contract():
    registered = [(k.name, k.label, k.plural, k.order) for k in kinds.all_kinds()]
    assert registered == KINDS
    assert {(kind, value) for kind, values in STATE_VALUES.items() for value in values} == set(
        STATES
    )
    for (kind, state), label in STATES.items():
        assert kinds.is_state(state)
        assert kinds.state_label(state, kind) == label
    assert not kinds.is_state("otwarty")
    assert not kinds.is_kind("call")


@pytest.fixture
def scratch_registry():
    """The registry as the apps left it, restored after the test."""
    saved = (dict(kinds._KINDS), dict(kinds._STATES), dict(kinds._KIND_STATES))
    yield
    for registry, before in zip(
        (kinds._KINDS, kinds._STATES, kinds._KIND_STATES), saved, strict=True
    ):
        registry.clear()
        registry.update(before)


class Phase(models.TextChoices):
    PLANNED = "planned", "Planowane"
    OPEN = "open", "Otwarte"


@pytest.mark.parametrize(
    "states",
    [
        [("planned", "Planowane"), ("open", "Otwarte")],
        {"planned": "Planowane", "open": "Otwarte"},
        Phase,  # objects with value and label: a TextChoices class, a lifecycle's states
    ],
    ids=["pairs", "mapping", "choices"],
)
def test_a_kind_registers_its_states_in_any_of_three_shapes(scratch_registry, states):
    kinds.register_kind("initiative", "Inicjatywa", "Inicjatywy", order=45, states=states)

    names = [k.name for k in kinds.all_kinds()]
    assert names.index("initiative") == names.index("grant_call") + 1  # by its order, 45
    assert kinds.state_label("open", "initiative") == "Otwarte"
    assert kinds.state_label("planned", "initiative") == "Planowane"
    # Another kind's label of the same state is its own.
    assert kinds.state_label("open", "grant_call") == "nabór ofert trwa"


def test_search_imports_no_app_of_the_portal():
    apps = site_packages() - {"core"}  # core holds the shared parts every app may use
    offending = [
        (module, path, line)
        for module, path, line in imports_in(ROOT / "search")
        if top_package(module) in apps
    ]
    assert offending == []
    for path in (ROOT / "search").rglob("*.py"):
        assert "is_installed(" not in path.read_text(encoding="utf-8"), path
