"""The questionnaire built in the page editor, answered online through the shared pipeline:
answers stored once under the blocks' ids, errors per question, hostile input refused."""

import uuid

import pytest

from pages.consultations.models import ConsultationComment, ConsultationResponse
from tests.factories.consultations import questionnaire_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(consultation_index):
    return questionnaire_consultation(consultation_index, title="Ścieżka rowerowa")


def answers(**overrides):
    data = {
        "q-q-variant": "v-b",
        "q-q-uses": ["u-work", "u-fun"],
        "q-q-need": "4",
        "q-q-street": "Królowej Jadwigi",
        "q-q-sections-sec-2": "Proszę skrócić termin w § 3 ust. 2.",
        "q-q-sections-sec-1": "",
        "comment": "",
        "document_part": "",
        "author_name": "Jan Kowalski",
        "organisation": "",
        "email": "jan@example.pl",
        "website": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_the_form_is_generated_from_the_blocks(client, page):
    html = client.get(page.url).content.decode()
    assert "Wypełnij ankietę" in html
    assert (
        '<legend>Który wariant ścieżki wybierasz? <span class="required">(wymagane)</span>' in html
    )
    assert 'type="radio" name="q-q-variant" value="v-a"' in html
    assert 'type="checkbox" name="q-q-uses" value="u-school"' in html
    assert "5 – bardzo" in html and "1 – wcale" in html
    assert 'name="q-q-street"' in html
    # One comment field per section of the document, labelled with the section.
    assert 'name="q-q-sections-sec-1"' in html and '">§ 3 ust. 2 <span' in html
    assert "Inne uwagi" in html


def test_answers_are_stored_once_by_block_id_with_the_comments(client, page):
    data = answers()
    response = client.post(page.url, data)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert "Numer potwierdzenia" in response.content.decode() or "KON-" in response.content.decode()
    stored = ConsultationResponse.objects.get()
    assert stored.channel == "online"
    assert stored.answers["q-variant"]["value"] == "v-b"
    assert stored.answers["q-variant"]["labels"] == ["Wariant B"]
    assert stored.answers["q-uses"]["value"] == ["u-work", "u-fun"]
    assert stored.answers["q-need"]["value"] == 4
    assert stored.answers["q-street"]["value"] == "Królowej Jadwigi"
    assert stored.answers["q-sections"]["value"] == {
        "sec-2": {"section": "§ 3 ust. 2", "text": "Proszę skrócić termin w § 3 ust. 2."}
    }
    comment = ConsultationComment.objects.get()
    assert (comment.document_part, comment.response) == ("§ 3 ust. 2", stored)
    # The same form again (a double click) shows the same receipt, nothing more stored.
    again = client.post(page.url, data)
    assert again.status_code == 200 and stored.receipt_number in again.content.decode()
    assert ConsultationResponse.objects.count() == 1 and ConsultationComment.objects.count() == 1


def test_missing_required_answers_are_told_per_question_and_typed_text_kept(client, page):
    response = client.post(page.url, answers(**{"q-q-variant": "", "q-q-need": ""}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Wybierz odpowiedź – to pytanie jest wymagane." in html
    assert html.count("field__error") >= 2
    # Each error beside its question, tied to its inputs, linked from the summary.
    assert 'id="id_q-q-variant_0_error"' in html and 'id="id_q-q-need_0_error"' in html
    assert 'href="#id_q-q-variant_0"' in html
    assert (
        'value="v-a" aria-describedby="id_q-q-variant_0_helptext id_q-q-variant_0_error" '
        'aria-invalid="true"' in html
    )
    assert "Proszę skrócić termin w § 3 ust. 2." in html  # what was typed is kept
    assert "Królowej Jadwigi" in html
    assert not ConsultationResponse.objects.exists()
    assert not ConsultationComment.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"q-q-variant": "v-zzz"}, "Wybierz jedną z podanych odpowiedzi."),
        ({"q-q-uses": ["u-work", "<script>"]}, "Wybierz jedną z podanych odpowiedzi."),
        ({"q-q-need": "99"}, "Wybierz jedną z podanych odpowiedzi."),
        ({"q-q-sections-sec-2": "zła\x00treść"}, "Odpowiedź zawiera niedozwolone znaki."),
        ({"q-q-street": "x" * 301}, "Odpowiedź może mieć najwyżej 300 znaków"),
        ({"q-q-sections-sec-1": "y" * 5001}, "Odpowiedź może mieć najwyżej 5000 znaków"),
        ({"email": "nie-email"}, "Wpisz poprawny adres e-mail"),
        ({"website": "http://spam.example"}, "wysłany automatycznie"),
    ],
)
def test_hostile_input_is_refused_in_polish_with_nothing_stored(client, page, overrides, message):
    response = client.post(page.url, answers(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ConsultationResponse.objects.exists()
    assert not ConsultationComment.objects.exists()


def test_an_empty_questionnaire_is_refused(client, consultation_index):
    page = questionnaire_consultation(consultation_index)
    page.questionnaire = [
        block for block in page.questionnaire.raw_data if not block["value"].get("required")
    ]
    page.save_revision().publish()
    data = answers(**{"q-q-uses": [], "q-q-street": "", "q-q-sections-sec-2": ""})
    response = client.post(page.url, data)
    assert response.status_code == 400
    assert "Odpowiedz na co najmniej jedno pytanie albo wpisz uwagę." in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_editing_the_questionnaire_later_keeps_stored_answers(client, page):
    assert client.post(page.url, answers()).status_code == 200
    # The editors reword a question, reorder the choices and add a question.
    raw = list(page.questionnaire.raw_data)
    raw[0]["value"]["question"] = "Wybierz wariant"
    raw[0]["value"]["choices"] = list(reversed(raw[0]["value"]["choices"]))
    raw.insert(
        0,
        {
            "type": "long_text",
            "id": "q-new",
            "value": {"question": "Nowe pytanie", "help_text": "", "required": False},
        },
    )
    page.questionnaire = raw
    page.save_revision().publish()
    stored = ConsultationResponse.objects.get()
    assert stored.answers["q-variant"]["value"] == "v-b"
    assert stored.answers["q-variant"]["question"] == "Który wariant ścieżki wybierasz?"
    from pages.consultations.report import figures

    charts = {chart["id"]: chart for chart in figures(page)["charts"]}
    assert charts["q-variant"]["title"] == "Wybierz wariant"
    assert charts["q-variant"]["counts"] == [["Wariant B", 1], ["Wariant A", 0]]


def test_a_free_text_consultation_is_unchanged(client, consultation_index):
    from tests.factories.consultations import ConsultationPageFactory

    page = ConsultationPageFactory(parent=consultation_index)
    html = client.get(page.url).content.decode()
    assert "Zgłoś uwagę" in html and "<legend>" not in html.split('id="formularz"')[1]
    response = client.post(page.url, answers(comment=""))
    assert response.status_code == 400
    assert "Wpisz treść uwagi." in response.content.decode()
    ok = client.post(
        page.url, answers(comment="Więcej drzew.", organisation="Stowarzyszenie Zielone")
    )
    assert ok.status_code == 200
    stored = ConsultationResponse.objects.get()
    assert stored.answers == {} and stored.organisation == "Stowarzyszenie Zielone"
    assert ConsultationComment.objects.get().text == "Więcej drzew."
