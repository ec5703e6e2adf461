"""An editor builds a council in the admin: the page, a term with its members (an NGO
from the registry among them), a resolution and an opinion request; errors in Polish."""

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

import pytest

from pages.councils.models import CouncilPage, CouncilTerm, OpinionRequest, Resolution
from tests.factories import councils
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("redaktor", "r@example.org", "haslo-123")
    client.force_login(user)
    return client


def term_data(council, members, **overrides):
    data = nested_form_data(
        {
            "council": council.pk,
            "name": "Kadencja 2026–2029",
            "starts_on": "2026-01-01",
            "ends_on": "2029-12-31",
            "appointed_by": "zarządzenie nr 1/2026",
            "memberships": inline_formset(members),
        }
    )
    data.update(overrides)
    return data


def member(name, role="czlonek", **fields):
    return {
        "name": name,
        "role": role,
        "represents": fields.pop("represents", "prezydent"),
        "ngo": fields.pop("ngo", ""),
        "represents_note": "",
        "left_on": "",
        "email": "",
        "phone": "",
        **fields,
    }


def test_editor_builds_a_council_with_term_members_resolution_and_request(
    admin_client, council_index
):
    url = reverse("wagtailadmin_pages:add", args=("councils", "councilpage", council_index.pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    response = admin_client.post(
        url,
        {
            "title": "Rada Seniorów",
            "slug": "rada-seniorow",
            "summary": "Ciało doradcze Prezydenta.",
            "body_kind": "rada-seniorow",
            "purpose": '{"blocks": [], "entityMap": {}}',
            "legal_basis": "art. 5c ustawy o samorządzie gminnym",
            "how_to_join": '{"blocks": [], "entityMap": {}}',
            "email": "",
            "phone": "",
            "contact_note": "",
            "action-publish": "1",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    council = CouncilPage.objects.get(slug="rada-seniorow")
    assert council.live

    ngo = NGOFactory(name="Uniwersytet Trzeciego Wieku – przykład")
    response = admin_client.post(
        reverse("councilterm:add"),
        term_data(
            council,
            [
                member(
                    "Halina Przykładowa", "przewodniczacy", represents="organizacja", ngo=ngo.pk
                ),
                member("Zenon Fikcyjny", "sekretarz"),
            ],
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    term = CouncilTerm.objects.get()
    assert [(m.name, m.role, m.ngo) for m in term.memberships.order_by("sort_order")] == [
        ("Halina Przykładowa", "przewodniczacy", ngo),
        ("Zenon Fikcyjny", "sekretarz", None),
    ]

    response = admin_client.post(
        reverse("resolution:add"),
        nested_form_data(
            {
                "council": council.pk,
                "kind": "opinia",
                "number": "12/2026",
                "adopted_on": "2026-03-10",
                "title": "w sprawie programu współpracy",
                "subject": "",
                "status": "przyjeta",
                "document": "",
                "sitting": "",
            }
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    resolution = Resolution.objects.get()

    response = admin_client.post(
        reverse("opinionrequest:add"),
        {
            "council": council.pk,
            "subject": "Projekt programu współpracy na 2027 r.",
            "requested_by": "Prezydent Miasta",
            "received_on": "2026-03-02",
            "term_days": "14",
            "consultation": "",
            "opinion": resolution.pk,
            "given_on": "",
            "notes": "",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    request = OpinionRequest.objects.get()
    assert request.deadline.date() == datetime.date(2026, 3, 16)  # 24:00 Warsaw, in UTC
    assert request.given_on == datetime.date(2026, 3, 10)  # from the opinion


def test_admin_refuses_bad_term_and_member_in_polish(admin_client, council):
    response = admin_client.post(
        reverse("councilterm:add"),
        term_data(
            council, [member("Bez Organizacji", represents="organizacja")], ends_on="2025-01-01"
        ),
    )
    assert response.status_code == 200
    assert "Koniec kadencji nie może być przed jej początkiem." in response.text
    assert not CouncilTerm.objects.exists()


def test_admin_refuses_a_member_without_whom_they_represent(admin_client, council):
    response = admin_client.post(
        reverse("councilterm:add"),
        term_data(council, [member("Bez Organizacji", represents="organizacja")]),
    )
    assert response.status_code == 200
    assert "Wybierz organizację z rejestru" in response.text
    assert not CouncilTerm.objects.exists()


def test_admin_refuses_a_malformed_number(admin_client, council):
    response = admin_client.post(
        reverse("resolution:add"),
        {
            "council": council.pk,
            "kind": "uchwala",
            "number": "12 / 2026 r.",
            "adopted_on": "2026-03-10",
            "title": "w sprawie",
            "status": "przyjeta",
        },
    )
    assert response.status_code == 200
    assert "Numer zapisz tak, jak nadał go organ" in response.text


def test_deleting_a_council_with_records_is_refused_saying_why(admin_client, council, home_page):
    term = councils.term(council, datetime.date(2026, 1, 1))
    councils.member(term, "Jan Przykładowy")
    councils.resolution(council, "12/2026")
    url = reverse("wagtailadmin_pages:delete", args=[council.pk])
    edit_url = reverse("wagtailadmin_pages:edit", args=[council.pk])
    for response in (admin_client.get(url, follow=True), admin_client.post(url, follow=True)):
        assert response.redirect_chain[0][0] == edit_url
        html = response.content.decode()
        assert "Nie można usunąć strony" in html
        assert "1 kadencję" in html and "1 uchwałę lub opinię" in html
        assert "cofnij publikację" in html
    assert CouncilPage.objects.filter(pk=council.pk).exists()
    # The index above it is held the same way.
    index_url = reverse("wagtailadmin_pages:delete", args=[council.get_parent().pk])
    assert "1 kadencję" in admin_client.get(index_url, follow=True).content.decode()


def test_a_council_without_records_can_be_deleted(admin_client, council_index):
    empty = councils.council(council_index, "Rada bez wpisów", slug="rada-bez-wpisow")
    url = reverse("wagtailadmin_pages:delete", args=[empty.pk])
    assert admin_client.get(url).status_code == 200
    admin_client.post(url)
    assert not CouncilPage.objects.filter(pk=empty.pk).exists()


def test_bulk_deleting_a_council_with_records_is_refused(admin_client, council):
    """The pages' bulk "Delete" action skips before_delete_page: the same refusal there,
    or a council's terms would vanish silently (and a resolution end in a 500)."""
    councils.term(council, datetime.date(2026, 1, 1))
    url = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "delete"))
        + f"?id={council.pk}&next=/admin/"
    )
    response = admin_client.post(url, follow=True)
    assert "Nie można usunąć strony" in response.content.decode()
    assert CouncilPage.objects.filter(pk=council.pk).exists()
    assert CouncilTerm.objects.filter(council=council).exists()
