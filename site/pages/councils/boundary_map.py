"""A simple outline of an osiedle drawn from its GeoJSON, as SVG path data.

Computed once when the page is saved (OsiedlePage.clean), never on a request: the
polygons (Polygon or MultiPolygon, holes included) are projected (longitude shortened by
the cosine of the middle latitude, so the shape is not stretched at 50° N), scaled into
a square of SIZE units with a margin, and simplified (Douglas-Peucker, to about a unit)
so a boundary surveyed to the metre does not make a page of megabytes. The outline is
decorative: the boundaries in words stay the page's text.
"""

import math

SIZE = 400
MARGIN = 10
TOLERANCE = 0.75  # units of the SIZE square; about a pixel at the size shown


def polygons(data) -> list:
    """Every polygon (a list of rings of [lon, lat]) of validated GeoJSON DATA
    (geojson.validate): a geometry, a Feature or a FeatureCollection."""
    kind = data.get("type")
    if kind == "FeatureCollection":
        return [p for feature in data["features"] for p in polygons(feature["geometry"])]
    if kind == "Feature":
        return polygons(data["geometry"])
    if kind == "Polygon":
        return [data["coordinates"]]
    return list(data["coordinates"])  # MultiPolygon


def _simplify(points: list, tolerance: float) -> list:
    """Douglas-Peucker, iterative (a ring of thousands of points would recurse too deep)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        length = math.hypot(x2 - x1, y2 - y1)
        farthest, distance = None, tolerance
        for index in range(first + 1, last):
            x, y = points[index]
            if length:
                d = abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length
            else:
                d = math.hypot(x - x1, y - y1)
            if d > distance:
                farthest, distance = index, d
        if farthest is not None:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def svg_path(data) -> str:
    """SVG path data of the outline in a SIZE×SIZE box ("M…Z M…Z"), '' if nothing to draw."""
    shapes = polygons(data)
    positions = [p for shape in shapes for ring in shape for p in ring]
    if not positions:
        return ""
    lats = [p[1] for p in positions]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    projected = [[[(p[0] * shrink, -p[1]) for p in ring] for ring in shape] for shape in shapes]
    xs = [x for shape in projected for ring in shape for x, _ in ring]
    ys = [y for shape in projected for ring in shape for _, y in ring]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    if not width and not height:
        return ""
    scale = (SIZE - 2 * MARGIN) / max(width, height)
    # Centred in the square.
    left = MARGIN + (SIZE - 2 * MARGIN - width * scale) / 2
    top = MARGIN + (SIZE - 2 * MARGIN - height * scale) / 2
    parts = []
    for shape in projected:
        for ring in shape:
            points = [((x - min(xs)) * scale + left, (y - min(ys)) * scale + top) for x, y in ring]
            points = _simplify(points, TOLERANCE)
            if len(points) < 4:  # a ring smaller than the tolerance: not drawn
                continue
            first, *rest = points[:-1]
            parts.append(
                f"M{first[0]:.1f} {first[1]:.1f}"
                + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest)
                + "Z"
            )
    return " ".join(parts)
