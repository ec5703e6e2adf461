"""Osiedle pools decided by the residents' meeting's consensus: recorded by staff before
the vote (projects of that pool, within its amount), taken off the ballot, counted as
the meeting chose, and shown -- with the minutes -- only once the results are published."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Collection, CollectionViewRestriction

import pytest

from accounts import roles
from pages.budget.models import ConsensusOutcome, PoolConsensus, Stage, Status
from tests.factories import budget, voting
from tests.factories.accounts import UserFactory
from tests.factories.search import make_document
from voting.booth import booth_for
from voting.counting import count_edition
from voting.models import PoolResult, ProjectResult
from voting.publication import publish_results

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(budget_index):
    """An edition in its voting phase (voting.voting_edition)."""
    return voting.voting_edition(budget_index)


@pytest.fixture
def city(edition):
    return budget.city_pool(edition)


@pytest.fixture
def projects(edition, city):
    return [voting.on_ballot(edition, city, "Ławki", 400000)]


@pytest.fixture
def editor(client):
    client.force_login(UserFactory(username="konsensus-redaktor", groups=[roles.EDITORS]))
    return client


@pytest.fixture
def minutes():
    return make_document("Protokół zebrania Osiedla Centrum", "protokol.pdf", b"%PDF-1.4 test")


@pytest.fixture
def private_minutes():
    """Minutes as staff must keep them until the results are out: in a private collection."""
    found = make_document("Protokół zebrania (roboczy)", "protokol-r.pdf", b"%PDF-1.4 r")
    found.collection = _private_collection()
    found.save()
    return found


@pytest.fixture
def osiedla(edition):
    centrum = voting.osiedle_pool(edition, budget.osiedle("Centrum", "centrum"), amount="100000")
    gora = voting.osiedle_pool(edition, budget.osiedle("Góra", "gora"), amount="100000")
    return centrum, gora


@pytest.fixture
def centrum_projects(edition, osiedla):
    centrum, _gora = osiedla
    return [
        voting.on_ballot(edition, centrum, title, cost)
        for title, cost in (("Plac zabaw", 60000), ("Siłownia", 30000), ("Mural", 50000))
    ]


def record(pool, minutes, projects, outcome=ConsensusOutcome.REACHED, **fields):
    created = PoolConsensus.objects.create(
        pool=pool,
        outcome=outcome,
        meeting_date=fields.pop("meeting_date", date(2027, 3, 5)),
        attendance=fields.pop("attendance", 42),
        minutes=minutes,
        **fields,
    )
    created.projects.set(projects)
    return created


def form_data(pool, minutes, projects, **overrides):
    data = {
        "pool": pool.pk,
        "outcome": ConsensusOutcome.REACHED,
        "meeting_date": "2027-03-05",
        "attendance": "42",
        "minutes": minutes.pk,
        "projects": [p.pk for p in projects],
        "notes": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def before_voting(edition):
    """Move EDITION back to its appeals phase: voting begins tomorrow."""
    shift = timezone.now() + timedelta(days=1) - edition.voting_from
    for name in ("submission_from", "formal_from", "corrections_from", "merit_from"):
        setattr(edition, name, getattr(edition, name) + shift)
    for name in ("appeals_from", "voting_from", "results_from", "implementation_from"):
        setattr(edition, name, getattr(edition, name) + shift)
    edition.save_revision().publish()
    edition.refresh_from_db()
    return edition


def consensus_add_url():
    return reverse("budget_consensus:add")


def test_staff_record_a_consensus_before_the_vote(
    editor, before_voting, osiedla, centrum_projects, private_minutes
):
    centrum, _gora = osiedla
    plac, silownia, _mural = centrum_projects
    response = editor.post(
        consensus_add_url(),
        form_data(centrum, private_minutes, [plac, silownia], notes="Najpierw plac."),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    found = PoolConsensus.objects.get()
    assert set(found.projects.all()) == {plac, silownia}
    assert found.recorded_by.username == "konsensus-redaktor"
    assert found.published_at is None


def test_the_form_refuses_in_polish_and_stores_nothing(
    editor, before_voting, edition, city, osiedla, centrum_projects, private_minutes
):
    centrum, gora = osiedla
    plac, silownia, mural = centrum_projects
    elsewhere = voting.on_ballot(edition, gora, "Ławka na Górze", 10000)
    cases = [
        # A project of another pool.
        (form_data(centrum, private_minutes, [plac, elsewhere]), "nie należą do puli"),
        # 60 000 + 30 000 + 50 000 > 100 000.
        (form_data(centrum, private_minutes, [plac, silownia, mural]), "a pula ma 100 000,00 zł"),
        # A consensus names its projects; no consensus chooses none.
        (form_data(centrum, private_minutes, []), "Wskaż projekty"),
        (
            form_data(centrum, private_minutes, [plac], outcome=ConsensusOutcome.NOT_REACHED),
            "Bez konsensusu nie wybiera się projektów",
        ),
        # The city-wide pool is voted on.
        (form_data(city, private_minutes, [plac]), "Wybierz poprawną wartość"),
    ]
    for data, message in cases:
        response = editor.post(consensus_add_url(), data)
        assert response.status_code == 200
        assert message in response.content.decode(), message
    assert not PoolConsensus.objects.exists()


def test_no_consensus_is_recorded_once_the_vote_began(
    editor, osiedla, centrum_projects, private_minutes
):
    centrum, _gora = osiedla
    response = editor.post(
        consensus_add_url(), form_data(centrum, private_minutes, centrum_projects[:1])
    )
    assert response.status_code == 200
    assert "Głosowanie w tej edycji już się rozpoczęło" in response.content.decode()
    assert not PoolConsensus.objects.exists()


def test_a_pool_decided_by_consensus_is_not_on_the_ballot(
    edition, osiedla, centrum_projects, minutes
):
    centrum, _gora = osiedla
    record(centrum, minutes, centrum_projects[:2])
    booth = booth_for(edition, "centrum")
    assert booth.osiedle_pool is None  # a tampered address cannot bring it back
    assert [pool.slug for pool in booth.osiedle_pools()] == ["gora"]
    # A meeting without consensus leaves the pool to the vote.
    PoolConsensus.objects.filter(pool=centrum).update(outcome=ConsensusOutcome.NOT_REACHED)
    assert booth_for(edition, "centrum").osiedle_pool == centrum


def _private_collection():
    private = Collection.get_first_root_node().add_child(name="Protokoły przed wynikami")
    CollectionViewRestriction.objects.create(collection=private, restriction_type="login")
    return private


def test_count_publication_and_no_leak(
    client, budget_index, edition, city, projects, osiedla, centrum_projects, minutes
):
    centrum, _gora = osiedla
    plac, silownia, mural = centrum_projects
    record(centrum, minutes, [plac, silownia], notes="Plac zabaw w pierwszej kolejności.")
    voting.ballot(edition, [(city, projects[0], 1)], voter=1)
    voting.close_voting(edition)
    count_edition(edition)

    result = PoolResult.objects.get(pool=centrum)
    assert result.method == "konsensus" and result.ballots == 0
    assert result.spent == 90000
    rows = {row.project: row for row in ProjectResult.objects.filter(pool_result=result)}
    assert rows[plac].selected and rows[silownia].selected and not rows[mural].selected

    # Before publication: nothing anywhere.
    project_url = f"{budget_index.url}projekty/{plac.pk}/"
    assert client.get(f"/budzet/wyniki/{edition.pk}/").status_code == 404
    assert client.get(f"/budzet/wyniki/{edition.pk}/centrum/protokol/").status_code == 404
    page = client.get(project_url).content.decode()
    assert "konsensusu" not in page and "Protokół zebrania" not in page
    plac.refresh_from_db()
    assert plac.status == Status.ON_BALLOT
    api = client.get(f"/api/v2/budget-pools/{centrum.pk}/").json()
    assert api.get("consensus") is None

    publish_results(edition)
    plac.refresh_from_db()
    mural.refresh_from_db()
    assert (plac.status, mural.status) == (Status.SELECTED, Status.NOT_SELECTED)
    entry = plac.history.filter(stage=Stage.VOTE).get()
    assert entry.justification == (
        "Wybrany w drodze konsensusu na zebraniu mieszkańców osiedla 5 marca 2027 (42 mieszkańców)."
    )
    results = client.get(f"/budzet/wyniki/{edition.pk}/").content.decode()
    assert "Projekty wybrane w drodze konsensusu" in results
    assert minutes.url in results and "obecnych: 42" in results
    protocol = client.get(f"/budzet/wyniki/{edition.pk}/centrum/protokol/").content.decode()
    assert "wybrane w drodze konsensusu zebrania mieszkańców osiedla" in protocol
    assert "Plac zabaw w pierwszej kolejności." in protocol
    pdf = client.get(f"/budzet/wyniki/{edition.pk}/centrum/protokol.pdf")
    assert pdf.status_code == 200
    page = client.get(project_url).content.decode()
    assert "Decyzja zebrania mieszkańców osiedla" in page and minutes.url in page
    api = client.get(f"/api/v2/budget-pools/{centrum.pk}/").json()
    assert api["consensus"]["meeting_date"] == "2027-03-05"
    assert api["consensus"]["projects"] == sorted([plac.pk, silownia.pk])
    assert api["consensus"]["minutes"] == minutes.pk

    # Minutes kept in a private collection are never linked.
    minutes.collection = _private_collection()
    minutes.save()
    results = client.get(f"/budzet/wyniki/{edition.pk}/").content.decode()
    assert "Projekty wybrane w drodze konsensusu" in results and minutes.url not in results
    assert client.get(f"/api/v2/budget-pools/{centrum.pk}/").json()["consensus"]["minutes"] is None


def test_a_published_record_cannot_change(
    editor, edition, osiedla, centrum_projects, private_minutes
):
    centrum, _gora = osiedla
    found = record(centrum, private_minutes, centrum_projects[:1], published_at=timezone.now())
    response = editor.post(
        reverse("budget_consensus:edit", args=[found.pk]),
        form_data(centrum, private_minutes, centrum_projects[:1], attendance="50"),
    )
    assert "Wyniki edycji są już opublikowane" in response.content.decode()
    found.refresh_from_db()
    assert found.attendance == 42


def test_minutes_in_a_public_collection_are_refused(
    editor, before_voting, osiedla, centrum_projects, minutes
):
    """A public collection's document is served and listed to anyone: the record, hidden
    until the results, would be read through its minutes."""
    centrum, _gora = osiedla
    response = editor.post(consensus_add_url(), form_data(centrum, minutes, centrum_projects[:1]))
    assert response.status_code == 200
    assert "jest w kolekcji publicznej" in response.content.decode()
    assert not PoolConsensus.objects.exists()


def test_a_record_is_removed_only_before_the_vote(
    editor, edition, osiedla, centrum_projects, private_minutes
):
    centrum, _gora = osiedla
    found = record(centrum, private_minutes, centrum_projects[:1])
    delete_url = reverse("budget_consensus:delete", args=[found.pk])
    # Voting began: the pool was left off the ballots; removing the record would count it.
    for response in (editor.get(delete_url), editor.post(delete_url)):
        assert response.status_code == 302
    assert PoolConsensus.objects.filter(pk=found.pk).exists()
    messages = editor.get(reverse("budget_consensus:index")).content.decode()
    assert "zapisu zebrania nie można usunąć" in messages

    shift = timedelta(days=30)
    edition.voting_from += shift
    edition.results_from += shift
    edition.implementation_from += shift
    edition.save_revision().publish()
    assert editor.post(delete_url).status_code == 302
    assert not PoolConsensus.objects.filter(pk=found.pk).exists()


def test_a_meeting_without_consensus_leaves_a_plain_vote(
    client, budget_index, edition, city, projects, osiedla, minutes
):
    _centrum, gora = osiedla
    lawka = voting.on_ballot(edition, gora, "Ławka na Górze", 10000)
    record(gora, minutes, [], outcome=ConsensusOutcome.NOT_REACHED)
    voting.ballot(edition, [(city, projects[0], 1), (gora, lawka, 1)], voter=1)
    voting.close_voting(edition)
    count_edition(edition)
    publish_results(edition)

    assert PoolResult.objects.get(pool=gora).method != "konsensus"
    for path in (
        f"/budzet/wyniki/{edition.pk}/",
        f"/budzet/wyniki/{edition.pk}/gora/protokol/",
        f"{budget_index.url}projekty/{lawka.pk}/",
    ):
        page = client.get(path).content.decode()
        assert "w drodze konsensusu" not in page, path
        assert "nie było głosowania" not in page, path
    api = client.get(f"/api/v2/budget-pools/{gora.pk}/").json()
    assert api["consensus"]["outcome"] == "not_reached"
