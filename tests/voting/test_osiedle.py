"""The edition's osiedle rule: with "own osiedle only" the voter gives an address and
declares living in the chosen osiedle, and the ballot matches the register only where the
register places the voter in that osiedle (else it waits in the queue, with the reason)."""

import re
import uuid
from datetime import date

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from accounts import roles
from tests.factories import budget, voting
from tests.factories.accounts import UserFactory
from voting.models import Ballot, EligibleVoter, Verification
from voting.voter_id import voter_hash

pytestmark = pytest.mark.django_db

PESEL = voting.pesel(date(1984, 7, 3))


@pytest.fixture
def osiedla(edition, city, projects):
    centrum = voting.osiedle_pool(edition, budget.osiedle("Centrum", "centrum"))
    golonog = voting.osiedle_pool(edition, budget.osiedle("Gołonóg", "golonog"))
    return {
        "centrum": (centrum, voting.on_ballot(edition, centrum, "Plac zabaw", 50000)),
        "golonog": (golonog, voting.on_ballot(edition, golonog, "Siłownia", 60000)),
    }


def data(city, osiedle, projects, **overrides):
    pool, project = osiedle
    values = {
        "first_name": "Ewa",
        "last_name": "Osiedlowa",
        "pesel": PESEL,
        "email": "ewa@example.pl",
        "residence": "on",
        "consent_rules": "on",
        "address": "ul. Sienkiewicza 1/2",
        "osiedle_residence": "on",
        f"pula_{city.pk}": [str(projects[0].pk)],
        f"pula_{pool.pk}": [str(project.pk)],
        "form_token": str(uuid.uuid4()),
        "website": "",
    }
    values.update(overrides)
    return {key: value for key, value in values.items() if value is not None}


def url(edition, pool):
    return f"{reverse('voting_ballot', args=[edition.pk])}?pula={pool.slug}"


def confirm_last(client):
    key = re.search(r"/budzet/glosowanie/potwierdz/([^/\s]+)/", mail.outbox[-1].body).group(1)
    return client.post(reverse("voting_confirm", args=[key]))


def test_any_osiedle_by_default(client, post, edition, city, projects, osiedla):
    page = client.get(url(edition, osiedla["golonog"][0]))
    assert "address" not in page.context["form"].fields
    assert "wybranego przez siebie osiedla" in page.content.decode()
    EligibleVoter.objects.create(
        edition=edition, voter_hash=voter_hash(PESEL), district=osiedla["centrum"][0].district
    )
    post(url(edition, osiedla["golonog"][0]), data(city, osiedla["golonog"], projects))
    confirm_last(client)
    assert Ballot.objects.get().verification == Verification.MATCHED


@pytest.mark.parametrize(
    ("missing", "text"),
    [("address", "To pole jest wymagane"), ("osiedle_residence", "zaznacz oświadczenie")],
)
def test_own_osiedle_needs_address_and_declaration(
    client, post, edition, city, projects, osiedla, missing, text
):
    voting.rules(edition, osiedle_rule="zamieszkania")
    page = client.get(url(edition, osiedla["centrum"][0]))
    assert "Oświadczam, że mieszkam na osiedlu:" in page.content.decode()
    assert "Osiedle, na którym mieszkasz" in page.content.decode()
    response = post(
        url(edition, osiedla["centrum"][0]),
        data(city, osiedla["centrum"], projects, **{missing: None}),
    )
    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Ballot.objects.exists()


def test_own_osiedle_matches_only_the_registers_osiedle(
    client, post, edition, city, projects, osiedla
):
    voting.rules(edition, osiedle_rule="zamieszkania")
    centrum = osiedla["centrum"][0]
    EligibleVoter.objects.create(
        edition=edition, voter_hash=voter_hash(PESEL), district=centrum.district
    )
    # Voting in another osiedle than the register's: held for staff, with the reason.
    post(url(edition, osiedla["golonog"][0]), data(city, osiedla["golonog"], projects))
    confirm_last(client)
    ballot = Ballot.objects.get()
    assert ballot.address == "ul. Sienkiewicza 1/2"
    assert ballot.verification == Verification.QUEUED
    assert "inne niż osiedle zamieszkania" in ballot.verification_reason
    client.force_login(UserFactory(username="osiedla-zespol", groups=[roles.SUBMISSIONS_TEAM]))
    body = client.get(f"/admin/glosowanie/{edition.pk}/weryfikacja/").content.decode()
    assert "inne niż osiedle zamieszkania" in body and "Sienkiewicza 1/2" in body
    assert PESEL not in body


def test_own_osiedle_matched_in_its_osiedle_and_by_a_later_import(
    client, post, edition, city, projects, osiedla
):
    voting.rules(edition, osiedle_rule="zamieszkania")
    other = voting.pesel(date(1990, 2, 2))
    post(url(edition, osiedla["centrum"][0]), data(city, osiedla["centrum"], projects))
    confirm_last(client)
    post(
        url(edition, osiedla["golonog"][0]),
        data(city, osiedla["golonog"], projects, pesel=other, email="o@example.pl"),
    )
    confirm_last(client)
    assert set(Ballot.objects.values_list("verification", flat=True)) == {Verification.QUEUED}
    # The register, imported later with each voter's osiedle: both live in Centrum.
    client.force_login(UserFactory(username="osiedla-zespol2", groups=[roles.SUBMISSIONS_TEAM]))
    lines = f"{PESEL};centrum\n{other};centrum\n{PESEL[:10]}0;centrum\n{PESEL};nieznane\n"
    upload = SimpleUploadedFile("rejestr.txt", lines.encode())
    body = client.post(f"/admin/glosowanie/{edition.pk}/rejestr/", {"file": upload})
    assert "numery wierszy: 3, 4" in body.content.decode()
    found = dict(Ballot.objects.values_list("osiedle_pool__slug", "verification"))
    assert found == {"centrum": Verification.MATCHED, "golonog": Verification.QUEUED}


def test_paper_ballot_follows_the_rule(client, edition, city, projects, osiedla):
    voting.rules(edition, osiedle_rule="zamieszkania")
    client.force_login(UserFactory(username="osiedla-zespol3", groups=[roles.SUBMISSIONS_TEAM]))
    pool = osiedla["centrum"][0]
    paper_url = f"/admin/glosowanie/{edition.pk}/karta-papierowa/?pula={pool.slug}"
    values = data(city, osiedla["centrum"], projects, email=None, address=None)
    assert client.post(paper_url, values).status_code == 400
    assert not Ballot.objects.exists()
    values["address"] = "ul. Kościuszki 5"
    assert client.post(paper_url, values).status_code == 302
    assert Ballot.objects.get().address == "ul. Kościuszki 5"


def test_address_is_personal_data_cleared_by_retention():
    assert "address" in Ballot.personal_data_fields


def test_own_osiedle_unknown_to_the_register_is_never_matched(
    client, post, edition, city, projects, osiedla
):
    """A register imported without osiedla proves no one's osiedle: queued, with a reason
    that says so (not that the osiedle differs)."""
    voting.rules(edition, osiedle_rule="zamieszkania")
    pool = osiedla["centrum"][0]
    EligibleVoter.objects.create(edition=edition, voter_hash=voter_hash(PESEL))
    post(url(edition, pool), data(city, osiedla["centrum"], projects))
    confirm_last(client)
    ballot = Ballot.objects.get()
    assert ballot.verification == Verification.QUEUED
    assert "nie podaje osiedla" in ballot.verification_reason
