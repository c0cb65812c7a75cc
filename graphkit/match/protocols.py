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
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from graphkit.match.linkpred import BASELINES, baseline_scores, node2vec, node2vec_available
from graphkit.match.partner_model import (
    FEATURES,
    NEGATIVES,
    SOUTH_TERMS,
    STEPS,
    PartnerModel,
    Towns,
    features,
    fit,
    training_pairs,
)

BOOTSTRAP = 1000
TERM_GRID = (0.0, 0.001, 0.01, 0.1, 1.0, 10.0)  # (c): the values each term's weight may take
SPLIT_SEED = 12345  # (c): the fixed split of the actors into validation and test halves
FIT_SAMPLE = 1000  # with --sample, at most this many validation links fit each seed's weights
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
    "ratio",
    "ratio_low",
    "ratio_high",
]


@dataclass
class Protocol:
    """Which towns are queries and which links and candidates count."""

    name: str
    towns: Towns
    query: np.ndarray  # bool per town: may be a query
    target: np.ndarray  # bool per town: may be hidden / be a candidate
    fixed: dict[str, float]  # weights not fitted (terms the list has no data for)


def all_methods() -> tuple[str, ...]:
    """graphkit, the classic baselines, and node2vec where gensim is installed."""
    return ("graphkit", *BASELINES, *(("node2vec",) if node2vec_available() else ()))


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
    from graphkit.match.twin_lists import is_south

    south = np.array([is_south(c) for c in towns.country])
    # Only the terms the South–South matcher computes for every pair (SOUTH_TERMS).
    fixed = {f: 0.0 for f in FEATURES if f not in SOUTH_TERMS} | {"shared": 0.0, "size": 0.0}
    return Protocol("b-south-south", towns, south, south, fixed)


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
    methods: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, list[PartnerModel]]:
    """The protocol's figures (one row per method) and the model fitted for each seed.

    ``sample`` caps the number of test queries per seed (drawn at random) for a quicker
    run, and the validation links to ``FIT_SAMPLE``. ``methods``: graphkit and every
    baseline (node2vec when gensim is installed) by default.
    """
    methods = methods or all_methods()
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
        if sample is not None and len(validation) > FIT_SAMPLE:
            validation = validation[:FIT_SAMPLE]  # already in random order
        allowed = _candidates(p, seen)
        embedding = node2vec(seen.links, seed) if "node2vec" in methods else None
        fixed = {k: v for k, v in p.fixed.items() if v is not None}
        x, y, g = training_pairs(seen, validation, allowed, rng)
        model = fit(
            x, y, fixed=fixed, groups=g, steps=STEPS, about={"seed": seed, "links": len(validation)}
        )
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
                {m: s for m, s in baseline_scores(seen.links, [i], cand).items() if m in methods}
            )
            if embedding is not None:
                scores["node2vec"] = (embedding[cand] @ embedding[i])[None, :]
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
    """One row per method: means, the 95 % bootstrap interval of the MRR, and graphkit's MRR
    over the method's (``ratio``) with its 95 % interval from the same resamples (paired:
    both MRRs of a resample are over the same queries).

    >>> f = summarise("p", {"graphkit": [1.0, 0.5], "random": [0.5, 0.25]},
    ...               {"graphkit": [1.0, 0.0], "random": [0.0, 0.0]},
    ...               {"graphkit": [1.0, 1.0], "random": [1.0, 1.0]}, [True, True])
    >>> f.set_index("method").loc["random", ["MRR", "ratio", "ratio_low", "ratio_high"]].tolist()
    [0.375, 2.0, 2.0, 2.0]
    """
    n = len(reachable)
    picks = np.random.default_rng(12345).integers(0, max(n, 1), size=(BOOTSTRAP, max(n, 1)))
    boots = {m: np.array(rr[m])[picks].mean(axis=1) for m in rr} if n else {}
    ours = boots.get("graphkit")
    rows = []
    for m in rr:
        values = np.array(rr[m])
        low = high = ratio = ratio_low = ratio_high = np.nan
        if n:
            low, high = np.percentile(boots[m], [2.5, 97.5])
        if n and ours is not None and values.mean() > 0:
            ratio = float(np.mean(rr["graphkit"]) / values.mean())
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio_low, ratio_high = np.percentile(ours / boots[m], [2.5, 97.5])
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
                "ratio": ratio,
                "ratio_low": float(ratio_low),
                "ratio_high": float(ratio_high),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def fit_on(p: Protocol, seeds: Iterable[int] = range(5)) -> PartnerModel:
    """Weights fitted on every query of the protocol (one hidden link each, for each seed,
    pooled), the shipped defaults. Nothing is held out: this is for use, not for measuring.
    As in the evaluation, only hidden partners that keep another link count: in a list, a
    town whose only link is hidden has no links at all, which no real candidate looks like."""
    xs, ys, gs, n = [], [], [], 0
    for seed in seeds:
        rng = np.random.default_rng(seed)
        hidden = _hide(p, rng)
        seen = train_view(p.towns, hidden)
        warm = [(i, j) for i, j in hidden if seen.degree[j] > 0]
        x, y, g = training_pairs(seen, warm, _candidates(p, seen), rng)
        xs.append(x)
        ys.append(y)
        gs.append(g + n)
        n += len(warm)
    fixed = {k: v for k, v in p.fixed.items() if v is not None}
    x, y = np.vstack(xs), np.concatenate(ys)
    about = {
        "protocol": p.name,
        "links": n,
        "seeds": len(xs),
        "negatives_per_link": NEGATIVES,
        "steps_per_term": STEPS,
    }
    model = fit(x, y, fixed=fixed, groups=np.concatenate(gs), steps=STEPS, about=about)
    # the largest part any term gives a known link: the weight of the term the lists cannot
    # fit (``shared``), so that holding all the asker's facts in common counts as much as
    # the strongest reason seen on a real twinning
    strongest = float(model.terms(x[y == 1]).max()) if y.any() else 0.0
    return replace(model, about={**about, "strongest_part": round(strongest, 6)})


__all__ = ["FEATURES", "Protocol", "fit_on", "french", "run", "south_south", "world"]


# (c) The shipped data: links that carry information ------------------------------------

SHIPPED_KINDS = ("theme", "network", "group", "country")
COMMON = 0.5  # a feature held by more than this share of one kind of actor says nothing
# (c): graphkit's terms for "actor i should hold t", each a reason an officer can read:
SHIPPED_TERMS = (
    "likeness",  # actors like i (the matchers' pair score) hold t; share of the best vote
    "overlap",  # actors whose facts overlap most of i's (Jaccard of the two sets) hold t
    "partners",  # i's partners hold t (or are t's partners), share of i's partners
    # how many actors hold t, log(1 + n) / log(1 + the most held), one term per kind of t
    # (a popular network is a good guess, a popular theme is not)
    *(f"holders_{kind}" for kind in (*SHIPPED_KINDS, "partner")),
)


def shipped(p, seeds: Iterable[int] = range(5), sample: int | None = None) -> pd.DataFrame:
    """(c): on the matchers' projection ``p``, hide one informative link per actor with two
    or more — a theme, network, group or country it holds, or a partner — and rank.

    A feature more than ``COMMON`` of one kind of actor holds (every partner abroad
    "cooperates with France") is no link to find and is left out. Hiding a partnership also
    hides the countries only it gives. The actors that can be asked are split once in two
    halves (a fixed draw, the same for every seed) and cross-fitted: graphkit's weights of
    ``SHIPPED_TERMS`` are fitted (a conditional logit, w ≥ 0) on one half's queries of
    every seed and rank the other half's, then the other way round, so that no query is
    ranked with weights its actor helped fit (the data is too small for a single held-out
    half). Baselines run on the actor–feature–actor graph."""
    from graphkit.match.evaluate import DERIVED, derive
    from graphkit.match.features import rarity

    kinds = np.array([p.kind[a] for a in p.actors])
    evidence: dict[tuple[int, int], list] = {}
    for (actor, feature), evs in p.evidence.items():
        direct = [e for e in evs if e.kind not in DERIVED]
        if direct and feature.split(":", 1)[0] in SHIPPED_KINDS:
            evidence[(p.row[actor], p.col[feature])] = direct
    holders: dict[int, set[int]] = {}
    for i, j in evidence:
        holders.setdefault(j, set()).add(i)
    common = {
        j
        for j, who in holders.items()
        for kind in set(kinds[list(who)])
        if len([i for i in who if kinds[i] == kind]) > max(COMMON * (kinds == kind).sum(), 4)
    }
    pships: dict[frozenset, set[str]] = {}
    for (i, _), evs in evidence.items():
        for e in evs:
            if e.kind == "partnership":
                pships.setdefault(e.via, set()).add(i)
    n_a, n_f = len(p.actors), len(p.features)
    actor_links = sorted(
        {(min(a, b), max(a, b)) for ids in pships.values() for a in ids for b in ids if a < b}
        | {
            tuple(sorted((p.row[a], p.row[b])))
            for a, ps in p.partners.items()
            for b in ps
            if a in p.row and b in p.row and a != b
        }
    )
    informative = [c for c in evidence if c[1] not in common]
    # each actor's informative links: features (j) and partners (n_f + other actor)
    own: dict[int, list[int]] = {}
    for i, j in informative:
        own.setdefault(i, []).append(j)
    for a, b in actor_links:
        own.setdefault(a, []).append(n_f + b)
        own.setdefault(b, []).append(n_f + a)
    asked = np.array(sorted(i for i in own if len(own[i]) >= 2), dtype=int)
    fold = np.zeros(n_a, dtype=int)
    fold[asked[np.random.default_rng(SPLIT_SEED).permutation(len(asked))[len(asked) // 2 :]]] = 1
    methods = all_methods()
    found: list[tuple[int, np.ndarray, int, dict, np.ndarray, bool]] = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        hidden_f, hidden_a, queries = set(), set(), []
        for i in sorted(own):
            if len(own[i]) < 2:
                continue
            t = int(rng.choice(own[i]))
            queries.append((i, t))
            if t < n_f:
                hidden_f.add((i, t))
            else:
                hidden_a.add(frozenset((i, t - n_f)))
        gone = {via for pair in hidden_a for via, ids in pships.items() if set(pair) <= ids}
        cells = {}
        for (i, j), evs in evidence.items():
            if (i, j) in hidden_f:
                continue
            kept = [e.strength for e in evs if e.via not in gone]
            if kept:
                cells[(i, j)] = max(kept)
        x = derive(p, cells)
        train_a = [(a, b) for a, b in actor_links if frozenset((a, b)) not in hidden_a]
        # Only informative cells are links to find (and to vote with).
        keep_f = np.array([j not in common for j in range(n_f)])
        held_f = (x.multiply(keep_f[None, :])).tocsr()
        held_f = held_f.multiply(
            np.array([f.split(":", 1)[0] in SHIPPED_KINDS for f in p.features])[None, :]
        ).tocsr()
        ai, bi = (np.array(train_a, dtype=int).reshape(-1, 2).T) if train_a else ([], [])
        aa = sparse.csr_matrix(
            (np.ones(2 * len(ai)), (np.r_[ai, bi], np.r_[bi, ai])), shape=(n_a, n_a)
        )
        held = sparse.hstack([held_f, aa]).tocsr()  # actors × (features + actors)
        binary = (held > 0).astype(float).tocsr()
        # nodes: actors 0 … n_a − 1, then features n_a …; a column t of `held` is node
        # n_a + t for a feature, t − n_f for an actor
        graph = _symmetric(
            sparse.bmat([[aa, binary[:, :n_f]], [None, sparse.csr_matrix((n_f, n_f))]]).tocsr()
        )
        node = np.r_[n_a + np.arange(n_f), np.arange(n_a)]
        kind_w = np.array([getattr(p.weights, f.split(":", 1)[0]) for f in p.features])
        colw = kind_w * rarity(x, p.weights)
        pair = (x @ sparse.diags(colw) @ x.T).tolil()
        pair.setdiag(0)
        pair = pair.tocsr()
        size = np.asarray(binary.sum(axis=1)).ravel()
        both = (binary @ binary.T).toarray()
        union = size[:, None] + size[None, :] - both
        overlap = np.where(union > 0, both / np.maximum(union, 1), 0.0)
        np.fill_diagonal(overlap, 0.0)
        degree = np.asarray(binary.sum(axis=0)).ravel()
        _, component = connected_components(graph, directed=False)
        embedding = node2vec(graph, seed) if "node2vec" in methods else None
        for i, t in queries:
            same = (
                np.array(
                    [f.split(":", 1)[0] == p.features[t].split(":", 1)[0] for f in p.features]
                    + [False] * n_a
                )
                if t < n_f
                else np.r_[np.zeros(n_f, dtype=bool), np.ones(n_a, dtype=bool)]
            )
            if t >= n_f:
                same[n_f + i] = False
            cand = np.flatnonzero(
                same & keep_full(keep_f, n_a) & (degree > 0) & (binary[i].toarray().ravel() == 0)
            )
            if t not in set(cand.tolist()):
                continue  # cold: nobody else holds it any more
            truth = int(np.searchsorted(cand, t))
            kind = p.features[t].split(":", 1)[0] if t < n_f else "partner"
            terms = shipped_terms(pair[i], overlap[i], aa[i], held, binary, degree, cand, kind)
            scores = baseline_scores(graph, [i], node[cand])
            if embedding is not None:
                scores["node2vec"] = (embedding[node[cand]] @ embedding[i])[None, :]
            tiebreak = rng.random((1, len(cand)))
            reach = bool(component[i] == component[node[t]])
            found.append((int(fold[i]), terms, truth, scores, tiebreak, reach))
    if sample is not None:
        found = found[: 2 * sample]
    weights = [_fit_terms([q for q in found if q[0] != k]) for k in (0, 1)]
    rr = {m: [] for m in methods}
    hits1 = {m: [] for m in rr}
    hits10 = {m: [] for m in rr}
    reachable: list[bool] = []
    for k, terms, truth, scores, tiebreak, reach in found:
        for m, s in {"graphkit": (terms @ weights[k])[None, :], **scores}.items():
            r = reciprocal_ranks(s, [truth], tiebreak)[0]
            rr[m].append(r)
            hits1[m].append(float(r >= 1.0))
            hits10[m].append(float(r >= 0.1))
        reachable.append(reach)
    frame = summarise("c-shipped", rr, hits1, hits10, reachable)
    frame.attrs.update(
        weights=[dict(zip(SHIPPED_TERMS, np.round(w, 4).tolist(), strict=True)) for w in weights]
    )
    return frame


def _fit_terms(queries: list) -> np.ndarray:
    """(c): weights of ``SHIPPED_TERMS`` chosen on ``queries`` (each: fold, terms, position
    of the hidden link, baselines, tie-break, reachable) for the best MRR: coordinate
    ascent from the partners' vote alone, each weight taking a value of ``TERM_GRID`` in
    turn (three rounds; a change must raise the MRR). The data is too small for a
    likelihood fit: it gave the count of holders as much weight as the partners' vote."""

    def mrr(w: np.ndarray) -> float:
        ranks = [reciprocal_ranks((q[1] @ w)[None, :], [q[2]], q[4])[0] for q in queries]
        return float(np.mean(ranks)) if ranks else 0.0

    w = np.array([1.0 if t == "partners" else 0.0 for t in SHIPPED_TERMS])
    best = mrr(w)
    for _ in range(3):
        for k in range(len(w)):
            for value in TERM_GRID:
                trial = w.copy()
                trial[k] = value
                if trial.any() and (found := mrr(trial)) > best + 1e-12:
                    best, w = found, trial
    return w


def shipped_terms(pair_i, overlap_i, partners_i, held, binary, degree, cand, kind) -> np.ndarray:
    """(c): the terms (candidates × ``SHIPPED_TERMS``) of one asker, each in 0–1; the
    candidates are all of one ``kind`` (theme, network, group, country or partner)."""
    out = np.zeros((len(cand), len(SHIPPED_TERMS)))
    likeness = (pair_i @ held[:, cand]).toarray().ravel()
    out[:, 0] = likeness / likeness.max() if likeness.max() > 0 else 0.0
    vote = overlap_i @ binary[:, cand].toarray()
    out[:, 1] = vote / vote.max() if vote.max() > 0 else 0.0
    n_partners = partners_i.sum()
    if n_partners:
        out[:, 2] = (partners_i @ binary[:, cand]).toarray().ravel() / n_partners
    column = SHIPPED_TERMS.index(f"holders_{kind}")
    out[:, column] = np.log1p(degree[cand]) / np.log1p(max(degree.max(), 1))
    return out


def keep_full(keep_f: np.ndarray, n_a: int) -> np.ndarray:
    return np.r_[keep_f, np.ones(n_a, dtype=bool)]


def _symmetric(graph: sparse.csr_matrix) -> sparse.csr_matrix:
    g = ((graph + graph.T) > 0).astype(float).tocsr()
    return g


def fit_lists(french_list, world_list, out=None) -> dict[str, PartnerModel]:
    """Fit ``[partners]`` on the French list and ``[south_south]`` on the world list's
    South–South pairs (:func:`fit_on`); write them to ``out`` if given. The ``shared`` term
    (themes, networks, groups) is not in any public list: it keeps the shipped value."""
    from graphkit.match.partner_model import read_weights, write_weights
    from graphkit.match.twin_lists import read_list

    shipped_models = read_weights()
    models = {}
    for name, path, make in (
        ("partners", french_list, french),
        ("south_south", world_list, south_south),
    ):
        if path is None:
            continue
        found = fit_on(make(read_list(path)))
        about = {
            **found.about,
            "list": Path(path).name,
            "shared": "not fitted (no public list has themes): set to strongest_part",
        }
        weights = {**found.weights, "shared": found.about["strongest_part"]}
        models[name] = replace(found, weights=weights, about=about)
    if out is not None:
        write_weights(out, {**shipped_models, **models})
    return models


def evaluate(
    kg=None,
    french_list=None,
    world_list=None,
    seeds: Iterable[int] = range(5),
    sample: int | None = None,
    fit_out=None,
) -> pd.DataFrame:
    """Every protocol whose data is given: (c) on ``kg``, (a) on ``french_list``, (b) and
    South–South on ``world_list``; one row per (protocol, method)."""
    from graphkit.match.twin_lists import read_list

    seeds = list(seeds)
    frames = []
    if french_list is not None:
        frames.append(run(french(read_list(french_list)), seeds, sample)[0])
    if world_list is not None:
        towns = read_list(world_list)
        frames.append(run(world(towns), seeds, sample)[0])
        frames.append(run(south_south(towns), seeds, sample)[0])
    if kg is not None:
        from graphkit.match.scoring import projection

        frames.append(shipped(projection(kg), seeds, sample))
    if fit_out is not None:
        fit_lists(french_list, world_list, fit_out)
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=COLUMNS)
