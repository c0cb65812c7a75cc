"""Peers: the French authorities most like a given one.

Shared themes (rarer ones weigh more, broader themes count too), countries and
macro-regions of cooperation, groups, networks and events; active facts weigh more than
stand-by ones, ended ones least. Never the authority itself, never one it is already
linked to.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> peers(kg, "bordeaux").iloc[0]["id"]
'fr-aude'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .scoring import best_per_row, pair_reasons, projection
from .spread import spread
from .weights import Weights

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

COLUMNS = ["id", "label", "score", "reasons"]
ALL_COLUMNS = ["source_id", "source", "rank", "target_id", "target", "score", "reasons"]


def peers(
    kg: KnowledgeGraph,
    name: str,
    top: int = 10,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """The ``top`` French authorities most like ``name``: one row each (id, label, score, reasons).

    An authority with nothing to match on gets an empty frame.
    """
    p = projection(kg, weights)
    me = kg.resolve(name)
    french = p.of_kind("FrenchAuthority")
    if me not in p.row or p.matrix[p.row[me]].nnz == 0 or french == [me]:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = (
            f"{p.label(me, lang)} has nothing to match on (no theme, country, group, network or event)"
        )
        return frame
    found = best_per_row(p, [me], french, top)[0]
    if not found:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = f"no other French authority shares anything with {p.label(me, lang)}"
        return frame
    rows = [
        {
            "id": french[j],
            "label": p.label(french[j], lang),
            "score": round(s, 4),
            "reasons": pair_reasons(p, me, french[j], lang),
        }
        for j, s in found
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


def peers_all(
    kg: KnowledgeGraph,
    top: int = 10,
    weights: Weights | None = None,
    lang: str = "fr",
    reasons: bool = True,
) -> pd.DataFrame:
    """The ``top`` peers of every French authority at once: one row per (authority, peer).

    The same scores and exclusions as :func:`peers`, from one blocked sparse product rather
    than one query per authority. ``reasons=False`` skips the sentences (the slow part).

    >>> import graphkit
    >>> frame = peers_all(graphkit.from_tables("data"), top=1, reasons=False)
    >>> frame.set_index("source_id").loc["fr-bouguenais", "target_id"]
    'fr-fougeres'
    """
    p = projection(kg, weights)
    french = p.of_kind("FrenchAuthority")

    def rows_of(sources: list[str]) -> list[dict]:
        rows = []
        for a, found in zip(sources, best_per_row(p, sources, french, top), strict=True):
            for rank, (j, s) in enumerate(found, start=1):
                b = french[j]
                rows.append(
                    {
                        "source_id": a,
                        "source": p.label(a, lang),
                        "rank": rank,
                        "target_id": b,
                        "target": p.label(b, lang),
                        "score": round(s, 4),
                        "reasons": pair_reasons(p, a, b, lang) if reasons else [],
                    }
                )
        return rows

    # Each core ranks and explains a share of the authorities (the sentences are the slow part).
    return pd.DataFrame(spread(rows_of, french), columns=ALL_COLUMNS)
