"""Staff screens: paper ballots with the same checks, the verification queue (no PESEL
shown, a reason for an invalid vote), the register's import, count and publish buttons,
and who may use them."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

import pytest

from accounts import roles
from core.models import PersonalDataAccess
from tests.factories import budget, voting
from tests.factories.accounts import UserFactory
from voting.ballots import confirm
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


def test_paper_and_online_of_one_voter_held_together_in_the_queue(team, edition, city, projects):
    online = voting.ballot(edition, [(city, projects[0], 1)], voter=PESEL, email="ola@example.pl")
    url = f"/admin/glosowanie/{edition.pk}/karta-papierowa/"
    response = team.post(url, paper_data(city, projects[1:2]), follow=True)
    assert "obie karty czekają w kolejce" in response.content.decode()
    assert Ballot.objects.confirmed().count() == 2
    assert set(Ballot.objects.values_list("verification", flat=True)) == {Verification.PAIR}
    paper = Ballot.objects.get(channel="papier")

    queue_url = f"/admin/glosowanie/{edition.pk}/weryfikacja/"
    body = team.get(queue_url).content.decode()
    pair_section = body.split("Para kart", 1)[1].split("</section>", 1)[0]
    assert online.receipt_number in pair_section and paper.receipt_number in pair_section
    assert "ola@example.pl" in pair_section and "Papierowy" in pair_section
    assert "Liczy się głos internetowy" in body  # the edition's rule is shown
    assert PESEL not in body and online.voter_hash not in body
    # A pair is not decided one ballot at a time …
    single = team.post(
        queue_url,
        {"ballot": paper.pk, f"b{paper.pk}-decision": "uznany"},
    )
    assert single.status_code == 409
    # … but by the rule, for both.
    assert team.post(queue_url, {"pair": paper.pk}).status_code == 302
    online.refresh_from_db()
    paper.refresh_from_db()
    assert (online.verification, paper.verification) == ("do-weryfikacji", "duplikat")
    assert paper.verified_by is not None
    assert team.post(queue_url, {"pair": paper.pk}).status_code == 409  # resolved once


def test_online_confirmation_after_paper_holds_the_pair(client, team, edition, city, projects):
    paper = voting.ballot(edition, [(city, projects[0], 1)], voter=PESEL, channel="papier")
    pending = voting.ballot(edition, [(city, projects[1], 1)], voter=PESEL, confirmed_at=None)
    pending.confirmation_expires_at = timezone.now() + timedelta(hours=1)
    pending.save()
    confirm(pending.pk)
    paper.refresh_from_db()
    pending.refresh_from_db()
    assert (paper.verification, pending.verification) == ("para", "para")
    body = client.post("/budzet/glosowanie/sprawdz/", {"kod": pending.receipt_number})
    assert "urząd rozstrzyga" in body.content.decode()


@pytest.mark.parametrize("decided", ["zgodny", "uznany", "odrzucony", "duplikat"])
def test_queue_accepts_only_queued_ballots(team, edition, city, projects, decided):
    ballot = voting.ballot(edition, [(city, projects[0], 1)], voter=PESEL, verification=decided)
    url = f"/admin/glosowanie/{edition.pk}/weryfikacja/"
    prefix = f"b{ballot.pk}"
    response = team.post(
        url,
        {"ballot": ballot.pk, f"{prefix}-decision": "odrzucony", f"{prefix}-reason": "Nie."},
    )
    assert response.status_code == 409
    assert "nie czeka w kolejce" in response.content.decode()
    ballot.refresh_from_db()
    assert ballot.verification == decided
    assert ballot.verified_by is None


def test_queue_refuses_unconfirmed_and_other_editions(team, edition, budget_index, city, projects):
    pending = voting.ballot(
        edition,
        [(city, projects[0], 1)],
        voter=PESEL,
        confirmed_at=None,
        verification="do-weryfikacji",
    )
    url = f"/admin/glosowanie/{edition.pk}/weryfikacja/"
    data = {"ballot": pending.pk, f"b{pending.pk}-decision": "uznany"}
    assert team.post(url, data).status_code == 409
    other = voting.voting_edition(budget_index, slug="bo-inne")
    assert team.post(f"/admin/glosowanie/{other.pk}/weryfikacja/", data).status_code == 404
    assert team.post(url, {"ballot": "x"}).status_code == 404
    pending.refresh_from_db()
    assert pending.verification == "do-weryfikacji"


def test_paper_ballots_only_from_the_start_of_voting(team, budget_index):
    early = voting.voting_edition(budget_index, days_into_voting=-2, slug="bo-przed")
    pool = budget.city_pool(early)
    project = voting.on_ballot(early, pool, "Ławki", 1000)
    url = f"/admin/glosowanie/{early.pk}/karta-papierowa/"
    assert "od rozpoczęcia głosowania" in team.get(url).content.decode()
    response = team.post(url, paper_data(pool, [project]), follow=False)
    assert response.status_code == 409
    assert not Ballot.objects.exists()


def test_paper_ballots_within_the_grace_after_voting(team, budget_index):
    ended = voting.voting_edition(budget_index, days_into_voting=12, slug="bo-po")
    city = budget.city_pool(ended)
    projects = [voting.on_ballot(ended, city, title, 1000) for title in ("Ławki", "Rowery")]
    voting.rules(ended, paper_entry_days=3)  # voting ended two days ago: still typed in
    url = f"/admin/glosowanie/{ended.pk}/karta-papierowa/"
    assert team.post(url, paper_data(city, projects[:1])).status_code == 302
    voting.close_voting(ended, minutes_ago=60 * 24 * 4)  # four days ago: too late
    response = team.post(url, paper_data(city, projects[1:2], pesel=voting.pesel(date(1970, 1, 1))))
    assert response.status_code == 409
    assert "Termin wpisywania kart papierowych minął" in response.content.decode()
    assert Ballot.objects.count() == 1


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
