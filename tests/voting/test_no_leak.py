"""The no-leak matrix: before publication no count, no vote and no voter's data on any
public surface (pages, lists, feeds, API, search, exports); after it, only what the
protocol shows (counts per project, totals, reasons), never a voter."""

import pytest

from tests.factories import voting
from voting.counting import count_edition
from voting.models import Ballot, PoolResult
from voting.protocol import protocol_document
from voting.publication import publish_results

pytestmark = pytest.mark.django_db

VOTER_FIRST, VOTER_LAST, VOTER_EMAIL = "Zenobiusz", "Tajnoglosujacy", "zenobiusz@example.pl"


@pytest.fixture
def counted(edition, city, projects):
    _lawki, rowery, skwer = projects
    for n in range(3):
        voting.ballot(
            edition,
            [(city, skwer, 1)],
            voter=n,
            first_name=VOTER_FIRST,
            last_name=VOTER_LAST,
            email=VOTER_EMAIL,
        )
    voting.ballot(edition, [(city, rowery, 1)], voter=9, verification="do-weryfikacji")
    voting.close_voting(edition)
    count_edition(edition)
    return edition


def surfaces(client, edition, city, projects):
    index = edition.get_parent().url
    urls = [
        edition.url,
        index,
        f"{index}projekty/",
        f"{index}projekty/rss/",
        f"{index}projekty/geojson/",
        *(f"{index}projekty/{p.pk}/" for p in projects),
        "/api/v2/budget-projects/",
        *(f"/api/v2/budget-projects/{p.pk}/" for p in projects),
        f"/api/v2/pages/{edition.pk}/",
        "/api/v2/search/?q=Skwer",
        "/api/v2/budget-results/",
        f"/api/v2/budget-results/?edition={edition.pk}",
        "/szukaj/?q=Skwer",
    ]
    return {url: client.get(url) for url in urls}


RESULT_URLS = (
    "/budzet/wyniki/{e}/",
    "/budzet/wyniki/{e}/wyniki.csv",
    "/budzet/wyniki/{e}/wyniki.json",
    "/budzet/wyniki/{e}/miasto/protokol/",
    "/budzet/wyniki/{e}/miasto/protokol.pdf",
    "/budzet/wyniki/{e}/miasto.pb",
)


def voter_traces():
    traces = {VOTER_FIRST, VOTER_LAST, VOTER_EMAIL}
    for ballot in Ballot.objects.all():
        traces |= {ballot.receipt_number, ballot.voter_hash, ballot.voter_hash[:12]}
    return traces


def test_nothing_before_publication(client, counted, city, projects):
    for url in RESULT_URLS:
        assert client.get(url.format(e=counted.pk)).status_code == 404, url
    assert client.get("/api/v2/budget-results/").json()["items"] == []
    for result in PoolResult.objects.all():
        assert client.get(f"/api/v2/budget-results/{result.pk}/").status_code == 404
        assert client.get(f"/api/v2/budget-results/find/?id={result.pk}").status_code == 404
    traces = voter_traces() | {
        "wybrany",
        "Wynik głosowania",
        "niewybrany",
        "selected",
        '"votes"',
    }
    for url, response in surfaces(client, counted, city, projects).items():
        assert response.status_code == 200, url
        body = response.content.decode()
        found = [trace for trace in traces if trace in body]
        assert not found, (url, found)


def test_after_publication_only_the_protocol(client, counted, city, projects, admin_user):
    publish_results(counted, admin_user)
    traces = voter_traces()
    bodies = {url: client.get(url.format(e=counted.pk)) for url in RESULT_URLS}
    bodies.update(surfaces(client, counted, city, projects))
    for url, response in bodies.items():
        assert response.status_code == 200, url
        if url.endswith(".pdf"):
            assert response.content.startswith(b"%PDF")
            continue  # its text is compressed; protocol_document is tested below
        body = response.content.decode()
        assert not [trace for trace in traces if trace in body], url
    protocol = bodies["/budzet/wyniki/{e}/miasto/protokol/"].content.decode()
    assert "niezweryfikowany" in protocol  # the reason a ballot was not counted, no name
    assert "Skwer" in protocol
    data = bodies["/budzet/wyniki/{e}/wyniki.json"].json()
    assert data["karty"] == 4 and data["karty_wazne"] == 3
    (pool,) = data["pule"]
    assert {p["tytul"]: p["glosujacych"] for p in pool["projekty"]}["Skwer"] == 3
    pb = bodies["/budzet/wyniki/{e}/miasto.pb"].content.decode()
    assert pb.startswith("META\nkey;value\n")
    assert "PROJECTS\n" in pb and "VOTES\n" in pb
    votes = pb.split("VOTES\nvoter_id;vote\n")[1].splitlines()
    assert votes == [f"{n};{projects[2].pk}" for n in (1, 2, 3)]  # anonymous, Skwer
    csv_body = bodies["/budzet/wyniki/{e}/wyniki.csv"].content.decode("utf-8-sig")
    assert csv_body.splitlines()[0].startswith("pula,miejsce,projekt_id")
    project_page = bodies[f"{counted.get_parent().url}projekty/{projects[2].pk}/"]
    assert "Wybrany do realizacji" in project_page.content.decode()


def test_protocol_document_says_what_the_page_says(counted, admin_user):
    voting_row = publish_results(counted, admin_user)
    document = protocol_document(voting_row, PoolResult.objects.get())
    text = repr(document.blocks)
    assert "Skwer" in text and "niezweryfikowany" in text
    assert not [trace for trace in voter_traces() if trace in text]
