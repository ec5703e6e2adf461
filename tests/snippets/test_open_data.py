"""/organizacje/dane.csv and dane.json: published records only, matching the directory."""

import csv
import io
import re

import pytest

from snippets import ngo_table
from tests.factories.registry import NGOFactory, area

pytestmark = pytest.mark.django_db


def directory_names(client) -> set[str]:
    names, page = set(), 1
    while True:
        response = client.get(f"/organizacje/?strona={page}")
        names |= set(re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', response.text))
        if 'rel="next"' not in response.text:
            return names
        page += 1


def test_csv_and_json_parse_and_match_the_directory(client, directory):
    for number in range(23):
        NGOFactory(name=f"Organizacja {number:02d}", areas=[area("16")])
    NGOFactory(name="Fundacja w szkicu", live=False)
    dissolved = NGOFactory(name="Stowarzyszenie Rozwiązane", is_active=False)

    response = client.get("/organizacje/dane.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == [*ngo_table.COLUMN_NAMES, "adres_w_portalu"]

    response = client.get("/organizacje/dane.json")
    assert response.status_code == 200
    payload = response.json()
    records = payload["organizacje"]
    assert payload["liczba"] == len(records) == len(rows) == 24

    names = directory_names(client)
    assert {row["nazwa"] for row in rows} == names == {record["nazwa"] for record in records}
    assert "Fundacja w szkicu" not in names

    by_name = {record["nazwa"]: record for record in records}
    csv_by_name = {row["nazwa"]: row for row in rows}
    record = by_name[dissolved.name]
    assert record["dzialajaca"] is False and csv_by_name[dissolved.name]["dzialajaca"] == "nie"
    assert record["nip"] == csv_by_name[dissolved.name]["nip"] == dissolved.nip
    assert record["obszary"] == []
    assert by_name["Organizacja 00"]["obszary"][0]["numer"] == "16"
    url = csv_by_name["Organizacja 00"]["adres_w_portalu"]
    assert url.startswith("http://testserver/organizacje/")
    assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_open_data_holds_no_person(client, directory):
    NGOFactory(name="Fundacja Jawna")
    payload = client.get("/organizacje/dane.json").json()
    assert set(payload["organizacje"][0]) == {*ngo_table.COLUMN_NAMES, "adres_w_portalu"}
    assert "osoba" not in " ".join(payload["kolumny"]).lower()


def test_open_data_query_count_is_flat(client, directory, django_assert_max_num_queries):
    for _ in range(3):
        NGOFactory(areas=[area("1"), area("2")])
    client.get("/organizacje/dane.json")
    with django_assert_max_num_queries(30) as few:
        client.get("/organizacje/dane.json")
    for _ in range(20):
        NGOFactory(areas=[area("3")])
    with django_assert_max_num_queries(len(few)):
        client.get("/organizacje/dane.csv")
    with django_assert_max_num_queries(len(few)):
        client.get("/organizacje/dane.json")
