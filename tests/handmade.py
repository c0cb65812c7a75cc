"""Write small data folders by hand for matcher tests: only what a test states, the rest
(source, countries, provenance columns) filled in."""

from __future__ import annotations

import csv
from pathlib import Path

from graphkit.tables import TABLES

COUNTRIES = {"FR": "France", "AR": "Argentine", "BR": "Brésil", "NI": "Nicaragua", "CL": "Chili"}


def write(folder: Path, table: str, rows: list[dict]) -> None:
    columns = [c.name for c in TABLES[table].all_columns]
    with open(folder / f"{table}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        for row in rows:
            full = {"source": "src"} if "source" in columns and table != "sources" else {}
            writer.writerow({**full, **row})


def actor(id_: str, kind: str = "french_authority", country: str = "FR", **extra) -> dict:
    return {
        "id": id_,
        "kind": kind,
        "label_fr": extra.pop("label", id_.upper()),
        "country": country,
        **extra,
    }


def make_data(
    folder: Path, actors: list[dict], regions: dict[str, list[str]] | None = None, **tables
) -> Path:
    """A data folder with the five countries, optional macro-regions {id: [ISO codes]}, and
    the given rows (tables by name: partnerships=[…], statements=[…] …)."""
    folder.mkdir(parents=True, exist_ok=True)
    write(
        folder,
        "sources",
        [{"id": "src", "title": "Test", "kind": "minutes", "path_or_url": "t.md"}],
    )
    regions = regions or {}
    places = [{"id": r, "kind": "macro_region", "label_fr": r} for r in regions]
    for code, name in COUNTRIES.items():
        within = "|".join(r for r, codes in regions.items() if code in codes)
        places.append(
            {
                "id": f"country-{code.lower()}",
                "kind": "country",
                "label_fr": name,
                "iso_code": code,
                "within": within,
            }
        )
    write(folder, "places", places)
    write(folder, "actors", actors)
    for table, rows in tables.items():
        write(folder, table, rows)
    return folder


def partnership(
    id_: str, *parties: str, status: str = "active", countries: str = "", themes: str = ""
) -> dict:
    return {
        "id": id_,
        "kind": "cooperation",
        "parties": "|".join(parties),
        "status": status,
        "countries": countries,
        "themes": themes,
    }


def statement(actor: str, theme: str = "", relation: str = "interest", territory: str = "") -> dict:
    return {"actor": actor, "relation": relation, "theme": theme, "territory": territory}
