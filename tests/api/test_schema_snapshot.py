"""The OpenAPI document is the contract: nothing in it is removed or changed without a
deliberate update of the snapshot kept in the repository (site/api/openapi.json) and a
changelog line; additions only remind (a warning), they break no client."""

import copy
import json
import warnings

import pytest

from api.contract import additions, breaking_changes, dumps, read_snapshot
from api.router import api_router
from api.schema import openapi_document

UPDATE = "run `manage.py api_schema_snapshot` and add a line to docs/api.md's changelog"


@pytest.fixture
def current():
    return json.loads(json.dumps(openapi_document(api_router)))


def test_nothing_of_the_published_contract_was_removed_or_changed(current):
    problems = breaking_changes(read_snapshot(), current)
    assert not problems, f"breaking API changes ({UPDATE}):\n" + "\n".join(problems[:40])


def test_additions_only_remind_to_update_the_snapshot(current):
    snapshot = read_snapshot()
    if dumps(snapshot) == dumps(current):
        return
    added = additions(snapshot, current)
    warnings.warn(
        f"the API's description grew ({len(added)} additions, e.g. "
        + "; ".join(added[:5])
        + f"): not breaking; at the next release {UPDATE}",
        stacklevel=1,
    )


def test_the_comparison_catches_what_a_client_would_trip_on(current):
    """The check itself can fail: a removed path, field, parameter or enum value, a changed
    type are each reported; an added property is not breaking."""
    assert breaking_changes(current, current) == []
    pages = "/api/v2/pages/"
    changed = copy.deepcopy(current)
    del changed["paths"][pages]
    assert f"/paths/{pages}: removed" in breaking_changes(current, changed)

    changed = copy.deepcopy(current)
    contact = changed["components"]["schemas"]["Contact"]["properties"]
    del contact["city"]
    contact["postal_code"] = {"type": "integer"}
    contact["new_field"] = {"type": "string"}
    problems = breaking_changes(current, changed)
    assert "/components/schemas/Contact/properties/city: removed" in problems
    assert any("postal_code/type: 'string' changed to 'integer'" in p for p in problems)
    assert not any("new_field" in p for p in problems)

    changed = copy.deepcopy(current)
    operation = changed["paths"][pages]["get"]
    operation["parameters"] = [p for p in operation["parameters"] if p["name"] != "limit"]
    assert any("query:limit: removed" in p for p in breaking_changes(current, changed))


def test_additions_and_prose_are_not_breaking_but_are_listed(current):
    """A new page type (in the enum of types), a new endpoint and a reworded description:
    no failure, each listed as an addition."""
    changed = copy.deepcopy(current)
    changed["paths"]["/api/v2/new-endpoint/"] = changed["paths"]["/api/v2/pages/"]
    changed["components"]["schemas"]["Contact"]["properties"]["fax"] = {"type": "string"}
    operation = changed["paths"]["/api/v2/pages/"]["get"]
    operation["summary"] = "Inne słowa"
    assert breaking_changes(current, changed) == []
    found = additions(current, changed)
    assert "/paths//api/v2/new-endpoint/: added" in found
    assert "/components/schemas/Contact/properties/fax: added" in found
    assert "/paths//api/v2/pages//get/summary: reworded" in found


def test_a_field_named_like_prose_is_a_field(current):
    """`description` and `summary` are also fields (NGOs, budget projects, every page
    type): removing one breaks clients, whatever the word."""
    changed = copy.deepcopy(current)
    del changed["components"]["schemas"]["NGO"]["properties"]["description"]
    del changed["components"]["schemas"]["pages.StandardPage"]["properties"]["summary"]
    problems = breaking_changes(current, changed)
    assert "/components/schemas/NGO/properties/description: removed" in problems
    assert "/components/schemas/pages.StandardPage/properties/summary: removed" in problems
