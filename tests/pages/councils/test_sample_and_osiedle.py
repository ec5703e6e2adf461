"""Sample content (idempotent, marked), the osiedle's GeoJSON check, and nothing of an
unpublished council's register anywhere public."""

import json

from django.core.exceptions import ValidationError

import pytest

from pages.councils import geojson, sample_content
from pages.councils.models import CouncilPage, OsiedlePage, Resolution
from search.models import SearchEntry
from tests.factories import councils, initiatives
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[19.18, 50.32], [19.19, 50.32], [19.19, 50.33], [19.18, 50.32]]],
}


def test_sample_content_is_idempotent_and_marked(client, home_page):
    sample_content.load()
    counts = (CouncilPage.objects.count(), OsiedlePage.objects.count(), Resolution.objects.count())
    sample_content.load()
    assert counts == (
        CouncilPage.objects.count(),
        OsiedlePage.objects.count(),
        Resolution.objects.count(),
    )
    assert counts[0] == 5 and counts[1] == 4 and counts[2] == 2
    assert all(page.title.startswith("[PRZYKŁAD]") for page in CouncilPage.objects.all())
    for page in CouncilPage.objects.all():
        assert client.get(page.url).status_code == 200
    reden = OsiedlePage.objects.get(district__name="Reden")
    html = client.get(reden.url).content.decode()
    main = html[html.index("<main") :]
    assert "Rada Osiedla Reden" in main, main[:3000]
    assert "nr 12/" in main


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"nie json", "nie jest poprawnym plikiem GeoJSON"),
        (json.dumps({"type": "Point", "coordinates": [19.1, 50.3]}).encode(), "obszarem"),
        (
            json.dumps({"type": "Polygon", "coordinates": [[[19.1, 50.3], [19.2, 50.3]]]}).encode(),
            "co najmniej cztery",
        ),
        (json.dumps({"type": "FeatureCollection", "features": []}).encode(), "żadnego obszaru"),
    ],
)
def test_geojson_refused_with_a_polish_reason(raw, message):
    with pytest.raises(geojson.GeoJSONError, match=message):
        geojson.validate(raw)


def test_geojson_feature_collection_accepted():
    data = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": SQUARE}]}
    assert geojson.validate(json.dumps(data).encode())["type"] == "FeatureCollection"


def test_osiedle_page_checks_its_geojson_upload(client, home_page):
    district = councils.osiedle("Gołonóg")
    page = councils.osiedle_page(home_page, district)
    page.boundaries_geojson = make_document("Granice", "granice.geojson", b"{ zepsuty")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "boundaries_geojson" in error.value.message_dict
    page.boundaries_geojson = make_document(
        "Granice", "granice.geojson", json.dumps(SQUARE).encode()
    )
    page.full_clean()
    page.save_revision().publish()
    assert "Granice osiedla – plik GeoJSON" in client.get(page.url).content.decode()


def test_osiedle_page_needs_an_osiedle(home_page):
    district = councils.osiedle("Mydlice")
    district.is_osiedle = False
    district.save()
    page = OsiedlePage(title="Mydlice", slug="mydlice", district=district)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "district" in error.value.message_dict


def test_unpublished_council_register_leaks_nowhere(client, council, council_index, index_now):
    with index_now():
        councils.resolution(council, "7/2026", title="w sprawie tajnej")
    assert SearchEntry.objects.filter(kind="council_resolution").count() == 1
    with index_now():
        council.unpublish()
    assert not SearchEntry.objects.filter(kind="council_resolution").exists()
    assert client.get("/api/v2/council-resolutions/").json()["items"] == []
    assert client.get("/api/v2/councils/").json()["items"] == []
    assert "7/2026" not in client.get(f"{council_index.url}dane.csv").content.decode("utf-8-sig")
    assert client.get(f"/rady/{council.slug}/uchwaly/").status_code == 404


def test_osiedle_page_lists_its_public_local_initiatives(client, home_page):
    district = councils.osiedle("Ząbkowice")
    page = councils.osiedle_page(home_page, district)
    index = initiatives.index_page(home_page)
    rules = initiatives.rules_page(index)
    shown = initiatives.initiative(rules, title="Łąka przy stawie", district=district)
    initiatives.initiative(
        rules, title="Niepotwierdzony zamysł", district=district, confirmed=False
    )
    initiatives.initiative(rules, title="Ukryty wniosek", district=district, hidden=True)
    initiatives.initiative(rules, title="Ławki gdzie indziej")
    html = client.get(page.url).content.decode()
    assert f'href="{index.url}wnioski/{shown.pk}/">Łąka przy stawie</a>' in html
    for title in ("Niepotwierdzony", "Ukryty wniosek", "Ławki gdzie indziej", "Lena Liderska"):
        assert title not in html
    rules.unpublish()
    assert "Łąka przy stawie" not in client.get(page.url).content.decode()
