"""Reading a twin-town list: the formats graphkit knows (Wikidata's TSV, the Wikipedia
scrape's CSV) and their rows as town pairs.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

from graphkit.ingest.twin_places import Town
from graphkit.tables.gazetteer import country_code
from graphkit.text.fold import normalise


@dataclass(frozen=True)
class ListFormat:
    """A known twin-town list: how to recognise it, read its two sides, and cite it."""

    name: str
    delimiter: str
    header: tuple[str, ...]  # columns that identify it
    sides: tuple[tuple[str, str, str, str], ...]  # (name, country, lat, lng) columns per side
    source: dict[str, str]  # its row in sources.csv


FORMATS = (
    ListFormat(
        "wikidata",
        "\t",
        ("origincityLabel", "sistercityLabel", "destination_countryLabel"),
        (
            ("origincityLabel", "origincountry", "originlat", "originlong"),
            ("sistercityLabel", "destination_countryLabel", "destinationlat", "destinationlong"),
        ),
        {
            "id": "dataset-wikidata-jumelages-france",
            "title": "Wikidata — villes de France et leurs jumelages (propriété P190), "
            "extraction SPARQL publiée avec la leçon du Programming Historian « Visualizing "
            "Urban and Demographic Data in R with ggplot2 » (dépôt rogorido/sistercities, "
            "fichier sparql/data/france.tsv)",
            "kind": "dataset",
            "path_or_url": "https://github.com/rogorido/sistercities/blob/HEAD/sparql/data/france.tsv",
            "licence": "CC0 1.0 (contenu de Wikidata)",
        },
    ),
    ListFormat(
        "world",
        ",",
        ("city1", "country1", "city2", "country2"),
        (("city1", "country1", "lat1", "lng1"), ("city2", "country2", "lat2", "lng2")),
        {
            "id": "dataset-wikipedia-twin-cities-world",
            "title": "Villes jumelles du monde tirées des listes de Wikipedia « List of twin "
            "towns and sister cities in … », géocodées (dépôt Hekman/twincities, fichier "
            "app/public/twin_cities.csv)",
            "kind": "dataset",
            "path_or_url": "https://github.com/Hekman/twincities/blob/HEAD/app/public/twin_cities.csv",
            "licence": "MIT (dépôt) ; paires tirées de Wikipedia",
        },
    ),
)


@dataclass(frozen=True)
class Listing:
    """A list read: its file and format, how many rows it had, its pairs (each once)."""

    path: Path
    format: ListFormat
    rows_read: int
    pairs: list[tuple[int, Town, Town]]  # (row of its first listing, header = row 1; towns)


def _float(text: str | None) -> float | None:
    try:
        value = float(text or "")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def read_list(path: str | Path) -> Listing:
    """Read a twin-town list, recognising its format by its header; each pair once.

    A pair listed again, from either side, keeps the row where it is first listed.

    >>> import pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "t.csv"
    >>> _ = p.write_text("city1,country1,lat1,lng1,city2,country2,lat2,lng2\\n"
    ...     "Rio de Janeiro,Brazil,-22.9,-43.2,Montpellier,France,43.6,3.9\\n"
    ...     "Montpellier,France,43.6,3.9,Rio de Janeiro,Brazil,-22.9,-43.2\\n")
    >>> listing = read_list(p)
    >>> listing.format.name, listing.rows_read, [(r, str(a)) for r, a, _ in listing.pairs]
    ('world', 2, [(2, 'Rio de Janeiro (Brazil)')])
    """
    path = Path(path)
    text = path.read_bytes().decode("utf-8-sig")
    first = text.split("\n", 1)[0]
    fmt = next(
        (f for f in FORMATS if set(f.header) <= {c.strip() for c in first.split(f.delimiter)}),
        None,
    )
    if fmt is None:
        expected = " or ".join(f"{', '.join(f.header)} ({f.name})" for f in FORMATS)
        raise ValueError(f"{path.name}: unknown list; expected a header with {expected}")
    quoting = csv.QUOTE_NONE if fmt.delimiter == "\t" else csv.QUOTE_MINIMAL
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=fmt.delimiter, quoting=quoting)
    pairs, seen, rows_read = [], set(), 0
    for number, raw in enumerate(reader, start=2):
        rows_read += 1
        towns = [
            Town(
                (raw.get(n) or "").strip(),
                (raw.get(c) or "").strip(),
                _float(raw.get(la)),
                _float(raw.get(lo)),
            )
            for n, c, la, lo in fmt.sides
        ]
        key = frozenset((normalise(t.name), country_code(t.country) or t.country) for t in towns)
        if key not in seen:
            seen.add(key)
            pairs.append((number, *towns))
    return Listing(path, fmt, rows_read, pairs)
