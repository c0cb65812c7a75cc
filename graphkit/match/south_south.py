"""South-South: partners abroad, both in the South, in different countries, to put in touch.

The pairs are scored by the partner model (:mod:`.partner_model`) with the fitted
``[south_south]`` weights of ``partner_weights.toml`` — the model that protocol (b)
South–South evaluates on Wikipedia's world list (``graphkit evaluate``): how close the two
are, the country affinity of each and of its area, the partners they share and the
partners of their peers, the candidate's existing links, and what the two hold in common in
the graph (themes, networks such as AL-LAs or Mercociudades, groups), cooperating with
France aside. The South is every country outside Europe and North America (Mexico, Central
America and the Caribbean included); pairs in one country and pairs already linked are left
out.

Formula (numpydoc)::

    z(a, b) = Σ_i s_i(x_i(a, b))        (s_i non-decreasing, fitted on South–South twinnings)
    score   = 1 − 2^(−z / scale_south)   (the common 0–1 scale, :mod:`.scale`)
    contribution_i = score · s_i(x_i) / z

A pair is seen from the side that gives it the higher z (``source``); its reasons are that
side's terms, strongest first, and their contributions add up to the score.

>>> import graphkit
>>> south_south(graphkit.from_tables("data"), top=2)[["source_id", "target_id"]].shape
(2, 2)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from graphkit.graph.names import MACRO_REGION
from graphkit.match.partner_model import FEATURES, features, pair_logits, read_weights
from graphkit.match.partners import SHOWN
from graphkit.match.scoring import linked_with, pair_reasons, projection, top_positions
from graphkit.match.weights import Weights
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = ["south_south"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["source_id", "source", "target_id", "target", "score", "reasons", "contributions"]
BLOCK = 400  # askers scored at once: a block of pairs is BLOCK × the partners abroad


def _is_south(country_id: str | None) -> bool:
    from graphkit.match.twin_lists import is_south

    if not country_id or not country_id.startswith("country-"):
        return False
    return is_south(country_id.removeprefix("country-").upper())


def south_model(weights: Weights | None = None):
    """The ``[south_south]`` model of ``weights.partner_weights`` or of the shipped file."""
    path = getattr(weights, "partner_weights", None) if weights else None
    return read_weights(path)["south_south"]


def south_south(
    kg: Graph,
    top: int = 10,
    region: str | None = None,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """Pairs of partners abroad in the South, in different countries, to put in touch.

    ``z(a, b) = Σ_i s_i(x_i(a, b))`` over the terms of the partner model that have a bulk
    form (:data:`.partner_model.SOUTH_TERMS`), with the ``[south_south]`` parts fitted on
    the South–South twinnings of Wikipedia's world list; ``score = 1 − 2^(−z /
    scale_south)``; each reason's contribution is ``score · s_i(x_i) / z``.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    top : int
        How many rows.
    region : str, optional
        A macro-region: only partners seated in it (by default, every partner abroad
        seated outside Europe and North America).
    weights : Weights, optional
        Scoring weights; ``weights.partner_weights`` names a file written by ``graphkit fit``.
    lang : str
        Language of labels and reasons (``fr``, ``en``, ``es``, ``pt``).

    Returns
    -------
    pandas.DataFrame
        ``source_id``, ``source``, ``target_id``, ``target``, ``score`` (0–1), ``reasons``
        (strongest first) and ``contributions`` (same order, adding up to the score).

    Examples
    --------
    >>> import graphkit
    >>> found = south_south(graphkit.from_tables("data"), top=3)
    >>> bool((found["contributions"].map(sum) - found["score"]).abs().max() < 1e-3)
    True
    """
    from graphkit.match.partners import towns_of

    p = projection(kg, weights)
    where = kg.resolve(region, MACRO_REGION) if region is not None else None
    towns = towns_of(kg, weights)
    south = np.array(
        [
            p.kind.get(a) == "ForeignAuthority"
            and not p.is_placeholder(a)
            and (where in p.regions_of.get(c, ()) if where is not None else _is_south(c))
            for a, c in zip(towns.ids, towns.country, strict=True)
        ],
        dtype=bool,
    )
    rows = np.flatnonzero(south)
    if len(rows) < 2:
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = say("empty.few_partners", lang)
        return frame
    model = south_model(weights)
    codes = towns.country_code[rows]
    near = linked_with(p)
    at = {int(t): k for k, t in enumerate(rows)}
    best: dict[tuple[int, int], tuple[float, int]] = {}
    for start in range(0, len(rows), BLOCK):
        block = rows[start : start + BLOCK]
        z = pair_logits(towns, block, rows, model)
        z[codes[start : start + BLOCK][:, None] == codes[None, :]] = 0.0  # one country
        for k, t in enumerate(block):
            for other in near.get(towns.ids[t], ()):
                if other in towns.row and towns.row[other] in at:
                    z[k, at[towns.row[other]]] = 0.0
            for j, value in top_positions(z[k], top):
                if value <= 0:
                    continue
                a, b = int(t), int(rows[j])
                key = (min(a, b), max(a, b))
                if value > best.get(key, (0.0, -1))[0]:
                    best[key] = (float(value), a)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], towns.ids[kv[0][0]], kv[0][1]))
    out = []
    for (lo, hi), (_, a) in ranked[:top]:
        row = _row(p, towns, model, a, hi if a == lo else lo, lang)
        if row:
            out.append(row)
    frame = pd.DataFrame(out, columns=COLUMNS)
    frame.attrs["table_columns"] = COLUMNS[:-1]
    if frame.empty:
        frame.attrs["empty"] = say("empty.few_partners", lang)
    return frame


def _row(p, towns, model, a: int, b: int, lang: str) -> dict | None:
    x = features(towns, a, np.array([b]))[0]
    terms = model.terms(x[None, :])[0]
    z = float(terms.sum())
    if z <= 0:
        return None
    score = float(-np.expm1(-np.log(2) * z / p.weights.scale_south))
    parts = sorted(
        ((FEATURES[k], score * terms[k] / z) for k in np.flatnonzero(score * terms / z >= SHOWN)),
        key=lambda t: -t[1],
    )
    texts = [_sentence(p, towns, a, b, f, x[FEATURES.index(f)], lang) for f, _ in parts]
    rounded = [round(float(v), 4) for _, v in parts]
    rounded[0] = round(rounded[0] + round(score, 4) - sum(rounded), 4)
    return {
        "source_id": towns.ids[a],
        "source": p.label(towns.ids[a], lang),
        "target_id": towns.ids[b],
        "target": p.label(towns.ids[b], lang),
        "score": round(score, 4),
        "reasons": texts,
        "contributions": rounded,
    }


def _names(p, towns, found, lang: str, most: int = 3) -> str:
    return ", ".join(p.label(towns.ids[j], lang) for j in list(found)[:most])


def _sentence(p, towns, a: int, b: int, feature: str, value: float, lang: str) -> str:
    """The reason for one term of the pair's score, naming whose fact it is."""
    from graphkit.match.partner_model import distance_km

    links = towns.links
    mine = links.indices[links.indptr[a] : links.indptr[a + 1]]
    theirs = links.indices[links.indptr[b] : links.indptr[b + 1]]
    name_a = grammar.person(p.label(towns.ids[a], lang), lang)
    name_b = grammar.person(p.label(towns.ids[b], lang), lang)
    ca, cb = towns.country[a], towns.country[b]
    place_a = grammar.place(ca, p.label(ca, lang), lang)
    place_b = grammar.place(cb, p.label(cb, lang), lang)
    if feature == "near":
        km = float(distance_km(towns, a, np.array([b]))[0])
        return say(
            "pair_distance",
            lang,
            a=name_a,
            b=name_b,
            place_a=place_a,
            place_b=place_b,
            km=f"{km:,.0f}".replace(",", " "),
        )
    if feature == "size":
        return say(
            "partner_size",
            lang,
            a=f"{towns.population[a]:,.0f}".replace(",", " "),
            b=f"{towns.population[b]:,.0f}".replace(",", " "),
        )
    if feature == "own_country":
        found = [j for j in mine if towns.country[j] == cb]
        return say(
            "pair_has_partners_in",
            lang,
            who=name_a,
            place=place_b,
            names=_names(p, towns, found, lang),
        )
    if feature == "their_country":
        found = [j for j in theirs if towns.country[j] == ca]
        return say(
            "pair_has_partners_in",
            lang,
            who=name_b,
            place=place_a,
            names=_names(p, towns, found, lang),
        )
    if feature == "country_pair":
        return say(
            "pair_country_pair", lang, share=f"{100 * value:.0f}", place_a=place_a, place_b=place_b
        )
    if feature == "area_country":
        return say("pair_area_country", lang, a=name_a, place=place_b)
    if feature == "area_partner":
        area = set(towns.neighbours(a).tolist())
        found = [j for j in theirs if j in area]
        return say(
            "pair_area_partner", lang, a=name_a, b=name_b, names=_names(p, towns, found, lang)
        )
    if feature == "common_partners":
        found = sorted(set(mine.tolist()) & set(theirs.tolist()))
        return say("partner_common", lang, names=_names(p, towns, found, lang))
    if feature == "peer_partners":
        peers = set(links[mine].indices.tolist()) - {a}
        found = [j for j in theirs if j in peers]
        return say("pair_of_peers", lang, a=name_a, b=name_b, names=_names(p, towns, found, lang))
    if feature == "popularity":
        return say(
            "pair_links",
            lang,
            who=name_b,
            count=grammar.counted("partnerships", len(theirs), lang),
        )
    if feature == "shared":
        why = pair_reasons(p, towns.ids[a], towns.ids[b], lang, limit=3)
        return "; ".join(why) if why else say("partner_shared", lang)
    raise ValueError(feature)
