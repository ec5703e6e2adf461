"""A simple outline of an osiedle drawn from its GeoJSON, as SVG path data.

Computed once when the page is saved (OsiedlePage.clean), never on a request: the
polygons (Polygon or MultiPolygon, holes included) are projected (longitude shortened by
the cosine of the middle latitude, so the shape is not stretched at 50° N), scaled into
a square of SIZE units with a margin, and simplified (Douglas-Peucker, to about a unit)
so a boundary surveyed to the metre does not make a page of megabytes. The outline is
decorative: the boundaries in words stay the page's text.

The file is an editor's upload, so the work is bounded whatever it holds: points closer
than the tolerance to the previous one are dropped first (one pass), Douglas-Peucker may
look at MAX_STEPS points in all (it is quadratic on a zigzag) and keep MAX_POINTS; a
file beyond that is refused with a Polish message (TooDetailed, a GeoJSONError) rather
than drawn for minutes or stored as a path of megabytes.
"""

import math

from pages.councils.geojson import GeoJSONError

SIZE = 400
MARGIN = 10
TOLERANCE = 0.75  # units of the SIZE square; about a pixel at the size shown
MAX_STEPS = 2_000_000  # distances computed by the simplification, all rings together
MAX_POINTS = 5_000  # points of the drawn outline (a real boundary keeps a few hundred)


class TooDetailed(GeoJSONError):
    def __init__(self):
        super().__init__(
            "Granic z tego pliku nie da się narysować jako zarysu: są zbyt poszarpane, by "
            f"uprościć je do {MAX_POINTS} punktów. Uprość plik (np. w programie GIS) "
            "i dodaj go ponownie."
        )


class _Budget:
    """What the simplification may still spend (shared by every ring of the file)."""

    def __init__(self):
        self.steps = MAX_STEPS

    def spend(self, steps: int) -> None:
        self.steps -= steps
        if self.steps < 0:
            raise TooDetailed


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


def _thin(points: list, tolerance: float) -> list:
    """The points farther than TOLERANCE from the previous one kept (and the last)."""
    if len(points) < 3:
        return points
    kept = [points[0]]
    for x, y in points[1:-1]:
        last_x, last_y = kept[-1]
        if abs(x - last_x) > tolerance or abs(y - last_y) > tolerance:
            kept.append((x, y))
    kept.append(points[-1])
    return kept


def _simplify(points: list, tolerance: float, budget: _Budget | None = None) -> list:
    """Douglas-Peucker, iterative (a ring of thousands of points would recurse too deep)."""
    if len(points) < 3:
        return points
    budget = budget or _Budget()
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        budget.spend(last - first)
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
    if not math.isfinite(scale):  # a shape of a few millionths of a millimetre
        return ""
    # Centred in the square.
    left = MARGIN + (SIZE - 2 * MARGIN - width * scale) / 2
    top = MARGIN + (SIZE - 2 * MARGIN - height * scale) / 2
    parts, drawn, budget = [], 0, _Budget()
    low_x, low_y = min(xs), min(ys)
    for shape in projected:
        for ring in shape:
            points = [((x - low_x) * scale + left, (y - low_y) * scale + top) for x, y in ring]
            points = _simplify(_thin(points, TOLERANCE / 2), TOLERANCE, budget)
            if len(points) < 4:  # a ring smaller than the tolerance: not drawn
                continue
            drawn += len(points)
            if drawn > MAX_POINTS:
                raise TooDetailed
            first, *rest = points[:-1]
            parts.append(
                f"M{first[0]:.1f} {first[1]:.1f}"
                + "".join(f"L{x:.1f} {y:.1f}" for x, y in rest)
                + "Z"
            )
    return " ".join(parts)
