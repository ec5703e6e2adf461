"""The councils' no-leak matrix for view restrictions: a restricted council, a restricted
or unpublished sitting, a boundary file and approved minutes' document in a private
collection are named and linked nowhere public (pages, API, search, feeds, open data,
sitemap), while their public counterparts are (the control). Each secret carries a
word found nowhere else, so a leak is a plain substring of a response."""

import json

from wagtail.models import PageViewRestriction

import pytest

from accounts.sections import INTRANET, ensure_collection
from pages.cao.models.sitting import MinutesStatus
from tests.factories import councils
from tests.factories.cao import EventIndexPageFactory, EventPageFactory
from tests.factories.documents import pdf_bytes
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db

RESTRICTED_COUNCIL = "Rada Zastrzezonanazwa"
RESTRICTED_SITTING = "Posiedzenie zamknietezebranie"
DRAFT_SITTING = "Posiedzenie szkicposiedzenia"
PRIVATE_GEOJSON = "Granice tajnegranice"
PRIVATE_MINUTES = "Protokol ukrytyprotokol"
SECRETS = (
    "zastrzezonanazwa",
    "zamknietezebranie",
    "szkicposiedzenia",
    "tajnegranice",
    "ukrytyprotokol",
)
PUBLIC_COUNCIL = "Rada Jawnaradaosiedla"
PUBLIC_SITTING = "Posiedzenie jawnezebranie"
SQUARE = {
    "type": "Polygon",
    "coordinates": [[[19.18, 50.32], [19.19, 50.32], [19.19, 50.33], [19.18, 50.32]]],
}


def _restrict(page):
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="haslo")


@pytest.fixture
def world(home_page, council_index, index_now):
    private = ensure_collection(INTRANET)
    events = EventIndexPageFactory(parent=home_page)
    with index_now():
        restricted = councils.council(council_index, RESTRICTED_COUNCIL, slug="rada-zastrzezona")
        _restrict(restricted)
        restricted.save_revision().publish()
        public = councils.council(council_index, PUBLIC_COUNCIL, slug="rada-jawna")
        reden, centrum = councils.osiedle("Reden"), councils.osiedle("Centrum")
        geojson = make_document(
            PRIVATE_GEOJSON, "granice.geojson", json.dumps(SQUARE).encode(), collection=private
        )
        hidden = councils.osiedle_page(
            home_page, reden, council=restricted, boundaries_geojson=geojson
        )
        shown = councils.osiedle_page(home_page, centrum, council=public)
        closed = EventPageFactory(parent=events, title=RESTRICTED_SITTING, council=public)
        _restrict(closed)
        closed.save_revision().publish()
        draft = EventPageFactory(parent=events, title=DRAFT_SITTING, council=public)
        draft.unpublish()
        minutes = make_document(PRIVATE_MINUTES, "protokol.pdf", pdf_bytes(), collection=private)
        open_sitting = EventPageFactory(
            parent=events,
            title=PUBLIC_SITTING,
            council=public,
            minutes_status=MinutesStatus.APPROVED,
            minutes_document=minutes,
            minutes_summary="Streszczenie jawne.",
        )
        open_sitting.save_revision().publish()
        resolutions = [
            councils.resolution(public, "1/2026", sitting=closed, districts=[reden]),
            councils.resolution(public, "2/2026", sitting=draft),
            councils.resolution(public, "3/2026", sitting=open_sitting),
        ]
    return {
        "index": council_index,
        "events": events,
        "restricted": restricted,
        "public": public,
        "hidden_osiedle": hidden,
        "shown_osiedle": shown,
        "closed": closed,
        "open_sitting": open_sitting,
        "resolutions": resolutions,
    }


def _surfaces(client, w):
    index = w["index"].url
    urls = [
        w["hidden_osiedle"].url,
        w["shown_osiedle"].url,
        w["hidden_osiedle"].get_parent().url,
        index,
        w["public"].url,
        f"{w['public'].url}uchwaly/",
        *(resolution.get_url() for resolution in w["resolutions"]),
        w["open_sitting"].url,
        f"{index}dane.csv",
        f"{index}dane.json",
        f"{w['events'].url}kalendarz/",
        "/sitemap.xml",
        "/api/v2/osiedla/?fields=*",
        f"/api/v2/osiedla/{w['hidden_osiedle'].pk}/",
        f"/api/v2/pages/{w['hidden_osiedle'].pk}/?fields=*",
        "/api/v2/councils/",
        "/api/v2/council-sittings/?fields=*",
        f"/api/v2/council-sittings/{w['open_sitting'].pk}/",
        "/api/v2/council-resolutions/?fields=*",
        "/api/v2/council-members/",
        "/api/v2/documents/",
    ]
    # Words the secrets share with public content (a secret word typed in would be
    # echoed back by the search page).
    for word in ("rada", "posiedzenie", "granice", "protokol", "osiedle"):
        urls += [f"/szukaj/?q={word}", f"/api/v2/search/?q={word}"]
    return {url: client.get(url) for url in urls}


def _text(response) -> str:
    content = response.content.decode("utf-8-sig")
    try:  # JSON escapes Polish letters; compare decoded text
        return json.dumps(json.loads(content), ensure_ascii=False)
    except ValueError:
        return content


def test_nothing_restricted_is_named_or_linked_anywhere_public(client, world):
    private_urls = [
        world["restricted"].url,
        world["closed"].url,
        world["hidden_osiedle"].boundaries_geojson.url,
        world["open_sitting"].minutes_document.url,
    ]
    for url, response in _surfaces(client, world).items():
        assert response.status_code == 200, (url, response.status_code)
        text = _text(response).lower()
        for secret in SECRETS:
            assert secret not in text, (secret, url)
        for private_url in private_urls:
            assert f'href="{private_url}"' not in text, (private_url, url)


def test_the_public_counterparts_are_shown_as_a_control(client, world):
    assert "jawnezebranie" in client.get("/api/v2/search/?q=posiedzenie").content.decode()
    assert "Jawnaradaosiedla" in client.get("/api/v2/search/?q=rada").content.decode()
    osiedle = client.get(world["shown_osiedle"].url).content.decode()
    assert PUBLIC_COUNCIL in osiedle and f'href="{world["public"].url}"' in osiedle
    sitting = client.get(world["resolutions"][2].get_url()).content.decode()
    assert PUBLIC_SITTING in sitting and f'href="{world["open_sitting"].url}"' in sitting
    minutes = client.get(world["open_sitting"].url).content.decode()
    assert "Streszczenie jawne." in minutes
    api = client.get(f"/api/v2/osiedla/{world['shown_osiedle'].pk}/").json()
    assert api["council_id"] == world["public"].pk
    hidden = client.get(f"/api/v2/osiedla/{world['hidden_osiedle'].pk}/").json()
    assert hidden["council_id"] is None and hidden["boundaries_geojson_url"] is None
    # The resolution naming Reden shows on its page (its council is public).
    assert "nr 1/2026" in client.get(world["hidden_osiedle"].url).content.decode()


def test_a_public_geojson_is_linked(client, world):
    page = world["hidden_osiedle"]
    page.boundaries_geojson = make_document(
        "Granice Redenu", "granice.geojson", json.dumps(SQUARE).encode()
    )
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert f'href="{page.boundaries_geojson.url}"' in html
    api = client.get(f"/api/v2/osiedla/{page.pk}/").json()
    assert api["boundaries_geojson_url"].endswith(page.boundaries_geojson.url)
