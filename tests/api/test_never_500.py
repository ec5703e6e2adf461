"""The reproductions of issue 13: URLs that made the API answer 500 or HTML, or that the
schema described wrongly. Each answer is JSON with a `message` when it is an error."""

import pytest

from api.router import api_router

pytestmark = pytest.mark.django_db

LISTINGS = [*(f"/api/v2/{name}/" for name in api_router._endpoints if name != "contact")]
SEARCH = ["/api/v2/search/", "/api/v2/search/suggest/"]


def assert_json_error(response, status=400):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message"]


@pytest.mark.parametrize("path", LISTINGS)
def test_a_huge_offset_is_a_bad_request(client, seeded_site, path):
    assert_json_error(client.get(path, {"offset": "99999999999999999999"}))
    assert_json_error(client.get(path, {"limit": "99999999999999999999"}))


@pytest.mark.parametrize("path", [*LISTINGS, *SEARCH, "/api/v2/contact/", "/api/schema/"])
@pytest.mark.parametrize("name", ["search", "locale", "site", "q", "fields", "\x00x"])
def test_a_nul_character_anywhere_is_a_bad_request(client, seeded_site, path, name):
    assert_json_error(client.get(path, {name: "a\x00b"}))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/99999999999999999999/",
        "/api/v2/pages/?child_of=99999999999999999999",
        "/api/v2/pages/?descendant_of=99999999999999999999",
        "/api/v2/pages/?ancestor_of=99999999999999999999",
        "/api/v2/pages/find/?id=99999999999999999999",
        "/api/v2/documents/find/?id=99999999999999999999",
        "/api/v2/search/?page=99999999999999999999",
    ],
)
def test_out_of_range_ids_are_bad_requests(client, seeded_site, url):
    assert_json_error(client.get(url))


@pytest.mark.parametrize("path", [*LISTINGS, *SEARCH, "/api/v2/contact/"])
def test_unknown_parameters_are_bad_requests(client, seeded_site, path):
    assert_json_error(client.get(path, {"zupelnie_nieznany": "1"}))


def test_detail_and_find_urls_refuse_listing_parameters(client, seeded_site):
    page_id = client.get("/api/v2/pages/").json()["items"][0]["id"]
    assert_json_error(client.get(f"/api/v2/pages/{page_id}/", {"offset": "-1"}))
    assert_json_error(client.get(f"/api/v2/pages/{page_id}/", {"limit": "5"}))
    assert client.get(f"/api/v2/pages/{page_id}/", {"fields": "title"}).status_code == 200
    assert_json_error(client.get("/api/v2/pages/find/", {"html_path": "/", "order": "title"}))


@pytest.mark.parametrize(
    "path",
    ["/api/", "/api/v2/nie-ma/", "/api/v2/pages/123456/", "/api/v3/pages/", "/api/v2/ngos/0/"],
)
def test_every_api_404_is_json(client, seeded_site, path):
    assert_json_error(client.get(path), status=404)


def test_an_empty_state_is_taken_and_the_schema_says_so(client, seeded_site):
    assert client.get("/api/v2/search/", {"q": "konsultacje", "state": ""}).status_code == 200
    spec = client.get("/api/schema/").json()
    parameters = {
        item["name"]: item for item in spec["paths"]["/api/v2/search/"]["get"]["parameters"]
    }
    assert "" in parameters["state"]["schema"]["enum"]
    assert "/api/v2/search/suggest/" in spec["paths"]
    detail = spec["paths"]["/api/v2/pages/{id}/"]["get"]["parameters"]
    assert "offset" not in {item["name"] for item in detail}


@pytest.mark.parametrize("path", ["/api/v2/ngos/", "/api/v2/grant-calls/", "/api/v2/pages/"])
def test_a_search_operator_other_than_and_or_is_refused_everywhere(client, seeded_site, path):
    """Also where the endpoint's own filter searches, and in any of repeated values."""
    assert client.get(path, {"search_operator": "xor"}).status_code == 400
    repeated = client.get(f"{path}?search_operator=and&search_operator=%28X")
    assert repeated.status_code == 400
    assert repeated.json() == {"message": "search_operator must be and or or"}
    assert client.get(path, {"search_operator": "or"}).status_code == 200
