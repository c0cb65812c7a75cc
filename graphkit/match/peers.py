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

from graphkit.graph.names import FRENCH_AUTHORITY
from graphkit.match.many_reasons import many_reasons, read_cells
from graphkit.match.scale import unit
from graphkit.match.scoring import best_per_row, pair_reasons, projection
from graphkit.match.spread import spread
from graphkit.match.weights import Weights
from graphkit.text.i18n import say

__all__ = ["peers", "peers_all"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["id", "label", "score", "reasons"]
ALL_COLUMNS = ["source_id", "source", "rank", "target_id", "target", "score", "reasons"]


def peers(
    kg: Graph,
    name: str,
    top: int = 10,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """The French authorities most like ``name``.

    For authorities a and b with feature strengths s_a(f), s_b(f) (each fact's status weight,
    ``Weights.status``; a theme also counts, times ``hierarchy_decay``, for its broader
    themes), kind weights w_k (``theme``, ``country``, ``region``, ``group``, ``network``,
    ``event``) and rarity idf(f) = log(1 + N / n_f)::

        r(a, b) = Σ_f  w_kind(f) · idf(f) · s_a(f) · s_b(f)      (features both hold)
        score = 1 − 2^(−r / scale_peers)                         (:mod:`.scale`)

    Features nearly every authority holds give no reason and are left out; so are ``name``
    itself and the authorities it is already linked to.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    name : str
        A French authority, by id or label (case and accents ignored).
    top : int
        How many rows.
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        ``id``, ``label``, ``score`` (0–1) and ``reasons`` (one sentence per shared fact),
        best first; empty for an authority with nothing to match on.

    Examples
    --------
    >>> import graphkit
    >>> peers(graphkit.from_tables("data"), "bordeaux").iloc[0]["id"]
    'fr-aude'
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
    kg: Graph,
    top: int = 10,
    weights: Weights | None = None,
    lang: str = "fr",
    reasons: bool = True,
) -> pd.DataFrame:
    """The ``top`` peers of every French authority at once: one row per (authority, peer).

    The same score as :func:`peers`, ``1 − 2^(−r(a, b) / scale_peers)``, and the same
    exclusions, from one blocked sparse product rather than one query per authority.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    top : int
        How many rows. (per authority)
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).
    reasons : bool
        False skips the sentences (the slow part) and keeps pairs with no reason.

    Returns
    -------
    pandas.DataFrame
        ``source_id``, ``source``, ``rank``, ``target_id``, ``target``, ``score`` (0–1),
        ``reasons``.

    Examples
    --------
    >>> import graphkit
    >>> frame = peers_all(graphkit.from_tables("data"), top=1, reasons=False)
    >>> frame.set_index("source_id").loc["fr-bouguenais", "target_id"]
    'fr-fougeres'
    """
    p = projection(kg, weights)
    french = p.of_kind("FrenchAuthority")

    def rows_of(sources: list[str]) -> list[tuple]:
        found = best_per_row(p, sources, french, top)
        pairs = [(a, french[j]) for a, row in zip(sources, found, strict=True) for j, _ in row]
        said = iter(many_reasons(p, pairs, lang) if reasons else [[] for _ in pairs])
        rows = []  # tuples in ALL_COLUMNS' order: quicker to send back from a core than dicts
        scale = p.weights.scale_peers
        for a, row in zip(sources, found, strict=True):
            rank, source = 0, p.label(a, lang)
            for j, s in row:
                b, because = french[j], next(said)
                if reasons and not because:
                    continue  # only what nearly everyone shares: no reason to meet
                rank += 1
                score = round(unit(s, scale), 4)
                rows.append((a, source, rank, b, p.label(b, lang), score, because))
        return rows

    # Each core ranks and explains a share of the authorities (the sentences are the slow part).
    if reasons:
        read_cells(p)  # once, before the cores share the work
    return pd.DataFrame.from_records(spread(rows_of, french), columns=ALL_COLUMNS)
