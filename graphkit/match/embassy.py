"""Embassies: which embassy's regional support covers each of an authority's cooperations.

For every partnership of the authority, each country it takes place in is matched with the
French embassies whose recorded coverage holds that country, directly (score 1) or through
a macro-region (0.8), and with the embassies in France of that country (0.5). A
cooperation no embassy covers gets a row saying so (score 0).

>>> import graphkit
>>> embassy(graphkit.from_tables("data"), "aude").iloc[0]["embassy_id"]
'emb-fr-lima'
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import pandas as pd

from .. import grammar, vocab
from ..i18n import say, status_word
from ..names import AUTHORITY
from .scoring import projection
from .weights import Weights

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

COLUMNS = [
    "partnership_id",
    "partnership",
    "country",
    "embassy_id",
    "label",
    "score",
    "reasons",
]


def embassy(
    kg: KnowledgeGraph, name: str, weights: Weights | None = None, lang: str = "fr"
) -> pd.DataFrame:
    """One row per (cooperation, country, embassy) of the authority ``name``."""
    p = projection(kg, weights)
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
                found[e] = (1.0, say("embassy.covers", lang, place=where))
            for region in sorted(p.regions_of.get(country, ())):
                for e in coverage.get(region, ()):
                    text = say(
                        "embassy.covers_region",
                        lang,
                        region=grammar.place(region, p.label(region, lang), lang),
                        place=where,
                    )
                    found.setdefault(e, (0.8, text))
            for e in represents.get(country, ()):
                if p.seat_country.get(e) == home:
                    found.setdefault(e, (0.5, say("embassy.represents", lang, place=where)))
            base = {
                "partnership_id": partnership,
                "partnership": p.label(partnership, lang),
                "country": p.label(country, lang),
            }
            if status.get(partnership) and status[partnership] != "active":
                note = say("embassy.status", lang, status=status_word(status[partnership], lang))
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
