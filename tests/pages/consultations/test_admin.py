"""The submissions team's screen of responses: read-only, filterable, exported to CSV and XLSX."""

import csv
import io
from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

import pytest
from openpyxl import load_workbook

from accounts.roles import EDITORS, SUBMISSIONS_TEAM
from pages.consultations.models import ConsultationResponse
from tests.factories.consultations import ConsultationPageFactory, ConsultationResponseFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/consultation_responses/"


@pytest.fixture
def responses(consultation_index):
    first = ConsultationPageFactory(parent=consultation_index, title="Park")
    second = ConsultationPageFactory(parent=consultation_index, title="Budżet")
    now = timezone.now()
    return [
        ConsultationResponseFactory(
            consultation=first,
            comment='=HYPERLINK("http://zlo.example")',
            author_name="Anna Nowak",
            email="anna@example.pl",
            submitted_at=now - timedelta(days=1),
        ),
        ConsultationResponseFactory(
            consultation=first,
            comment="Więcej ławek, proszę.",
            author_name="",
            email="",
            submitted_at=now - timedelta(days=5),
        ),
        ConsultationResponseFactory(
            consultation=second, comment="Uwaga do budżetu.", email="b@example.pl"
        ),
    ]


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("redaktor", password="haslo-testowe-123")
    group = Group.objects.create(name="Redaktorzy testowi")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_consultationresponse"),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("szef", "szef@example.pl", "haslo-123")


def test_editor_sees_responses(client, editor, responses):
    client.force_login(editor)
    response = client.get(INDEX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Więcej ławek, proszę." in html
    assert "Uwaga do budżetu." in html
    assert responses[0].receipt_number in html


def test_listing_filters(client, editor, responses):
    client.force_login(editor)
    park = responses[0].consultation
    html = client.get(INDEX, {"consultation": park.pk}).content.decode()
    assert "Więcej ławek" in html and "Uwaga do budżetu." not in html
    html = client.get(INDEX, {"has_email": "false"}).content.decode()
    assert "Więcej ławek" in html and "Uwaga do budżetu." not in html
    since = (timezone.localdate() - timedelta(days=2)).isoformat()
    html = client.get(INDEX, {"submitted_at_from": since}).content.decode()
    assert "Więcej ławek" not in html and "Uwaga do budżetu." in html


def test_nobody_can_add_edit_or_delete(client, superuser, responses):
    client.force_login(superuser)
    html = client.get(INDEX).content.decode()
    pk = responses[0].pk
    for name in ("add", "edit", "delete", "copy", "history"):
        with pytest.raises(NoReverseMatch):
            reverse(f"consultation_responses:{name}", args=() if name == "add" else (pk,))
    for path in (f"{INDEX}new/", f"{INDEX}edit/{pk}/", f"{INDEX}delete/{pk}/"):
        assert client.get(path).status_code == 404
        assert client.post(path, {"comment": "zmiana"}).status_code == 404
    assert f"{INDEX}edit/" not in html
    assert f"{INDEX}new/" not in html
    inspect = client.get(f"{INDEX}inspect/{pk}/")
    assert inspect.status_code == 200
    assert "anna@example.pl" in inspect.content.decode()
    responses[0].refresh_from_db()
    assert responses[0].comment.startswith("=HYPERLINK")


def test_without_the_view_permission_there_is_no_access(client, django_user_model, responses):
    user = django_user_model.objects.create_user("inny", password="haslo-testowe-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(INDEX)
    assert response.status_code in (302, 403)
    assert "Więcej ławek" not in response.content.decode()
    client.logout()
    assert client.get(INDEX).status_code == 302  # to the login page


def test_csv_export(client, editor, responses):
    client.force_login(editor)
    park = responses[0].consultation
    response = client.get(INDEX, {"export": "csv", "consultation": park.pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "uwagi-z-konsultacji.csv" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2
    by_comment = {row["Uwaga"]: row for row in rows}
    # Formula-like text from the public stays text in a spreadsheet.
    assert '\'=HYPERLINK("http://zlo.example")' in by_comment
    assert "Więcej ławek, proszę." in by_comment
    formula_row = by_comment['\'=HYPERLINK("http://zlo.example")']
    assert formula_row["Konsultacja"] == "Park"
    assert formula_row["E-mail"] == "anna@example.pl"
    assert formula_row["Numer potwierdzenia"] == responses[0].receipt_number
    local = timezone.localtime(responses[0].submitted_at).strftime("%Y-%m-%d %H:%M")
    assert formula_row["Data wysłania"] == local


def test_xlsx_export(client, editor, responses):
    client.force_login(editor)
    response = client.get(INDEX, {"export": "xlsx"})
    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    header, data = rows[0], rows[1:]
    assert header[:4] == ("Numer potwierdzenia", "Konsultacja", "Data wysłania", "Uwaga")
    assert len(data) == ConsultationResponse.objects.count() == 3
    comments = {row[3] for row in data}
    assert "Uwaga do budżetu." in comments
    formula_cell = next(
        cell
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=HYPERLINK")
    )
    assert formula_cell.data_type == "s"  # kept as text, not run as a formula
    newest = next(row for row in data if row[0] == responses[0].receipt_number)
    expected = timezone.localtime(responses[0].submitted_at).replace(tzinfo=None, microsecond=0)
    assert newest[2].replace(microsecond=0) == expected


def test_consultation_with_responses_cannot_be_deleted(client, superuser, responses):
    client.force_login(superuser)
    page = responses[0].consultation
    response = client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    assert response.status_code == 302
    assert page.__class__.objects.filter(pk=page.pk).exists()
    assert ConsultationResponse.objects.filter(consultation=page).count() == 2


def test_page_editor_links_to_its_responses(client, superuser, responses):
    client.force_login(superuser)
    page = responses[0].consultation
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert f"{INDEX}?consultation={page.pk}" in html


def test_the_submissions_team_reads_but_cannot_change(client, django_user_model, responses):
    user = django_user_model.objects.create_user("obsluga", password="haslo-testowe-123")
    user.groups.add(Group.objects.get(name=SUBMISSIONS_TEAM))
    client.force_login(user)
    assert client.get(INDEX).status_code == 200
    pk = responses[0].pk
    assert client.get(f"{INDEX}inspect/{pk}/").status_code == 200
    assert client.post(f"{INDEX}edit/{pk}/", {"comment": "x"}).status_code == 404
    assert client.post(f"{INDEX}delete/{pk}/").status_code == 404


def test_the_department_editors_see_no_response(client, django_user_model, responses):
    user = django_user_model.objects.create_user("redaktorka", password="haslo-testowe-123")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    for url in (INDEX, f"{INDEX}inspect/{responses[0].pk}/", f"{INDEX}?export=csv"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/admin/"


def test_bad_filter_values_do_not_break_the_listing(client, editor, responses):
    client.force_login(editor)
    for params in (
        {"consultation": "abc"},
        {"submitted_at_from": "wczoraj"},
        {"has_email": "może"},
        {"p": "999"},
    ):
        assert client.get(INDEX, params).status_code == 200
