"""The comment form: validation, refusals, spam protection, CSRF, stored exactly once."""

import re
import uuid
from datetime import timedelta

from django.test import Client
from django.utils import timezone

import pytest

from core.ratelimit import limit_for
from pages.consultations.models import ConsultationResponse
from tests.factories.consultations import ConsultationPageFactory

pytestmark = pytest.mark.django_db

RATE_LIMIT, _period = limit_for("consultation-comment")


@pytest.fixture
def open_page(consultation_index):
    return ConsultationPageFactory(parent=consultation_index, title="Otwarta konsultacja")


def valid_data(**overrides):
    data = {
        "comment": "Proszę dodać ścieżkę rowerową wzdłuż ul. Królowej Jadwigi.",
        "document_part": "§ 3 ust. 2",
        "author_name": "Anna Nowak",
        "email": "anna.nowak@example.pl",
        "website": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def form_fields(html: str) -> dict:
    """The hidden inputs of the comment form as a browser would send them."""
    fields = {}
    for name in ("csrfmiddlewaretoken", "form_token"):
        match = re.search(rf'name="{name}" value="([^"]+)"', html)
        assert match, name
        fields[name] = match.group(1)
    return fields


def test_a_comment_through_the_real_form_gets_a_receipt(open_page):
    client = Client(enforce_csrf_checks=True)
    page = open_page
    hidden = form_fields(client.get(page.url).content.decode())
    data = valid_data(**hidden)
    response = client.post(page.url, data)
    assert response.status_code == 200
    stored = ConsultationResponse.objects.get()
    html = response.content.decode()
    assert "Dziękujemy – Twoja uwaga została przyjęta" in html
    assert stored.receipt_number in html
    assert re.fullmatch(r"KON-\d{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", stored.receipt_number)
    assert stored.consultation_id == page.pk
    assert stored.comment == data["comment"]
    assert stored.document_part == "§ 3 ust. 2"
    assert stored.author_name == "Anna Nowak"
    assert stored.email == "anna.nowak@example.pl"
    assert str(stored.form_token) == hidden["form_token"]
    assert 'name="comment"' not in html  # the receipt replaces the form


def test_without_a_csrf_token_nothing_is_stored(open_page):
    client = Client(enforce_csrf_checks=True)
    client.get(open_page.url)
    response = client.post(open_page.url, valid_data())
    assert response.status_code == 403
    assert not ConsultationResponse.objects.exists()


def test_only_the_comment_is_required(client, open_page):
    data = valid_data(document_part="", author_name="", email="")
    response = client.post(open_page.url, data)
    assert response.status_code == 200
    stored = ConsultationResponse.objects.get()
    assert (stored.author_name, stored.email) == ("", "")


def test_a_repeated_post_is_stored_once(client, open_page):
    data = valid_data()
    first = client.post(open_page.url, data)
    second = client.post(open_page.url, data)
    assert first.status_code == second.status_code == 200
    stored = ConsultationResponse.objects.get()
    assert stored.receipt_number in first.content.decode()
    assert stored.receipt_number in second.content.decode()
    third = client.post(open_page.url, valid_data())  # a new form, a new comment
    assert third.status_code == 200
    assert ConsultationResponse.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"comment": ""}, "comment", "Wpisz treść uwagi."),
        ({"comment": "   \n  "}, "comment", "Wpisz treść uwagi."),
        ({"comment": "x" * 5001}, "comment", "Uwaga może mieć najwyżej 5000 znaków"),
        ({"email": "nie-adres"}, "email", "Wpisz poprawny adres e-mail"),
        ({"author_name": "A" * 201}, "author_name", "201"),
        ({"document_part": "§" * 201}, "document_part", "201"),
        ({"form_token": "nie-uuid"}, "form_token", None),
    ],
)
def test_invalid_input_comes_back_with_errors_and_what_was_typed(
    client, open_page, overrides, field, message
):
    data = valid_data(**overrides)
    response = client.post(open_page.url, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert not ConsultationResponse.objects.exists()
    assert "Formularz zawiera błędy" in html  # the summary at the top
    if field != "form_token":
        assert f'id="id_{field}_error"' in html  # the message beside the field
        assert message in html
        assert 'aria-invalid="true"' in html
        assert f'href="#id_{field}"' in html  # the summary links to the field
    # What was typed stays (escaped) in the fields.
    assert "Anna Nowak" in html or field == "author_name"
    assert "ścieżkę rowerową" in html or field == "comment"


def test_a_filled_honeypot_is_refused(client, open_page):
    response = client.post(open_page.url, valid_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "wysłany automatycznie" in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_markup_in_a_comment_is_stored_as_text_and_escaped(client, open_page):
    data = valid_data(comment="<script>alert(1)</script>", email="zly")
    html = client.post(open_page.url, data).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_rate_limit_refuses_with_429_and_keeps_nothing(client, open_page):
    for _ in range(RATE_LIMIT):
        assert client.post(open_page.url, valid_data()).status_code == 200
    response = client.post(open_page.url, valid_data(comment="Jeszcze jedna uwaga."))
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wysłano zbyt wiele formularzy" in html
    assert "Jeszcze jedna uwaga." in html  # kept, to send another way
    assert ConsultationResponse.objects.count() == RATE_LIMIT
    other = Client(REMOTE_ADDR="192.0.2.77")
    assert other.post(open_page.url, valid_data()).status_code == 200


@pytest.mark.parametrize(
    ("fields", "message", "status"),
    [
        (
            {"opens_at_days": 2, "closes_at_days": 20},
            "Konsultacja jeszcze się nie rozpoczęła",
            409,
        ),
        ({"opens_at_days": -20, "closes_at_days": -1}, "Termin zgłaszania uwag minął", 409),
        (
            {"opens_at_days": -20, "closes_at_days": -10, "report": True},
            "Termin zgłaszania uwag minął",
            409,
        ),
        ({"is_cancelled": True}, "Konsultacja została odwołana", 409),
        # A consultation that takes no comments by form answers a POST as any page
        # without a form does (core.public_forms: 405, the page and the reason).
        ({"accepts_online_comments": False}, "nie zbieramy przez formularz", 405),
    ],
)
def test_comments_are_refused_unless_open_and_online(
    client, consultation_index, fields, message, status
):
    now = timezone.now()
    values = {}
    if "opens_at_days" in fields:
        values["opens_at"] = now + timedelta(days=fields["opens_at_days"])
        values["closes_at"] = now + timedelta(days=fields["closes_at_days"])
    if fields.get("report"):
        values["report_summary"] = "<p>Raport</p>"
        values["report_date"] = timezone.localdate() - timedelta(days=1)
    if fields.get("is_cancelled"):
        values.update(is_cancelled=True, cancellation_reason="Wycofano projekt.")
    if "accepts_online_comments" in fields:
        values["accepts_online_comments"] = False
    page = ConsultationPageFactory(parent=consultation_index, **values)
    response = client.post(page.url, valid_data())
    assert response.status_code == status
    html = response.content.decode()
    assert message in html
    assert "Twoja uwaga nie została zapisana." in html
    assert 'name="comment"' not in html
    assert not ConsultationResponse.objects.exists()


def test_a_comment_sent_one_second_after_closing_is_refused(client, consultation_index):
    page = ConsultationPageFactory(
        parent=consultation_index, closes_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.post(page.url, valid_data()).status_code == 409
    assert not ConsultationResponse.objects.exists()


def test_a_repeated_post_after_closing_shows_the_first_receipt(client, consultation_index):
    """The comment was stored before closing: refusing the repeat would say it was not."""
    page = ConsultationPageFactory(parent=consultation_index)
    data = valid_data()
    assert client.post(page.url, data).status_code == 200
    page.closes_at = timezone.now() - timedelta(minutes=1)
    page.save_revision().publish()
    repeat = client.post(page.url, data)
    assert repeat.status_code == 200
    assert ConsultationResponse.objects.get().receipt_number in repeat.content.decode()
    assert ConsultationResponse.objects.count() == 1
    # A new form after closing is still refused.
    assert client.post(page.url, valid_data(form_token=str(uuid.uuid4()))).status_code == 409


@pytest.fixture
def shared_fragments_on(settings):
    from django.core.cache import cache

    settings.FRAGMENT_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def test_the_empty_form_is_shared_but_its_tokens_and_what_a_visitor_typed_are_not(
    shared_fragments_on, open_page
):
    first, second = Client(), Client()
    shown = [first.get(open_page.url).content.decode(), second.get(open_page.url).content.decode()]
    tokens = [form_fields(html) for html in shown]
    # The second reader got the fields rendered for the first (a shared fragment)…
    assert 'id="id_comment"' in shown[1] and 'id="id_email"' in shown[1]
    # …but a form token and a CSRF token of its own.
    assert tokens[0]["form_token"] != tokens[1]["form_token"]
    assert tokens[0]["csrfmiddlewaretoken"] != tokens[1]["csrfmiddlewaretoken"]
    # A form sent back with errors shows what its sender typed, and only to them.
    data = valid_data(comment="", author_name="Niepowtarzalna Osoba", email="nie-adres")
    answer = first.post(open_page.url, {**data, **tokens[0]})
    assert answer.status_code == 400
    assert "Niepowtarzalna Osoba" in answer.content.decode()
    assert "Niepowtarzalna Osoba" not in second.get(open_page.url).content.decode()
    assert "Niepowtarzalna Osoba" not in first.get(open_page.url).content.decode()
