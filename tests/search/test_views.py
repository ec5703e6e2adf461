"""/szukaj/ and /api/v2/search/: results, facets, pagination, bad input, the query log."""

from django.core.management import call_command

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.models import SearchQueryStat
from search.service import anonymise_query

pytestmark = pytest.mark.django_db


def test_the_search_page_without_a_query_shows_the_form(client, corpus):
    response = client.get("/szukaj/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="search-q">Czego szukasz?</label>' in html
    assert 'name="robots" content="noindex' in html


def test_the_search_page_lists_results_with_facets_and_marks(client, corpus):
    html = client.get("/szukaj/", {"q": "organizacje pozarzadowe"}).content.decode()
    assert "<mark>Organizacje</mark> <mark>pozarządowe</mark> w Dąbrowie Górniczej" in html
    assert 'href="?q=organizacje+pozarzadowe&amp;type=page"' in html
    assert "Strony (" in html
    assert 'aria-current="true">Wszystkie' in html
    # The search box in the header keeps the query.
    assert 'id="site-search-q" type="search" name="q" value="organizacje pozarzadowe"' in html


def test_the_search_page_filters_by_type_and_paginates(client, corpus):
    html = client.get("/szukaj/", {"q": "organizacja", "type": "page"}).content.decode()
    assert 'aria-current="true">Strony' in html
    first = client.get("/szukaj/", {"q": "organizacja"}).context["response"]
    assert first.total >= 3
    response = client.get("/szukaj/", {"q": "organizacja", "page": "2"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "page": "abc"},
        {"q": "x", "page": "-1"},
        {"q": "x", "page": "99999999999999"},
        {"q": "x", "type": "nieznany"},
        {"q": "x", "state": "<script>"},
        {"q": "\x00"},
        {"q": "a" * 5000},
        {"q": '("*:^~!&|'},
        {"q": "organizacja", "page": "500"},
    ],
)
def test_bad_parameters_never_fail_the_page(client, corpus, params):
    assert client.get("/szukaj/", params).status_code == 200


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "x", "page": "abc"}, 400),
        ({"q": "x", "page": "0"}, 400),
        ({"q": "x", "page": "51"}, 400),  # past the first 500 results
        ({"q": "x", "page": "11", "per_page": "50"}, 400),
        ({"q": "x", "page": "17", "per_page": "30"}, 200),  # starts at the 481st
        ({"q": "x", "per_page": "51"}, 400),
        ({"q": "x", "per_page": "zero"}, 400),
        ({"q": "x", "page": "²"}, 400),
        ({"q": "x", "page": "٣"}, 400),
        ({"q": "x", "type": "nieznany"}, 400),
        ({"q": "x", "state": "dowolny"}, 400),
        ({"q": "\x00\x01"}, 400),  # NUL is refused everywhere under /api/ (api.middleware)
        ({"q": "organizacja", "page": "50"}, 200),
        ({}, 200),
    ],
)
def test_the_api_answers_bad_parameters_with_400(client, corpus, params, status):
    response = client.get("/api/v2/search/", params)
    assert response.status_code == status
    if status == 400:
        assert response.json()["message"]


def test_the_api_contract(client, corpus):
    data = client.get("/api/v2/search/", {"q": "konsultacje budzet", "per_page": 5}).json()
    assert {"count", "results", "facets", "page", "num_pages", "suggestion", "promoted"} <= set(
        data
    )
    result = data["results"][0]
    assert set(result) >= {"type", "title", "url", "excerpt", "score", "date"}
    assert result["type"] == "page"
    assert result["url"].startswith("http://testserver/")
    assert data["facets"]["type"] == [{"value": "page", "label": "Strony", "count": data["count"]}]
    empty = client.get("/api/v2/search/", {"q": "organizacja", "page": 50}).json()
    assert empty["results"] == [] and empty["count"] > 0


def test_the_api_rejects_other_methods(client):
    assert client.post("/api/v2/search/", {"q": "x"}).status_code == 405


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=80), page=st.text(max_size=5))
def test_any_input_gives_an_answer_not_an_error(client, corpus, query, page):
    for url in ("/api/v2/search/", "/szukaj/", "/api/v2/search/suggest/"):
        response = client.get(url, {"q": query, "page": page})
        assert response.status_code in (200, 400)


def test_queries_are_logged_without_personal_data(client, corpus):
    client.get("/szukaj/", {"q": "  Organizacje   pozarządowe "}, REMOTE_ADDR="10.1.2.3")
    client.get("/api/v2/search/", {"q": "organizacje pozarządowe"})
    client.get("/api/v2/search/", {"q": "kosmonauta"})
    client.get("/api/v2/search/", {"q": "organizacje pozarządowe", "page": 2})  # not a new search
    stats = {s.query: s for s in SearchQueryStat.objects.all()}
    assert stats["organizacje pozarządowe"].searches == 2
    assert stats["organizacje pozarządowe"].zero_results == 0
    assert stats["kosmonauta"].zero_results == 1
    fields = {f.name for f in SearchQueryStat._meta.get_fields()}
    assert not fields & {"ip", "user", "session", "user_agent", "created_at"}


def test_personal_data_in_queries_is_masked():
    assert anonymise_query("Jan.Kowalski@Example.com wniosek") == "[e-mail] wniosek"
    assert anonymise_query("pesel 44051401359") == "pesel [pesel]"
    assert anonymise_query("krs 0000743219 nip 6292456789") == "krs 0000743219 nip 6292456789"


def test_autocomplete_api(client, corpus):
    data = client.get("/api/v2/search/suggest/", {"q": "uchwała xii"}).json()
    assert [r["title"] for r in data["results"]] == ["Uchwała nr XII/234/2026 Rady Miejskiej"]
    assert client.get("/api/v2/search/suggest/", {"q": "uchwała zzz"}).json()["results"] == []
    data = client.get("/api/v2/search/suggest/", {"q": "Centrum aktyw"}).json()
    assert [r["title"] for r in data["results"]] == ["Centrum Aktywności Obywatelskiej"]
    assert client.get("/api/v2/search/suggest/", {"q": ""}).json()["results"] == []


def test_the_management_command(corpus, capsys):
    call_command("search_index", "status")
    out = capsys.readouterr().out
    assert "Pozycji w indeksie: 7" in out
    call_command("search_index", "update")
    assert "Zaktualizowano indeks: " in capsys.readouterr().out
    call_command("search_index", "rebuild")
    assert "Zbudowano indeks od nowa: " in capsys.readouterr().out
    call_command("search_index", "update", "--type", "document")
    call_command("search_index", "prune-log", "--days", "30")


def test_the_admin_report_of_queries(client, corpus, django_user_model):
    from datetime import timedelta

    from django.utils import timezone

    from search.service import log_query

    log_query("konsultacje", 3)
    log_query("konsultacje", 3)
    log_query("kosmonauta", 0)
    log_query("dawne zapytanie", 0, day=timezone.localdate() - timedelta(days=100))
    editor = django_user_model.objects.create_superuser("r", "r@dg.pl", "haslo-testowe-123")
    client.force_login(editor)
    html = client.get("/admin/reports/wyszukiwane-frazy/").content.decode()
    assert "<td>konsultacje</td>\n            <td>2</td>" in html
    assert "dawne zapytanie" not in html
    zero = client.get("/admin/reports/wyszukiwane-frazy/", {"zero": "1", "period": "365"})
    html = zero.content.decode()
    assert "kosmonauta" in html and "dawne zapytanie" in html
    assert "<td>konsultacje</td>" not in html
    assert client.get("/admin/reports/wyszukiwane-frazy/", {"period": "x"}).status_code == 200
    menu = client.get("/admin/reports/wyszukiwane-frazy/").content.decode()
    assert "Wyszukiwane frazy" in menu
    client.logout()
    assert client.get("/admin/reports/wyszukiwane-frazy/").status_code == 302
