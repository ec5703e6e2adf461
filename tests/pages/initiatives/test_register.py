"""The public register and every surface it reaches (list, page, feed, CSV, JSON, API,
search): the no-leak matrix for applicants' data and members' scores. Scores are public
only once decided, and only when the year's rules publish them; never per member."""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Permission
from django.utils import timezone

import pytest

from pages.initiatives import assessment
from pages.initiatives.choices import Status
from pages.initiatives.models import GroupMember, Initiative
from search.models import SearchEntry
from tests.factories import initiatives
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PRIVATE = (
    "Lena Liderska",
    "lena.liderska@example.pl",
    "Graniczna 12/3",
    "Marek Członkowski",
    "private_key",
    "leader_",
    "Tajny komentarz członka",
    "oceniający-anna",
)


def surfaces(client, index, initiative):
    base = index.url
    return {
        "lista": client.get(f"{base}wnioski/"),
        "strona": client.get(f"{base}wnioski/{initiative.pk}/"),
        "rss": client.get(f"{base}wnioski/rss/"),
        "csv": client.get(f"{base}wnioski/csv/"),
        "json": client.get(f"{base}wnioski/json/"),
        "api": client.get("/api/v2/local-initiatives/", {"fields": "*"}),
        "api-szczegoly": client.get(f"/api/v2/local-initiatives/{initiative.pk}/"),
        "szukaj": client.get("/api/v2/search/", {"q": "podworko"}),
    }


def scored(rules, initiative, points=(4, 8)):
    anna = UserFactory(username="oceniający-anna")
    anna.user_permissions.add(Permission.objects.get(codename="add_score"))
    assessment.declare(initiative, anna, has_conflict=False)
    assessment.save_scores(
        initiative,
        anna,
        {
            c: (p, "Tajny komentarz członka")
            for c, p in zip(rules.criteria.all(), points, strict=True)
        },
    )


@pytest.fixture
def index_now(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.mark.parametrize("publish_scores", [False, True])
def test_no_leak_matrix(client, initiative_index, index_now, publish_scores):
    # One member scores: this year's resolution asks for one score (min_scores).
    rules = initiatives.rules_page(initiative_index, publish_scores=publish_scores, min_scores=1)
    with index_now():
        initiative = initiatives.initiative(rules, status=Status.IN_ASSESSMENT)
        hidden = initiatives.initiative(rules, title="Ukryte podwórko", hidden=True)
        unconfirmed = initiatives.initiative(
            rules, title="Niepotwierdzone podwórko", confirmed=False
        )
    scored(rules, initiative)
    # Before the decision: never a score, whatever the setting.
    for name, response in surfaces(client, initiative_index, initiative).items():
        assert response.status_code == 200, name
        body = response.content.decode()
        assert "Zielone podwórko" in body, name
        for private in (*PRIVATE, hidden.title, unconfirmed.title):
            assert private not in body, (name, private)
    api_item = client.get(f"/api/v2/local-initiatives/{initiative.pk}/").json()
    assert api_item["score"] is None and api_item["applicant"] == "Sąsiedzi z Granicznej"

    with index_now():
        assessment.decide(initiative, Status.ACCEPTED, "Dobre.", granted_amount=Decimal("8000"))
    # (4 × 2 + 8 × 1) = 16 of 20.
    for name, response in surfaces(client, initiative_index, initiative).items():
        body = response.content.decode()
        for private in PRIVATE:
            assert private not in body, (name, private)
    page = client.get(f"{initiative_index.url}wnioski/{initiative.pk}/").content.decode()
    api_item = client.get(f"/api/v2/local-initiatives/{initiative.pk}/").json()
    if publish_scores:
        assert "16 z 20 pkt" in page and api_item["score"] == "16.00"
    else:
        assert "Ocena zespołu" not in page and api_item["score"] is None
    for hidden_one in (hidden, unconfirmed):
        assert client.get(f"{initiative_index.url}wnioski/{hidden_one.pk}/").status_code == 404
        assert client.get(f"/api/v2/local-initiatives/{hidden_one.pk}/").status_code == 404


def test_search_facets_and_open_data(client, rules, initiative_index, index_now):
    with index_now():
        initiative = initiatives.initiative(rules)
        rules.save_revision().publish()
    assert SearchEntry.objects.get(title=initiative.title).state == "submitted"
    assert SearchEntry.objects.get(title=rules.title).state == "open"
    with index_now():
        assessment.decide(initiative, Status.IN_ASSESSMENT, "")
    assert SearchEntry.objects.get(title=initiative.title).state == "in_assessment"
    page = client.get("/szukaj/", {"q": "podworko"}).content.decode()
    assert "Poprawny formalnie – w ocenie zespołu" in page

    csv_text = client.get(f"{initiative_index.url}wnioski/csv/").content.decode("utf-8-sig")
    header, row = csv_text.splitlines()[:2]
    assert header.startswith("numer,rok,tytul,wnioskodawca")
    assert "Sąsiedzi z Granicznej" in row and "3500.00" in row
    data = client.get(f"{initiative_index.url}wnioski/json/").json()
    assert data["liczba"] == 1 and data["wnioski"][0]["status"] == "in_assessment"


def test_register_filters_and_api_filters(client, rules, initiative_index):
    initiatives.initiative(rules, title="Ławki", status=Status.REFUSED)
    initiatives.initiative(
        rules, title="Mural", status=Status.ACCEPTED, granted_amount=Decimal("5000")
    )
    listing = client.get(f"{initiative_index.url}wnioski/", {"status": "przyjety"}).content.decode()
    assert "Mural" in listing and "Ławki" not in listing
    unfiltered = client.get(f"{initiative_index.url}wnioski/", {"status": "zly"}).content.decode()
    assert "Mural" in unfiltered and "Ławki" in unfiltered
    api = client.get("/api/v2/local-initiatives/", {"status": "refused"}).json()
    assert [item["title"] for item in api["items"]] == ["Ławki"]
    assert client.get("/api/v2/local-initiatives/", {"status": "zly"}).status_code == 400
    rules_api = client.get("/api/v2/local-initiative-rules/", {"state": "open"}).json()
    assert [item["id"] for item in rules_api["items"]] == [rules.pk]
    schema = client.get("/api/schema/").json()
    for path in ("/api/v2/local-initiatives/", "/api/v2/local-initiative-rules/"):
        assert path in schema["paths"], path


def test_retention_clears_leader_and_members(rules):
    initiative = initiatives.initiative(rules)
    assessment.decide(initiative, Status.FORMALLY_REJECTED, "Poza zadaniami gminy.")
    expired = Initiative.retention_expired(timezone.now() + timedelta(seconds=1))
    assert list(expired) == [initiative]
    Initiative.clear_related_personal_data(expired)
    assert GroupMember.objects.count() == 0


def test_retention_also_takes_applications_never_confirmed(rules):
    abandoned = initiatives.initiative(rules, confirmed=False, title="Porzucony")
    open_case = initiatives.initiative(rules, title="W toku")
    expired = Initiative.retention_expired(timezone.now() + timedelta(seconds=1))
    assert list(expired) == [abandoned]
    assert open_case not in Initiative.retention_expired(timezone.now() + timedelta(seconds=1))
    assert not Initiative.retention_expired(abandoned.submitted_at).exists()
