"""Partners: which authority abroad a French authority should partner with (and back).

The partner model (:mod:`.partner_model`) scores each candidate with additive terms —
geography, size, the country affinity of the authority and of its area, the partners of
its partners and of its peers, chains of partnerships and neighbouring towns that lead
from one to the other, the candidate's existing links, and what the two share in
the graph (themes, networks, groups) — with the weights fitted on public twin-town lists
and shipped with graphkit (``partner_weights.toml``; ``graphkit fit`` writes new ones).

Formula (numpydoc)::

    z = Σ_i s_i(x_i)    (x_i ≥ 0 the terms; s_i(x) = w_i·x + Σ_k v_ik·[x > t_ik], w, v ≥ 0 fitted)
    score = 1 − 2^(−z / scale_partners)        (the common 0–1 scale, :mod:`.scale`)
    contribution_i = score · s_i(x_i) / z       (the contributions add up to the score)

Parameters are those of :func:`partners`; it returns a DataFrame with columns ``id``,
``label``, ``country``, ``score`` (0–1), ``reasons`` (sentences, strongest first) and
``contributions`` (what each reason adds to the score, same order).

Examples
--------
>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> found = partners(kg, "chartres", country="AR")
>>> found["country"].unique().tolist()
['Argentine']
>>> bool(abs(found["contributions"].map(sum) - found["score"]).max() < 1e-3)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import sparse

from graphkit.graph.names import AUTHORITY, TERRITORY
from graphkit.match.partner_model import (
    FEATURES,
    PartnerModel,
    Towns,
    distance_km,
    features,
    local_km,
    nearest_towns,
    read_weights,
)
from graphkit.match.scoring import pair_reasons, projection
from graphkit.match.weights import Weights
from graphkit.text import grammar
from graphkit.text.i18n import say

__all__ = ["partners", "partner_model", "towns_of"]

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

COLUMNS = ["id", "label", "country", "score", "reasons", "contributions"]
SIDES = ("FrenchAuthority", "ForeignAuthority")
FAR_KM = 3000.0  # further, a distance is said as still common, no more (the *_far reasons)
SHOWN = 5e-5  # a term adding less than this (0.0000 once rounded) is no reason to show


class NotAnAuthorityError(LookupError):
    """The name given resolves to something that is neither a French nor a foreign authority."""


def _places(kg: Graph) -> dict[str, tuple[float, float, float, bool]]:
    """Actor -> (lat, lon, population, approximate) of its seat city, else of its
    country's capital (approximate)."""
    from graphkit.model import vocab

    out: dict[str, tuple[float, float, float]] = {}
    for r in kg.select(
        """SELECT ?a ?lat ?lon ?pop WHERE {
             VALUES ?type { gk:FrenchAuthority gk:ForeignAuthority }
             ?a a ?type ; gk:locatedIn ?pl . ?pl geo:lat ?lat ; geo:long ?lon .
             OPTIONAL { ?pl gk:population ?pop } }"""
    ):
        pop = float(r["pop"]) if r.get("pop") else np.nan
        out[vocab.local_id(r["a"])] = (float(r["lat"]), float(r["lon"]), pop, False)
    for r in kg.select(
        """SELECT ?a ?lat ?lon WHERE {
             VALUES ?type { gk:FrenchAuthority gk:ForeignAuthority }
             ?a a ?type ; gk:country ?c . ?c geo:lat ?lat ; geo:long ?lon }"""
    ):
        out.setdefault(vocab.local_id(r["a"]), (float(r["lat"]), float(r["lon"]), np.nan, True))
    return out


class TownParts(dict):
    """The parts of :class:`Towns` computed from a build, as plain data for the cache
    (:mod:`graphkit.graph.cache`), so that a new process reads them instead of recomputing.

    >>> parts = TownParts(ids=["a", "b"], country=np.array(["FR", "AR"], dtype=object),
    ...     lat=np.zeros(2), lon=np.zeros(2), population=np.array([1.0, np.nan]),
    ...     approximate=np.array([False, True]), links=sparse.csr_matrix(np.eye(2)),
    ...     nearest=sparse.csr_matrix((2, 2)))
    >>> back = TownParts.from_plain(*parts.to_plain())
    >>> back["ids"], list(back["country"]), back["links"].nnz, bool(back["approximate"][1])
    (['a', 'b'], ['FR', 'AR'], 2, True)
    """

    def to_plain(self) -> tuple[dict, dict[str, np.ndarray]]:
        links = sparse.csr_matrix(self["links"])
        doc = {"ids": list(self["ids"]), "country": [str(c) for c in self["country"]]}
        arrays = {
            name: np.asarray(self[name], dtype=float) for name in ("lat", "lon", "population")
        }
        arrays["approximate"] = np.asarray(self["approximate"], dtype=bool)
        arrays["links_data"] = links.data.astype(float)
        arrays["links_indices"] = links.indices.astype(np.int64)
        arrays["links_indptr"] = links.indptr.astype(np.int64)
        near = sparse.csr_matrix(self["nearest"])
        arrays["nearest_data"] = near.data.astype(float)
        arrays["nearest_indices"] = near.indices.astype(np.int64)
        arrays["nearest_indptr"] = near.indptr.astype(np.int64)
        return doc, arrays

    @classmethod
    def from_plain(cls, doc: dict, arrays) -> TownParts:
        n = len(doc["ids"])
        # The reader's arrays are read-only views of the file; Towns sets the links to 1.
        links = sparse.csr_matrix(
            (arrays["links_data"].copy(), arrays["links_indices"], arrays["links_indptr"]),
            shape=(n, n),
        )
        nearest = sparse.csr_matrix(
            (arrays["nearest_data"], arrays["nearest_indices"], arrays["nearest_indptr"]),
            shape=(n, n),
        )
        return cls(
            ids=list(doc["ids"]),
            country=np.array(doc["country"], dtype=object),
            lat=arrays["lat"],
            lon=arrays["lon"],
            population=arrays["population"],
            approximate=arrays["approximate"],
            links=links,
            nearest=nearest,
        )


def towns_of(kg: Graph, weights: Weights | None = None) -> Towns:
    """The French and foreign authorities of ``kg`` as :class:`Towns` (cached per build);
    links are their partnerships."""
    from graphkit.graph.cache import cached

    p = projection(kg, weights)

    def compute() -> TownParts:
        actors = [a for a in p.actors if p.kind[a] in SIDES]
        places = _places(kg)
        row = {a: i for i, a in enumerate(actors)}
        pairs = [
            (row[a], row[b]) for a, ps in p.partners.items() if a in row for b in ps if b in row
        ]
        i, j = np.array(pairs, dtype=int).reshape(-1, 2).T
        n = len(actors)
        unknown = (np.nan, np.nan, np.nan, True)
        point = np.array([places.get(a, unknown) for a in actors], dtype=float).reshape(-1, 4)
        # the walk's neighbours, made once per build (scipy.spatial takes long to import)
        nearest = nearest_towns(point[:, 0], point[:, 1], point[:, 3] > 0)
        return TownParts(
            ids=actors,
            country=np.array([p.seat_country.get(a) or "" for a in actors], dtype=object),
            lat=point[:, 0],
            lon=point[:, 1],
            population=point[:, 2],
            approximate=point[:, 3] > 0,
            links=sparse.csr_matrix((np.ones(len(i)), (i, j)), shape=(n, n)),
            nearest=nearest,
        )

    parts = cached(kg, f"partner towns 4 {p.weights!r}", compute, TownParts)
    towns = Towns(**parts)
    towns.shared, towns.shared_pairs = _shared_scores(p, towns)
    return towns


def _shared_scores(p, towns: Towns):
    """What two actors share in the projection, as a share of the asker's own score (0–1);
    a seat country (cooperating with France, being in Argentina) is no shared interest.
    Two functions: one asker and its candidates, and many askers at once."""
    seats = {f"country:{c}" for c in set(towns.country) if c}
    w = p.column_weight.copy()
    w[[p.col[f] for f in seats if f in p.col]] = 0.0

    def shared(i: int, cand: np.ndarray) -> np.ndarray:
        me = p.matrix[p.row[towns.ids[i]]]
        mine = me.multiply(w).tocsr()
        own = float(mine.multiply(me).sum())
        if own <= 0:
            return np.zeros(len(cand))
        rows = p.matrix[[p.row[towns.ids[c]] for c in cand]]
        return np.clip((rows @ mine.T).toarray().ravel() / own, 0.0, 1.0)

    def shared_pairs(askers: np.ndarray, cand: np.ndarray) -> np.ndarray:
        me = p.matrix[[p.row[towns.ids[i]] for i in askers]]
        mine = (me @ sparse.diags(w)).tocsr()
        own = np.asarray(mine.multiply(me).sum(axis=1)).ravel()
        rows = p.matrix[[p.row[towns.ids[c]] for c in cand]]
        both = (mine @ rows.T).toarray()
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(own[:, None] > 0, both / np.maximum(own, 1e-300)[:, None], 0.0)
        return np.clip(out, 0.0, 1.0)

    return shared, shared_pairs


def partner_model(weights: Weights | None = None) -> PartnerModel:
    """The partner model in use: the ``[partners]`` table of ``weights.partner_weights``
    (a file written by ``graphkit fit``) or the shipped one."""
    path = getattr(weights, "partner_weights", None) if weights else None
    return read_weights(path)["partners"]


def partners(
    kg: Graph,
    name: str,
    country: str | None = None,
    theme: str | None = None,
    top: int = 10,
    weights: Weights | None = None,
    lang: str = "fr",
) -> pd.DataFrame:
    """The authorities abroad ``name`` should partner with (French ones for a partner abroad).

    ``z = Σ_i s_i(x_i)`` over the terms of :mod:`.partner_model` (each part ``s_i`` a
    non-decreasing step function of its term, fitted on public twin-town lists);
    ``score = 1 − 2^(−z / scale_partners)``; each reason's contribution is
    ``score · s_i(x_i) / z``, so the contributions add up to the score.

    Parameters
    ----------
    kg : Graph
        The graph (a build, an in-memory graph or a remote endpoint).
    name : str
        A French or foreign authority, by id or label.
    country : str, optional
        Keep candidates seated in this country (ISO code or name) or macro-region.
    theme : str, optional
        Keep candidates that hold this theme or a narrower one.
    top : int
        How many rows.
    weights : Weights, optional
        ``weights.partner_weights`` names a file written by ``graphkit fit``.
    lang : str
        Language of labels and reasons.

    Returns
    -------
    pandas.DataFrame
        ``id``, ``label``, ``country``, ``score`` (0–1), ``reasons`` (strongest first) and
        ``contributions`` (same order), best first; existing partners and recorded
        introductions are never proposed.

    Examples
    --------
    >>> import graphkit
    >>> sorted(partners(graphkit.from_tables("data"), "chartres", country="AR")["id"])
    ['ar-jujuy', 'ar-moron', 'ar-santa-fe']
    """
    p = projection(kg, weights)
    me = kg.resolve(name, AUTHORITY)
    if p.kind.get(me) not in SIDES:
        raise NotAnAuthorityError(
            f"'{name}' is {p.label(me, lang)} ({me}), not a French or foreign authority"
        )
    towns = towns_of(kg, weights)
    i = towns.row[me]
    other = "ForeignAuthority" if p.kind[me] == "FrenchAuthority" else "FrenchAuthority"
    keep = np.array(
        [p.kind[a] == other and not p.linked(me, a) and a != me for a in towns.ids], dtype=bool
    )
    if country:
        where = kg.resolve(country, TERRITORY)
        keep &= np.array(
            [c == where or where in p.regions_of.get(c, ()) for c in towns.country], dtype=bool
        )
    if theme:
        from graphkit.match.experts import narrower_or_same, resolve_theme

        wanted = [f"theme:{t}" for t in narrower_or_same(p, resolve_theme(kg, theme))]
        cols = [p.col[f] for f in wanted if f in p.col]
        held = np.asarray(p.matrix[:, cols].sum(axis=1)).ravel() > 0 if cols else None
        keep &= np.array([held is not None and bool(held[p.row[a]]) for a in towns.ids], dtype=bool)
    cand = np.flatnonzero(keep)
    if not len(cand):
        frame = pd.DataFrame(columns=COLUMNS)
        frame.attrs["empty"] = say("empty.no_candidate", lang, who=p.label(me, lang))
        return frame
    model = partner_model(weights)
    x = features(towns, i, cand)
    terms_all = model.terms(x)
    z = terms_all.sum(axis=1)
    score = -np.expm1(-np.log(2) * z / p.weights.scale_partners)  # scale.unit, vectorised
    with np.errstate(invalid="ignore", divide="ignore"):
        parts = np.where(z[:, None] > 0, terms_all / z[:, None], 0.0) * score[:, None]
    order = sorted(range(len(cand)), key=lambda k: (-score[k], towns.ids[cand[k]]))[:top]
    rows = []
    for k in order:
        if score[k] <= 0:
            continue
        c = int(cand[k])
        terms = dict((FEATURES[f], float(parts[k, f])) for f in np.flatnonzero(parts[k] >= SHOWN))
        if "area_partner" in terms and "near_their_partners" in terms:
            # the nearest of its partners is then a neighbour already named: one reason
            terms["area_partner"] += terms.pop("near_their_partners")
        if "network_area" in terms:
            _one_town_chain(towns, i, c, terms)
        terms = sorted(terms.items(), key=lambda t: -t[1])
        texts = [_sentence(p, towns, i, c, f, x[k, FEATURES.index(f)], lang) for f, _ in terms]
        rows.append(
            {
                "id": towns.ids[c],
                "label": p.label(towns.ids[c], lang),
                "country": p.label(towns.country[c], lang) if towns.country[c] else "",
                "score": round(float(score[k]), 4),
                "reasons": texts,
                "contributions": _rounded(score[k], [v for _, v in terms]),
            }
        )
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs["table_columns"] = COLUMNS[:-1]  # tables keep the sentences
    if frame.empty:
        frame.attrs["empty"] = say("empty.no_partner_reason", lang, who=p.label(me, lang))
    return frame


def _one_town_chain(towns: Towns, i: int, c: int, terms: dict[str, float]) -> None:
    """A chain of one town that another reason names already is said once, by that reason:
    a neighbour of i that partners with c, or the partner of i nearest to c."""
    chain = _chain(towns, i, c, area=True)
    if len(chain) != 1:
        return
    named = [f for f in ("area_partner", "near_their_partners") if f in terms]
    if "near_partners" in terms and chain[0] == _nearest_partner(towns, i, c)[1]:
        named = ["near_partners"]
    if named:
        terms[named[0]] += terms.pop("network_area")


def _nearest_partner(towns: Towns, i: int, c: int) -> tuple[float, int]:
    """(km, row) of the partner of i nearest to c."""
    links = towns.links
    mine = links.indices[links.indptr[i] : links.indptr[i + 1]]
    return min((float(local_km(towns, int(j), np.array([c]))[0]), int(j)) for j in mine)


def _rounded(score: float, values: list[float]) -> list[float]:
    """Contributions rounded to 4 places that still add up to the rounded score."""
    out = [round(v, 4) for v in values]
    if out:
        out[0] = round(out[0] + round(float(score), 4) - sum(out), 4)
    return out


def _km(km: float) -> str:
    return f"{km:,.0f}".replace(",", " ")


def _path(p, towns: Towns, i: int, c: int, lang: str, area: bool = False) -> str:
    """The labels along a shortest chain of partnerships (and, with ``area``, of steps to a
    neighbouring town) from i to c, ends left out."""
    chain = _chain(towns, i, c, area)
    return " → ".join(p.label(towns.ids[a], lang) for a in chain) or "—"


def _chain(towns: Towns, i: int, c: int, area: bool = False) -> list[int]:
    """The towns between i and c on a shortest chain (at most 6), from i's side."""
    graph = towns.area_walk if area else towns.links
    before = towns._get(f"bfs {i} {area}", lambda: _bfs(graph, i))
    chain, at = [], before.get(c, -1)
    while at >= 0 and at != i and len(chain) < 6:
        chain.append(at)
        at = before.get(at, -1)
    return chain[::-1]


def _bfs(links, start: int) -> dict[int, int]:
    """Town -> the town before it on a shortest chain of links from ``start``."""
    before, frontier = {start: -1}, [start]
    while frontier:
        nxt = []
        for u in frontier:
            for v in links.indices[links.indptr[u] : links.indptr[u + 1]].tolist():
                if v not in before:
                    before[v] = u
                    nxt.append(v)
        frontier = nxt
    return before


def _names(p, ids, lang: str, most: int = 3) -> str:
    return ", ".join(p.label(a, lang) for a in list(ids)[:most])


def _sentence(p, towns: Towns, i: int, c: int, feature: str, value: float, lang: str) -> str:
    """The reason for one term of the score of (i, c)."""
    links = towns.links
    mine = links.indices[links.indptr[i] : links.indptr[i + 1]]
    theirs = links.indices[links.indptr[c] : links.indptr[c + 1]]
    place = p.label(towns.country[c], lang) if towns.country[c] else ""
    if feature == "near":
        km = float(distance_km(towns, i, np.array([c]))[0])
        return say("partner_distance_far" if km > FAR_KM else "partner_distance", lang, km=_km(km))
    if feature == "size":
        return say(
            "partner_size",
            lang,
            a=f"{towns.population[i]:,.0f}".replace(",", " "),
            b=f"{towns.population[c]:,.0f}".replace(",", " "),
        )
    if feature == "own_country":
        found = [towns.ids[j] for j in mine if towns.country[j] == towns.country[c]]
        return say("partner_own_country", lang, place=place, names=_names(p, found, lang))
    if feature == "area_country":
        return say("partner_area_country", lang, place=place)
    if feature == "area_partner":
        area = set(towns.neighbours(i).tolist())
        found = [towns.ids[j] for j in theirs if j in area]
        key = "partner_area_partner_one" if len(found) == 1 else "partner_area_partner"
        return say(key, lang, names=_names(p, found, lang))
    if feature == "near_partners":
        km, near = _nearest_partner(towns, i, c)
        key = "partner_near_partner_far" if km > FAR_KM else "partner_near_partner"
        return say(key, lang, name=p.label(towns.ids[near], lang), km=_km(km))
    if feature == "their_country":
        found = [towns.ids[j] for j in theirs if towns.country[j] == towns.country[i]]
        home = p.label(towns.country[i], lang) if towns.country[i] else ""
        return say("partner_their_country", lang, place=home, names=_names(p, found, lang))
    if feature == "country_pair":
        return say("partner_country_pair", lang, place=place, share=f"{100 * value:.0f}")
    if feature == "near_their_partners":
        d = [(float(local_km(towns, i, np.array([j]))[0]), towns.ids[j]) for j in theirs if j != i]
        km, near = min(d)
        return say("partner_near_their_partner", lang, name=p.label(near, lang), km=_km(km))
    if feature == "near_area_partners":
        best = (np.inf, None, None)
        for q in towns.neighbours(i):
            for j in links.indices[links.indptr[q] : links.indptr[q + 1]]:
                if j not in (i, c):
                    km = float(local_km(towns, j, np.array([c]))[0])
                    best = min(best, (km, towns.ids[j], towns.ids[q]))
        return say(
            "partner_near_area_partner",
            lang,
            km=_km(best[0]),
            name=p.label(best[1], lang),
            neighbour=p.label(best[2], lang),
        )
    if feature == "network":
        return say("partner_network", lang, path=_path(p, towns, i, c, lang))
    if feature == "network_area":
        path = _path(p, towns, i, c, lang, area=True)
        if path == "—":  # the candidate is one of the town's nearest: no town in between
            return say("partner_network_area_next", lang)
        return say("partner_network_area", lang, path=path)
    if feature == "common_partners":
        found = [towns.ids[j] for j in sorted(set(mine) & set(theirs))]
        return say("partner_common", lang, names=_names(p, found, lang))
    if feature == "peer_partners":
        peers = set(links[mine].indices.tolist()) - {i}
        found = [towns.ids[j] for j in theirs if j in peers]
        return say("partner_of_peers", lang, names=_names(p, found, lang))
    if feature == "popularity":
        return say("partner_links", lang, count=grammar.counted("partnerships", len(theirs), lang))
    if feature == "shared":
        why = pair_reasons(p, towns.ids[i], towns.ids[c], lang, limit=3)
        return "; ".join(why) if why else say("partner_shared", lang)
    raise ValueError(feature)
