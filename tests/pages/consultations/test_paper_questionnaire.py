"""Paper questionnaires typed in by staff with the consultation's own questions, checked like
the online form, counted in the analysis and the report; every staff entry is stored once
however many times its form is posted."""

import uuid
from datetime import timedelta

from django.utils import timezone

import pytest

from pages.consultations import report
from pages.consultations.models import ConsultationComment, ConsultationResponse
from tests.factories.consultations import ConsultationPageFactory, questionnaire_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(consultation_index):
    return questionnaire_consultation(consultation_index, title="Ścieżka rowerowa")


def url(page):
    return f"/admin/konsultacje/{page.pk}/ankieta-papierowa/"


def paper(**overrides):
    data = {
        "received_on": (timezone.localdate() - timedelta(days=2)).isoformat(),
        "author_name": "Zofia Pisarska",
        "organisation": "",
        "email": "",
        "q-q-variant": "v-a",
        "q-q-uses": ["u-school"],
        "q-q-need": "2",
        "q-q-street": "",
        "q-q-sections-sec-1": "W § 1 brakuje definicji ścieżki.",
        "q-q-sections-sec-2": "",
        "comment": "Ankieta oddana w biurze podawczym.",
        "scan": "",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_staff_type_in_a_paper_questionnaire_with_the_same_questions(
    client, submissions_staff, page
):
    client.force_login(submissions_staff)
    form = client.get(url(page))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Wpisz ankietę papierową" in html
    assert "<legend" in html and "Który wariant ścieżki wybierasz?" in html
    assert 'type="radio" name="q-q-variant" value="v-b"' in html
    assert 'name="q-q-sections-sec-2"' in html and "Inne uwagi" in html
    response = client.post(url(page), paper())
    stored = ConsultationResponse.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/inspect/{stored.pk}/")
    assert (stored.channel, stored.entered_by, stored.consultation_id) == (
        "paper",
        submissions_staff,
        page.pk,
    )
    assert stored.receipt_number.startswith("KON-")
    assert stored.answers["q-variant"]["labels"] == ["Wariant A"]
    assert stored.answers["q-need"]["value"] == 2
    assert stored.answers["q-uses"]["value"] == ["u-school"]
    comments = list(ConsultationComment.objects.order_by("sort_order"))
    assert [(c.document_part, c.text) for c in comments] == [
        ("", "Ankieta oddana w biurze podawczym."),
        ("§ 1", "W § 1 brakuje definicji ścieżki."),
    ]


def test_paper_answers_are_counted_with_the_online_ones(client, submissions_staff, page):
    client.post(
        page.url,
        {
            "q-q-variant": "v-b",
            "q-q-need": "5",
            "comment": "",
            "website": "",
            "form_token": str(uuid.uuid4()),
        },
    )
    client.force_login(submissions_staff)
    assert client.post(url(page), paper()).status_code == 302
    stats = report.figures(page)
    by_channel = {item["label"]: item["responses"] for item in stats["channels"]}
    assert by_channel["Formularz na stronie"] == 1 and by_channel["Pismo (papierowe)"] == 1
    variant = next(chart for chart in stats["charts"] if chart["id"] == "q-variant")
    assert variant["counts"] == [["Wariant A", 1], ["Wariant B", 1]]
    assert variant["answered"] == 2
    need = next(chart for chart in stats["charts"] if chart["id"] == "q-need")
    assert dict(need["counts"])["2"] == 1 and dict(need["counts"])["5"] == 1
    rows = report.table_rows(page)
    assert {row["channel"] for row in rows} == {"Pismo (papierowe)"}


def test_the_analysis_screen_links_the_paper_entry(client, admin_user, page):
    client.force_login(admin_user)
    assert url(page) in client.get(f"/admin/konsultacje/{page.pk}/analiza/").content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"q-q-variant": ""}, "Wybierz odpowiedź – to pytanie jest wymagane."),
        ({"q-q-variant": "v-zzz"}, "Wybierz jedną z podanych odpowiedzi."),
        ({"q-q-need": "9"}, "Wybierz jedną z podanych odpowiedzi."),
        ({"q-q-street": "x" * 301}, "Odpowiedź może mieć najwyżej 300 znaków"),
        ({"q-q-street": "ul.\x00Zła"}, "Odpowiedź zawiera niedozwolone znaki."),
        ({"comment": "zła\x00treść"}, "Uwaga zawiera niedozwolone znaki."),
        ({"received_on": ""}, "Podaj datę wpływu."),
        ({"email": "zly-adres"}, "Wpisz poprawny adres e-mail"),
        ({"form_token": ""}, "Formularz jest niekompletny"),
    ],
)
def test_wrong_answers_are_refused_in_polish_and_nothing_stored(
    client, submissions_staff, page, overrides, message
):
    client.force_login(submissions_staff)
    response = client.post(url(page), paper(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Zofia Pisarska" in html  # what was typed is kept
    assert not ConsultationResponse.objects.exists() and not ConsultationComment.objects.exists()


def test_a_blank_questionnaire_and_a_future_date_are_refused(client, submissions_staff, page):
    client.force_login(submissions_staff)
    blank = paper(
        **{"q-q-uses": [], "q-q-sections-sec-1": "", "comment": ""},
    )
    # The required questions left unanswered: refused per question, as online.
    blank.pop("q-q-variant")
    blank.pop("q-q-need")
    assert client.post(url(page), blank).status_code == 400
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(url(page), paper(received_on=tomorrow))
    assert "Data wpływu nie może być z przyszłości." in response.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_only_the_submissions_team_and_only_with_a_questionnaire(
    client, submissions_staff, department_editor, page, consultation_index
):
    client.force_login(department_editor)
    assert client.post(url(page), paper()).status_code == 302  # to the dashboard
    assert not ConsultationResponse.objects.exists()
    client.force_login(submissions_staff)
    free_text = ConsultationPageFactory(parent=consultation_index, title="Bez ankiety")
    assert client.get(url(free_text)).status_code == 404
    # The letter form points to the paper entry when the consultation has questions.
    letter_form = client.get(f"/admin/konsultacje/uwagi/nowa/?consultation={page.pk}")
    assert url(page) in letter_form.content.decode()
    listing = client.get(f"/admin/consultation_responses/?consultation={page.pk}")
    assert url(page) in listing.content.decode()
    listing = client.get(f"/admin/consultation_responses/?consultation={free_text.pk}")
    assert "ankieta-papierowa" not in listing.content.decode()


def test_a_paper_questionnaire_posted_twice_is_stored_once(client, submissions_staff, page):
    client.force_login(submissions_staff)
    data = paper()
    first = client.post(url(page), data)
    again = client.post(url(page), data, follow=True)
    stored = ConsultationResponse.objects.get()
    assert first["Location"].endswith(f"/inspect/{stored.pk}/")
    assert again.redirect_chain[0][0].endswith(f"/inspect/{stored.pk}/")
    assert "nie zapisano go drugi raz" in again.content.decode()
    assert ConsultationComment.objects.count() == 2


def test_a_letter_posted_twice_is_stored_once(client, submissions_staff, page):
    client.force_login(submissions_staff)
    data = {
        "consultation": page.pk,
        "channel": "email",
        "received_on": timezone.localdate().isoformat(),
        "author_name": "Zofia Pisarska",
        "organisation": "",
        "email": "",
        "document_part": "",
        "comment": "Proszę o ławki.",
        "scan": "",
        "form_token": str(uuid.uuid4()),
    }
    first = client.post("/admin/konsultacje/uwagi/nowa/", data)
    # Posted again, even with its text changed meanwhile (the browser's "resend" after an
    # edit): still the one stored entry.
    again = client.post("/admin/konsultacje/uwagi/nowa/", {**data, "comment": "Inna treść."})
    stored = ConsultationResponse.objects.get()
    assert first["Location"] == again["Location"]
    assert (stored.comment, ConsultationComment.objects.count()) == ("Proszę o ławki.", 1)
    # A new form (a new token) with the same text is a new entry: linking it as a
    # duplicate is the staff's decision.
    client.post("/admin/konsultacje/uwagi/nowa/", {**data, "form_token": str(uuid.uuid4())})
    assert ConsultationResponse.objects.count() == 2


@pytest.mark.parametrize("value", ["²", "abc", "99999999999999999999", ""])
def test_a_hostile_consultation_parameter_is_ignored(client, submissions_staff, value):
    """'²' is a digit to str.isdigit() but not to int(): the screens still answer."""
    client.force_login(submissions_staff)
    letter_form = client.get("/admin/konsultacje/uwagi/nowa/", {"consultation": value})
    assert letter_form.status_code == 200
    assert "ankieta-papierowa" not in letter_form.content.decode()
    if len(value) < 10:  # (the list's own filter does not take an overflowing id yet)
        listing = client.get("/admin/consultation_responses/", {"consultation": value})
        assert listing.status_code == 200
