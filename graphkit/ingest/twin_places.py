"""A twin-town list's towns and where they are: the GeoNames city a town's name (and
coordinates, when given) points to. Country names are read by
:func:`graphkit.tables.gazetteer.country_code`.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from graphkit.tables.gazetteer import OVERSEAS
from graphkit.text.fold import normalise

TOWN_TYPES = ("commune", "municipio")


RADIUS_KM = 20.0  # a homonym farther than this from the given point is another town


CLEAR_LEAD = 2.0  # without coordinates, the most populous homonym needs this lead


PREFIXES = ("ville de ", "ville d ", "city of ", "ciudad de ", "cidade de ", "municipio de ")


# "Borken (Hessen)", "Milena, Sicily", "Seia Municipality": the town's name comes first.
QUALIFIER = re.compile(r"\s*(?:\(.*\)|,.*| Municipality)$")


@dataclass(frozen=True)
class Town:
    """One side of a listed pair, as the list writes it."""

    name: str
    country: str
    lat: float | None = None
    lng: float | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


@cache
def city_index() -> dict[str, tuple[int, ...]]:
    """GeoNames ids of the cities by each of their names in Latin script, normalised."""
    from graphkit.tables.gazetteer import gazetteer_cities

    index: dict[str, set[int]] = defaultdict(set)
    for record in gazetteer_cities().values():
        for name in (record["name"], *record["alternatenames"]):
            if not name or name[0] >= "\u0250":
                continue
            key = normalise(name)
            if key:
                index[key].add(record["geonameid"])
    return {key: tuple(sorted(ids)) for key, ids in index.items()}


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in km.

    >>> round(distance_km(51.0378, 2.3764, 51.0344, 2.3768), 1)
    0.4
    """
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lng2 - lng1)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def find_city(town: Town, code: str) -> tuple[dict | None, str]:
    """The one GeoNames city that ``town`` names in country ``code``, or None and why.

    Given coordinates pick the nearest homonym within ``RADIUS_KM``; without them the
    most populous homonym is taken only when it is ``CLEAR_LEAD`` times the next one.

    >>> find_city(Town("Dunkirk", "France", 51.04, 2.38), "FR")[0]["geonameid"]
    3020686
    >>> find_city(Town("Springfield", "United States"), "US")[1][:42]
    "ambiguous: 31 towns called 'Springfield' i"
    """
    from graphkit.tables.gazetteer import city_record as city

    codes = {code, *OVERSEAS} if code == "FR" else {code}
    found = [city(i) for i in city_index().get(normalise(town.name), ())]
    found = [c for c in found if c["countrycode"] in codes]
    if not found:
        return None, f"not in gazetteer: no town called '{town.name}' in {code}"
    if town.lat is not None and town.lng is not None:
        far = min(
            (distance_km(town.lat, town.lng, c["latitude"], c["longitude"]), c["geonameid"])
            for c in found
        )
        nearest = next(c for c in found if c["geonameid"] == far[1])
        if far[0] <= RADIUS_KM:
            return nearest, ""
        return None, (
            f"not in gazetteer: no town called '{town.name}' in {code} within {RADIUS_KM:.0f} "
            f"km of the given point (nearest: {nearest['name']}, {far[0]:.0f} km)"
        )
    found.sort(key=lambda c: (-c["population"], c["geonameid"]))
    if len(found) == 1 or found[0]["population"] >= CLEAR_LEAD * found[1]["population"]:
        return found[0], ""
    listed = ", ".join(f"{c['name']} {c['admin1code']} pop. {c['population']}" for c in found[:3])
    return None, (
        f"ambiguous: {len(found)} towns called '{town.name}' in {code}, none twice as "
        f"populous as the others, and no coordinates ({listed})"
    )
