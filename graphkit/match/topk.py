"""Each row's best columns of a sparse product, without every score in memory.

The matchers score a pair of actors as ``left[a] · right[:, b]`` (features weighted on the
left) and keep each actor's ``k`` best. :func:`top_k` gives exactly what computing every
score and sorting each row would (best first, ties by column), three ways:

- ``blocked``: every score, a block of rows at a time (the reference; no extra package);
- ``topn``: ``sparse_dot_topn`` keeps each row's best few as it multiplies, on every core;
  a row whose kept best end on a tie that may go on past them is redone in full;
- ``pruned`` (kept for data where it pays; not chosen by ``auto``): popular features make nearly every pair a candidate, so the
  product is first taken on the rarer features only. For row a, let U(a) bound what the
  popular features can add (a's weighted strengths times each feature's strongest holder)
  and θ(a) be the k-th best rare-feature score. A column sharing no rare feature with a
  scores at most U(a); a column whose rare score is r scores at most r + U(a) and at least
  r. So when θ(a) > U(a), only the columns with r ≥ θ(a) − U(a) can make the top k: their
  exact scores are computed and ranked. Rows where the bound does not separate are
  computed in full (``topn``). Exact, not approximate: the scores compared are computed by
  scipy's own product, so ties fall as they do in the full product.

>>> from scipy import sparse
>>> left = sparse.csr_matrix([[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]])
>>> right = sparse.csr_matrix([[1.0, 1.0, 0.0], [0.0, 1.0, 1.0], [1.0, 0.0, 1.0]])
>>> top_k(left, right, [[0], []], 1, method="blocked")
[[(2, 2.0)], [(2, 2.0)]]
>>> exact = top_k(left, right, [[0], []], 1, method="blocked")
>>> top_k(left, right, [[0], []], 1, method="pruned", popular=1) == exact
True
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

SPARE = 32  # room kept past k + exclusions in ``topn`` (ties: holders of the same features)
RARE_ROOM = 96  # rare-feature candidates kept per row in ``pruned``
LAST: dict[str, int] = {}  # what the last ``pruned`` did: rows, rows in full, pairs rescored


def top_k(
    left: sparse.csr_matrix,
    right: sparse.csr_matrix,
    left_out: list[list[int]],
    k: int,
    method: str = "auto",
    block: int | None = None,
    popular: int | None = None,
) -> list[list[tuple[int, float]]]:
    """Row i's ``k`` best (column, score) of ``left @ right`` with a positive score, best
    first, ties by column; the columns of ``left_out[i]`` never.

    ``method``: ``auto`` (``topn``, or ``blocked`` without ``sparse_dot_topn``), or one of
    them by name. ``pruned`` is not chosen by itself: on the world-scale data (S2) the bound
    separated only 1,649 rows of 50,000 and the rest were computed in full, slower than
    ``topn`` alone (measured 2026-11-30, benchmarks/results/matchers-2026-11-30.md). ``popular``: the holders past which
    a feature is popular (``pruned``; default a twentieth of the columns).

    >>> from scipy import sparse
    >>> m = sparse.csr_matrix([[1.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    >>> top_k(m, m.T.tocsr(), [[0], [1], [2]], 2)
    [[(2, 2.0), (1, 1.0)], [(0, 1.0), (2, 1.0)], [(0, 2.0), (1, 1.0)]]
    """
    if left.shape[0] == 0:
        return []
    if method == "auto":
        try:
            import sparse_dot_topn  # noqa: F401
        except ImportError:
            method = "blocked"
        else:
            method = "topn"
    if method == "blocked":
        return _blocked(left, right.tocsc(), left_out, k, block)
    if method == "topn":
        return _topn(left, right, left_out, k, block)
    if method == "pruned":
        return _pruned(left, right, left_out, k, block, popular)
    raise ValueError(f"unknown method {method!r}; expected auto, blocked, topn or pruned")


def _threads(rows: int) -> int | None:
    from graphkit.match.spread import cores, in_worker

    # A worker of spread ranks on one thread: the cores are shared out among the workers
    # already, and sparse_dot_topn's thread pool does not survive a fork (a worker using
    # it after its parent had used it hung).
    if in_worker():
        return None
    n = cores()
    return n if n > 1 and rows >= 200 else None


def _blocked(left, right, left_out, k: int, block: int | None) -> list[list[tuple[int, float]]]:
    """Every score, ``block`` rows at a time (``block × columns`` floats in memory)."""
    block = block or max(1, 4_000_000 // max(1, right.shape[1]))
    out = []
    for start in range(0, left.shape[0], block):
        scores = (left[start : start + block] @ right).toarray()
        for i, row in enumerate(scores):
            row[left_out[start + i]] = 0.0
            out.append(top_positions(row, k))
    return out


def _topn(left, right, left_out, k: int, block: int | None) -> list[list[tuple[int, float]]]:
    from sparse_dot_topn import sp_matmul_topn

    room = k + max(len(x) for x in left_out) + SPARE
    found = sp_matmul_topn(
        left, right, top_n=room, threshold=0.0, n_threads=_threads(left.shape[0])
    )
    out: list[list[tuple[int, float]]] = []
    redo = []
    indptr, indices, data = found.indptr.tolist(), found.indices, found.data
    for i, skip in enumerate(left_out):
        lo, hi = indptr[i], indptr[i + 1]
        gone = set(skip)
        kept = sorted(
            (-v, j)
            for j, v in zip(indices[lo:hi].tolist(), data[lo:hi].tolist(), strict=True)
            if v > 0 and j not in gone
        )
        # The row was cut at `room`: what was cut is ≤ its smallest kept value, so the top k
        # are sure unless fewer than k are left or the k-th ties with that smallest value.
        if hi - lo == room and (len(kept) < k or -kept[k - 1][0] <= float(data[lo:hi].min())):
            redo.append(i)
        out.append([(j, -v) for v, j in kept[:k]])
    if redo:
        again = _blocked(left[redo], right.tocsc(), [left_out[i] for i in redo], k, block)
        for i, best in zip(redo, again, strict=True):
            out[i] = best
    return out


def _pruned(
    left, right, left_out, k: int, block: int | None, popular: int | None
) -> list[list[tuple[int, float]]]:
    from sparse_dot_topn import sp_matmul_topn

    holders = np.diff(right.indptr)  # right is features × columns
    limit = max(1, right.shape[1] // 20) if popular is None else popular
    hot = holders > limit
    strongest = np.zeros(right.shape[0])
    filled = holders > 0
    strongest[filled] = np.maximum.reduceat(right.data, right.indptr[:-1][filled])
    # U(a): the most the popular features can add to any of a's scores.
    bound = left @ np.where(hot, strongest, 0.0)
    keep_rare = sparse.diags((~hot).astype(float))
    rare = sp_matmul_topn(
        (left @ keep_rare).tocsr(),
        (keep_rare @ right).tocsr(),
        top_n=RARE_ROOM,
        threshold=0.0,
        n_threads=_threads(left.shape[0]),
    )
    out: list[list[tuple[int, float]]] = [[] for _ in left_out]
    full, pair_rows, pair_cols = [], [], []
    indptr, indices, data = rare.indptr.tolist(), rare.indices, rare.data
    for i, skip in enumerate(left_out):
        lo, hi = indptr[i], indptr[i + 1]
        gone = set(skip)
        found = sorted(
            (
                (v, j)
                for j, v in zip(indices[lo:hi].tolist(), data[lo:hi].tolist(), strict=True)
                if j not in gone
            ),
            reverse=True,
        )
        u = float(bound[i])
        if len(found) < k:
            full.append(i)
            continue
        theta = found[k - 1][0]
        slack = 1e-9 * (theta + u)  # the bound and the rare scores are summed in another order
        floor = theta - u - slack
        # Separated: θ(a) > U(a); and every column that may still win was kept.
        if theta <= u + slack or (hi - lo == RARE_ROOM and float(data[lo:hi].min()) >= floor):
            full.append(i)
            continue
        for v, j in found:
            if v < floor:
                break
            pair_rows.append(i)
            pair_cols.append(j)
    if pair_rows:  # appended row by row: ascending
        rows_, cols_ = np.array(pair_rows), np.array(pair_cols)
        scores = exact_pair_scores(left, right, rows_, cols_)
        order = np.lexsort((cols_, -scores, rows_))
        for at in order.tolist():
            i, s = pair_rows[at], float(scores[at])
            if s > 0 and len(out[i]) < k:
                out[i].append((pair_cols[at], s))
    LAST.update(rows=len(left_out), full=len(full), pairs=len(pair_rows))
    if full:
        again = _topn(left[full], right, [left_out[i] for i in full], k, block)
        for i, best in zip(full, again, strict=True):
            out[i] = best
    return out


def exact_pair_scores(
    left: sparse.csr_matrix,
    right: sparse.csr_matrix,
    rows: np.ndarray,
    cols: np.ndarray,
    block: int = 32,
) -> np.ndarray:
    """``(left @ right)[rows[n], cols[n]]`` for each n, ``rows`` ascending, by scipy's own
    product on a block of rows and the columns its pairs ask for: the same floats, to the
    last bit, as the full product (summing in another order, or without a fused
    multiply-add, moves the last bit, and equal scores would stop being equal).

    >>> from scipy import sparse
    >>> m = sparse.csr_matrix([[0.1, 0.2, 0.3], [0.3, 0.2, 0.1]])
    >>> full = (m @ m.T.tocsr()).toarray()
    >>> got = exact_pair_scores(m, m.T.tocsr(), np.array([0, 1]), np.array([1, 1]))
    >>> bool(got[0] == full[0, 1] and got[1] == full[1, 1])
    True
    """
    right = right.tocsc()
    out = np.zeros(len(rows))
    edges = np.searchsorted(rows, np.arange(0, left.shape[0] + block, block))
    for lo, hi in zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True):
        if lo == hi:
            continue
        these, wanted = np.unique(rows[lo:hi], return_inverse=True)
        union, at = np.unique(cols[lo:hi], return_inverse=True)
        scores = (left[these] @ right[:, union]).toarray()
        out[lo:hi] = scores[wanted, at]
    return out


def top_positions(row: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best positive (position, value) of ``row``, best first, ties by position.

    >>> top_positions(np.array([0.5, 0.0, 2.0, 0.5]), 2)
    [(2, 2.0), (0, 0.5)]
    """
    positive = np.flatnonzero(row > 0)
    if len(positive) > k:
        kth = np.partition(row[positive], -k)[-k]
        positive = positive[row[positive] >= kth]
    order = sorted(positive.tolist(), key=lambda j: (-row[j], j))[:k]
    return [(j, float(row[j])) for j in order]
