"""One inbox for every channel: staff type in letters, e-mails and statements made at
meetings, checked like the online form, stored once with their comments; duplicates linked;
the scans go with the personal data when retention is over."""

import uuid
from datetime import timedelta

from django.utils import timezone

import pytest

from core.models import PrivacySettings
from core.retention import purge_expired_personal_data
from pages.consultations.models import ConsultationComment, ConsultationResponse
from tests.factories.consultations import (
    ConsultationPageFactory,
    ConsultationResponseFactory,
    pdf_document,
)

pytestmark = pytest.mark.django_db

ADD = "/admin/konsultacje/uwagi/nowa/"


@pytest.fixture
def page(consultation_index):
    return ConsultationPageFactory(parent=consultation_index, title="Park Hallera")


@pytest.fixture
def scan(private_collection):
    document = pdf_document(title="Pismo mieszkańca", text="Skan pisma z podpisem.")
    document.collection = private_collection
    document.save()
    return document


def letter(page, **overrides):
    data = {
        "consultation": page.pk,
        "channel": "paper",
        "received_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "author_name": "Zofia Pisarska",
        "organisation": "",
        "email": "",
        "document_part": "§ 2",
        "comment": "Proszę o ławki przy stawie.",
        "scan": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_staff_add_a_paper_letter_with_its_scan(client, submissions_staff, page, scan):
    client.force_login(submissions_staff)
    form = client.get(ADD + f"?consultation={page.pk}")
    assert form.status_code == 200
    assert "Dodaj uwagę z pisma, e-maila lub spotkania" in form.content.decode()
    response = client.post(ADD, letter(page, scan=scan.pk))
    assert response.status_code == 302
    stored = ConsultationResponse.objects.get()
    assert (stored.channel, stored.scan, stored.entered_by) == ("paper", scan, submissions_staff)
    assert stored.receipt_number.startswith("KON-")
    assert response["Location"].endswith(f"/inspect/{stored.pk}/")
    comment = ConsultationComment.objects.get()
    assert (comment.text, comment.document_part) == ("Proszę o ławki przy stawie.", "§ 2")
    inspect = client.get(response["Location"]).content.decode()
    assert "Pismo (papierowe)" in inspect


def test_staff_add_a_statement_made_at_a_meeting(client, submissions_staff, page):
    client.force_login(submissions_staff)
    data = letter(
        page,
        channel="meeting",
        author_name="",
        organisation="Rada Dzielnicy Centrum",
        # Staff heard the council's chair say it: confirmed, so the report names it.
        organisation_confirmed="on",
        comment="Rada prosi o oświetlenie alejek.",
    )
    assert client.post(ADD, data).status_code == 302
    stored = ConsultationResponse.objects.get()
    assert stored.channel == "meeting" and stored.public_submitter == "Rada Dzielnicy Centrum"
    listing = client.get(f"/admin/consultation_responses/?consultation={page.pk}").content.decode()
    assert "Spotkanie konsultacyjne" in listing and "Rada Dzielnicy Centrum" in listing
    assert ADD in listing  # the inbox's button on the list


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"comment": "   "}, "Wpisz treść uwagi."),
        ({"comment": "zła\x00treść"}, "Uwaga zawiera niedozwolone znaki."),
        ({"comment": "x" * 5001}, "Uwaga może mieć najwyżej 5000 znaków"),
        ({"channel": "online"}, "Wybierz poprawną wartość"),
        ({"received_on": ""}, "Podaj datę wpływu."),
        ({"received_on": "jutro"}, "Podaj datę wpływu, np."),
        ({"email": "zly-adres"}, "Wpisz poprawny adres e-mail"),
    ],
)
def test_hostile_or_wrong_entries_are_refused_in_polish(
    client, submissions_staff, page, overrides, message
):
    client.force_login(submissions_staff)
    response = client.post(ADD, letter(page, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationResponse.objects.exists() and not ConsultationComment.objects.exists()


def test_a_future_date_and_a_public_scan_are_refused(client, submissions_staff, page):
    client.force_login(submissions_staff)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(ADD, letter(page, received_on=tomorrow))
    assert "Data wpływu nie może być z przyszłości." in response.content.decode()
    public = pdf_document(title="Skan w kolekcji publicznej")
    response = client.post(ADD, letter(page, scan=public.pk))
    assert response.status_code == 400
    assert "wybierz dokument z kolekcji prywatnej" in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_only_the_submissions_team_types_in_letters(client, department_editor, page):
    client.force_login(department_editor)
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard (a stored
    # entry would redirect to its own screen instead).
    for answer in (client.get(ADD), client.post(ADD, letter(page))):
        assert (answer.status_code, answer.url) == (302, "/admin/")
    assert not ConsultationResponse.objects.exists()


def test_a_duplicate_is_linked_and_counted_once(client, submissions_staff, page):
    online = ConsultationResponseFactory(consultation=page, comment="Ławki przy stawie.")
    client.force_login(submissions_staff)
    client.post(ADD, letter(page, comment="Ławki przy stawie."))
    paper = ConsultationResponse.objects.get(channel="paper")
    url = f"/admin/konsultacje/uwagi/{paper.pk}/duplikat/"
    assert online.receipt_number in client.get(url).content.decode()
    assert client.post(url, {"original": online.pk}).status_code == 302
    paper.refresh_from_db()
    assert paper.duplicate_of == online
    # Another response's duplicate cannot itself have duplicates pointed at it.
    assert (
        client.post(
            f"/admin/konsultacje/uwagi/{online.pk}/duplikat/", {"original": paper.pk}
        ).status_code
        == 400
    )
    from pages.consultations.report import figures

    assert figures(page)["responses"] == 1


def test_retention_removes_the_name_email_and_the_scan(
    client, submissions_staff, consultation_index, scan, home_page
):
    settings = PrivacySettings.for_site(home_page.get_site())
    settings.retention_days = 30
    settings.save()
    now = timezone.now()
    page = ConsultationPageFactory(
        parent=consultation_index,
        opens_at=now - timedelta(days=90),
        closes_at=now - timedelta(days=31),
    )
    client.force_login(submissions_staff)
    received = (timezone.localdate() - timedelta(days=40)).isoformat()
    assert (
        client.post(
            ADD, letter(page, scan=scan.pk, received_on=received, email="z@example.pl")
        ).status_code
        == 302
    )
    scan_path = scan.file.path
    purge_expired_personal_data()
    stored = ConsultationResponse.objects.get()
    assert (stored.author_name, stored.email, stored.scan) == ("", "", None)
    assert stored.comment == "Proszę o ławki przy stawie."
    assert ConsultationComment.objects.get().text == "Proszę o ławki przy stawie."
    from wagtail.documents import get_document_model

    assert not get_document_model().objects.filter(pk=scan.pk).exists()
    import os

    assert not os.path.exists(scan_path)
