"""Projects in the site search with status facets, editions with their phase; the API's
editions, pools and projects (public fields only, filters, schema)."""

import pytest

from pages.budget import verification
from pages.budget.models import Status
from search.models import SearchEntry
from tests.factories import budget

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_projects_in_search_with_their_status_and_never_private(client, edition, pool, index_now):
    with index_now():
        project = budget.project(edition, pool, title="Tężnia solankowa w parku")
        budget.project(edition, pool, title="Tężnia niepotwierdzona", confirmed=False)
        budget.project(edition, pool, title="Tężnia ukryta", hidden=True)
    response = client.get("/api/v2/search/", {"q": "teznia"}).json()
    titles = [r["title"] for r in response["results"]]
    assert titles == ["Tężnia solankowa w parku"]
    assert SearchEntry.objects.get(title=project.title).state == "submitted"
    with index_now():
        verification.decide(project, Status.FORMALLY_CORRECT, "")
    assert SearchEntry.objects.get(title=project.title).state == "formally_correct"
    page = client.get("/szukaj/", {"q": "teznia"}).content.decode()
    assert "Poprawny formalnie – w ocenie merytorycznej" in page
    assert "jan.autorski@example.pl" not in page


def test_edition_in_search_with_its_phase(client, edition, index_now):
    with index_now():
        edition.save_revision().publish()
    entry = SearchEntry.objects.get(title=edition.title)
    assert entry.state == "submission" and entry.refresh_at == edition.formal_from


def test_api_endpoints_public_fields_and_filters(client, edition, pool):
    project = budget.project(edition, pool, author_name="Tajny Autor", title="Rowery")
    budget.project(edition, pool, title="Niepotwierdzony", confirmed=False)
    listing = client.get("/api/v2/budget-projects/", {"fields": "*"})
    assert listing.status_code == 200
    body = listing.content.decode()
    assert "Rowery" in body and "Niepotwierdzony" not in body
    for private in ("Tajny Autor", "jan.autorski@example.pl", "private_key", "author_email"):
        assert private not in body
    (item,) = listing.json()["items"]
    assert item["status"] == "submitted" and item["status_label"].startswith("Zgłoszony")
    assert item["cost_total"] == "12000.00" and item["edition"]["id"] == edition.pk
    assert client.get("/api/v2/budget-projects/", {"status": "negative"}).json()["items"] == []
    assert client.get("/api/v2/budget-projects/", {"status": "zly"}).status_code == 400
    assert client.get("/api/v2/budget-projects/", {"edition": "x"}).status_code == 400
    assert client.get(f"/api/v2/budget-projects/{project.pk}/").status_code == 200
    pools = client.get("/api/v2/budget-pools/", {"fields": "*"}).json()["items"]
    assert pools[0]["max_project_cost"] == "50000.00"
    editions = client.get("/api/v2/budget-editions/", {"state": "submission"}).json()
    assert [e["id"] for e in editions["items"]] == [edition.pk]
    assert editions["items"][0]["state_label"] == "Zgłaszanie projektów"
    assert client.get("/api/v2/budget-editions/", {"state": "x"}).status_code == 400
    schema = client.get("/api/schema/").json()
    assert schema["paths"]["/api/v2/budget-projects/"]
    for path in ("/api/v2/budget-projects/", "/api/v2/budget-pools/", "/api/v2/budget-editions/"):
        assert path in schema["paths"], path
