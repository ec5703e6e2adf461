"""/api/v2/budget-results/: published results only (nothing before publication, in the
list, the detail or `find`), only what the protocol shows, the API's conventions."""

import pytest

from tests.factories import voting
from tests.webhooks.helpers import SECRET, Receiver, verify
from voting.counting import count_edition
from voting.models import Ballot, PoolResult
from voting.publication import publish_results
from webhooks.models import WebhookEndpoint

pytestmark = pytest.mark.django_db

URL = "/api/v2/budget-results/"


@pytest.fixture
def counted(edition, city, projects):
    _lawki, rowery, skwer = projects
    for n in range(3):
        voting.ballot(edition, [(city, skwer, 1)], voter=n, first_name="Zenobiusz")
    voting.ballot(edition, [(city, rowery, 1)], voter=9, verification="do-weryfikacji")
    voting.close_voting(edition)
    count_edition(edition)
    return PoolResult.objects.get()


def test_nothing_before_publication(client, counted):
    listing = client.get(URL)
    assert listing.status_code == 200
    assert listing.json()["meta"]["total_count"] == 0
    assert client.get(f"{URL}{counted.pk}/").status_code == 404
    assert client.get(f"{URL}find/?id={counted.pk}").status_code == 404
    assert client.get(f"{URL}?edition={counted.pool.edition_id}").json()["items"] == []


def test_published_results_as_the_protocol(client, counted, projects, admin_user):
    publish_results(counted.pool.edition, admin_user)
    listing = client.get(URL).json()
    (item,) = listing["items"]
    assert item["pool"]["slug"] == "miasto"
    rows = {row["project"]["title"]: row for row in item["projects"]}
    assert rows["Skwer"]["votes"] == 3 and rows["Skwer"]["selected"] is True
    assert [row["rank"] for row in item["projects"]] == sorted(r["rank"] for r in rows.values())
    detail = client.get(f"{URL}{counted.pk}/?fields=*").json()
    assert detail["summary"]["valid"] == 3 and detail["summary"]["ballots"] == 4
    assert detail["summary"]["draw_seed"]
    body = client.get(f"{URL}{counted.pk}/?fields=*").content.decode()
    assert "Zenobiusz" not in body and "counted_ballots" not in body
    for ballot in Ballot.objects.all():
        assert ballot.receipt_number not in body and ballot.voter_hash not in body
    assert client.get(f"{URL}?edition={counted.pool.edition_id}").json()["meta"]["total_count"] == 1
    assert client.get(f"{URL}?edition=999999").json()["meta"]["total_count"] == 0


@pytest.mark.parametrize(
    "query",
    ["?edition=abc", "?search_operator=xor", "?nope=1", "?fields=counted_ballots"],
)
def test_bad_parameters_are_400(client, counted, admin_user, query):
    publish_results(counted.pool.edition, admin_user)
    assert client.get(f"{URL}{query}").status_code == 400


def test_unpublished_edition_page_hides_results(client, counted, admin_user):
    publish_results(counted.pool.edition, admin_user)
    counted.pool.edition.unpublish()
    assert client.get(URL).json()["meta"]["total_count"] == 0
    assert client.get(f"{URL}{counted.pk}/").status_code == 404


def test_publishing_the_results_tells_webhook_receivers_once_per_pool(
    edition, city, projects, admin_user, settings, django_capture_on_commit_callbacks
):
    """The pools' results become public by a save of the edition's voting row, not their
    own: announced by publish_results itself (webhooks.bulk); nothing before."""
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = True
    receiver = Receiver()
    try:
        WebhookEndpoint.objects.create(name="Odbiorca", url=receiver.url, secret=SECRET)
        with django_capture_on_commit_callbacks(execute=True):
            voting.ballot(edition, [(city, projects[2], 1)], voter=1, first_name="Zenobiusz")
            voting.close_voting(edition)
            count_edition(edition)
        # Counted, not published: no result is public (the edition page closing is).
        assert not [m for m in receiver.received if b"budget-results" in m["body"]]
        with django_capture_on_commit_callbacks(execute=True):
            publish_results(edition, admin_user)
    finally:
        receiver.close()
    results = [verify(m)["object"] for m in receiver.received if b"budget-results" in m["body"]]
    assert [(r["endpoint"], r["id"]) for r in results] == [
        ("budget-results", pk) for pk in PoolResult.objects.values_list("pk", flat=True)
    ]
    assert "Zenobiusz" not in b"".join(m["body"] for m in receiver.received).decode()
