"""South-South: partners abroad, in different countries, that should be put in touch.

A pair of foreign authorities scores on what they share themselves (themes, networks such
as AL-LAs or Mercociudades, events, regions) plus, weighted by ``south_peer``, how much
their French partners are peers of one another. Cooperating with France is what makes
them partners, so it is not counted. Pairs in the same country, and pairs already linked,
are left out. Partners are those seated in ``region`` (a macro-region), by default in any
macro-region the graph records (the regions CUF works on, here Latin America).

>>> import graphkit
>>> south_south(graphkit.from_tables("data"), top=2)[["source_id", "target_id"]]
  source_id          target_id
0  ar-jujuy  br-rio-de-janeiro
1  ar-moron  br-rio-de-janeiro
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..i18n import say
from .scoring import pair_matrix, pair_reasons, projection
from .weights import Weights

if TYPE_CHECKING:
    from ..graph import KnowledgeGraph

COLUMNS = ["source_id", "source", "target_id", "target", "score", "reasons"]


def south_south(
    kg: KnowledgeGraph,
    top: int = 10,
    region: str | None = None,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """The ``top`` pairs of partners abroad to introduce, best first."""
    p = projection(kg, weights)
    where = kg.resolve(region) if region else None
    foreign = [
        a
        for a in p.of_kind("ForeignAuthority")
        if (where in p.regions_of.get(p.seat_country.get(a), ()))
        or (where is None and p.regions_of.get(p.seat_country.get(a)))
    ]
    french = p.of_kind("FrenchAuthority")
    home = {f"country:{p.seat_country[x]}" for x in french if x in p.seat_country}
    skip = frozenset(home)
    if len(foreign) < 2:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = "fewer than two partners abroad in that region"
        return frame
    own = pair_matrix(p, foreign, foreign).toarray()
    for feature in sorted(skip & set(p.col)):
        j = p.col[feature]
        held = p.matrix[[p.row[a] for a in foreign], j].toarray().ravel()
        own -= p.column_weight[j] * np.outer(held, held)
    french_scores = pair_matrix(p, french, french).toarray() if french else None
    fidx = {a: i for i, a in enumerate(french)}
    rows = []
    for i, j in combinations(range(len(foreign)), 2):
        a, b = foreign[i], foreign[j]
        ca, cb = p.seat_country.get(a), p.seat_country.get(b)
        if not ca or not cb or ca == cb or p.linked(a, b):
            continue
        score, reasons = float(own[i, j]), pair_reasons(p, a, b, lang, skip=skip)
        fa = [x for x in p.partners.get(a, {}) if x in fidx]
        fb = [x for x in p.partners.get(b, {}) if x in fidx]
        for x in sorted(set(fa) & set(fb)):
            reasons.append(say("same_french_partner", lang, name=p.label(x, lang)))
            score += p.weights.south_peer * float(french_scores[fidx[x], fidx[x]])
        best = max(
            ((float(french_scores[fidx[x], fidx[y]]), x, y) for x in fa for y in fb if x != y),
            default=(0.0, None, None),
        )
        if best[0] > 0:
            score += p.weights.south_peer * best[0]
            why = pair_reasons(p, best[1], best[2], lang, limit=1)
            text = say("french_peers", lang, a=p.label(best[1], lang), b=p.label(best[2], lang))
            reasons.append(f"{text} ({why[0]})" if why else text)
        if score <= 0 or not reasons:
            continue
        reasons.append(say("different_countries", lang, a=p.label(ca, lang), b=p.label(cb, lang)))
        rows.append(
            {
                "source_id": a,
                "source": p.label(a, lang),
                "target_id": b,
                "target": p.label(b, lang),
                "score": round(score, 4),
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["source_id"], r["target_id"]))
    return pd.DataFrame(rows[:top], columns=COLUMNS)
