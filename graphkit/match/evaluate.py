"""Offline evaluation of the matchers: hide known links, ask for them back, measure.

Two protocols, each scoring graphkit against baselines on the same hidden links, same run:

- :func:`link_prediction` works on the matchers' projection (:mod:`.features`). A seeded
  share of the direct actor–feature cells of kind theme, network, group or country is
  hidden; the matrix is then rebuilt from the remaining direct cells, so that the derived
  cells (broader themes, macro-regions) and the rarity weights no longer know the hidden
  links. Each actor that lost a link ranks the features of those kinds it no longer holds.
- :func:`twinning_prediction` works on a list of twin towns (Wikipedia's lists: a CSV with
  city1, country1, city2, country2). Each French town with two partners or more loses one,
  at random, and ranks every foreign town it is not twinned with.

Methods: ``graphkit`` — the other actors vote for what they hold, each with its pair score
with the asker (kind weight × rarity × strengths, as :func:`.scoring.pair_score`);
``jaccard`` — the same vote, each with the Jaccard index of the two feature sets, on 0/1
cells; ``popularity`` — how many actors hold it; ``random``. Ties are broken at random
(seeded), in the same order for every method, so ``random`` is the tie-break alone.

>>> precision_at_k(["a", "b", "c"], {"b", "z"}, k=2)
0.5
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from graphkit.match.features import Projection, ancestors, rarity
from graphkit.match.weights import Weights

METHODS = ("graphkit", "jaccard", "popularity", "random")
TARGET_KINDS = ("theme", "network", "group", "country")
DERIVED = ("broader", "country")  # evidence kinds of derived cells (broader theme, macro-region)
COLUMNS = ["method", "k", "precision@k", "recall@k", "MRR", "n_queries"]
PARTNER_WEIGHT = 1.0  # a shared twin town counts fully; a shared partner country Weights.country
# Wikipedia names some countries by their parts; one name per country for the twinning lists.
COUNTRY_ALIASES = {
    "England": "United Kingdom",
    "Scotland": "United Kingdom",
    "Wales": "United Kingdom",
    "Northern Ireland": "United Kingdom",
    "Republic of Ireland": "Ireland",
}


# Metrics on one ranked list ------------------------------------------------------------


def _ranks_in(ranked: Sequence[str], relevant: Collection[str]) -> np.ndarray:
    return np.array([i + 1 for i, item in enumerate(ranked) if item in relevant])


def precision_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of the first ``k`` ranked items that are relevant.

    >>> precision_at_k(["a", "b", "c", "d"], {"b", "d"}, k=4)
    0.5
    """
    return float((_ranks_in(ranked, relevant) <= k).sum()) / k


def recall_at_k(ranked: Sequence[str], relevant: Collection[str], k: int) -> float:
    """Share of the relevant items found among the first ``k`` (0 if none is relevant).

    >>> recall_at_k(["a", "b", "c"], {"b", "z"}, k=2)
    0.5
    """
    return float((_ranks_in(ranked, relevant) <= k).sum()) / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: Sequence[str], relevant: Collection[str]) -> float:
    """1 / the rank of the first relevant item (0 if none is ranked).

    >>> reciprocal_rank(["a", "b", "c"], {"c"})
    0.3333333333333333
    """
    ranks = _ranks_in(ranked, relevant)
    return float(1.0 / ranks.min()) if len(ranks) else 0.0


def mrr(queries: Iterable[tuple[Sequence[str], Collection[str]]]) -> float:
    """Mean reciprocal rank over (ranked list, relevant items) queries.

    >>> mrr([(["a", "b"], {"a"}), (["a", "b"], {"b"})])
    0.75
    """
    values = [reciprocal_rank(ranked, relevant) for ranked, relevant in queries]
    return float(np.mean(values)) if values else 0.0


# Ranking and scoring, shared by both protocols --------------------------------------------


def _relevant_ranks(
    scores: np.ndarray, allowed: np.ndarray, relevant: list[np.ndarray], tiebreak: np.ndarray
) -> list[np.ndarray]:
    """Per query, the 1-based ranks of its relevant columns among its allowed columns:
    higher score first, equal scores in ``tiebreak`` order."""
    out = []
    for s, ok, rel, tb in zip(scores, allowed, relevant, tiebreak, strict=True):
        sr, tr = s[rel, None], tb[rel, None]
        ahead = ok & ((s > sr) | ((s == sr) & (tb < tr)))
        out.append(ahead.sum(axis=1) + 1)
    return out


def _summary(
    ranks: dict[str, list[np.ndarray]], ks: Sequence[int], hidden: int, cold: int
) -> pd.DataFrame:
    """The metrics frame; ``attrs`` tell how many links were hidden and how many of them
    were ``cold`` (nobody else holds them, so no method but chance can find them: not asked)."""

    def mean(values: list[float]) -> float:
        return float(np.mean(values)) if values else np.nan

    rows = []
    for method, per_query in ranks.items():
        rr = mean([1.0 / r.min() for r in per_query])
        for k in ks:
            precision = mean([(r <= k).sum() / k for r in per_query])
            recall = mean([(r <= k).mean() for r in per_query])
            rows.append([method, k, precision, recall, rr, len(per_query)])
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs.update(hidden=hidden, cold=cold)
    return frame


def _without_self(sim: sparse.csr_matrix, rows: list[int]) -> sparse.csr_matrix:
    mask = sparse.csr_matrix((np.ones(len(rows)), (np.arange(len(rows)), rows)), shape=sim.shape)
    return (sim - sim.multiply(mask)).tocsr()


def _jaccard(b: sparse.csr_matrix, rows: list[int]) -> sparse.csr_matrix:
    both = (b[rows] @ b.T).tocoo()
    size = np.asarray(b.sum(axis=1)).ravel()
    union = size[rows][both.row] + size[both.col] - both.data
    return sparse.csr_matrix((both.data / union, (both.row, both.col)), shape=both.shape)


def _method_scores(
    profile: sparse.csr_matrix, column_weight: np.ndarray, held: sparse.csr_matrix, rows: list[int]
) -> dict[str, np.ndarray]:
    """Scores (queries × columns of ``held``) of every method for the query ``rows``.

    ``profile`` (rows × features, strengths) gives graphkit's pair scores; ``held`` (rows ×
    candidates) is what is voted for, and its 0/1 version the Jaccard neighbourhoods.
    """
    binary = (held > 0).astype(float).tocsr()
    pair = profile[rows] @ sparse.diags(column_weight) @ profile.T
    popularity = np.asarray(binary.sum(axis=0)).ravel()
    return {
        "graphkit": (_without_self(pair.tocsr(), rows) @ held).toarray(),
        "jaccard": (_without_self(_jaccard(binary, rows), rows) @ binary).toarray(),
        "popularity": np.tile(popularity, (len(rows), 1)),
        "random": np.zeros((len(rows), held.shape[1])),
    }


def _rank_all(
    scores: dict[str, np.ndarray], allowed: np.ndarray, relevant: list[np.ndarray], rng
) -> dict[str, list[np.ndarray]]:
    tiebreak = rng.random(allowed.shape)
    return {m: _relevant_ranks(s, allowed, relevant, tiebreak) for m, s in scores.items()}


# Protocol 1: links of the projection ------------------------------------------------------


def _direct_cells(p: Projection) -> dict[tuple[int, int], float]:
    """(row, column) -> strength of the cells some fact states directly (not derived)."""
    out = {}
    for (actor, feature), evs in p.evidence.items():
        direct = [e.strength for e in evs if e.kind not in DERIVED]
        if direct:
            out[(p.row[actor], p.col[feature])] = max(direct)
    return out


def derive(p: Projection, cells: dict[tuple[int, int], float]) -> sparse.csr_matrix:
    """The projection matrix rebuilt from direct ``cells``: each theme also counts, decayed,
    for its broader themes, each country for its macro-regions (as ``project`` does)."""
    out = dict(cells)
    for (i, j), strength in cells.items():
        kind, name = p.features[j].split(":", 1)
        if kind == "theme":
            derived = [
                (f"theme:{t}", strength * p.weights.hierarchy_decay**d)
                for t, d in ancestors(name, p.broader)
            ]
        elif kind == "country":
            derived = [(f"region:{r}", strength) for r in p.regions_of.get(name, ())]
        else:
            derived = []
        for feature, value in derived:
            key = (i, p.col[feature])
            out[key] = max(out.get(key, 0.0), value)
    rows, cols = zip(*out, strict=True) if out else ((), ())
    return sparse.csr_matrix((list(out.values()), (rows, cols)), shape=p.matrix.shape)


def drop_links(p: Projection, links: Iterable[tuple[str, str]]) -> sparse.csr_matrix:
    """The matrix of ``p`` rebuilt without the direct (actor, feature) ``links``: the cells
    they derive (broader themes, macro-regions) stay only if another fact still gives them.

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> p = projection(graphkit.from_tables("data"))
    >>> x = drop_links(p, [("fr-bordeaux", "theme:foret")])
    >>> float(x[p.row["fr-bordeaux"], p.col["theme:foret"]])
    0.0
    """
    drop = {(p.row[a], p.col[f]) for a, f in links}
    return derive(p, {c: s for c, s in _direct_cells(p).items() if c not in drop})


def hide_links(
    p: Projection, share: float, seed: int | np.random.Generator = 0
) -> tuple[sparse.csr_matrix, list[tuple[str, str]]]:
    """A random ``share`` of the direct links of ``p`` of kind theme, network, group or
    country, and the matrix of ``p`` without them (see :func:`drop_links`).

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> x, hidden = hide_links(projection(graphkit.from_tables("data")), share=0.2, seed=1)
    >>> len(hidden) > 0
    True
    """
    rng = np.random.default_rng(seed)
    hideable = sorted(
        (p.actors[i], p.features[j])
        for i, j in _direct_cells(p)
        if p.features[j].split(":", 1)[0] in TARGET_KINDS
    )
    picked = rng.choice(len(hideable), size=round(share * len(hideable)), replace=False)
    hidden = [hideable[i] for i in sorted(picked)]
    return drop_links(p, hidden), hidden


def _recover(
    p: Projection, x: sparse.csr_matrix, hidden: list[tuple[str, str]], rng
) -> tuple[dict[str, list[np.ndarray]], int, int]:
    """Ranks of the hidden links under every method, the number hidden and the number cold.

    Candidates are the features of the target kinds that someone still holds in ``x`` and
    the actor does not. A link the actor still holds (through a narrower theme) was not
    hidden; one nobody holds any more is cold: a candidate only a leak would put forward.
    """
    known = np.asarray((x > 0).sum(axis=0)).ravel() > 0
    lost, n_hidden, cold = defaultdict(list), 0, 0
    for actor, feature in hidden:
        i, j = p.row[actor], p.col[feature]
        if x[i, j] == 0:
            n_hidden += 1
            cold += not known[j]
            if known[j]:
                lost[i].append(j)
    rows = sorted(lost)
    if not rows:
        return {m: [] for m in METHODS}, n_hidden, cold
    is_target = np.array([f.split(":", 1)[0] in TARGET_KINDS for f in p.features])
    allowed = is_target & known & (x[rows].toarray() == 0)
    kind_weight = np.array([getattr(p.weights, f.split(":", 1)[0]) for f in p.features])
    scores = _method_scores(x, kind_weight * rarity(x, p.weights), x, rows)
    ranks = _rank_all(scores, allowed, [np.array(lost[i]) for i in rows], rng)
    return ranks, n_hidden, cold


def recover_links(
    p: Projection, hidden: list[tuple[str, str]], ks: Sequence[int] = (1, 5, 10), seed: int = 0
) -> pd.DataFrame:
    """Hide the given (actor, feature) links of ``p`` and measure how each method finds them.

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> p = projection(graphkit.from_tables("data"))
    >>> recover_links(p, [("fr-bordeaux", "theme:foret")], ks=(1,))["method"].tolist()
    ['graphkit', 'jaccard', 'popularity', 'random']
    """
    ranks, n_hidden, cold = _recover(p, drop_links(p, hidden), hidden, np.random.default_rng(seed))
    return _summary(ranks, ks, n_hidden, cold)


def link_prediction(
    p: Projection,
    share: float = 0.2,
    seeds: Iterable[int] = range(5),
    ks: Sequence[int] = (1, 5, 10),
) -> pd.DataFrame:
    """Hide ``share`` of the links for each seed and measure how each method finds them.

    Figures are means over every query of every seed (one query per actor and seed).

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> p = projection(graphkit.from_tables("data"))
    >>> link_prediction(p, seeds=[0], ks=(5,)).columns.tolist()
    ['method', 'k', 'precision@k', 'recall@k', 'MRR', 'n_queries']
    """
    ranks: dict[str, list[np.ndarray]] = {m: [] for m in METHODS}
    n_hidden = cold = 0
    for seed in seeds:
        rng = np.random.default_rng(seed)
        x, hidden = hide_links(p, share, rng)
        found, n, c = _recover(p, x, hidden, rng)
        n_hidden, cold = n_hidden + n, cold + c
        for method in METHODS:
            ranks[method].extend(found[method])
    return _summary(ranks, ks, n_hidden, cold)


# Protocol 2: twin towns -------------------------------------------------------------------


def _country(names: pd.Series) -> pd.Series:
    """Country names as one name per country: "Martinique, France" -> "France"."""
    last = {n: n.rsplit(",", 1)[-1].strip() for n in names.unique()}
    return names.map({n: COUNTRY_ALIASES.get(c, c) for n, c in last.items()})


def read_twinnings(path: str | Path, country: str = "France") -> pd.DataFrame:
    """Twinnings between a town of ``country`` and a town abroad, each pair once.

    Columns: town, partner ("Belém (Brazil)"), partner_country. A pair listed from both
    sides counts once; a town in an overseas department ("Martinique, France") is French.

    For example ``read_twinnings("wikipedia-twin-cities-world.csv")`` gives one row per
    French town and partner, the first being Abbeville's.
    """
    raw = pd.read_csv(path, usecols=["city1", "country1", "city2", "country2"], dtype=str).dropna()
    sides = []
    for a, b in (("1", "2"), ("2", "1")):
        sides.append(
            pd.DataFrame(
                {
                    "town": raw[f"city{a}"].str.strip(),
                    "town_country": _country(raw[f"country{a}"]),
                    "partner_city": raw[f"city{b}"].str.strip(),
                    "partner_country": _country(raw[f"country{b}"]),
                }
            )
        )
    pairs = pd.concat(sides)
    pairs = pairs[(pairs.town_country == country) & (pairs.partner_country != country)]
    pairs = pairs.assign(partner=pairs.partner_city + " (" + pairs.partner_country + ")")
    columns = ["town", "partner", "partner_country"]
    return pairs[columns].drop_duplicates().sort_values(columns).reset_index(drop=True)


def _codes(values: pd.Series) -> tuple[np.ndarray, list[str]]:
    codes, uniques = pd.factorize(values, sort=True)
    return codes, list(uniques)


def twinning_prediction(
    path: str | Path,
    seeds: Iterable[int] = range(5),
    ks: Sequence[int] = (1, 5, 10),
    weights: Weights | None = None,
    country: str = "France",
) -> pd.DataFrame:
    """Hide one partner of each town of ``country`` with two or more, rank all foreign towns.

    graphkit's vote: towns that share partners (weight 1 × rarity) and partner countries
    (``Weights.country`` × rarity) with the asker vote for their partners.

    For example ``twinning_prediction("wikipedia-twin-cities-world.csv", seeds=[0], ks=(10,))``
    gives one row per method and k, as :func:`link_prediction` does.
    """
    w = weights or Weights()
    pairs = read_twinnings(path, country)
    town, towns = _codes(pairs["town"])
    partner, partners = _codes(pairs["partner"])
    nation, nations = _codes(pairs["partner_country"])
    in_nation = sparse.csr_matrix(
        (np.ones(len(pairs)), (partner, nation)), shape=(len(partners), len(nations))
    )
    in_nation.data[:] = 1.0  # one country per partner; repeated pairs summed
    degree = np.bincount(town, minlength=len(towns))
    start = np.concatenate([[0], np.cumsum(degree)[:-1]])  # pairs are sorted by town
    eligible = np.flatnonzero(degree >= 2)
    ranks: dict[str, list[np.ndarray]] = {m: [] for m in METHODS}
    n_hidden = cold = 0
    for seed in seeds:
        rng = np.random.default_rng(seed)
        out = start[eligible] + (rng.random(len(eligible)) * degree[eligible]).astype(int)
        keep = np.ones(len(pairs), dtype=bool)
        keep[out] = False
        held = sparse.csr_matrix(
            (np.ones(keep.sum()), (town[keep], partner[keep])), shape=(len(towns), len(partners))
        )
        known = np.asarray(held.sum(axis=0)).ravel() > 0
        warm = known[partner[out]]  # a partner no other town has is cold: not asked
        n_hidden, cold = n_hidden + len(out), cold + int((~warm).sum())
        queries = eligible[warm].tolist()
        shared_nations = ((held @ in_nation) > 0).astype(float)
        profile = sparse.hstack([held, shared_nations]).tocsr()
        kind_weight = np.r_[
            np.full(len(partners), PARTNER_WEIGHT), np.full(len(nations), w.country)
        ]
        scores = _method_scores(profile, kind_weight * rarity(profile, w), held, queries)
        allowed = known & (held[queries].toarray() == 0)
        relevant = [np.array([j]) for j in partner[out[warm]]]
        for method, found in _rank_all(scores, allowed, relevant, rng).items():
            ranks[method].extend(found)
    return _summary(ranks, ks, n_hidden, cold)
