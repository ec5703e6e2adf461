"""A council's page: its current term with members and roles, past terms and past
members shown as past, recruitment by the clock, contact data only where public."""

import datetime

from django.utils import timezone

import pytest

from pages.councils.choices import Represents, Role
from pages.councils.models import Recruitment
from pages.councils.state import RECRUITMENT, TERM
from tests.factories import councils
from tests.factories.registry import NGOFactory

pytestmark = pytest.mark.django_db


def test_term_change_shows_past_members_as_past(client, council):
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    old = councils.term(council, today - 900 * day, today - 200 * day, "Kadencja 2022–2025")
    new = councils.term(council, today - 199 * day, today + 900 * day, "Kadencja 2026–2029")
    councils.member(old, "Adam Przykładowy-Dawny", Role.CHAIR)
    ngo = NGOFactory(name="Stowarzyszenie Testowe Dąbrowa")
    councils.member(new, "Ewa Fikcyjna", Role.CHAIR, represents=Represents.NGO, ngo=ngo)
    councils.member(new, "Jan Zmyślony", Role.SECRETARY, left_on=today - day)
    html = client.get(council.url).content.decode()
    now = timezone.now()
    assert TERM.state_of(new, now) == TERM.CURRENT and TERM.state_of(old, now) == TERM.PAST
    # Term by the clock: the day after its last day it is over.
    end = timezone.make_aware(datetime.datetime.combine(new.ends_on, datetime.time(23, 59)))
    assert TERM.state_of(new, end) == TERM.CURRENT
    assert TERM.state_of(new, end + datetime.timedelta(minutes=1)) == TERM.PAST
    assert list(TERM.filter(council.terms_set.all(), TERM.PAST, now)) == [old]
    current, _, others = html.partition("Inne kadencje")
    assert "Kadencja 2026–2029" in current and "Ewa Fikcyjna" in current
    assert "Stowarzyszenie Testowe Dąbrowa" in current
    assert "Przewodniczący/przewodnicząca" in current
    # Left during the term: still listed, marked as past.
    jan = current[current.index("Jan Zmyślony") :][:200]
    assert "były członek" in jan
    ewa = current[current.index("Ewa Fikcyjna") :][:120]
    assert "były członek" not in ewa
    assert "Adam Przykładowy-Dawny" in others and "były członek" in others
    assert "Adam Przykładowy-Dawny" not in current


def test_contact_data_only_when_public(client, council):
    term = councils.term(council, datetime.date(2020, 1, 1))
    councils.member(term, "Anna Jawna", email="anna.jawna@example.org", contact_public=True)
    councils.member(term, "Piotr Ukryty", email="piotr.ukryty@example.org", phone="600100200")
    html = client.get(council.url).content.decode()
    assert "anna.jawna@example.org" in html
    assert "piotr.ukryty@example.org" not in html and "600100200" not in html
    api = client.get("/api/v2/council-members/", {"fields": "name,email,phone"}).json()
    by_name = {item["name"]: item for item in api["items"]}
    assert by_name["Anna Jawna"]["email"] == "anna.jawna@example.org"
    assert by_name["Piotr Ukryty"]["email"] == "" and by_name["Piotr Ukryty"]["phone"] == ""
    assert "piotr.ukryty" not in client.get("/api/v2/council-members/?fields=*").content.decode()


def test_recruitment_follows_the_clock(client, council):
    opens = timezone.now() - datetime.timedelta(days=1)
    recruitment = Recruitment.objects.create(
        council=council,
        title="Nabór do Młodzieżowej Rady Miasta",
        opens_at=opens,
        closes_at=opens + datetime.timedelta(days=14),
        apply_url="https://example.org/zgloszenie",
    )
    assert recruitment.state_at(opens - datetime.timedelta(seconds=1)) == RECRUITMENT.PLANNED
    assert recruitment.state_at(opens) == RECRUITMENT.OPEN
    assert recruitment.state_at(recruitment.closes_at) == RECRUITMENT.CLOSED
    for now in (opens, recruitment.closes_at):
        state = recruitment.state_at(now)
        assert list(RECRUITMENT.filter(Recruitment.objects.all(), state, now)) == [recruitment]
    html = client.get(council.url).content.decode()
    assert "nabór trwa" in html and "https://example.org/zgloszenie" in html
    recruitment.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    recruitment.save()
    html = client.get(council.url).content.decode()
    assert "nabór zakończony" in html and "https://example.org/zgloszenie" not in html


def test_council_page_lives_only_under_its_index(council_index):
    from pages.councils.models import CouncilPage
    from pages.department.models import HomePage

    assert CouncilPage.parent_page_types == ["councils.CouncilIndexPage"]
    assert "councils.CouncilIndexPage" in HomePage.subpage_types


def test_an_unpublished_organisation_is_not_named(client, council):
    term = councils.term(council, datetime.date(2020, 1, 1))
    ngo = NGOFactory(name="Organizacja Jeszcze Nieopublikowana", live=False)
    councils.member(term, "Ola Przykładowa", represents=Represents.NGO, ngo=ngo)
    assert "Jeszcze Nieopublikowana" not in client.get(council.url).content.decode()
    api = client.get("/api/v2/council-members/", {"fields": "*"}).content.decode()
    assert "Jeszcze Nieopublikowana" not in api
