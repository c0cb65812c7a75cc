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

from ..i18n import say
from ..names import FRENCH_AUTHORITY
from .scale import unit
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
    me = kg.resolve(name, FRENCH_AUTHORITY)
    french = p.of_kind("FrenchAuthority")
    if p.is_placeholder(me):
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = say("empty.placeholder", lang, who=p.label(me, lang))
        return frame
    if me not in p.row or p.matrix[p.row[me]].nnz == 0 or french == [me]:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = say("empty.nothing_to_match", lang, who=p.label(me, lang))
        return frame
    found = best_per_row(p, [me], french, top)[0]
    if not found:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = say("empty.no_peer", lang, who=p.label(me, lang))
        return frame
    rows = [
        {
            "id": french[j],
            "label": p.label(french[j], lang),
            "score": round(unit(s, p.weights.scale_peers), 4),
            "reasons": pair_reasons(p, me, french[j], lang),
        }
        for j, s in found
    ]
    # What nearly everyone shares (the meeting all attended) is no reason to meet: a pair
    # with nothing else is not suggested.
    rows = [r for r in rows if r["reasons"]]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.empty:
        frame.attrs["empty"] = say("empty.only_common", lang, who=p.label(me, lang))
    return frame


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
            rank = 0
            for j, s in found:
                b = french[j]
                said = pair_reasons(p, a, b, lang) if reasons else []
                if reasons and not said:
                    continue  # only what nearly everyone shares: no reason to meet
                rank += 1
                rows.append(
                    {
                        "source_id": a,
                        "source": p.label(a, lang),
                        "rank": rank,
                        "target_id": b,
                        "target": p.label(b, lang),
                        "score": round(unit(s, p.weights.scale_peers), 4),
                        "reasons": said,
                    }
                )
        return rows

    # Each core ranks and explains a share of the authorities (the sentences are the slow part).
    return pd.DataFrame(spread(rows_of, french), columns=ALL_COLUMNS)
