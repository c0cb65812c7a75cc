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

from .scoring import pair_matrix, pair_reasons, projection, top_k
from .weights import Weights

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

COLUMNS = ["id", "label", "score", "reasons"]


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
    candidates = [a for a in p.of_kind("FrenchAuthority") if a != me and not p.linked(me, a)]
    if me not in p.row or p.matrix[p.row[me]].nnz == 0 or not candidates:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = (
            f"{p.label(me, lang)} has nothing to match on (no theme, country, group, network or event)"
        )
        return frame
    scores = pair_matrix(p, [me], candidates).toarray().ravel()
    found = top_k(scores, candidates, top)
    if not found:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = f"no other French authority shares anything with {p.label(me, lang)}"
        return frame
    rows = [
        {
            "id": a,
            "label": p.label(a, lang),
            "score": round(s, 4),
            "reasons": pair_reasons(p, me, a, lang),
        }
        for a, s in found
    ]
    return pd.DataFrame(rows, columns=COLUMNS)
