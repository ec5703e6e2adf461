"""A resident's project through the shared pipeline: receipt, e-mail link, validation in
Polish keeping what was typed, nothing half-stored, refusals by phase, replays."""

import re
import uuid
from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

import pytest

from pages.budget.drafts import expire_unconfirmed
from pages.budget.models import BudgetProject, CostLine, ProjectAttachment, Supporter
from tests.factories import budget

pytestmark = pytest.mark.django_db

SUPPORTERS = "\n".join(
    f"Osoba Popierająca{n}; ul. Sienkiewicza {n}, Dąbrowa Górnicza; 2026-01-0{n}"
    for n in range(1, 4)
)


def valid_data(pool, **overrides):
    data = {
        "title": "Ławki nad Pogorią",
        "category": "zielen",
        "pool": str(pool.pk),
        "address": "Plaża Pogoria III",
        "latitude": "50.35",
        "longitude": "19.21",
        "description": "Dziesięć ławek wzdłuż plaży.",
        "justification": "Brakuje miejsc do odpoczynku.",
        "beneficiaries": "Spacerowicze i seniorzy.",
        "cost_1_description": "Ławki",
        "cost_1_amount": "12 000,00",
        "cost_2_description": "Montaż",
        "cost_2_amount": "3000",
        "supporters": SUPPORTERS,
        "author_name": "Anna Autorka",
        "author_email": "anna.autorka@example.pl",
        "consent_rules": "on",
        "consent_supporters": "on",
        "website": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def hidden_fields(html):
    return {
        name: re.search(rf'name="{name}" value="([^"]+)"', html).group(1)
        for name in ("csrfmiddlewaretoken", "form_token")
    }


def test_submission_gets_receipt_email_and_private_link_confirms(
    edition, pool, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)
    hidden = hidden_fields(client.get(edition.url).content.decode())
    attachment = SimpleUploadedFile("mapa.pdf", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            edition.url, {**valid_data(pool, **hidden), "attachment": attachment}
        )
    assert response.status_code == 200, response.content.decode()[:3000]
    project = BudgetProject.objects.get()
    assert project.receipt_number in response.content.decode()
    assert re.fullmatch(r"BO-\d{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", project.receipt_number)
    assert project.confirmed_at is None
    assert [line.amount for line in project.cost_lines.all()] == [12000, 3000]
    assert project.supporters.count() == 3 and project.supporters_count == 3
    assert project.attachments.get().kind == ProjectAttachment.Kind.DOCUMENT
    assert project.history.get().status == "zgloszony"
    # Not public until confirmed.
    assert client.get(f"{edition.get_parent().url}projekty/{project.pk}/").status_code == 404

    (message,) = mail.outbox
    assert message.to == ["anna.autorka@example.pl"]
    link = re.search(r"http://testserver(/budzet/moj-projekt/[^/]+/)", message.body).group(1)
    assert project.private_key_hash and project.private_key_hash not in message.body
    page = client.get(link)
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    client.post(link, {"action": "confirm", "csrfmiddlewaretoken": token.group(1)})
    project.refresh_from_db()
    assert project.confirmed_at is not None
    public = client.get(f"{edition.get_parent().url}projekty/{project.pk}/")
    assert public.status_code == 200
    body = public.content.decode()
    assert "Ławki nad Pogorią" in body
    for private in ("Anna Autorka", "anna.autorka@example.pl", "Popierająca", "Sienkiewicza"):
        assert private not in body


def test_replayed_form_shows_the_first_receipt(edition, pool, django_capture_on_commit_callbacks):
    data = valid_data(pool)
    with django_capture_on_commit_callbacks(execute=True):
        first = Client().post(edition.url, data)
        second = Client().post(edition.url, data)
    assert first.status_code == second.status_code == 200
    project = BudgetProject.objects.get()
    assert project.receipt_number in second.content.decode()
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"cost_1_amount": "48000"}, "przekracza najwyższy koszt projektu"),
        ({"supporters": SUPPORTERS.split("\n")[0]}, "co najmniej 3 mieszkańców"),
        ({"supporters": "Jan Nowak, bez średników"}, "wiersz 1"),
        ({"cost_1_amount": "abc"}, "Wpisz kwotę większą od zera"),
        ({"latitude": ""}, "obie współrzędne"),
        ({"author_email": ""}, "To pole jest wymagane."),
        ({"consent_rules": ""}, "Potwierdź, że znasz regulamin."),
    ],
)
def test_invalid_input_is_refused_in_polish_keeping_what_was_typed(
    edition, pool, overrides, message
):
    response = Client().post(edition.url, valid_data(pool, **overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Ławki nad Pogorią" in html and "Plaża Pogoria III" in html
    assert not BudgetProject.objects.exists()
    assert not CostLine.objects.exists() and not Supporter.objects.exists()
    assert not mail.outbox


def test_a_file_that_lies_about_its_type_is_refused(edition, pool):
    fake = SimpleUploadedFile("mapa.pdf", b"MZ\x90\x00\x03\x00\x00\x00program")
    response = Client().post(edition.url, {**valid_data(pool), "attachment": fake})
    assert response.status_code == 400
    assert "nie zgadza się z jego rozszerzeniem" in response.content.decode()
    assert not BudgetProject.objects.exists() and not ProjectAttachment.objects.exists()


def test_a_scanned_support_list_replaces_typed_supporters(edition, pool):
    scan = SimpleUploadedFile("lista.pdf", b"%PDF-1.4\n%scan\n")
    data = {**valid_data(pool, supporters=""), "support_list_scan": scan}
    assert Client().post(edition.url, data).status_code == 200
    project = BudgetProject.objects.get()
    assert project.attachments.get().kind == ProjectAttachment.Kind.SUPPORT_LIST


def test_a_pool_of_another_edition_is_refused(budget_index, edition, pool):
    other = budget.edition_page(budget_index, slug="inna", title="Inna edycja")
    foreign = budget.city_pool(other)
    response = Client().post(edition.url, {**valid_data(pool), "pool": str(foreign.pk)})
    assert response.status_code == 400
    assert not BudgetProject.objects.exists()


def test_submission_phase_boundaries(budget_index):
    now = timezone.now()
    starts_later = budget.edition_page(
        budget_index, submission_from=now + timedelta(minutes=5), slug="pozniej"
    )
    ended = budget.edition_page(
        budget_index, submission_from=now - timedelta(days=10, seconds=1), slug="po"
    )  # its formal phase began a second ago: submission is over at that very moment
    for edition, text in ((starts_later, "rozpocznie się"), (ended, "zakończyło się")):
        pool = budget.city_pool(edition)
        response = Client().post(edition.url, valid_data(pool))
        assert response.status_code == 409
        html = response.content.decode()
        assert text in html and "Twój projekt nie został zapisany." in html
    assert not BudgetProject.objects.exists()


def test_unconfirmed_drafts_expire_and_their_link_says_so(
    edition, pool, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(edition.url, valid_data(pool))
    project = BudgetProject.objects.get()
    link = re.search(r"(/budzet/moj-projekt/[^/]+/)", mail.outbox[0].body).group(1)
    later = project.submitted_at + timedelta(hours=edition.draft_confirmation_hours)
    BudgetProject.objects.filter(pk=project.pk).update(
        submitted_at=project.submitted_at - timedelta(hours=edition.draft_confirmation_hours)
    )
    assert Client().get(link).status_code == 410
    assert expire_unconfirmed(later) == 1
    assert not BudgetProject.objects.exists() and not Supporter.objects.exists()
    assert Client().get(link).status_code == 404


def test_a_wrong_private_key_is_404(edition):
    assert Client().get("/budzet/moj-projekt/nie-ma-takiego/").status_code == 404
