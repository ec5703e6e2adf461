"""The osiedle's outline drawn from its GeoJSON when the page is saved: projected,
scaled into the square, simplified, holes and several parts kept; shown (decorative,
described by the boundaries in words) only where the file itself is public."""

import json
import re

from django.core.exceptions import ValidationError

import pytest

from accounts.sections import INTRANET, ensure_collection
from pages.councils import boundary_map, geojson, sample_content
from pages.councils.models import OsiedlePage
from tests.factories import councils
from tests.factories.search import make_document

pytestmark = pytest.mark.django_db


def _ring(left, bottom, right, top):
    return [[left, bottom], [right, bottom], [right, top], [left, top], [left, bottom]]


def _numbers(path):
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", path)]


def test_outline_fits_the_square_keeps_parts_and_holes_and_is_simplified():
    # A dense edge: 500 points on one straight line collapse to its two ends.
    dense = [[19.10 + i * 0.0002, 50.30] for i in range(501)]
    outer = [*dense, [19.20, 50.36], [19.10, 50.36], [19.10, 50.30]]
    hole = _ring(19.14, 50.32, 19.16, 50.34)
    data = {
        "type": "MultiPolygon",
        "coordinates": [[outer, hole], [_ring(19.22, 50.30, 19.24, 50.32)]],
    }
    path = boundary_map.svg_path(data)
    assert path.count("M") == 3 and path.count("Z") == 3
    numbers = _numbers(path)
    assert min(numbers) >= boundary_map.MARGIN - 0.05
    assert max(numbers) <= boundary_map.SIZE - boundary_map.MARGIN + 0.05
    assert len(numbers) < 40  # the 500 points of the straight edge are gone
    # North is up: the outer ring's first point (south-west) is low in the picture.
    first_x, first_y = numbers[:2]
    assert first_y > boundary_map.SIZE / 2 and first_x < boundary_map.SIZE / 2


def test_longitude_is_shortened_at_our_latitude():
    # 0.1° of longitude by 0.1° of latitude at 50° N is about 0.64 as wide as it is tall.
    path = boundary_map.svg_path(
        {"type": "Polygon", "coordinates": [_ring(19.1, 50.3, 19.2, 50.4)]}
    )
    xs, ys = _numbers(path)[0::2], _numbers(path)[1::2]
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx(0.64, abs=0.01)


def test_drawn_on_save_shown_decoratively_and_not_for_a_private_file(client, home_page):
    geo = {"type": "Polygon", "coordinates": [_ring(19.18, 50.32, 19.19, 50.33)]}
    page = councils.osiedle_page(
        home_page,
        councils.osiedle("Gołonóg"),
        boundaries="<p>Od ulicy Przykładowej do torów.</p>",
        boundaries_geojson=make_document("Granice", "g.geojson", json.dumps(geo).encode()),
    )
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.boundaries_map.startswith("M") and len(page.boundaries_hash) == 64
    html = client.get(page.url).content.decode()
    assert f'd="{page.boundaries_map}"' in html
    assert 'role="img"' in html and 'aria-describedby="boundaries-text"' in html
    assert "Od ulicy Przykładowej do torów." in html  # the words stay the text

    # Removed file: no outline left behind.
    page.boundaries_geojson = None
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.boundaries_map == "" and "<svg" not in client.get(page.url).content.decode()

    # A file in a private collection is not linked, so its outline is not drawn either.
    private = make_document(
        "Granice", "g.geojson", json.dumps(geo).encode(), collection=ensure_collection(INTRANET)
    )
    page.boundaries_geojson = private
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.boundaries_map
    assert page.boundaries_map not in client.get(page.url).content.decode()


def test_the_sample_osiedle_has_a_hexagon(client, home_page):
    sample_content.load()
    page = OsiedlePage.objects.get(district__name=sample_content.HEXAGON_OSIEDLE)
    assert page.boundaries_map.count("L") == 5  # six corners
    assert "zmyślony sześciokąt" in client.get(page.url).content.decode()


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"[" * 100_000, "zagnieżdżone"),
        (b'{"type": "Polygon", "coordinates": [[[NaN, 0], [1, 0], [1, 1], [NaN, 0]]]}', "JSON"),
        (
            b'{"type": "Polygon", "coordinates": [[[0, 0, Infinity], [1, 0], [1, 1], [0, 0]]]}',
            "JSON",
        ),
    ],
)
def test_hostile_files_are_refused_in_polish(raw, message):
    with pytest.raises(geojson.GeoJSONError, match=message):
        geojson.validate(raw)


def test_a_zigzag_too_jagged_to_draw_is_refused_not_drawn_for_minutes():
    # Every point far from its neighbours' line: Douglas-Peucker would be quadratic.
    ring = [[19.0 + i * 1e-5, 50.0 + (0.01 if i % 2 else 0)] for i in range(20_000)]
    data = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    with pytest.raises(boundary_map.TooDetailed, match="Uprość plik"):
        boundary_map.svg_path(data)


def test_the_page_refuses_an_outline_too_jagged_to_draw(home_page):
    ring = [[19.0 + i * 1e-5, 50.0 + (0.01 if i % 2 else 0)] for i in range(20_000)]
    raw = json.dumps({"type": "Polygon", "coordinates": [[*ring, ring[0]]]}).encode()
    page = councils.osiedle_page(home_page, councils.osiedle("Gołonóg"))
    page.boundaries_geojson = make_document("Granice", "g.geojson", raw)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "Uprość plik" in error.value.message_dict["boundaries_geojson"][0]
    page.refresh_from_db()
    assert page.boundaries_map == ""
