"""The evaluation of ``graphkit partners`` against classic link predictors, on real links.

Each protocol hides links, asks every method to rank the candidates of each query, and
records the rank of the hidden link. Per seed:

1. each query town (two partners or more, of the protocol's kind) loses one partner, at
   random; all those links are removed together, and every method sees only what is left;
2. the query towns are split in two halves: the *validation* half fits the partner model's
   weights (:func:`.partner_model.fit`, the hidden link against ``NEGATIVES`` sampled
   candidates), the *test* half is ranked by every method — figures come from it only;
3. a hidden partner nobody else is linked to any more is *cold*: it is no candidate (it
   would be one only through the leak), so its query is not asked and is counted apart.

Candidates of a query: the towns of another country that keep a link (and, for
South–South, that are outside Europe and North America), minus the query's partners. Ties
are broken at random, the same draw for every method. Figures: MRR, Hits@1, Hits@10 and the
share of queries whose hidden partner is still *reachable* (same connected component),
means over every test query of every seed with a 95 % bootstrap interval (queries resampled,
the same resamples for every method).

>>> from .partner_model import toy_towns
>>> reciprocal_ranks(np.array([[3.0, 1.0, 3.0]]), [0], np.array([[0.1, 0.2, 0.0]]))
[0.5]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from .linkpred import BASELINES, baseline_scores
from .partner_model import FEATURES, PartnerModel, Towns, features, fit, training_pairs

BOOTSTRAP = 1000
COLUMNS = [
    "protocol",
    "method",
    "MRR",
    "MRR_low",
    "MRR_high",
    "hits@1",
    "hits@10",
    "reachable",
    "n_queries",
]


@dataclass
class Protocol:
    """Which towns are queries and which links and candidates count."""

    name: str
    towns: Towns
    query: np.ndarray  # bool per town: may be a query
    target: np.ndarray  # bool per town: may be hidden / be a candidate
    fixed: dict[str, float]  # weights not fitted (terms the list has no data for)


def french(towns: Towns, country: str = "France") -> Protocol:
    """(a): French towns, partners abroad."""
    is_fr = towns.country == country
    return Protocol("a-french", towns, is_fr, ~is_fr, {"shared": 0.0, "size": None})


def world(towns: Towns) -> Protocol:
    """(b): every town, partners in another country."""
    every = np.ones(len(towns.ids), dtype=bool)
    return Protocol("b-world", towns, every, every, {"shared": 0.0, "size": 0.0})


def south_south(towns: Towns) -> Protocol:
    """(b'): towns outside Europe and North America, partners likewise."""
    from .twin_lists import is_south

    south = np.array([is_south(c) for c in towns.country])
    return Protocol("b-south-south", towns, south, south, {"shared": 0.0, "size": 0.0})


def reciprocal_ranks(scores: np.ndarray, truth: list[int], tiebreak: np.ndarray) -> list[float]:
    """1 / rank of each row's true column: higher score first, equal scores by ``tiebreak``."""
    out = []
    for s, t, tb in zip(scores, truth, tiebreak, strict=True):
        ahead = (s > s[t]) | ((s == s[t]) & (tb < tb[t]))
        out.append(1.0 / (1 + int(ahead.sum())))
    return out


def _hide(p: Protocol, rng: np.random.Generator) -> list[tuple[int, int]]:
    links, out, seen = p.towns.links, [], set()
    for i in np.flatnonzero(p.query & (p.towns.degree >= 2)):
        mine = links.indices[links.indptr[i] : links.indptr[i + 1]]
        mine = mine[p.target[mine]]
        if len(mine) == 0:
            continue
        j = int(rng.choice(mine))
        if frozenset((i, j)) not in seen:
            seen.add(frozenset((i, j)))
            out.append((int(i), j))
    return out


def _without(links: sparse.csr_matrix, pairs: Iterable[tuple[int, int]]) -> sparse.csr_matrix:
    pairs = list(pairs)
    if not pairs:
        return links.copy()
    i, j = np.array(pairs).T
    drop = sparse.csr_matrix((np.ones(2 * len(i)), (np.r_[i, j], np.r_[j, i])), shape=links.shape)
    out = (links - links.multiply(drop)).tocsr()
    out.eliminate_zeros()
    return out


def train_view(towns: Towns, hidden: list[tuple[int, int]]) -> Towns:
    """The same towns with the hidden links removed: all a method may see."""
    return Towns(
        towns.ids,
        towns.country,
        towns.lat,
        towns.lon,
        towns.population,
        _without(towns.links, hidden),
        towns.shared,
    )


def run(
    p: Protocol,
    seeds: Iterable[int] = range(5),
    sample: int | None = None,
    methods: tuple[str, ...] = ("graphkit", *BASELINES),
) -> tuple[pd.DataFrame, list[PartnerModel]]:
    """The protocol's figures (one row per method) and the model fitted for each seed.

    ``sample`` caps the number of test queries per seed (drawn at random) for a quick run.
    """
    rr: dict[str, list[float]] = {m: [] for m in methods}
    hits1: dict[str, list[float]] = {m: [] for m in methods}
    hits10: dict[str, list[float]] = {m: [] for m in methods}
    reachable: list[bool] = []
    models, cold, asked = [], 0, 0
    for seed in seeds:
        rng = np.random.default_rng(seed)
        hidden = _hide(p, rng)
        seen = train_view(p.towns, hidden)
        warm = [(i, j) for i, j in hidden if seen.degree[j] > 0]
        cold += len(hidden) - len(warm)
        order = rng.permutation(len(warm))
        half = len(warm) // 2
        validation = [warm[k] for k in order[:half]]
        test = [warm[k] for k in order[half:]]
        if sample is not None and len(test) > sample:
            test = [test[k] for k in sorted(rng.choice(len(test), sample, replace=False))]
        allowed = _candidates(p, seen)
        fixed = {k: v for k, v in p.fixed.items() if v is not None}
        x, y = training_pairs(seen, validation, allowed, rng)
        model = PartnerModel(fit(x, y, fixed=fixed), {"seed": seed, "links": len(validation)})
        models.append(model)
        _, component = connected_components(seen.links, directed=False)
        for i, j in test:
            cand = allowed(i)
            truth = int(np.searchsorted(cand, j))
            tiebreak = rng.random((1, len(cand)))
            scores = {}
            if "graphkit" in methods:
                scores["graphkit"] = model.logit(features(seen, i, cand))[None, :]
            scores.update(
                {
                    m: s
                    for m, s in baseline_scores(seen.links, [i], cand).items()
                    if m in methods
                }
            )
            for m, s in scores.items():
                r = reciprocal_ranks(s, [truth], tiebreak)[0]
                rr[m].append(r)
                hits1[m].append(float(r >= 1.0))
                hits10[m].append(float(r >= 0.1))
            reachable.append(bool(component[i] == component[j]))
            asked += 1
    frame = summarise(p.name, rr, hits1, hits10, reachable)
    frame.attrs.update(cold=cold, asked=asked, seeds=list(seeds))
    return frame, models


def _candidates(p: Protocol, seen: Towns, cold: bool = False) -> Callable[[int], np.ndarray]:
    base = np.flatnonzero(p.target & ((seen.degree > 0) | cold))
    codes = seen.country_code

    def allowed(i: int) -> np.ndarray:
        mine = seen.links.indices[seen.links.indptr[i] : seen.links.indptr[i + 1]]
        keep = (codes[base] != codes[i]) & ~np.isin(base, mine)
        return base[keep]

    return allowed


def summarise(
    protocol: str,
    rr: dict[str, list[float]],
    hits1: dict[str, list[float]],
    hits10: dict[str, list[float]],
    reachable: list[bool],
) -> pd.DataFrame:
    """One row per method: means and the 95 % bootstrap interval of the MRR."""
    n = len(reachable)
    picks = np.random.default_rng(12345).integers(0, max(n, 1), size=(BOOTSTRAP, max(n, 1)))
    rows = []
    for m in rr:
        values = np.array(rr[m])
        if n:
            boot = values[picks].mean(axis=1)
            low, high = np.percentile(boot, [2.5, 97.5])
        else:
            low = high = np.nan
        rows.append(
            {
                "protocol": protocol,
                "method": m,
                "MRR": float(values.mean()) if n else np.nan,
                "MRR_low": float(low),
                "MRR_high": float(high),
                "hits@1": float(np.mean(hits1[m])) if n else np.nan,
                "hits@10": float(np.mean(hits10[m])) if n else np.nan,
                "reachable": float(np.mean(reachable)) if n else np.nan,
                "n_queries": n,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def fit_on(p: Protocol, seed: int = 0) -> PartnerModel:
    """Weights fitted on every query of the protocol (one hidden link each), the shipped
    defaults. Nothing is held out: this is for use, not for measuring. Unlike the
    evaluation, a hidden partner with no other link counts too (against every town of the
    list as candidates): the product must rank towns nobody has twinned with yet, where
    only geography, size and country affinity speak."""
    rng = np.random.default_rng(seed)
    hidden = _hide(p, rng)
    seen = train_view(p.towns, hidden)
    warm = hidden
    x, y = training_pairs(seen, warm, _candidates(p, seen, cold=True), rng)
    fixed = {k: v for k, v in p.fixed.items() if v is not None}
    about = {"protocol": p.name, "links": len(warm), "negatives_per_link": int(len(y) / max(1, len(warm))) - 1}
    return PartnerModel(fit(x, y, fixed=fixed), about)


__all__ = ["FEATURES", "Protocol", "fit_on", "french", "run", "south_south", "world"]
