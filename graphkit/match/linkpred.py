"""Classic link predictors, the evaluation's baselines, for many queries at once.

The formulas are networkx's ``link_prediction`` functions (``jaccard_coefficient``,
``adamic_adar_index``, ``resource_allocation_index``, ``preferential_attachment``),
computed as sparse products over every candidate of a query instead of pair by pair (the
tests check that both agree); plus popularity (the candidate's degree), personalised
PageRank from the query, and random (ties alone).

>>> from scipy import sparse
>>> g = sparse.csr_matrix(np.array([[0, 1, 1, 0], [1, 0, 0, 1], [1, 0, 0, 1], [0, 1, 1, 0]]))
>>> baseline_scores(g, [0], np.array([3]))["jaccard"].tolist()
[[1.0]]
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

BASELINES = (
    "random",
    "popularity",
    "jaccard",
    "adamic_adar",
    "resource_allocation",
    "preferential_attachment",
    "personalised_pagerank",
)
PAGERANK_ALPHA = 0.85
PAGERANK_STEPS = 30


def baseline_scores(
    links: sparse.csr_matrix, queries: list[int], candidates: np.ndarray
) -> dict[str, np.ndarray]:
    """Scores (queries × candidates) of every baseline on the undirected 0/1 ``links``."""
    links = sparse.csr_matrix(links, dtype=float)
    deg = np.asarray(links.sum(axis=1)).ravel()
    a = links[queries]
    # Full rows, then the candidates' columns: slicing columns of a CSR matrix is slow.
    common = (a @ links).toarray()[:, candidates]
    with np.errstate(divide="ignore"):
        inv_log = np.where(deg > 1, 1.0 / np.log(np.maximum(deg, 2)), 0.0)
        inv = np.where(deg > 0, 1.0 / np.maximum(deg, 1), 0.0)
    adamic = (a @ sparse.diags(inv_log) @ links).toarray()[:, candidates]
    resource = (a @ sparse.diags(inv) @ links).toarray()[:, candidates]
    dq, dc = deg[queries][:, None], deg[candidates][None, :]
    union = dq + dc - common
    with np.errstate(invalid="ignore", divide="ignore"):
        jaccard = np.where(union > 0, common / union, 0.0)
    return {
        "random": np.zeros((len(queries), len(candidates))),
        "popularity": np.broadcast_to(dc, (len(queries), len(candidates))).astype(float),
        "jaccard": jaccard,
        "adamic_adar": adamic,
        "resource_allocation": resource,
        "preferential_attachment": dq * dc,
        "personalised_pagerank": personalised_pagerank(links, queries)[:, candidates],
    }


def personalised_pagerank(
    links: sparse.csr_matrix,
    sources: list[int],
    alpha: float = PAGERANK_ALPHA,
    steps: int = PAGERANK_STEPS,
) -> np.ndarray:
    """PageRank restarting at each source (rows), by power iteration; a dangling node
    sends its walk back to the source.

    >>> g = sparse.csr_matrix(np.array([[0, 1, 0], [1, 0, 1], [0, 1, 0]]))
    >>> r = personalised_pagerank(g, [0])
    >>> bool(r[0, 1] > r[0, 2]) and bool(np.isclose(r.sum(), 1.0))
    True
    """
    deg = np.asarray(links.sum(axis=1)).ravel()
    walk = (sparse.diags(np.where(deg > 0, 1.0 / np.maximum(deg, 1), 0.0)) @ links).T.tocsr()
    restart = np.zeros((links.shape[0], len(sources)))
    restart[sources, np.arange(len(sources))] = 1.0
    r = restart.copy()
    dangling = deg == 0
    for _ in range(steps):
        lost = r[dangling].sum(axis=0)
        r = alpha * (walk @ r) + (1 - alpha + alpha * lost) * restart
    return r.T


NODE2VEC = {"walks": 10, "length": 20, "window": 5, "dim": 32, "epochs": 1}


def node2vec_available() -> bool:
    """True when gensim (the optional ``eval`` extra) is installed."""
    try:
        import gensim  # noqa: F401
    except ImportError:
        return False
    return True


def node2vec(links: sparse.csr_matrix, seed: int = 0, **settings) -> np.ndarray:
    """Node embeddings (nodes × dim, unit rows) by node2vec with p = q = 1 — uniform random
    walks from every linked node (``NODE2VEC``: walks per node, length) fed to gensim's
    skip-gram Word2Vec; a node with no link gets a zero row. The evaluation's embedding
    baseline: the cosine of two rows is the score.

    >>> g = sparse.csr_matrix(np.array([[0, 1, 1, 0], [1, 0, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0]]))
    >>> e = node2vec(g, walks=5, length=5, dim=4)
    >>> e.shape, bool(np.allclose(np.linalg.norm(e[:3], axis=1), 1.0)), bool((e[3] == 0).all())
    ((4, 4), True, True)
    """
    from gensim.models import Word2Vec

    s = {**NODE2VEC, **settings}
    links = sparse.csr_matrix(links)
    rng = np.random.default_rng(seed)
    deg = np.diff(links.indptr)
    starts = np.flatnonzero(deg > 0)
    walks = np.zeros((len(starts) * s["walks"], s["length"]), dtype=np.int64)
    at = np.tile(starts, s["walks"])
    for step in range(s["length"]):
        walks[:, step] = at
        pick = (rng.random(len(at)) * deg[at]).astype(np.int64)
        at = links.indices[links.indptr[at] + pick]
    model = Word2Vec(
        [[str(v) for v in w] for w in walks.tolist()],
        vector_size=s["dim"],
        window=s["window"],
        min_count=1,
        sg=1,
        workers=1,
        epochs=s["epochs"],
        seed=seed,
    )
    out = np.zeros((links.shape[0], s["dim"]))
    for v in starts:
        out[v] = model.wv[str(v)]
    norm = np.linalg.norm(out, axis=1, keepdims=True)
    return np.where(norm > 0, out / np.maximum(norm, 1e-12), 0.0)
