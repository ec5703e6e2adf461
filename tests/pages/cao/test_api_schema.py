"""CAO pages in the API match what /api/schema/ says about them, field by field."""

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from pages.cao import sample_content
from pages.department.seed import load_seed

pytestmark = pytest.mark.django_db

CAO_TYPES = (
    "cao.AdvisoryServiceIndexPage",
    "cao.AdvisoryServicePage",
    "cao.GuidanceIndexPage",
    "cao.GuidancePage",
    "cao.EventIndexPage",
    "cao.EventPage",
)


def validator_for(spec: dict, path: str) -> Draft202012Validator:
    registry = Registry().with_resource(
        "urn:portal-api", Resource.from_contents(spec, default_specification=DRAFT202012)
    )
    pointer = (
        "/paths/"
        + path.replace("~", "~0").replace("/", "~1")
        + "/get/responses/200/content/application~1json/schema"
    )
    return Draft202012Validator(
        {"$ref": f"urn:portal-api#{pointer}"}, registry=registry, format_checker=FormatChecker()
    )


def test_cao_pages_validate_against_the_schema(client, home_page):
    load_seed()
    sample_content.load()
    spec = client.get("/api/schema/").json()
    listing = validator_for(spec, "/api/v2/pages/")
    detail = validator_for(spec, "/api/v2/pages/{id}/")
    for page_type in CAO_TYPES:
        data = client.get("/api/v2/pages/", {"type": page_type, "fields": "*"}).json()
        assert data["items"], page_type
        listing.validate(data)
        for item in data["items"]:
            detail.validate(client.get(f"/api/v2/pages/{item['id']}/").json())


def test_schema_states_the_shape_of_computed_fields(client, home_page):
    spec = client.get("/api/schema/").json()
    schemas = spec["components"]["schemas"]
    text = str({name: schema for name, schema in schemas.items() if "cao" in name.lower()})
    for field in ("schedule", "registration_info", "places_left", "related_guides", "topic"):
        assert field in text, field
