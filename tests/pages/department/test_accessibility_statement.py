"""The accessibility statement has every part the act of 4 April 2019 and its template ask for."""

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import Client

import html5lib
import pytest

from pages.department.models import AccessibilityStatementPage, StandardPage
from pages.department.seed import DepartmentSeeder, load_data

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
    return _parse(response)


def _parse(response) -> dict:
    assert response.status_code == 200
    tree = html5lib.parse(response.content)
    main = tree.find(f".//{XHTML}main")
    text = " ".join(" ".join(main.itertext()).split())
    headings = [" ".join("".join(h.itertext()).split()) for h in main.iter(f"{XHTML}h2")]
    links = [a.get("href") for a in main.iter(f"{XHTML}a")]
    ids = {
        element.get("id"): element
        for element in main.iter()
        if (element.get("id") or "").startswith("a11y-")
    }
    return {"text": text, "headings": headings, "links": links, "ids": ids}


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split())


def test_names_the_entity_the_act_and_the_site(statement):
    data = load_data()["department"]
    assert data["title"] in _text(statement["ids"]["a11y-podmiot"])
    assert data["institution_name"] in statement["text"]
    assert "ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej" in statement["text"]
    assert statement["ids"]["a11y-url"].get("href") == "http://testserver/"
    assert _text(statement["ids"]["a11y-zakres"]) == "strony internetowej"


# The identifiers of the minister's "Warunki techniczne publikacji oraz struktura
# dokumentu elektronicznego deklaracji dostępności" (version 2.0), which monitoring reads
# (the statement validator's list; docs/accessibility-statement.md).
MACHINE_READABLE_IDS = [
    "a11y-deklaracja",
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-zakres",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-data-sporzadzenie",
    "a11y-data-przeglad",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-komunikacja",
    "a11y-aplikacje",
]


@pytest.mark.parametrize("identifier", MACHINE_READABLE_IDS)
def test_has_each_machine_readable_identifier(statement, identifier):
    assert identifier in statement["ids"]
    assert _text(statement["ids"][identifier])


@pytest.mark.parametrize(
    "identifier",
    [
        "a11y-data-publikacja",
        "a11y-data-aktualizacja",
        "a11y-data-sporzadzenie",
        "a11y-data-przeglad",
    ],
)
def test_dates_are_time_elements_written_as_the_template_asks(statement, identifier):
    element = statement["ids"][identifier]
    assert element.tag == f"{XHTML}time"
    assert re.fullmatch(ISO_DATE, element.get("datetime"))
    assert _text(element) == element.get("datetime")


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
        "Dostępność komunikacyjno-informacyjna",
        "Aplikacje mobilne",
    ],
)
def test_has_each_section_of_the_template(statement, heading):
    assert heading in statement["headings"]


def test_compliance_status_is_one_of_the_three_the_act_allows(statement):
    # The template's sentence word for word, "z ustawą" once.
    status = _text(statement["ids"]["a11y-status"])
    assert status == (
        "Strona internetowa jest częściowo zgodna z ustawą z dnia 4 kwietnia 2019 r. "
        "o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów "
        "publicznych z powodu niezgodności lub wyłączeń wymienionych poniżej."
    )


def test_inaccessible_content_and_how_it_was_assessed(statement):
    text = statement["text"]
    assert "Niezgodności z załącznikiem do ustawy" in text
    assert "Wyłączenia" in text
    assert "samoocena przeprowadzona przez podmiot publiczny" in text


def test_contact_is_the_team_the_seed_names_explicitly(statement):
    data = load_data()
    team = next(
        team
        for team in data["teams"]
        if team["title"] == data["accessibility_statement"]["contact_team"]
    )
    assert team["title"] in _text(statement["ids"]["a11y-osoba"])
    # a11y-kontakt is the heading of the section, as the template has it.
    assert statement["ids"]["a11y-kontakt"].tag == f"{XHTML}h2"
    assert _text(statement["ids"]["a11y-kontakt"]) == "Informacje zwrotne i dane kontaktowe"
    assert statement["ids"]["a11y-email"].get("href") == f"mailto:{team['email']}"
    assert _text(statement["ids"]["a11y-telefon"]) == team["phone"]


def test_demand_and_complaint_procedure(statement):
    text = statement["text"]
    assert "żądaniem zapewnienia dostępności cyfrowej" in text
    assert "w formach alternatywnych" in text
    assert "nie później niż w ciągu 7 dni" in text
    assert "nie może być dłuższy niż 2 miesiące" in text
    assert "może złożyć skargę" in text
    assert "Rzecznika Praw Obywatelskich" in text
    assert "https://bip.brpo.gov.pl/" in statement["links"]
    # Written requests go to the city hall's correspondence address, named as such.
    assert "adres do korespondencji: Urząd Miejski w Dąbrowie Górniczej, ul. Graniczna 27" in text


def test_each_place_is_described_point_by_point(statement):
    architecture = _text(statement["ids"]["a11y-architektura"])
    for place in load_data()["accessibility_statement"]["places"]:
        assert place["name"] in architecture
        assert place["address"] in architecture
    # The seed invents no facts about a building: each point not yet described is named,
    # with whom to ask; the one the law settles (assistance dogs) is described.
    for point in (
        "wejście do budynku",
        "winda",
        "toalety",
        "parking",
        "pętla indukcyjna",
        "tłumacz języka migowego na miejscu",
    ):
        assert point in architecture
    assert "Jeszcze nie opisaliśmy tu:" in architecture
    assert "Zapytaj: sekretariat wydziału, tel." in architecture
    assert "Pies asystujący" in architecture and "psem asystującym" in architecture


def test_sign_language_and_other_means_of_communication(statement):
    communication = _text(statement["ids"]["a11y-komunikacja"])
    assert "polskiego języka migowego" in communication
    assert "3 dni robocze" in communication


def test_update_keeps_the_dates_and_contact_editors_set():
    DepartmentSeeder(load_data()).run()
    page = AccessibilityStatementPage.objects.get()
    page.published_on = page.updated_on = page.prepared_on = date(2026, 1, 5)
    page.contact_email = "dostepnosc@example.pl"
    page.save_revision().publish()

    DepartmentSeeder(load_data(), update=True).run()

    page.refresh_from_db()
    assert page.published_on == date(2026, 1, 5)
    assert page.prepared_on == date(2026, 1, 5)
    assert page.contact_email == "dostepnosc@example.pl"
    assert AccessibilityStatementPage.objects.count() == 1


def test_an_older_standard_page_statement_is_kept_aside_unpublished(home_page):
    old = StandardPage(title="Deklaracja dostępności", slug="deklaracja-dostepnosci")
    home_page.add_child(instance=old)
    old.save_revision().publish()

    DepartmentSeeder(load_data()).run()

    old.refresh_from_db()
    assert old.slug == "deklaracja-dostepnosci-poprzednia-wersja"
    assert not old.live
    assert Client().get("/deklaracja-dostepnosci/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"published_on": date(2999, 1, 1)}, "published_on"),
        ({"updated_on": date(2020, 1, 1), "published_on": date(2021, 1, 1)}, "updated_on"),
        ({"reviewed_on": date(2020, 1, 1), "prepared_on": date(2021, 1, 1)}, "reviewed_on"),
        ({"non_compliance": "<p></p>", "exclusions": ""}, "non_compliance"),
    ],
)
def test_impossible_dates_are_refused_in_polish(changes, field):
    DepartmentSeeder(load_data()).run()
    page = AccessibilityStatementPage.objects.get()
    for name, value in changes.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert field in refused.value.message_dict


def test_the_optional_identifiers_appear_only_with_their_facts(client, statement):
    assert "a11y-ocena" not in statement["ids"] and "a11y-audytor" not in statement["ids"]
    DepartmentSeeder(load_data()).run()
    page = AccessibilityStatementPage.objects.get()
    page.assessment_method = "audyt"
    page.auditor_name = "Fundacja Audytowa"
    page.burden_assessment_url = "https://bip.example.pl/analiza"
    page.save_revision().publish()
    ids = _parse(client.get(page.url))["ids"]
    assert _text(ids["a11y-audytor"]) == "Fundacja Audytowa"
    assert ids["a11y-ocena"].get("href") == "https://bip.example.pl/analiza"
    # No identifier outside the template's list.
    assert set(ids) <= {*MACHINE_READABLE_IDS, "a11y-ocena", "a11y-audytor"}
