"""Checks an osiedle's boundary file: GeoJSON (RFC 7946) with areas only.

Read from the uploaded Wagtail document when the page is saved; a file that is not
JSON, not GeoJSON, or whose geometry is not a polygon is refused with a Polish message,
so a public page never links to a broken map file.
"""

import json

MAX_BYTES = 2 * 1024 * 1024
AREAS = {"Polygon", "MultiPolygon"}
EXTENSIONS = ("geojson", "json")


class GeoJSONError(ValueError):
    pass


def _position(value) -> bool:
    return (
        isinstance(value, list)
        and len(value) in (2, 3)
        and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in value)
        and -180 <= value[0] <= 180
        and -90 <= value[1] <= 90
    )


def _ring(ring) -> bool:
    return (
        isinstance(ring, list)
        and len(ring) >= 4
        and all(_position(p) for p in ring)
        and ring[0] == ring[-1]
    )


def _polygon(coordinates) -> bool:
    return isinstance(coordinates, list) and bool(coordinates) and all(map(_ring, coordinates))


def _geometry(geometry) -> None:
    if not isinstance(geometry, dict) or geometry.get("type") not in AREAS:
        raise GeoJSONError("Granice muszą być obszarem: geometrią Polygon albo MultiPolygon.")
    coordinates = geometry.get("coordinates")
    if geometry["type"] == "Polygon":
        valid = _polygon(coordinates)
    else:
        valid = (
            isinstance(coordinates, list) and bool(coordinates) and all(map(_polygon, coordinates))
        )
    if not valid:
        raise GeoJSONError(
            "Współrzędne granic są niepoprawne: każdy pierścień musi mieć co najmniej cztery "
            "punkty (długość, szerokość w stopniach), a ostatni punkt równy pierwszemu."
        )


def _refuse_constant(name):
    # Python's json reads NaN and Infinity, which JSON (RFC 8259) does not have.
    raise ValueError(f"{name} is not JSON")


def validate(raw: bytes) -> dict:
    """The parsed GeoJSON of RAW, or GeoJSONError saying in Polish what is wrong."""
    if len(raw) > MAX_BYTES:
        raise GeoJSONError("Plik granic jest za duży (najwyżej 2 MB).")
    try:
        data = json.loads(raw.decode("utf-8-sig"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as error:
        raise GeoJSONError("Plik granic nie jest poprawnym plikiem GeoJSON (JSON).") from error
    except RecursionError as error:
        # Thousands of nested brackets: the parser gives up before any check of ours.
        raise GeoJSONError(
            "Plik granic ma zbyt głęboko zagnieżdżone nawiasy – to nie jest plik GeoJSON."
        ) from error
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list) or not features:
            raise GeoJSONError("Plik granic nie zawiera żadnego obszaru.")
        for feature in features:
            _geometry(feature.get("geometry") if isinstance(feature, dict) else None)
    elif kind == "Feature":
        _geometry(data.get("geometry"))
    else:
        _geometry(data)
    return data
