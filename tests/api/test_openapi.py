"""/api/schema/ is a valid OpenAPI 3.1 document and real responses validate against it."""

import io

from django.core.management import call_command

from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page

import jsonschema
import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_spec
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api.router import api_router

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client, seeded_site):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


@pytest.fixture
def check(spec):
    """check(path_template, status, data) validates DATA against the documented response."""
    registry = Registry().with_resource(
        "urn:portal-api", Resource.from_contents(spec, default_specification=DRAFT202012)
    )

    def _check(path, status, data):
        assert path in spec["paths"], path
        pointer = (
            "/paths/"
            + path.replace("~", "~0").replace("/", "~1")
            + f"/get/responses/{status}/content/application~1json/schema"
        )
        validator = Draft202012Validator(
            {"$ref": f"urn:portal-api#{pointer}"},
            registry=registry,
            format_checker=FormatChecker(),
        )
        validator.validate(data)

    return _check


def test_the_document_is_valid_openapi_and_lists_every_endpoint(spec):
    validate_spec(spec)
    assert spec["openapi"].startswith("3.1")
    for path in (
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/pages/find/",
        "/api/v2/documents/",
        "/api/v2/images/",
        "/api/v2/contact/",
        "/api/v2/small-grant-offers/",
        "/api/v2/small-grant-offers/{id}/",
    ):
        assert path in spec["paths"]


def test_registry_parameters_and_links_are_described(spec):
    def parameters(path):
        return {item["name"]: item for item in spec["paths"][path]["get"]["parameters"]}

    offers = parameters("/api/v2/small-grant-offers/")
    assert {"area", "ngo", "outcome", "comments_open", "search"} <= set(offers)
    assert offers["outcome"]["schema"] == {"enum": ["w-toku", "dotacja", "odmowa"]}
    assert offers["comments_open"]["schema"] == {"enum": ["true", "false"]}
    assert "slug" in offers["ngo"]["description"]
    assert "slug" in parameters("/api/v2/ngos/")["district"]["description"]
    # The API's states are English values everywhere (the old Polish ones are accepted,
    # not described).
    calls_state = parameters("/api/v2/grant-calls/")["state"]["schema"]["enum"]
    assert calls_state == ["planned", "open", "evaluation", "resolved", "cancelled"]
    assert offers["state"]["schema"] == {"enum": ["open", "closed"]}
    offer = spec["components"]["schemas"]["SmallGrantOffer"]["properties"]
    link = {"anyOf": [{"type": "string", "format": "uri"}, {"type": "null"}]}
    assert offer["page_url"] == offer["document_url"] == link
    assert offer["comments_open"] == {"type": "boolean"}
    assert offer["outcome"] == {"enum": ["w-toku", "dotacja", "odmowa"]}
    assert set(offer["ngo"]["properties"]) == {"id", "name", "slug"}
    assert not {"comments", "offer_document"} & set(offer)


def test_every_public_page_type_validates_in_listing_and_detail(client, check, seeded_site):
    listing = client.get("/api/v2/pages/?limit=100").json()
    check("/api/v2/pages/", 200, listing)
    types = {item["meta"]["type"] for item in listing["items"]}
    assert {
        "pages.HomePage",
        "pages.DepartmentPage",
        "pages.TeamPage",
        "pages.ContactPage",
    } <= types
    for page_type in sorted(types):
        typed = client.get(f"/api/v2/pages/?type={page_type}&fields=*&limit=100").json()
        check("/api/v2/pages/", 200, typed)
    for item in listing["items"]:
        detail = client.get(f"/api/v2/pages/{item['id']}/")
        assert detail.status_code == 200
        check("/api/v2/pages/{id}/", 200, detail.json())


def test_documents_images_and_contact_validate(client, check):
    for endpoint in ("documents", "images"):
        listing = client.get(f"/api/v2/{endpoint}/?fields=*").json()
        check(f"/api/v2/{endpoint}/", 200, listing)
        assert listing["items"]
        detail = client.get(f"/api/v2/{endpoint}/{listing['items'][0]['id']}/").json()
        check(f"/api/v2/{endpoint}/{{id}}/", 200, detail)
    check("/api/v2/contact/", 200, client.get("/api/v2/contact/").json())


def test_errors_validate_too(client, check):
    response = client.get("/api/v2/pages/?limit=abc")
    assert response.status_code == 400
    check("/api/v2/pages/", 400, response.json())
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    check("/api/v2/pages/{id}/", 404, response.json())


def test_an_undocumented_field_or_a_wrong_type_fails_validation(client, check, seeded_site):
    page = Page.objects.live().filter(depth__gt=2).first()
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    with pytest.raises(jsonschema.ValidationError):
        check("/api/v2/pages/{id}/", 200, {**detail, "secret_field": "x"})
    with pytest.raises(jsonschema.ValidationError):
        check("/api/v2/pages/{id}/", 200, {**detail, "title": 12})


@pytest.fixture
def sample_site(seeded_site):
    """Every app's sample content: the richest real data the project ships."""
    call_command("load_sample_content", stdout=io.StringIO())
    return seeded_site


def test_every_registered_listing_and_its_details_validate(client, spec, check, sample_site):
    # Every Wagtail-style endpoint (list + detail); endpoints of their own shape (contact,
    # search) describe themselves and are checked by their own tests.
    listings = [
        f"/api/v2/{name}/"
        for name, endpoint in api_router._endpoints.items()
        if isinstance(endpoint, type) and issubclass(endpoint, BaseAPIViewSet)
    ]
    assert len(listings) >= 4
    for path in listings:
        for query in ("", "?fields=*"):
            response = client.get(path + query)
            assert response.status_code == 200, (path, response.content[:300])
            data = response.json()
            check(path, 200, data)
        detail_path = path + "{id}/"
        if detail_path in spec["paths"]:
            for item in data["items"][:10]:
                detail = client.get(f"{path}{item['id']}/")
                assert detail.status_code == 200, (path, item["id"])
                check(detail_path, 200, detail.json())
