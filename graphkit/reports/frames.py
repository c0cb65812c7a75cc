"""The graph's facts as pandas DataFrames, for analysts' notebooks: who does what where, the
partnerships with their years and status, and themes counted per country or per authority.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> sorted(who_does_what(kg).query("actor_id == 'fr-nanterre' and relation == 'partnership'").status)
['active', 'stand-by']
>>> int(themes_by(kg, "country").loc["Argentine", "Ville intelligente"])
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from graphkit.reports.facts import gather

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

WHO_COLUMNS = [
    "fact_id",
    "relation",
    "actor_id",
    "actor",
    "actor_kind",
    "with",
    "countries",
    "themes",
    "status",
    "start_year",
    "end_year",
    "source_row",
    "reading",
]


def who_does_what(kg: Graph, lang: str = "fr") -> pd.DataFrame:
    """One row per (fact, actor): partnerships (one row per party), interests, expertise,
    memberships and participations, with labels in ``lang``; lists for several values."""
    f = gather(kg, lang)
    rows = []
    for x in f.facts:
        countries = sorted(f.fact_countries(x), key=f.sort_key)
        for actor in x.actors:
            others = [a for a in x.actors if a != actor] + ([x.target] if x.target else [])
            rows.append(
                {
                    "fact_id": x.id,
                    "relation": x.kind,
                    "actor_id": actor,
                    "actor": f.label(actor),
                    "actor_kind": f.kind.get(actor, ""),
                    "with": f.labels_of(others),
                    "countries": f.labels_of(countries),
                    "themes": f.labels_of(x.themes),
                    "status": x.status,
                    "start_year": int(x.start) if x.start else None,
                    "end_year": int(x.end) if x.end else None,
                    "source_row": x.row,
                    "reading": x.reading,
                }
            )
    frame = pd.DataFrame(rows, columns=WHO_COLUMNS)
    return frame.astype({"start_year": "Int64", "end_year": "Int64"})


def partnerships(kg: Graph, lang: str = "fr") -> pd.DataFrame:
    """One row per partnership: label, kind, parties, countries, themes, years, status."""
    f = gather(kg, lang)
    rows = [
        {
            "id": x.id,
            "label": f.label(x.id),
            "kind": f.label(x.detail) if x.detail else "",
            "parties": f.labels_of(x.actors),
            "countries": f.labels_of(sorted(f.fact_countries(x), key=f.sort_key)),
            "themes": f.labels_of(x.themes),
            "status": x.status,
            "start_year": int(x.start) if x.start else None,
            "end_year": int(x.end) if x.end else None,
        }
        for x in f.facts
        if x.kind == "partnership"
    ]
    frame = pd.DataFrame(rows)
    return frame.astype({"start_year": "Int64", "end_year": "Int64"}).sort_values(
        ["start_year", "id"], na_position="last", ignore_index=True
    )


def themes_by(kg: Graph, by: str = "country", lang: str = "fr") -> pd.DataFrame:
    """How many facts (partnerships, interests, expertise) put each theme with each country
    (``by="country"``: where the fact takes place) or each French authority
    (``by="authority"``). Rows: countries or authorities; columns: themes."""
    if by not in ("country", "authority"):
        raise ValueError("by is 'country' or 'authority'")
    f = gather(kg, lang)
    pairs = []
    for x in f.facts:
        if x.kind not in ("partnership", "interest", "expertise") or not x.themes:
            continue
        if by == "country":
            keys = [c for c in f.fact_countries(x) if c not in f.home]
        else:
            keys = [a for a in x.actors if f.kind.get(a) == "FrenchAuthority"]
        pairs += [(f.label(k), f.label(th)) for k in keys for th in x.themes]
    frame = pd.DataFrame(pairs, columns=[by, "theme"])
    return pd.crosstab(frame[by], frame["theme"])
