"""Country outlines to draw under the nodes of a geographic page, offline.

The outlines are Natural Earth's 1:110m Admin 0 countries (public domain), shipped with the
package as ``countries-110m.geojson`` (see ``countries-110m.LICENSE.md`` beside it): nothing
is fetched, no tiles. They are projected like the nodes (plain longitude/latitude scaled by
:data:`SCALE`, north up) and cut to the countries near the data, so a page carries only what
it draws.

>>> rings = outlines((-80, -40, 10, 50), {"FR"})
>>> any(o["id"] == "FR" and o["on"] for o in rings), any(o["id"] == "AU" for o in rings)
(True, False)
>>> project(2.35, 48.85)
(28.2, -586.2)
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

SCALE = 12.0  # canvas units per degree
SOURCE = "Natural Earth 1:110m Admin 0 — countries (public domain)"


def project(lon: float, lat: float) -> tuple[float, float]:
    """Canvas position of a longitude and latitude (equirectangular, north up)."""
    return round(lon * SCALE, 1), round(-lat * SCALE, 1)


@cache
def _countries() -> list[dict]:
    """Each country: its ISO alpha-2 code (when it has one), bounding box and rings."""
    import pycountry

    text = (resources.files("graphkit.viz") / "countries-110m.geojson").read_text("utf-8")
    out = []
    for feature in json.loads(text)["features"]:
        found = (
            pycountry.countries.get(numeric=feature.get("id") or "") if feature.get("id") else None
        )
        rings = [ring for polygon in feature["geometry"]["coordinates"] for ring in polygon]
        # A ring that runs along the antimeridian (Fiji, Chukotka) would draw a line across
        # the whole map: it is left out (none is near the data of this project).
        rings = [r for r in rings if max(p[0] for p in r) - min(p[0] for p in r) < 180]
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        out.append(
            {
                "id": found.alpha_2 if found else feature["properties"]["name"],
                "box": (min(lons), min(lats), max(lons), max(lats)),
                "rings": rings,
            }
        )
    return out


def outlines(box: tuple[float, float, float, float], highlight: set[str]) -> list[dict]:
    """The outlines of the countries that meet ``box`` (west, south, east, north, degrees):
    ``{"id", "on", "rings"}`` with each ring a flat list x0, y0, x1, y1… in canvas units;
    ``on`` is True for the countries in ``highlight`` (ISO alpha-2 codes)."""
    west, south, east, north = box
    found = []
    for c in _countries():
        w, s, e, n = c["box"]
        if e < west or w > east or n < south or s > north:
            continue
        flat = [[v for lon, lat in ring for v in project(lon, lat)] for ring in c["rings"] if ring]
        found.append({"id": c["id"], "on": c["id"] in highlight, "rings": flat})
    return found
