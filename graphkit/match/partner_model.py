"""The partner model: which town (or authority) abroad a town should partner with.

Kept whole although long: the model's terms, their fit and their file are one concern,
shared by the product and the evaluation.

One scoring code for the product (:mod:`.partners`, on the graph) and for the evaluation
(:mod:`.evaluate`, on public twin-town lists): both describe what they know as
:class:`Towns` — places with a country, coordinates, a population where the gazetteer has
one, and the links that exist — and ask :func:`features` for the terms of each pair.

Every term is ≥ 0 and larger when a link is more likely, so that with non-negative weights
each reason shown is one positive term of the score:

- ``near``: closeness of the two towns, ``1 − log(1 + d) / log(1 + 20,016)`` (d in km);
- ``size``: sizes alike, ``max(0, 1 − |log10(pop_a / pop_b)| / log10 3)``: 1 for equal
  populations, 0 if unknown or three times apart or more (twinnings are assortative in
  size, Kaltenbrunner et al. 2013; the reason says "tailles proches" only within 3×);
- ``own_country``: share of the town's partners in the candidate's country;
- ``their_country``: share of the candidate's partners in the town's country (a town
  already twinned with the country is open to another twin there);
- ``country_pair``: share of all the links of the town's country that go to the
  candidate's country (France and Germany twin far more than France and Peru);
- ``area_country``: share of the partners of the town's neighbours (up to 10 towns of its
  country within 150 km) in the candidate's country (towns of one area twin in one area);
- ``area_partner``: ``log(1 + neighbours already twinned with the candidate)``;
- ``near_partners``: ``exp(−d_min / 250 km)``, d_min from the candidate to the nearest of
  the town's partners (partners cluster: a second partner near the first);
- ``near_their_partners``: ``exp(−d_min / 100 km)``, d_min from the town to the nearest of
  the candidate's partners (the candidate already twins with the town's surroundings);
- ``near_area_partners``: ``exp(−d_min / 250 km)``, d_min from the candidate to the nearest
  partner of the town's neighbours (towns of one area twin in one foreign area);
- ``common_partners``: ``log(1 + Σ 1 / log(1 + degree z))`` over the partners z the town
  and the candidate share (the partners of its partners);
- ``peer_partners``: ``log(1 + Σ 1 / (degree z · degree q))`` over the paths
  town–z–q–candidate, the partners of the town's peers q (towns that share a partner z);
- ``network``: ``log(1 + 1000 · r)``, r the personalised PageRank of the candidate from
  the town on the links (α = 0.85): how easily the twinning network leads from one to the
  other through every chain of partners, not only those of length two or three;
- ``network_area``: ``log(1 + 1000 · r)``, r the same walk where each step follows a link or,
  as often, goes to one of the ten nearest towns within 300 km (any country; a nearer one
  more often, weight ``exp(−d / 100 km)``): the chains that pass through neighbouring towns too ("the partner of
  a town next to your partner"), and the towns no chain of links reaches;
- ``popularity``: ``log(1 + the candidate's partners)``;
- ``shared``: what the two hold in common in the graph (themes, networks, groups), the
  matchers' pair score divided by the asker's own; 0 where the data has no such facts.

The score is a noisy-OR of the terms (each reason on its own may explain the link):

    P = 1 − exp(−z),   z = Σ_i s_i(x_i),   s_i(x) = w_i · x + Σ_k v_ik · [x > t_ik]

each term's part ``s_i`` a non-decreasing step function of its value (w, v ≥ 0; the
thresholds ``t_ik`` are quantiles of the term on known links), 0 where the term is 0: an
additive model whose parts each have their own shape, still one reason per term.

fitted by maximum likelihood (:func:`fit`, scipy's bounded L-BFGS) on known links against
sampled non-links. ``P`` is the documented 0–1 score; each term's contribution is its share
of ``z`` times ``P``, so that the contributions add up to the score.

>>> towns = toy_towns()
>>> x = features(towns, 0, np.array([1, 2]))
>>> x.shape == (2, len(FEATURES))
True
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

FEATURES = (
    "near",
    "size",
    "own_country",
    "their_country",
    "country_pair",
    "area_country",
    "area_partner",
    "near_partners",
    "near_their_partners",
    "near_area_partners",
    "common_partners",
    "peer_partners",
    "network",
    "network_area",
    "popularity",
    "shared",
)
# The South–South model's terms: those computed for every pair at once
# (:func:`pair_logits`); on the South–South validation pairs, the others added nothing.
SOUTH_TERMS = (
    "near",
    "size",
    "own_country",
    "their_country",
    "country_pair",
    "area_country",
    "area_partner",
    "common_partners",
    "peer_partners",
    "popularity",
    "shared",
)
SIZE_SPAN = math.log10(3.0)  # populations this many times apart are no longer "alike"
EARTH_KM = 6371.0
HALF_EARTH_KM = math.pi * EARTH_KM
AREA_KM = 150.0  # a town's area: its neighbours of the same country within this distance
AREA_SIZE = 10
PARTNER_KM = 250.0  # how far from an existing partner a new one still counts as "near it"
HOME_KM = 100.0  # how far from the town a candidate's partner still counts as "near the town"
NEGATIVES = 20  # sampled non-links per known link when fitting
STEPS = 8  # thresholds per term (quantiles of its value on the known links) when fitting
STEP_MIN_LINKS = 20  # a term non-zero on fewer known links than this stays linear
WALK_NEAREST = 10  # the walk of ``network_area``: steps to one of this many nearest towns
WALK_KM = 100.0  # … a town this much further away taken e times less often
WALK_MAX_KM = 300.0  # … and none further than this (where towns are few, none is near)
WALK_AREA = 0.5  # … and such a step taken this often from a town with links
WEIGHTS_FILE = Path(__file__).with_name("partner_weights.toml")


@dataclass
class Towns:
    """What the model knows: one row per town (or authority), and the links that exist.

    ``country`` holds any hashable code per town; ``lat``/``lon``/``population`` are NaN
    where unknown; ``links`` is a symmetric 0/1 sparse matrix. ``shared(i, candidates)``,
    when given, returns the graph's pair scores of town ``i`` with each candidate.
    """

    ids: list[str]
    country: np.ndarray
    lat: np.ndarray
    lon: np.ndarray
    population: np.ndarray
    links: sparse.csr_matrix
    shared: Callable[[int, np.ndarray], np.ndarray] | None = None
    # the same for many askers at once: (rows, candidates) -> len(rows) × len(candidates)
    shared_pairs: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None
    approximate: np.ndarray | None = None  # True where the point is only the country's capital
    nearest: sparse.csr_matrix | None = None  # nearest_towns(…), when already computed
    _cache: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.approximate is None:
            self.approximate = np.zeros(len(self.ids), dtype=bool)
        self.links = sparse.csr_matrix(self.links, dtype=float)
        self.links.data[:] = 1.0
        self.row = {t: i for i, t in enumerate(self.ids)}

    def _get(self, key: str, compute: Callable):
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    @property
    def xyz(self) -> np.ndarray:
        return self._get("xyz", lambda: _unit_vectors(self.lat, self.lon))

    @property
    def degree(self) -> np.ndarray:
        return self._get("degree", lambda: np.asarray(self.links.sum(axis=1)).ravel())

    @property
    def country_code(self) -> np.ndarray:
        return self._get("codes", lambda: _factorize(self.country))

    @property
    def by_country(self) -> sparse.csr_matrix:
        """towns × countries: how many partners each town has in each country."""

        def compute():
            codes = self.country_code
            onehot = sparse.csr_matrix(
                (np.ones(len(codes)), (np.arange(len(codes)), codes)),
                shape=(len(codes), codes.max() + 1 if len(codes) else 0),
            )
            return (self.links @ onehot).tocsr()

        return self._get("by_country", compute)

    @property
    def country_links(self) -> np.ndarray:
        """countries × countries: how many links join each pair of countries."""

        def compute():
            codes = self.country_code
            k = codes.max() + 1 if len(codes) else 0
            onehot = sparse.csr_matrix(
                (np.ones(len(codes)), (codes, np.arange(len(codes)))), shape=(k, len(codes))
            )
            return (onehot @ self.by_country).toarray()

        return self._get("country_links", compute)

    @property
    def area_walk(self) -> sparse.csr_matrix:
        """towns × towns, each row the chances of the next step of ``network_area``'s walk:
        a link (1 − WALK_AREA, shared evenly) or one of the WALK_NEAREST nearest towns with
        a known point within WALK_MAX_KM (WALK_AREA, the nearer the likelier); only one kind
        where the town has only one, none where it has neither.

        >>> w = toy_towns().area_walk  # Paris–Berlin linked; Lyon, Munich 300+ km from all
        >>> np.asarray(w.sum(axis=1)).ravel().round(6).tolist()
        [1.0, 0.0, 1.0, 0.0]
        """

        def compute():
            near = self.nearest
            if near is None:
                near = nearest_towns(self.lat, self.lon, self.approximate)
            linked = self.degree > 0
            has_near = np.asarray(near.sum(axis=1)).ravel() > 0
            to_link = np.where(linked, np.where(has_near, 1.0 - WALK_AREA, 1.0), 0.0)
            return (
                sparse.diags(to_link / np.maximum(self.degree, 1)) @ self.links
                + sparse.diags(np.where(has_near, 1.0 - to_link, 0.0)) @ _rows_to_one(near)
            ).tocsr()

        return self._get("area_walk", compute)

    def neighbours(self, i: int) -> np.ndarray:
        """Up to AREA_SIZE towns of the same country within AREA_KM of town ``i``, linked,
        nearest first; none for a point that is only a country's capital."""
        if not np.isfinite(self.lat[i]) or self.approximate[i]:
            return np.zeros(0, dtype=int)
        # One pass over the towns of i's country: a plain scan beats building a k-d tree
        # (and importing scipy.spatial) for one query.
        same = self._get("by_code", self._by_code)[self.country_code[i]]
        same = same[(same != i) & (self.degree[same] > 0) & ~self.approximate[same]]
        d = distance_km(self, i, same)
        near = np.flatnonzero(d <= AREA_KM)
        return same[near[np.argsort(d[near], kind="stable")[:AREA_SIZE]]]

    def _by_code(self) -> dict[int, np.ndarray]:
        codes = self.country_code
        order = np.argsort(codes, kind="stable")
        cuts = np.flatnonzero(np.diff(codes[order])) + 1
        return {int(codes[g[0]]): g for g in np.split(order, cuts) if len(g)}


def nearest_towns(lat: np.ndarray, lon: np.ndarray, approximate: np.ndarray) -> sparse.csr_matrix:
    """towns × towns: each town's WALK_NEAREST nearest towns within WALK_MAX_KM, weighted
    ``exp(−d / WALK_KM)``, both ways; none for a point that is only a country's capital.

    >>> t = toy_towns()  # Paris, Lyon, Berlin, Munich: none within 300 km of another
    >>> nearest_towns(t.lat, t.lon, t.approximate).nnz
    0
    """
    from scipy.spatial import cKDTree

    n = len(lat)
    xyz = _unit_vectors(lat, lon)
    placed = np.flatnonzero(np.isfinite(xyz).all(axis=1) & ~np.asarray(approximate, dtype=bool))
    k = min(WALK_NEAREST, len(placed) - 1)
    if k <= 0:
        return sparse.csr_matrix((n, n))
    chord, nb = cKDTree(xyz[placed]).query(xyz[placed], k=k + 1)
    # the town itself is not always first where two share a point: drop it
    other = nb != np.arange(len(placed))[:, None]
    other[other.all(axis=1), -1] = False
    chord, nb = chord[other].reshape(-1, k), nb[other].reshape(-1, k)
    km = 2.0 * np.arcsin(np.clip(chord / 2.0, 0.0, 1.0)) * EARTH_KM
    weight = np.where(km <= WALK_MAX_KM, np.exp(-km / WALK_KM), 0.0).ravel()
    near = sparse.csr_matrix((weight, (np.repeat(placed, k), placed[nb].ravel())), shape=(n, n))
    near.eliminate_zeros()
    return (near + near.T).tocsr()


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    la, lo = np.radians(lat), np.radians(lon)
    return np.c_[np.cos(la) * np.cos(lo), np.cos(la) * np.sin(lo), np.sin(la)]


def _rows_to_one(m: sparse.csr_matrix) -> sparse.csr_matrix:
    total = np.asarray(m.sum(axis=1)).ravel()
    return sparse.diags(np.where(total > 0, 1.0 / np.maximum(total, 1e-300), 0.0)) @ m


def _factorize(values: np.ndarray) -> np.ndarray:
    index: dict = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


def distance_km(towns: Towns, i: int, others: np.ndarray) -> np.ndarray:
    """Great-circle distances from town ``i`` to ``others`` (NaN where a place is unknown).

    >>> t = toy_towns()
    >>> round(float(distance_km(t, 0, np.array([1]))[0]))
    392
    """
    cos = np.clip(towns.xyz[others] @ towns.xyz[i], -1.0, 1.0)
    return np.arccos(cos) * EARTH_KM


def local_km(towns: Towns, i: int, others: np.ndarray) -> np.ndarray:
    """Distances for the local terms: infinite where either point is only a country's
    capital (a department drawn at Paris is near nothing)."""
    d = distance_km(towns, i, others)
    if towns.approximate[i]:
        return np.full(len(others), np.inf)
    return np.where(towns.approximate[others] | ~np.isfinite(d), np.inf, d)


def _closeness(d: np.ndarray) -> np.ndarray:
    out = 1.0 - np.log1p(d) / np.log1p(HALF_EARTH_KM)
    return np.where(np.isfinite(out), np.clip(out, 0.0, 1.0), 0.0)


def features(towns: Towns, i: int, candidates: np.ndarray) -> np.ndarray:
    """The terms (candidates × FEATURES) of town ``i`` partnering with each candidate.

    Computed from ``towns.links`` only, as they are: the caller removes what must be hidden.

    >>> t = toy_towns()
    >>> dict(zip(FEATURES, features(t, 0, np.array([3]))[0].round(2).tolist()))["own_country"]
    1.0
    """
    cand = np.asarray(candidates, dtype=int)
    out = np.zeros((len(cand), len(FEATURES)))
    if not len(cand):
        return out
    col = {f: k for k, f in enumerate(FEATURES)}
    links, codes = towns.links, towns.country_code
    out[:, col["near"]] = _closeness(distance_km(towns, i, cand))
    pa, pc = towns.population[i], towns.population[cand]
    with np.errstate(invalid="ignore", divide="ignore"):
        size = 1.0 - np.abs(np.log10(pa) - np.log10(pc)) / SIZE_SPAN
    out[:, col["size"]] = np.where(np.isfinite(size), np.clip(size, 0.0, 1.0), 0.0)
    mine = links.indices[links.indptr[i] : links.indptr[i + 1]]
    by_country = towns.by_country
    if len(mine):
        counts = by_country[i].toarray().ravel()
        out[:, col["own_country"]] = counts[codes[cand]] / len(mine)
        d = np.vstack([local_km(towns, j, cand) for j in mine])
        out[:, col["near_partners"]] = np.exp(-d.min(axis=0) / PARTNER_KM)
        deg = towns.degree
        common = np.asarray(links[mine].T @ (1.0 / np.log1p(deg[mine]))).ravel()[cand]
        out[:, col["common_partners"]] = np.log1p(common)
        # peers: towns sharing a partner with i, each path weighted as resource allocation
        paths = np.asarray(links[mine].T @ (1.0 / deg[mine])).ravel()
        paths[i] = 0.0
        paths = paths / np.maximum(deg, 1)
        votes = np.asarray(links @ paths).ravel()[cand]  # links is symmetric
        out[:, col["peer_partners"]] = np.log1p(10.0 * votes)
    home = codes[i]
    with np.errstate(invalid="ignore", divide="ignore"):
        theirs_home = by_country[cand][:, [home]].toarray().ravel() if by_country.shape[1] else 0
        out[:, col["their_country"]] = np.where(
            towns.degree[cand] > 0, theirs_home / np.maximum(towns.degree[cand], 1), 0.0
        )
    pair_row = towns.country_links[home]
    if pair_row.sum():
        out[:, col["country_pair"]] = pair_row[codes[cand]] / pair_row.sum()
    area = towns.neighbours(i)
    if len(area):
        counts = np.asarray(by_country[area].sum(axis=0)).ravel()
        if counts.sum():
            out[:, col["area_country"]] = counts[codes[cand]] / counts.sum()
        out[:, col["area_partner"]] = np.log1p(np.asarray(links[area].sum(axis=0)).ravel()[cand])
    # the candidates' partners near the town: min distance per candidate over its partners
    sub = links[cand]
    if sub.nnz:
        d_all = local_km(towns, i, np.arange(len(towns.ids)))
        d_all[i] = np.inf
        per = d_all[sub.indices]
        has = np.diff(sub.indptr) > 0
        nearest = np.full(len(cand), np.inf)
        nearest[has] = np.minimum.reduceat(per, sub.indptr[:-1][has])
        out[:, col["near_their_partners"]] = np.exp(-nearest / HOME_KM)
    if len(area):
        theirs = np.unique(links[area].indices)
        theirs = theirs[theirs != i]
        if len(theirs):
            theirs = theirs[:200]
            d = np.vstack([local_km(towns, j, cand) for j in theirs])
            d[theirs[:, None] == cand[None, :]] = np.inf  # being one is area_partner's term
            out[:, col["near_area_partners"]] = np.exp(-d.min(axis=0) / PARTNER_KM)
    from graphkit.match.linkpred import personalised_pagerank

    if len(mine):
        rank = personalised_pagerank(links, [i])[0]
        out[:, col["network"]] = np.log1p(1000.0 * rank[cand])
    if len(mine) or (np.isfinite(towns.lat[i]) and not towns.approximate[i]):
        rank = personalised_pagerank(towns.area_walk, [i])[0]
        out[:, col["network_area"]] = np.log1p(1000.0 * rank[cand])
    out[:, col["popularity"]] = np.log1p(towns.degree[cand])
    if towns.shared is not None:
        out[:, col["shared"]] = towns.shared(i, cand)
    return out


def pair_logits(
    towns: Towns, rows: np.ndarray, cols: np.ndarray, model: PartnerModel | np.ndarray
) -> np.ndarray:
    """z = Σ_i s_i(x_i) for every pair (town of ``rows``, candidate of ``cols``) at once.

    The same numbers as ``features(towns, r, cols) @ w`` row by row (a test checks it), for
    the terms of ``SOUTH_TERMS`` only, computed as sparse products over all the pairs: what
    the South–South matcher ranks every pair of partners abroad with. ``w`` must give the
    other terms no weight.

    >>> t = toy_towns()
    >>> w = np.array([1.0 if f in ("near", "their_country") else 0.0 for f in FEATURES])
    >>> z = pair_logits(t, np.array([1]), np.array([2, 3]), w)
    >>> bool(np.allclose(z[0], features(t, 1, np.array([2, 3])) @ w))
    True
    """
    if not isinstance(model, PartnerModel):  # plain weights, one per term
        model = PartnerModel(dict(zip(FEATURES, map(float, model), strict=True)))
    other = [f for f in FEATURES if model.uses(f) and f not in SOUTH_TERMS]
    if other:
        raise ValueError(f"pair_logits: no bulk form for {', '.join(other)}")
    rows, cols = np.asarray(rows, dtype=int), np.asarray(cols, dtype=int)
    z = np.zeros((len(rows), len(cols)))
    if not len(rows) or not len(cols):
        return z
    links, codes, deg = towns.links, towns.country_code, towns.degree
    if model.uses("near"):
        cos = np.clip(towns.xyz[rows] @ towns.xyz[cols].T, -1.0, 1.0)
        z += model.part("near", _closeness(np.arccos(cos) * EARTH_KM))
    if model.uses("size"):
        with np.errstate(invalid="ignore", divide="ignore"):
            lp = np.log10(towns.population)
            size = 1.0 - np.abs(lp[rows][:, None] - lp[cols][None, :]) / SIZE_SPAN
        z += model.part("size", np.where(np.isfinite(size), np.clip(size, 0.0, 1.0), 0.0))
    by_country = towns.by_country
    if model.uses("own_country") and by_country.shape[1]:
        mine = by_country[rows].toarray()[:, codes[cols]]
        z += model.part("own_country", mine / np.maximum(deg[rows], 1)[:, None])
    if model.uses("their_country") and by_country.shape[1]:
        theirs = by_country[cols].toarray()[:, codes[rows]].T
        z += model.part("their_country", theirs / np.maximum(deg[cols], 1)[None, :])
    if model.uses("country_pair"):
        pair = towns.country_links[codes[rows]]
        total = pair.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(total > 0, pair / np.maximum(total, 1e-300), 0.0)
        z += model.part("country_pair", share[:, codes[cols]])
    if model.uses("area_country") or model.uses("area_partner"):
        area = [towns.neighbours(int(r)) for r in rows]
        n_area = sparse.csr_matrix(
            (
                np.ones(sum(len(a) for a in area)),
                np.concatenate(area) if area else np.zeros(0, dtype=int),
                np.r_[0, np.cumsum([len(a) for a in area])],
            ),
            shape=(len(rows), len(towns.ids)),
        )
        if model.uses("area_country") and by_country.shape[1]:
            counts = (n_area @ by_country).toarray()
            total = counts.sum(axis=1, keepdims=True)
            share = np.where(total > 0, counts / np.maximum(total, 1e-300), 0.0)
            z += model.part("area_country", share[:, codes[cols]])
        if model.uses("area_partner"):
            z += model.part("area_partner", np.log1p((n_area @ links)[:, cols].toarray()))
    mine = links[rows]
    if model.uses("common_partners"):
        inv_log = 1.0 / np.log1p(np.maximum(deg, 1))
        common = (mine @ sparse.diags(inv_log) @ links[:, cols]).toarray()
        z += model.part("common_partners", np.log1p(common))
    if model.uses("peer_partners"):
        paths = (mine @ sparse.diags(1.0 / np.maximum(deg, 1)) @ links).tocsr()
        at = np.arange(len(rows))
        own = np.asarray(paths[at, rows]).ravel()  # the asker is no peer of itself
        paths = paths - sparse.csr_matrix((own, (at, rows)), shape=paths.shape)
        paths = paths @ sparse.diags(1.0 / np.maximum(deg, 1))
        votes = (paths @ links[:, cols]).toarray()
        z += model.part("peer_partners", np.log1p(10.0 * votes))
    if model.uses("popularity"):
        z += model.part("popularity", np.log1p(deg[cols])[None, :])
    if model.uses("shared") and towns.shared_pairs is not None:
        z += model.part("shared", towns.shared_pairs(rows, cols))
    return z


# The model: weights, score, contributions -----------------------------------------------


@dataclass(frozen=True)
class PartnerModel:
    """Non-negative weights of the terms, and each term's steps: ``steps[term]`` is
    ``(thresholds, rises)``, adding ``rise`` to the term's part where its value is above
    ``threshold``; ``about`` says what they were fitted on."""

    weights: Mapping[str, float]
    about: Mapping[str, str | int | float] = field(default_factory=dict)
    steps: Mapping[str, tuple[tuple[float, ...], tuple[float, ...]]] = field(default_factory=dict)

    def vector(self) -> np.ndarray:
        """The linear weights w_i, in the order of FEATURES."""
        return np.array([float(self.weights.get(f, 0.0)) for f in FEATURES])

    def uses(self, term: str) -> bool:
        """True if the term can add to a score (a weight or a step above 0).

        >>> PartnerModel({"near": 0.0}, steps={"near": ((0.5,), (1.0,))}).uses("near")
        True
        """
        return self.weights.get(term, 0.0) > 0 or any(self.steps.get(term, ((), ()))[1])

    def part(self, term: str, x: np.ndarray) -> np.ndarray:
        """One term's part of z for its values ``x`` (any shape): w · x + Σ_k v_k · [x > t_k].

        >>> m = PartnerModel({"near": 1.0}, steps={"near": ((0.5,), (2.0,))})
        >>> m.part("near", np.array([0.0, 0.25, 0.75])).tolist()
        [0.0, 0.25, 2.75]
        """
        out = float(self.weights.get(term, 0.0)) * x
        above, rise = self.steps.get(term, ((), ()))
        if any(rise):
            # [x > t_k] summed over k is the number of thresholds below x
            risen = np.r_[0.0, np.cumsum(rise)][np.searchsorted(above, x, side="left")]
            out = out + np.where(np.isnan(x), 0.0, risen)
        return out

    def terms(self, x: np.ndarray) -> np.ndarray:
        """Each term's part of z (rows × FEATURES); a row adds up to its z."""
        return np.column_stack([self.part(f, x[:, k]) for k, f in enumerate(FEATURES)])

    def logit(self, x: np.ndarray) -> np.ndarray:
        """z = Σ_i s_i(x_i) per row of ``x``."""
        return self.terms(x).sum(axis=1)

    def score(self, x: np.ndarray) -> np.ndarray:
        """The 0–1 score, P = 1 − exp(−z).

        >>> m = PartnerModel({"near": 1.0})
        >>> m.score(np.array([[0.0] * len(FEATURES)])).tolist()
        [0.0]
        """
        return -np.expm1(-self.logit(x))

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each term's part of the score (rows × FEATURES); each row adds up to its score.

        >>> m = PartnerModel({"near": 1.0, "size": 1.0})
        >>> x = np.zeros((1, len(FEATURES))); x[0, :2] = [0.5, 0.25]
        >>> bool(np.isclose(m.contributions(x).sum(), m.score(x)[0]))
        True
        """
        terms = self.terms(x)
        z = terms.sum(axis=1, keepdims=True)
        with np.errstate(invalid="ignore", divide="ignore"):
            share = np.where(z > 0, terms / z, 0.0)
        return share * -np.expm1(-z)


def fit(
    x: np.ndarray,
    y: np.ndarray,
    l2: float = 1e-3,
    fixed: Mapping[str, float] | None = None,
    groups: np.ndarray | None = None,
    steps: int = 0,
    about: Mapping[str, str | int | float] | None = None,
) -> PartnerModel:
    """Maximum-likelihood model (w, v ≥ 0) of P(y = 1 | x) = 1 − exp(−z), with a small L2
    penalty, z = Σ_i s_i(x_i) (see the module's formula).

    ``steps``: thresholds per term, the quantiles 0, 1/steps, … of its non-zero values on
    the links (``y = 1``), for terms non-zero on STEP_MIN_LINKS links or more; 0 fits a
    plain weighted sum. ``fixed`` names weights not fitted (kept at the given value, no
    steps), e.g. ``shared`` where the training data has no themes. With ``groups`` (one id
    per row: a query's link and its sampled non-links), the direction of the parameters is
    fitted for ranking first — a conditional logit, the link against the others of its
    group — and only their scale by the noisy-OR likelihood above, so that the order is the
    best the terms allow and P stays calibrated.

    >>> rng = np.random.default_rng(0)
    >>> x = rng.random((400, len(FEATURES)))
    >>> y = (rng.random(400) < -np.expm1(-2.0 * x[:, 0])).astype(float)
    >>> w = fit(x, y).weights
    >>> w["near"] > 1.0 and w["near"] > max(v for k, v in w.items() if k != "near")
    True
    >>> stepped = fit(x, y, steps=4)
    >>> bool(stepped.logit(x[:1]) >= 0) and len(stepped.steps["near"][0]) == 4
    True
    """
    from scipy.optimize import minimize

    fixed = dict(fixed or {})
    free = [k for k, f in enumerate(FEATURES) if f not in fixed]
    cuts: dict[int, np.ndarray] = {}
    for k in free if steps else ():
        on = x[(y == 1) & (x[:, k] > 0), k]
        if len(on) >= STEP_MIN_LINKS:
            cuts[k] = np.unique(np.quantile(on, np.linspace(0.0, 1.0, steps + 1)[:-1]))
    base = np.array([fixed.get(f, 0.0) for f in FEATURES])
    xf = np.hstack([x[:, free], *[(x[:, [k]] > t).astype(float) for k, t in cuts.items()]])
    offset = x @ base
    n = len(y)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = np.maximum(xf @ w + offset, 1e-9)
        p = -np.expm1(-z)
        # log P for links, log(1 − P) = −z for non-links
        value = -(y * np.log(p) - (1 - y) * z).sum() / n + l2 * (w @ w)
        grad = -(xf.T @ (y * np.exp(-z) / p - (1 - y))) / n + 2 * l2 * w
        return float(value), grad

    start = np.full(xf.shape[1], 0.1 if not cuts else 0.01)
    bounds = [(0, None)] * xf.shape[1]
    if groups is None:
        w = minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds).x
    else:
        direction = _rank_fit(xf, y, np.asarray(groups), l2, start, bounds)
        zs = xf @ direction

        def scaled(c: np.ndarray) -> tuple[float, np.ndarray]:
            value, grad = loss(c[0] * direction)
            return value, np.array([grad @ direction])

        c = minimize(scaled, np.array([1.0]), jac=True, method="L-BFGS-B", bounds=[(0, None)])
        w = c.x[0] * direction if zs.any() else direction
    out = dict(fixed)
    for k, value in zip(free, w[: len(free)], strict=True):
        out[FEATURES[k]] = float(value)
    rises, at = {}, len(free)
    for k, t in cuts.items():
        rise = np.round(w[at : at + len(t)], 6)
        at += len(t)
        if rise.any():
            rises[FEATURES[k]] = (tuple(float(v) for v in t), tuple(float(v) for v in rise))
    return PartnerModel({f: round(out[f], 6) for f in FEATURES}, dict(about or {}), rises)


def _rank_fit(xf, y, groups, l2, start, bounds) -> np.ndarray:
    """Conditional logit: maximise Σ_groups log softmax(z)[link], w ≥ 0."""
    from scipy.optimize import minimize

    order = np.argsort(groups, kind="stable")
    xf, y, groups = xf[order], y[order], groups[order]
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    n = len(starts)

    def loss(w):
        z = xf @ w
        top = np.maximum.reduceat(z, starts)
        e = np.exp(z - np.repeat(top, np.diff(np.r_[starts, len(z)])))
        total = np.add.reduceat(e, starts)
        soft = e / np.repeat(total, np.diff(np.r_[starts, len(z)]))
        value = -(y @ z - (top + np.log(total)).sum()) / n + l2 * (w @ w)
        grad = -(xf.T @ (y - soft)) / n + 2 * l2 * w
        return float(value), grad

    return minimize(loss, start, jac=True, method="L-BFGS-B", bounds=bounds).x


def training_pairs(
    towns: Towns,
    queries: list[tuple[int, int]],
    allowed: Callable[[int], np.ndarray],
    rng: np.random.Generator,
    negatives: int = NEGATIVES,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows for fitting: each (town, hidden partner) of ``queries`` once as a link,
    and ``negatives`` candidates of ``allowed(town)`` as non-links; returns the rows, 1/0
    and each row's query (its group)."""
    xs, ys, gs = [], [], []
    for g, (i, j) in enumerate(queries):
        pool = allowed(i)
        pool = pool[pool != j]
        both = features(towns, i, np.r_[j, pool])  # one call: the network walk is per town
        linked, x = both[:1], both[1:]
        # Half the non-links drawn at random, half among the candidates the terms put
        # forward (the ones a ranking must beat), so that the fit learns to order them.
        strong = np.flatnonzero(x.sum(axis=1) > np.median(x.sum(axis=1)))
        picked = set(
            rng.choice(len(pool), size=min(negatives // 2, len(pool)), replace=False).tolist()
        )
        if len(strong):
            picked |= set(
                rng.choice(
                    strong, size=min(negatives - len(picked), len(strong)), replace=False
                ).tolist()
            )
        drawn = np.array(sorted(picked), dtype=int)
        xs.append(np.vstack([linked, x[drawn]]))
        ys.append(np.r_[1.0, np.zeros(len(drawn))])
        gs.append(np.full(len(drawn) + 1, g))
    if not xs:
        return np.zeros((0, len(FEATURES))), np.zeros(0), np.zeros(0, dtype=int)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(gs)


# Weights files ------------------------------------------------------------------------------


def write_weights(path: str | Path, models: Mapping[str, PartnerModel]) -> None:
    """Write models (``{"partners": …, "south_south": …}``) as TOML, atomically.

    >>> import tempfile, os
    >>> f = os.path.join(tempfile.mkdtemp(), "w.toml")
    >>> write_weights(f, {"partners": PartnerModel({"near": 1.5}, {"n_links": 3})})
    >>> read_weights(f)["partners"].weights["near"]
    1.5
    """
    from graphkit.files.atomic import write_atomic

    lines = [
        "# Partner-model weights written by `graphkit fit` (see graphkit/match/partner_model.py)"
    ]
    for name, model in models.items():
        lines.append(f"\n[{name}]")
        for f in FEATURES:
            lines.append(f"{f} = {float(model.weights.get(f, 0.0))!r}")
        if model.steps:
            # each term's part rises by `rise` where its value is above `above`
            lines.append(f"\n[{name}.steps]")
            for f in FEATURES:
                if f in model.steps:
                    above, rise = (", ".join(repr(float(v)) for v in vs) for vs in model.steps[f])
                    lines.append(f"{f} = {{ above = [{above}], rise = [{rise}] }}")
        if model.about:
            lines.append(f"\n[{name}.about]")
            for key, value in model.about.items():
                lines.append(f"{key} = {_toml_value(value)}")
    write_atomic(path, "\n".join(lines) + "\n")


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    import json

    return json.dumps(str(value), ensure_ascii=False)


def read_weights(path: str | Path | None = None) -> dict[str, PartnerModel]:
    """The models of a weights file (the shipped one by default).

    >>> sorted(read_weights())
    ['partners', 'south_south']
    """
    with open(path or WEIGHTS_FILE, "rb") as f:
        raw = tomllib.load(f)
    out = {}
    for name, table in raw.items():
        where = f"{path or WEIGHTS_FILE}: [{name}]"
        unknown = sorted(set(table) - set(FEATURES) - {"about", "steps"})
        unknown += sorted(set(table.get("steps", {})) - set(FEATURES))
        if unknown:
            raise ValueError(f"{where}: unknown term(s) {', '.join(unknown)}")
        weights = {f: float(table.get(f, 0.0)) for f in FEATURES}
        if any(v < 0 for v in weights.values()):
            raise ValueError(f"{where}: weights must be ≥ 0")
        out[name] = PartnerModel(
            weights, dict(table.get("about", {})), _read_steps(table.get("steps", {}), where)
        )
    return out


def _read_steps(table: Mapping, where: str) -> dict[str, tuple[tuple[float, ...], ...]]:
    steps = {}
    for term, step in table.items():
        try:
            above = tuple(float(v) for v in step["above"])
            rise = tuple(float(v) for v in step["rise"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(
                f"{where}.steps: {term}: expected {{ above = [numbers], rise = [numbers] }}"
            ) from None
        if len(above) != len(rise) or list(above) != sorted(above) or min(rise, default=0) < 0:
            raise ValueError(
                f"{where}.steps: {term}: 'above' must be increasing, 'rise' ≥ 0, as many of each"
            )
        steps[term] = (above, rise)
    return steps


def toy_towns() -> Towns:
    """Four towns for examples: Paris (0) twinned with Berlin (2); Lyon (1); Munich (3).

    >>> toy_towns().ids
    ['paris', 'lyon', 'berlin', 'munich']
    """
    links = sparse.csr_matrix(([1.0, 1.0], ([0, 2], [2, 0])), shape=(4, 4))
    return Towns(
        ids=["paris", "lyon", "berlin", "munich"],
        country=np.array(["FR", "FR", "DE", "DE"]),
        lat=np.array([48.86, 45.76, 52.52, 48.14]),
        lon=np.array([2.35, 4.84, 13.40, 11.58]),
        population=np.array([2.1e6, 5.2e5, 3.6e6, 1.5e6]),
        links=links,
    )
