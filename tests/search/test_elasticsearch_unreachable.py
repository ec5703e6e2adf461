"""Elasticsearch configured but unreachable (a closed port): editors still publish, and
the site search answers from the database, finding what was just published."""

import socket
import time

from django.test import override_settings

import pytest

from pages.department.seed import ensure_home_page
from tests.search.conftest import add_page

pytestmark = pytest.mark.django_db


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


@pytest.fixture
def unreachable_cluster():
    url = f"http://127.0.0.1:{_closed_port()}"
    with override_settings(ELASTICSEARCH_URL=url, SEARCH_BACKEND=""):
        yield url


def test_publishing_works_and_search_answers_from_the_database(
    client, unreachable_cluster, index_now, caplog
):
    home = ensure_home_page()
    started = time.monotonic()
    with index_now():
        page = add_page(
            home,
            "Nabór do rady seniorów",
            body="Zgłoszenia kandydatów do Dąbrowskiej Rady Seniorów przyjmujemy do końca maja.",
        )
    assert time.monotonic() - started < 10  # no waiting on the dead cluster
    assert page.live
    assert client.get(page.url).status_code == 200

    response = client.get("/szukaj/", {"q": "rada seniorow"})
    assert response.status_code == 200
    assert page.url in response.content.decode()
    assert "bazie danych" in caplog.text  # the fall-back is logged for the operators

    api = client.get("/api/v2/search/", {"q": "kandydaci"})
    assert api.status_code == 200
    assert [hit["title"] for hit in api.json()["results"]] == ["Nabór do rady seniorów"]
