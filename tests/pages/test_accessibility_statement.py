"""The accessibility statement has every part the act of 4 April 2019 and its template ask for."""

import re

from django.db import transaction
from django.test import Client

import html5lib
import pytest

from pages.seed import DepartmentSeeder, load_data

# Marks the module as using the database, so the test database exists for the fixture.
pytestmark = pytest.mark.django_db
XHTML = "{http://www.w3.org/1999/xhtml}"
ISO_DATE = r"\d{4}-\d{2}-\d{2}"


@pytest.fixture(scope="module")
def statement(django_db_setup, django_db_blocker):
    """The statement's text, headings and links, from one seeding rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        DepartmentSeeder(load_data()).run()
        response = Client().get("/deklaracja-dostepnosci/")
        transaction.set_rollback(True)
    assert response.status_code == 200
    tree = html5lib.parse(response.content)
    main = tree.find(f".//{XHTML}main")
    text = " ".join(" ".join(main.itertext()).split())
    headings = [" ".join("".join(h.itertext()).split()) for h in main.iter(f"{XHTML}h2")]
    links = [a.get("href") for a in main.iter(f"{XHTML}a")]
    return {"text": text, "headings": headings, "links": links}


def test_names_the_entity_the_act_and_the_site(statement):
    data = load_data()["department"]
    assert data["title"] in statement["text"]
    assert data["institution_name"] in statement["text"]
    assert "ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej" in statement["text"]
    assert "/" in statement["links"]  # the site the statement is about


@pytest.mark.parametrize(
    "heading",
    [
        "Daty publikacji i aktualizacji",
        "Stan dostępności cyfrowej",
        "Treści niedostępne",
        "Przygotowanie deklaracji dostępności",
        "Skróty klawiaturowe",
        "Informacje zwrotne i dane kontaktowe",
        "Obsługa wniosków i skarg związanych z dostępnością",
        "Dostępność architektoniczna",
        "Tłumacz języka migowego",
        "Aplikacje mobilne",
    ],
)
def test_has_each_section_of_the_template(statement, heading):
    assert heading in statement["headings"]


def test_dates_of_publication_update_preparation_and_review(statement):
    text = statement["text"]
    for label in (
        "Data publikacji strony internetowej",
        "Data ostatniej istotnej aktualizacji",
        "Data sporządzenia deklaracji",
        "Data ostatniego przeglądu deklaracji",
    ):
        assert re.search(rf"{label}: {ISO_DATE}\.", text), label


def test_compliance_status_is_one_of_the_three_the_act_allows(statement):
    statuses = ("jest zgodna z ustawą", "jest częściowo zgodna z ustawą", "jest niezgodna z ustawą")
    assert sum(status in statement["text"] for status in statuses) == 1


def test_inaccessible_content_and_how_it_was_assessed(statement):
    text = statement["text"]
    assert "Niezgodności z załącznikiem do ustawy" in text
    assert "Wyłączenia" in text
    assert "samooceny" in text


def test_contact_person_email_and_phone(statement):
    data = load_data()
    text = statement["text"]
    assert f"Osobą kontaktową jest {data['department']['leaders'][0]['person']}" in text
    email = data["teams"][-1]["email"]
    assert f"mailto:{email}" in statement["links"]
    assert data["department"]["secretariat_phone"] in text


def test_demand_and_complaint_procedure(statement):
    text = statement["text"]
    assert "żądaniem zapewnienia dostępności cyfrowej" in text
    assert "w formach alternatywnych" in text
    assert "nie później niż w ciągu 7 dni" in text
    assert "nie może być dłuższy niż 2 miesiące" in text
    assert "może złożyć skargę" in text
    assert "Rzecznika Praw Obywatelskich" in text
    assert "https://bip.brpo.gov.pl/" in statement["links"]


def test_architectural_accessibility_and_sign_language(statement):
    text = statement["text"]
    assert load_data()["department"]["street_address"] in text
    assert "psem asystującym" in text
    assert "polskiego języka migowego (PJM)" in text
