"""Embassies: which embassy's regional support covers each of an authority's cooperations.

For every partnership of the authority, each country it takes place in is matched with the
French embassies whose recorded coverage holds that country, directly (score ``embassy_country``, 1) or
through a macro-region (``embassy_region``, 0.8), and with the embassies in France of
that country (``embassy_represents``, 0.5; weights in :mod:`graphkit.match.weights`). A
cooperation no embassy covers gets a row saying so (score 0).

>>> import graphkit
>>> embassy(graphkit.from_tables("data"), "aude").iloc[0]["embassy_id"]
'emb-fr-lima'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from graphkit.graph.names import AUTHORITY
from graphkit.match.scoring import projection
from graphkit.match.weights import Weights
from graphkit.model import vocab
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = ["embassy"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = [
    "partnership_id",
    "partnership",
    "country",
    "embassy_id",
    "label",
    "score",
    "reasons",
]


def embassy(kg: Graph, name: str, weights: Weights | None = None, lang: str = "fr") -> pd.DataFrame:
    """Which embassy's regional support covers each of the authority's cooperations.

    For each partnership of ``name`` and each country c it takes place in (but its own)::

        score(e) = embassy_country     if e's recorded coverage holds c
                 = embassy_region      if it holds a macro-region c is in
                 = embassy_represents  if e is c's embassy in France
                 = 0                   (a row saying no embassy covers it)

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    name : str
        An authority, by id or label.
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        One row per (cooperation, country, embassy): ``partnership_id``, ``partnership``,
        ``country``, the embassy, ``score`` and ``reasons``.

    Examples
    --------
    >>> import graphkit
    >>> embassy(graphkit.from_tables("data"), "aude").iloc[0]["embassy_id"]
    'emb-fr-lima'
    """
    p = projection(kg, weights)
    w = p.weights
    me = kg.resolve(name, AUTHORITY)
    ids = vocab.local_id
    coverage = defaultdict(set)  # territory -> French embassies covering it
    for r in kg.select("SELECT ?e ?t WHERE { ?c a gk:Coverage ; gk:embassy ?e ; gk:territory ?t }"):
        coverage[ids(r["t"])].add(ids(r["e"]))
    represents = defaultdict(set)  # country -> its embassies (in France)
    for r in kg.select("SELECT ?e ?c WHERE { ?e a gk:Embassy ; gk:represents ?c }"):
        represents[ids(r["c"])].add(ids(r["e"]))
    cooperations = defaultdict(set)
    status = {}
    for r in kg.select(
        """SELECT ?p ?c ?st WHERE { ?p a gk:Partnership ; gk:party ?me ; gk:status ?st .
             { ?p gk:country ?c } UNION { ?p gk:party ?o . ?o gk:country ?c } }""".replace(
            "?me", f"<{vocab.iri(me)}>"
        )
    ):
        cooperations[ids(r["p"])].add(ids(r["c"]))
        status[ids(r["p"])] = vocab.TABLE_VALUE.get(vocab.curie(r["st"]), "")
    home = p.seat_country.get(me)
    rows = []
    for partnership in sorted(cooperations):
        for country in sorted(cooperations[partnership] - {home}):
            found = {}
            where = grammar.place(country, p.label(country, lang), lang)
            for e in coverage.get(country, ()):
                found[e] = (w.embassy_country, say("embassy.covers", lang, place=where))
            for region in sorted(p.regions_of.get(country, ())):
                for e in coverage.get(region, ()):
                    text = say(
                        "embassy.covers_region",
                        lang,
                        region=grammar.place(region, p.label(region, lang), lang),
                        place=where,
                    )
                    found.setdefault(e, (w.embassy_region, text))
            for e in represents.get(country, ()):
                if p.seat_country.get(e) == home:
                    found.setdefault(
                        e, (w.embassy_represents, say("embassy.represents", lang, place=where))
                    )
            base = {
                "partnership_id": partnership,
                "partnership": p.label(partnership, lang),
                "country": p.label(country, lang),
            }
            if status.get(partnership) and status[partnership] != "active":
                note = say(
                    "embassy.status",
                    lang,
                    status=say(
                        f"status.{status[partnership]}", lang, otherwise=status[partnership]
                    ),
                )
            else:
                note = None
            if not found:
                rows.append(
                    {
                        **base,
                        "embassy_id": None,
                        "label": say("embassy.no_embassy", lang),
                        "score": 0.0,
                        "reasons": [say("embassy.none", lang, place=where)],
                    }
                )
            for e, (score, text) in sorted(found.items(), key=lambda x: (-x[1][0], x[0])):
                rows.append(
                    {
                        **base,
                        "embassy_id": e,
                        "label": p.label(e, lang),
                        "score": score,
                        "reasons": [text] + ([note] if note else []),
                    }
                )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    if frame.empty:
        frame.attrs["empty"] = say("empty.no_cooperation", lang, who=p.label(me, lang))
    return frame
