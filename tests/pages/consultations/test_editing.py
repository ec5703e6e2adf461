"""Editors create consultations in the admin; rules across fields are explained there."""

from django.urls import reverse
from django.utils import timezone

from wagtail.test.utils.form_data import querydict_from_html

import pytest

from core import deadlines
from pages.consultations.models import ConsultationPage
from tests.factories.consultations import ConsultationPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.pl", "haslo-123")
    client.force_login(user)
    return client


def form_data(response):
    """The page form as the browser would send it (stream fields are drawn by JavaScript,
    so their empty state is added here)."""
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    for stream in ("body", "documents", "document_sections", "questionnaire", "report_table"):
        data.setdefault(f"{stream}-count", "0")
    return data


def add_form(admin_client, index):
    url = reverse("wagtailadmin_pages:add", args=("consultations", "consultationpage", index.pk))
    response = admin_client.get(url)
    assert response.status_code == 200
    data = form_data(response)
    data.update(
        {
            "title": "Nowa konsultacja",
            "slug": "nowa-konsultacja",
            "subject": "Projekt uchwały",
            "opens_at": "2026-03-01 09:00",
            "closes_at": "2026-03-31 23:59",
            "audience": "all",
        }
    )
    return url, data


def test_a_valid_consultation_is_created(admin_client, consultation_index):
    url, data = add_form(admin_client, consultation_index)
    response = admin_client.post(url, data)
    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="nowa-konsultacja")
    assert timezone.localtime(page.opens_at).hour == 9  # entered in Warsaw time
    assert page.opens_at.hour == 8  # stored in UTC (CET is UTC+1 in March)
    # "23:59" means the whole of 31 March: to 24:00 (a comment at 23:59:30 is on time),
    # crossing the spring clock change of 29 March (CEST, UTC+2).
    assert timezone.localtime(page.closes_at).isoformat() == "2026-04-01T00:00:00+02:00"
    assert deadlines.term_text(page.closes_at) == "do 31 marca 2026 włącznie"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"closes_at": "2026-02-01 09:00"}, "Zakończenie musi być późniejsze niż rozpoczęcie."),
        ({"is_cancelled": "on", "cancellation_reason": ""}, "Podaj powód odwołania konsultacji."),
        ({"report_date": "2026-04-10"}, "Raport ma datę, ale nie ma ani podsumowania"),
    ],
)
def test_rules_across_fields(admin_client, consultation_index, changes, message):
    url, data = add_form(admin_client, consultation_index)
    data.update(changes)
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ConsultationPage.objects.filter(slug="nowa-konsultacja").exists()


def test_preview_renders_the_page(admin_client, consultation_index):
    page = ConsultationPageFactory(parent=consultation_index, title="Podgląd konsultacji")
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    data = form_data(edit)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(page.pk,))
    assert admin_client.post(preview_url, data).json()["is_valid"] is True
    response = admin_client.get(preview_url)
    assert response.status_code == 200
    assert "Podgląd konsultacji" in response.content.decode()
