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

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from graphkit.graph.names import MACRO_REGION
from graphkit.match.scale import unit
from graphkit.match.scoring import (
    linked_with,
    pair_reasons,
    pair_score,
    projection,
    top_positions,
    weighed_reasons,
)
from graphkit.match.weights import Weights
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = ["south_south"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["source_id", "source", "target_id", "target", "score", "reasons"]


def south_south(
    kg: Graph,
    top: int = 10,
    region: str | None = None,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """Pairs of partners abroad, in different countries, to put in touch, best first.

    For foreign authorities a and b, with r as in :func:`~graphkit.match.peers.peers`
    (cooperating with France left out) and P(a) the French partners of a::

        r_ss(a, b) = r(a, b) + south_peer · ( Σ_(x in P(a) ∩ P(b)) r(x, x)
                                              + max_(x in P(a), y in P(b), x ≠ y) r(x, y) )
        score = 1 − 2^(−r_ss / scale_south)                (:mod:`.scale`)

    Pairs in the same country and pairs already linked are left out.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    top : int
        How many rows.
    region : str, optional
        A macro-region: only partners seated in it (by default, any the graph records).
    weights : Weights, optional
        Scoring weights (:mod:`graphkit.match.weights`); the defaults if None.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        ``source_id``, ``source``, ``target_id``, ``target``, ``score`` (0–1), ``reasons``.

    Examples
    --------
    >>> import graphkit
    >>> south_south(graphkit.from_tables("data"), top=1)[["source_id", "target_id"]].values.tolist()
    [['ar-jujuy', 'br-rio-de-janeiro']]
    """
    p = projection(kg, weights)
    where = kg.resolve(region, MACRO_REGION) if region is not None else None
    foreign = [
        a
        for a in p.of_kind("ForeignAuthority")
        if (where in p.regions_of.get(p.seat_country.get(a), ()))
        or (where is None and p.regions_of.get(p.seat_country.get(a)))
    ]
    french = p.of_kind("FrenchAuthority")
    skip = frozenset(f"country:{p.seat_country[x]}" for x in french if x in p.seat_country)
    if len(foreign) < 2:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = say("empty.few_partners", lang)
        return frame
    # Scores of every pair, a block at a time, keep each partner's best; then the exact
    # score and the reasons for the few pairs that can make the list.
    candidates: dict[tuple[str, str], float] = {}
    for i, found in enumerate(_best_per_partner(p, foreign, french, skip, top)):
        for j, score in found:
            candidates[tuple(sorted((foreign[i], foreign[j])))] = score
    ranked = sorted(candidates.items(), key=lambda x: (-x[1], x[0]))
    rows = []
    for (a, b), _ in ranked:
        row = _pair(p, a, b, set(french), skip, lang)
        if row:
            rows.append(row)
        if len(rows) == top:
            break
    rows.sort(key=lambda r: (-r["score"], r["source_id"], r["target_id"]))
    return pd.DataFrame(rows, columns=COLUMNS)


def _best_per_partner(
    p, foreign: list[str], french: list[str], skip: frozenset, k: int
) -> list[list[tuple[int, float]]]:
    """For each partner abroad, its ``k`` best partners in another country, not linked.

    score(a, b) = what a and b share, home countries aside
                  + south_peer × Σ self-score of each French partner they have in common
                  + south_peer × the best peer score between a French partner of a and
                    another French partner of b.
    """
    w = p.column_weight.copy()
    w[[p.col[f] for f in skip if f in p.col]] = 0.0  # cooperating with France is a given
    xs = p.matrix[[p.row[a] for a in foreign]].tocsr()
    own_right = xs.T.tocsc()
    xs = (xs @ sparse.diags(w)).tocsr()
    fidx = {x: i for i, x in enumerate(french)}
    xf = p.matrix[[p.row[x] for x in french]].tocsr() if french else None
    # B: partner abroad × its French partners.
    b_rows, b_cols = [], []
    for i, a in enumerate(foreign):
        for x in p.partners.get(a, {}):
            if x in fidx:
                b_rows.append(i)
                b_cols.append(fidx[x])
    b = sparse.csr_matrix(
        (np.ones(len(b_rows)), (b_rows, b_cols)), shape=(len(foreign), len(french))
    )
    self_score = np.asarray(xf.multiply(xf) @ p.column_weight).ravel() if french else np.zeros(0)
    common_right = (sparse.diags(self_score) @ b.T).tocsc() if french else None
    codes: dict[str | None, int] = {}
    country = np.array([codes.setdefault(p.seat_country.get(a), len(codes)) for a in foreign])
    seated = np.array([a in p.seat_country for a in foreign])
    near = linked_with(p)
    where = {a: i for i, a in enumerate(foreign)}
    sp = p.weights.south_peer
    block = max(1, 3_000_000 // max(1, len(foreign), len(french), b.nnz))
    out = []
    for start in range(0, len(foreign), block):
        stop = min(start + block, len(foreign))
        scores = (xs[start:stop] @ own_right).toarray()
        if french and b.nnz:
            scores += sp * (b[start:stop] @ common_right).toarray()
            scores += sp * _best_french_peer(p, b[start:stop], b, xf)
        for i, row in enumerate(scores):
            a = start + i
            row[(country == country[a]) | ~seated] = 0.0
            for other in near.get(foreign[a], ()):
                if other in where:
                    row[where[other]] = 0.0
            out.append(top_positions(row, k) if seated[a] else [])
    return out


def _best_french_peer(p, b_block, b, xf) -> np.ndarray:
    """[i, j] = the best peer score between a French partner of row i and another French
    partner of column j (0 when either has none)."""
    out = np.zeros((b_block.shape[0], b.shape[0]))
    mine = np.unique(b_block.indices)
    if not len(mine):
        return out
    # Peer scores of this block's French partners with every French authority, self aside.
    f = (xf[mine] @ sparse.diags(p.column_weight) @ xf.T).toarray()
    f[np.arange(len(mine)), mine] = 0.0
    at = np.zeros(xf.shape[0], dtype=np.int64)
    at[mine] = np.arange(len(mine))
    # Best over my French partners: most partners abroad have exactly one, a plain gather.
    counts = np.diff(b_block.indptr)
    best = np.zeros((b_block.shape[0], xf.shape[0]))
    one = np.flatnonzero(counts == 1)
    best[one] = f[at[b_block.indices[b_block.indptr[one]]]]
    for i in np.flatnonzero(counts > 1):
        best[i] = f[at[b_block.indices[b_block.indptr[i] : b_block.indptr[i + 1]]]].max(axis=0)
    # Then the best over the column's French partners, the same way.
    counts = np.diff(b.indptr)
    one, many = np.flatnonzero(counts == 1), np.flatnonzero(counts > 1)
    out[:, one] = best[:, b.indices[b.indptr[one]]]
    for j in many:
        out[:, j] = best[:, b.indices[b.indptr[j] : b.indptr[j + 1]]].max(axis=1)
    return out


def _pair(p, a: str, b: str, french: set[str], skip: frozenset, lang: str) -> dict | None:
    ca, cb = p.seat_country.get(a), p.seat_country.get(b)
    score, weighed = pair_score(p, a, b), weighed_reasons(p, a, b, lang, skip=skip)
    for feature in skip & set(p.col):
        j = p.col[feature]
        score -= p.column_weight[j] * p.strength(a, feature) * p.strength(b, feature)
    fa = [x for x in p.partners.get(a, {}) if x in french]
    fb = [x for x in p.partners.get(b, {}) if x in french]
    for x in sorted(set(fa) & set(fb)):
        added = p.weights.south_peer * pair_score(p, x, x)
        weighed.append((say("same_french_partner", lang, name=p.label(x, lang)), added))
        score += added
    best = max(
        ((pair_score(p, x, y), x, y) for x in fa for y in fb if x != y), default=(0.0, None, None)
    )
    if best[0] > 0:
        score += p.weights.south_peer * best[0]
        why = pair_reasons(p, best[1], best[2], lang, limit=1)
        text = say(
            "french_peers",
            lang,
            x=p.label(best[1], lang),
            y=p.label(best[2], lang),
            a=grammar.person(p.label(a, lang), lang),
            b=grammar.person(p.label(b, lang), lang),
        )
        weighed.append((f"{text} — {why[0]}" if why else text, p.weights.south_peer * best[0]))
    if score <= 0 or not weighed:
        return None
    # Strongest first: what they share, a French partner in common, French partners alike.
    reasons = [text for text, _ in sorted(weighed, key=lambda x: -x[1])]
    # Where each is: a given of every South-South pair, so it comes last.
    reasons.append(
        say(
            "different_countries",
            lang,
            a=p.label(a, lang),
            b=p.label(b, lang),
            place_a=grammar.place(ca, p.label(ca, lang), lang),
            place_b=grammar.place(cb, p.label(cb, lang), lang),
        )
    )
    return {
        "source_id": a,
        "source": p.label(a, lang),
        "target_id": b,
        "target": p.label(b, lang),
        "score": round(unit(score, p.weights.scale_south), 4),
        "reasons": reasons,
    }
