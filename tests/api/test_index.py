"""/api/v2/ answers an index: a link to every endpoint and to the schema, as described."""

import pytest

from api.preview import make_token
from api.router import api_router
from tests.api.test_openapi import check, spec  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_the_index_links_every_registered_endpoint_and_the_schema(client, settings):
    settings.WAGTAILAPI_BASE_URL = "https://portal.example.pl"
    response = client.get("/api/v2/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    names = [entry["name"] for entry in data["endpoints"]]
    assert names == [*api_router._endpoints, "search"]
    for entry in data["endpoints"]:
        assert entry["url"] == f"https://portal.example.pl/api/v2/{entry['name']}/"
    assert data["schema"] == "https://portal.example.pl/api/schema/"


def test_every_link_of_the_index_answers(client, home_page):
    # The endpoints that need a parameter, with one.
    queries = {
        "search": "?q=konsultacje",
        "breadcrumbs": f"?id={home_page.pk}",
        "preview": f"?token={make_token(home_page.save_revision())}",
    }
    for entry in client.get("/api/v2/").json()["endpoints"]:
        path = entry["url"].split("://", 1)[1].split("/", 1)[1]
        query = queries.get(entry["name"], "")
        assert client.get(f"/{path}{query}").status_code == 200, entry["name"]


def test_the_index_is_in_the_schema_and_validates(client, check):  # noqa: F811
    check("/api/v2/", 200, client.get("/api/v2/").json())


def test_the_index_takes_no_post(client):
    assert client.post("/api/v2/").status_code == 405
