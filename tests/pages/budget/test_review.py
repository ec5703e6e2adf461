"""Merit verification by the city's units (routing, the opinion shown publicly with
conflicts linked, projects awaiting an opinion per unit) and the public documents and
images on a project's page (public collections only; the author's files never)."""

from decimal import Decimal

from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

import pytest

from accounts import roles
from pages.budget.models import CityUnit, MeritOpinion, ProjectAttachment, ProjectPublicFile
from tests.factories import budget
from tests.factories.accounts import UserFactory
from tests.factories.documents import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit():
    return CityUnit.objects.create(name="Wydział Inwestycji", email="inwestycje@example.pl")


@pytest.fixture
def team_client(client):
    client.force_login(UserFactory(username="merit-team", groups=[roles.SUBMISSIONS_TEAM]))
    return client


def test_a_project_routed_to_a_unit_waits_in_its_list_and_the_unit_is_told(
    edition, pool, unit, team_client, django_capture_on_commit_callbacks
):
    project = budget.project(edition, pool, title="Skatepark")
    other = CityUnit.objects.create(name="Zarząd Dróg")
    page = team_client.get(f"/admin/budget_opinions/new/?project={project.pk}")
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = team_client.post(
            "/admin/budget_opinions/new/",
            {"project": project.pk, "unit": unit.pk, "question": "Sekretne pytanie urzędu"},
        )
    assert response.status_code == 302
    opinion = MeritOpinion.objects.get()
    assert opinion.requested_by.username == "merit-team" and not opinion.is_given
    (notice,) = mail.outbox
    assert notice.to == ["inwestycje@example.pl"] and project.receipt_number in notice.body
    assert project.author_email not in notice.body
    # Routed twice to the same unit: refused.
    again = team_client.post(
        "/admin/budget_opinions/new/", {"project": project.pk, "unit": unit.pk}
    )
    assert again.status_code == 200 and "został już skierowany" in again.text
    waiting = team_client.get("/admin/budget_opinions/", {"unit": unit.pk, "awaiting": "true"})
    assert "Skatepark" in waiting.text
    assert (
        "Skatepark"
        not in team_client.get(
            "/admin/budget_opinions/", {"unit": other.pk, "awaiting": "true"}
        ).text
    )
    assert "Skatepark" in team_client.get(f"/admin/budzet/decyzja/{project.pk}/").text


def test_a_given_opinion_is_public_with_its_conflicts_linked(
    budget_index, edition, pool, unit, team_client
):
    project = budget.project(edition, pool, title="Skatepark")
    rival = budget.project(edition, pool, title="Boisko w tym samym miejscu")
    hidden_rival = budget.project(edition, pool, title="Ukryty rywal", hidden=True)
    opinion = MeritOpinion.objects.create(project=project, unit=unit, question="Sekretne pytanie")
    public_url = f"{budget_index.url}projekty/{project.pk}/"
    assert "Wydział Inwestycji" not in Client().get(public_url).text  # not given yet

    edit = f"/admin/budget_opinions/edit/{opinion.pk}/"
    half = team_client.post(edit, {"feasibility": "wykonalny", "opinion": ""})
    assert half.status_code == 200 and "Uzasadnij ocenę wykonalności" in half.text
    response = team_client.post(
        edit,
        {
            "question": "Sekretne pytanie",
            "feasibility": "z-zastrzezeniami",
            "cost_estimate": "182000.00",
            "conflicts": [rival.pk, hidden_rival.pk],
            "opinion": "Wykonalny po przesunięciu o 20 m od drogi.",
        },
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.is_given and opinion.cost_estimate == Decimal("182000.00")
    html = Client().get(public_url).text
    assert "Wydział Inwestycji" in html and "Wykonalny z zastrzeżeniami" in html
    assert "182" in html and "Wykonalny po przesunięciu o 20 m od drogi." in html
    assert f'projekty/{rival.pk}/">Boisko w tym samym miejscu</a>' in html
    assert "Ukryty rywal" not in html and "projekt niepubliczny" in html
    assert "Sekretne pytanie" not in html


def test_conflicts_only_with_projects_of_the_same_edition(
    budget_index, edition, pool, unit, team_client
):
    project = budget.project(edition, pool)
    other_edition = budget.edition_page(budget_index, slug="inna", title="Inna edycja")
    foreign = budget.project(other_edition, budget.city_pool(other_edition), title="Obcy")
    opinion = MeritOpinion.objects.create(project=project, unit=unit)
    response = team_client.post(
        f"/admin/budget_opinions/edit/{opinion.pk}/",
        {"feasibility": "wykonalny", "opinion": "Tak.", "conflicts": [foreign.pk]},
    )
    assert response.status_code == 200
    opinion.refresh_from_db()
    assert not opinion.is_given and not opinion.conflicts.exists()


def _document(title, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save("mapa.pdf", ContentFile(pdf_bytes()), save=False)
    document.save()
    return document


def _private_collection():
    private = Collection.get_first_root_node().add_child(name="Intranet budżetu")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    return private


def test_public_documents_and_images_show_on_the_project_page_private_ones_never(
    budget_index, edition, pool
):
    project = budget.project(edition, pool)
    image = get_image_model().objects.create(title="Wizualizacja", file=get_test_image_file())
    ProjectPublicFile.objects.create(
        project=project, document=_document("Kosztorys miasta"), caption="Kosztorys miasta"
    )
    ProjectPublicFile.objects.create(project=project, image=image, caption="Wizualizacja skweru")
    private = _private_collection()
    secret = _document("Notatka wewnętrzna", private)
    refused = ProjectPublicFile(project=project, document=secret, caption="Notatka wewnętrzna")
    with pytest.raises(ValidationError) as error:
        refused.full_clean()
    assert "kolekcji prywatnej" in str(error.value)
    ProjectAttachment.objects.create(
        project=project,
        kind=ProjectAttachment.Kind.DOCUMENT,
        file=ContentFile(pdf_bytes(), name="autor.pdf"),
        original_name="zalacznik-autora-prywatny.pdf",
    )
    html = Client().get(f"{budget_index.url}projekty/{project.pk}/").text
    assert "Kosztorys miasta" in html and "/documents/" in html
    assert 'alt="Wizualizacja skweru"' in html
    assert "zalacznik-autora-prywatny" not in html and "budzet/zalaczniki" not in html

    # A collection closed after the file was attached: the file leaves the page.
    closed = _document("Mapa zamknięta")
    ProjectPublicFile.objects.create(project=project, document=closed, caption="Mapa zamknięta")
    closed.collection = private
    closed.save()
    assert "Mapa zamknięta" not in Client().get(f"{budget_index.url}projekty/{project.pk}/").text


def test_staff_attach_a_public_file_in_the_admin(edition, pool, client):
    project = budget.project(edition, pool)
    client.force_login(UserFactory(username="files-editor", groups=[roles.EDITORS]))
    assert client.get(f"/admin/budget_public_files/new/?project={project.pk}").status_code == 200
    neither = client.post(
        "/admin/budget_public_files/new/", {"project": project.pk, "caption": "Nic"}
    )
    assert neither.status_code == 200 and "Wybierz dokument albo obraz" in neither.text
    document = _document("Mapa")
    response = client.post(
        "/admin/budget_public_files/new/",
        {"project": project.pk, "document": document.pk, "caption": "Mapa", "sort_order": 0},
    )
    assert response.status_code == 302
    assert project.public_files.get().document == document


def test_the_api_gives_given_opinions_and_shown_files_only(edition, pool, unit, client):
    project = budget.project(edition, pool)
    rival = budget.project(edition, pool, title="Rywal")
    hidden = budget.project(edition, pool, title="Ukryty", hidden=True)
    given = MeritOpinion.objects.create(
        project=project,
        unit=unit,
        question="Sekretne pytanie",
        feasibility="wykonalny",
        cost_estimate=Decimal("1000"),
        opinion="Jawna opinia.",
        given_at=project.submitted_at,
    )
    given.conflicts.add(rival, hidden)
    MeritOpinion.objects.create(project=project, unit=CityUnit.objects.create(name="Inna"))
    public_doc = _document("Mapa")
    closed = _document("Zamknięta", _private_collection())
    ProjectPublicFile.objects.create(project=project, document=public_doc, caption="Mapa")
    ProjectPublicFile.objects.create(project=project, document=closed, caption="Zamknięta")
    response = client.get(f"/api/v2/budget-projects/{project.pk}/")
    item = response.json()
    assert item["merit_opinions"] == [
        {
            "unit": "Wydział Inwestycji",
            "feasibility": "wykonalny",
            "feasibility_label": "Wykonalny",
            "cost_estimate": "1000.00",
            "opinion": "Jawna opinia.",
            "given_at": item["merit_opinions"][0]["given_at"],
            "conflicts": [rival.pk],
        }
    ]
    assert item["public_files"] == [{"caption": "Mapa", "document": public_doc.pk, "image": None}]
    assert "Sekretne pytanie" not in response.text and "Zamknięta" not in response.text
