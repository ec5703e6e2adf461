"""Staff screens: paper ballots with the same checks, the verification queue (no PESEL
shown, a reason for an invalid vote), the register's import, count and publish buttons,
and who may use them."""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest

from accounts import roles
from core.models import PersonalDataAccess
from tests.factories import voting
from tests.factories.accounts import UserFactory
from voting.models import Ballot, EligibleVoter, PoolResult, Verification
from voting.voter_id import voter_hash

pytestmark = pytest.mark.django_db

PESEL = voting.pesel(date(1975, 3, 9))


@pytest.fixture
def team(client):
    client.force_login(UserFactory(username="glosy-zespol", groups=[roles.SUBMISSIONS_TEAM]))
    return client


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="glosy-redaktor", groups=[roles.EDITORS]))
    return client


def paper_data(city, chosen, **overrides):
    data = {
        "first_name": "Paweł",
        "last_name": "Papierowy",
        "pesel": PESEL,
        "residence": "on",
        "consent_rules": "on",
        f"pula_{city.pk}": [str(p.pk) for p in chosen],
        "form_token": "0b7f54a6-1d84-4f9b-9d64-1f1b3c8c3a11",
    }
    data.update(overrides)
    return data


def test_paper_ballot_same_checks_and_one_per_voter(team, edition, city, projects):
    url = f"/admin/glosowanie/{edition.pk}/karta-papierowa/"
    assert team.get(url).status_code == 200
    bad = team.post(url, paper_data(city, projects[:1], pesel=PESEL[:10] + "0"))
    assert bad.status_code == 400
    assert "cyfra kontrolna" in bad.content.decode()
    assert not Ballot.objects.exists()
    assert team.post(url, paper_data(city, projects[:1])).status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.channel, ballot.confirmed_at is not None) == ("papier", True)
    assert ballot.verification == Verification.QUEUED
    again = team.post(
        url, paper_data(city, projects[1:2], form_token="5c0b7a52-9d0e-4a43-8f5e-0c1b7f6a0e21")
    )
    assert again.status_code == 400
    assert "oddano już głos" in again.content.decode()
    assert Ballot.objects.count() == 1


def test_paper_and_online_of_one_voter_both_held(team, edition, city, projects):
    voting.ballot(edition, [(city, projects[0], 1)], voter=PESEL)
    url = f"/admin/glosowanie/{edition.pk}/karta-papierowa/"
    assert team.post(url, paper_data(city, projects[1:2])).status_code == 302
    assert Ballot.objects.confirmed().count() == 2


def test_queue_never_shows_pesel_or_hash_and_needs_a_reason(team, edition, city, projects):
    ballot = voting.ballot(
        edition, [(city, projects[0], 1)], voter=PESEL, verification="do-weryfikacji"
    )
    url = f"/admin/glosowanie/{edition.pk}/weryfikacja/"
    body = team.get(url).content.decode()
    assert ballot.receipt_number in body
    assert PESEL not in body and ballot.voter_hash not in body
    assert PersonalDataAccess.objects.filter(model_label="voting.Ballot").exists()
    prefix = f"b{ballot.pk}"
    team.post(url, {"ballot": ballot.pk, f"{prefix}-decision": "odrzucony"})
    ballot.refresh_from_db()
    assert ballot.verification == Verification.QUEUED  # no reason: nothing changed
    response = team.post(
        url,
        {
            "ballot": ballot.pk,
            f"{prefix}-decision": "odrzucony",
            f"{prefix}-reason": "Osoba nie mieszka w mieście (rozmowa telefoniczna).",
        },
    )
    assert response.status_code == 302
    ballot.refresh_from_db()
    assert ballot.verification == Verification.INVALID
    assert ballot.verified_by is not None


def test_register_import_matches_the_queue(team, edition, city, projects):
    queued = voting.ballot(
        edition, [(city, projects[0], 1)], voter=PESEL, verification="do-weryfikacji"
    )
    other = voting.pesel(date(1990, 1, 2))
    lines = f"{PESEL}\n{voter_hash(other)}\nzły wiersz\n{PESEL}\n"
    upload = SimpleUploadedFile("rejestr.txt", lines.encode())
    response = team.post(f"/admin/glosowanie/{edition.pk}/rejestr/", {"file": upload})
    body = response.content.decode()
    assert "Dodano 2 wpisów" in body and "dopasowano głosów z kolejki: 1" in body
    assert "numery wierszy: 3" in body
    assert PESEL not in body
    assert set(EligibleVoter.objects.values_list("voter_hash", flat=True)) == {
        voter_hash(PESEL),
        voter_hash(other),
    }
    queued.refresh_from_db()
    assert queued.verification == Verification.MATCHED


def test_count_and_publish_buttons(editor, edition, city, projects):
    voting.ballot(edition, [(city, projects[0], 1)])
    dashboard = f"/admin/glosowanie/{edition.pk}/"
    assert editor.get(dashboard).status_code == 200
    editor.post(f"/admin/glosowanie/{edition.pk}/licz/")
    assert not PoolResult.objects.exists()  # voting still on
    voting.close_voting(edition)
    editor.post(f"/admin/glosowanie/{edition.pk}/licz/")
    assert PoolResult.objects.count() == 1
    assert editor.get(f"/budzet/wyniki/{edition.pk}/").status_code == 404
    editor.post(f"/admin/glosowanie/{edition.pk}/publikuj/")
    assert editor.get(f"/budzet/wyniki/{edition.pk}/").status_code == 200


def test_who_may(client, edition, city, projects):
    client.force_login(UserFactory(username="glosy-redaktor2", groups=[roles.EDITORS]))
    assert client.get(f"/admin/glosowanie/{edition.pk}/weryfikacja/").status_code in (302, 403)
    client.force_login(UserFactory(username="glosy-zespol2", groups=[roles.SUBMISSIONS_TEAM]))
    voting.close_voting(edition)
    client.post(f"/admin/glosowanie/{edition.pk}/licz/")
    assert not PoolResult.objects.exists()
