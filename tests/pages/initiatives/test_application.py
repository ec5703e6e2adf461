"""An application without an account through the shared pipeline: receipt, e-mail with
the private link, confirmation, correction; bad input refused in Polish with nothing
half-stored; refusals outside the call; replays."""

import re
import uuid
from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

import pytest

from pages.initiatives.forms import ApplicationForm
from pages.initiatives.models import Attachment, GroupMember, Initiative, StatusChange
from tests.factories import initiatives
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"


def valid_data(rules, **overrides):
    data = {
        "title": "Zielone podwórko przy Granicznej",
        "area": str(rules.areas.first().pk),
        "district": "",
        "place": "Podwórko przy ul. Granicznej 12",
        "description": "Nasadzimy krzewy i ustawimy dwie ławki.",
        "schedule": "Maj: nasadzenia. Czerwiec: ławki.",
        "effects": "Zielone miejsce spotkań sąsiadów.",
        "beneficiaries": "Około 80 mieszkańców trzech kamienic.",
        "cost_description": "Sadzonki, ziemia, dwie ławki.",
        "applicant_kind": "grupa",
        "group_name": "Sąsiedzi z Granicznej",
        "ngo": "",
        "leader_name": "Lena Liderska",
        "leader_email": "lena.liderska@example.pl",
        "leader_phone": "",
        "leader_address": "ul. Graniczna 12/3, Dąbrowa Górnicza",
        "members": "Marek Członkowski; ul. Graniczna 12/5\nOla Sąsiedzka; ul. Graniczna 14/1",
        # 100 h × 30 zł = 3000 zł; + 500 in kind + 200 cash = 3700 zł; total 11 700 zł.
        "city_amount_text": "8 000,00",
        "work_hours_text": "100",
        "in_kind_value_text": "500",
        "in_kind_description": "Narzędzia i sadzonki z ogródków",
        "cash_contribution_text": "200",
        "declared_own": "3700",
        "declared_total": "11 700,00",
        "consent_rules": "on",
        "consent_members": "on",
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


def nothing_stored():
    return (
        Initiative.objects.count(),
        GroupMember.objects.count(),
        Attachment.objects.count(),
        StatusChange.objects.count(),
    ) == (0, 0, 0, 0)


def test_application_receipt_email_private_link_confirm_and_correct(
    rules, django_capture_on_commit_callbacks
):
    client = Client(enforce_csrf_checks=True)
    page = client.get(rules.url).content.decode()
    assert "Kryteria oceny" in page and "Zaangażowanie mieszkańców" in page
    assert "30,00 zł" in page  # the year's rate of an hour of social work
    hidden = hidden_fields(page)
    attachment = SimpleUploadedFile("mapa.pdf", PDF)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(rules.url, {**valid_data(rules, **hidden), "attachment": attachment})
    assert response.status_code == 200, response.content.decode()[:3000]
    initiative = Initiative.objects.get()
    assert initiative.receipt_number in response.content.decode()
    assert re.fullmatch(r"IL-\d{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", initiative.receipt_number)
    assert initiative.work_value == 3000 and initiative.own_contribution == 3700
    assert initiative.total_cost == 11700 and str(initiative.contribution_percent) == "31.62"
    assert initiative.members.count() == 2 and initiative.attachments.count() == 1
    assert initiative.confirmed_at is None
    register = f"{rules.get_parent().url}wnioski/"
    assert initiative.title not in client.get(register).content.decode()

    leader_mail = next(m for m in mail.outbox if m.to == ["lena.liderska@example.pl"])
    link = re.search(r"http://testserver(/inicjatywa-lokalna/moj-wniosek/[^/]+/)", leader_mail.body)
    assert initiative.private_key_hash not in leader_mail.body
    private = client.get(link.group(1))
    assert private.status_code == 200 and private["Cache-Control"] == "private, no-store"
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', private.content.decode()
    ).group(1)
    client.post(link.group(1), {"action": "confirm", "csrfmiddlewaretoken": token})
    initiative.refresh_from_db()
    assert initiative.confirmed_at is not None
    assert initiative.title in client.get(register).content.decode()

    # Correct the budget while the call is open: sums are checked again.
    edit = {
        **{k: v for k, v in valid_data(rules).items() if k in CORRECTION_FIELDS},
        "city_amount_text": "7000",
        "declared_total": "10700",
        "action": "edit",
        "csrfmiddlewaretoken": token,
    }
    answer = client.post(link.group(1), edit)
    assert answer.status_code == 200, answer.content.decode()[:2000]
    initiative.refresh_from_db()
    assert initiative.city_amount == 7000
    assert initiative.history.last().justification == "Wnioskodawca poprawił wniosek."


CORRECTION_FIELDS = {
    "title", "area", "district", "place", "description", "schedule", "effects",
    "beneficiaries", "cost_description", "in_kind_description", "city_amount_text",
    "work_hours_text", "in_kind_value_text", "cash_contribution_text", "declared_own",
    "declared_total",
}  # fmt: skip


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"declared_own": "3500"}, "declared_own", "Wkład własny nie sumuje się"),
        ({"declared_total": "12000"}, "declared_total", "Koszt całkowity nie sumuje się"),
        (
            {"work_hours_text": "0", "in_kind_value_text": "0", "cash_contribution_text": "0",
             "declared_own": "0", "declared_total": "8000"},
            "work_hours_text",
            "wymaga wkładu własnego",
        ),
        (
            {"work_hours_text": "10", "in_kind_value_text": "0", "cash_contribution_text": "0",
             "declared_own": "300", "declared_total": "8300"},
            "declared_own",
            "wymagają co najmniej 10",
        ),
        ({"applicant_kind": "organizacja"}, "ngo", "Wybierz organizację z rejestru"),
        ({"group_name": ""}, "group_name", "Podaj nazwę grupy"),
        ({"members": "Bez średnika"}, "members", "wiersz 1"),
        ({"city_amount_text": "osiem tysięcy"}, "city_amount_text", "Wpisz liczbę"),
        ({"in_kind_description": ""}, "in_kind_description", "Opisz wkład rzeczowy"),
    ],
)  # fmt: skip
def test_bad_input_refused_in_polish_keeping_what_was_typed(
    client, rules, overrides, field, message
):
    response = client.post(rules.url, valid_data(rules, **overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert any(message in error for error in form.errors.get(field, [])), form.errors
    html = response.content.decode()
    assert "Zielone podwórko przy Granicznej" in html  # what was typed is kept
    assert nothing_stored()


def test_area_of_another_year_is_not_allowed(client, rules, initiative_index):
    other = initiatives.rules_page(initiative_index, year=2028)
    foreign_area = other.areas.first()
    response = client.post(rules.url, valid_data(rules, area=str(foreign_area.pk)))
    assert response.status_code == 400
    assert response.context["form"].errors["area"] == ["Wybierz jedną z pozycji listy."]
    assert nothing_stored()


def test_file_lying_about_its_type_is_refused(client, rules):
    liar = SimpleUploadedFile("kosztorys.pdf", b"MZ\x90\x00 this is no PDF at all")
    response = client.post(rules.url, {**valid_data(rules), "attachment": liar})
    assert response.status_code == 400
    (error,) = response.context["form"].errors["attachment"]
    assert "nie zgadza się z jego rozszerzeniem" in error
    assert nothing_stored()


def test_after_the_deadline_refused_with_409(client, initiative_index):
    now = timezone.now()
    closed = initiatives.rules_page(
        initiative_index, opens_at=now - timedelta(days=30), closes_at=now - timedelta(minutes=1)
    )
    response = client.post(closed.url, valid_data(closed))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Nabór wniosków zakończył się" in html and "Twój wniosek nie został zapisany." in html
    assert nothing_stored()


def test_replayed_form_returns_the_first_receipt(client, rules):
    data = valid_data(rules)
    first = client.post(rules.url, data)
    second = client.post(rules.url, data)
    assert first.status_code == second.status_code == 200
    initiative = Initiative.objects.get()
    assert initiative.receipt_number in second.content.decode()
    assert GroupMember.objects.count() == 2 and StatusChange.objects.count() == 1


def test_ngo_application_names_the_ngo(client, rules):
    organisation = NGOFactory(name="Stowarzyszenie Przykładowe", live=True)
    data = valid_data(rules, applicant_kind="organizacja", ngo=str(organisation.pk), group_name="")
    response = client.post(rules.url, data)
    assert response.status_code == 200, response.context["form"].errors
    assert Initiative.objects.get().applicant_public_name == "Stowarzyszenie Przykładowe"


def form_errors(rules, **overrides):
    form = ApplicationForm(valid_data(rules, **overrides), rules=rules)
    form.is_valid()
    return form.errors


def test_amounts_with_more_decimals_are_refused_not_rounded(rules):
    assert form_errors(rules) == {}
    errors = form_errors(rules, city_amount_text="8 000,004")
    assert "dwoma miejscami po przecinku" in errors["city_amount_text"][0]
    assert "jednym miejscem" in form_errors(rules, work_hours_text="100,05")["work_hours_text"][0]
    assert "work_hours_text" in form_errors(rules, work_hours_text="NaN")
    assert "work_hours_text" in form_errors(rules, work_hours_text="99999999")


def test_contribution_share_is_compared_exactly_not_after_rounding(rules):
    # 999,60 of 10 000,00 is 9,996 %: shown rounded as 10,00 %, still below the 10 % rule.
    below = {
        "city_amount_text": "9000,40",
        "work_hours_text": "0",
        "in_kind_value_text": "999,60",
        "cash_contribution_text": "0",
        "declared_own": "999,60",
        "declared_total": "10000,00",
    }
    assert "wymagają co najmniej 10" in form_errors(rules, **below)["declared_own"][0]
    exactly = {**below, "city_amount_text": "8996,40", "declared_total": "9996,00"}
    assert form_errors(rules, **exactly) == {}
