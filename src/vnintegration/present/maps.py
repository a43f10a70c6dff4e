"""World maps drawn offline (the Peers and Partners pages): country outlines from the bundled TopoJSON
(data/maps/world_110m.json) as rings of (lon, lat), drawn by plotly as filled lines on plain x/y axes. A plotly `geo`
subplot would ask plotly.js for its base map from a CDN whenever a trace names locations; these need no network.
"""

from __future__ import annotations


def shapes_from_topojson(topo: dict, window: dict, layer: str = "countries") -> dict[str, list[list[tuple]]]:
    """ISO3 id -> the outer rings (lists of (lon, lat)) of the country's polygons, for the countries of LAYER
    with a point inside WINDOW. TopoJSON arcs are delta-encoded on a quantised grid (`transform`); an arc
    index ~i means arc i reversed; a ring is its arcs joined, each next arc's first point dropped."""
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * scale[0] + translate[0], 2), round(y * scale[1] + translate[1], 2)))
        arcs.append(points)

    def ring(indexes) -> list[tuple]:
        out: list[tuple] = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    (lon_lo, lon_hi), (lat_lo, lat_hi) = window["lon"], window["lat"]
    shapes: dict[str, list[list[tuple]]] = {}
    for geometry in topo["objects"][layer]["geometries"]:
        code = geometry.get("id")
        kind = geometry.get("type")
        polygons = [geometry["arcs"]] if kind == "Polygon" else geometry.get("arcs", []) if kind == "MultiPolygon" else []
        rings = [ring(polygon[0]) for polygon in polygons if polygon and polygon[0]]
        inside = [r for r in rings if any(lon_lo <= x <= lon_hi and lat_lo <= y <= lat_hi for x, y in r)]
        if code and inside:
            shapes[code] = inside
    return shapes


def path(rings: list[list[tuple]]) -> tuple[list, list]:
    """The x and y of RINGS as one plotly line, each ring closed by a gap (None)."""
    xs: list = []
    ys: list = []
    for r in rings:
        xs += [x for x, _ in r] + [None]
        ys += [y for _, y in r] + [None]
    return xs, ys
