"""The error summary (includes/form_errors.html) says every error once, in Polish: a
field's with its label and a link to it; the whole form's, a hidden input's (the one-time
token) and the honeypot's as plain sentences, since nobody can correct them in a field."""

import re

from django import forms
from django.template import Context, Template

import pytest

from alerts.models import SignUp
from core.forms import EXPIRED
from tests.alerts.conftest import signup_data

pytestmark = pytest.mark.django_db

HONEYPOT_REFUSED = "Formularz został odrzucony jako wysłany automatycznie."


def summary_of(html: str) -> tuple[list[str], list[str]]:
    """The summary's items as text, and the anchors its links go to."""
    block = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    assert block, "no error summary"
    items = [
        re.sub(r"<[^>]+>", "", item).strip()
        for item in re.findall(r"<li>(.*?)</li>", block.group(0), re.S)
    ]
    return items, re.findall(r'href="#([^"]*)"', block.group(0))


def test_a_missing_token_is_said_once_in_polish_and_linked_nowhere(client, home_page):
    data = signup_data(email="to-nie-adres")
    del data["form_token"]
    answer = client.post("/powiadomienia/", data)
    assert answer.status_code == 400
    items, anchors = summary_of(answer.text)
    assert items.count(EXPIRED) == 1  # not twice, not under an English "Form token:" label
    assert not any("token" in item.lower() for item in items)
    assert anchors == ["id_email"]  # the e-mail's error links to its field
    assert items[0] == EXPIRED and items[1].startswith("Adres e-mail: Wpisz poprawny")
    assert not SignUp.objects.exists()


def test_a_filled_honeypot_is_said_without_a_link_to_the_hidden_field(client, home_page):
    answer = client.post("/powiadomienia/", signup_data(website="http://spam.example"))
    assert answer.status_code == 400
    items, anchors = summary_of(answer.text)
    assert len(items) == 1 and items[0].startswith(HONEYPOT_REFUSED)  # no field label
    assert anchors == []  # the honeypot is hidden from people: nothing to go to
    assert not SignUp.objects.exists()


def test_a_hidden_inputs_error_is_in_polish(client, home_page):
    answer = client.post("/powiadomienia/", signup_data(follow="x" * 200))
    assert answer.status_code == 400
    items, anchors = summary_of(answer.text)
    assert items == ["Tej pozycji nie można obserwować."]
    assert anchors == []


def test_the_whole_forms_errors_come_first_and_a_fields_after():
    class Dates(forms.Form):
        start = forms.DateField(label="Początek", error_messages={"invalid": "Zła data."})
        step = forms.CharField(widget=forms.HiddenInput, required=False)

        def clean(self):
            self.add_error("step", "Formularz jest nieaktualny.")
            raise forms.ValidationError("Koniec nie może być przed początkiem.")

    form = Dates(data={"start": "wczoraj"})
    assert not form.is_valid()
    html = Template('{% include "includes/form_errors.html" with form=form %}').render(
        Context({"form": form})
    )
    items, anchors = summary_of(html)
    assert items == [
        "Koniec nie może być przed początkiem.",
        "Formularz jest nieaktualny.",
        "Początek: Zła data.",
    ]
    assert anchors == ["id_start"]
