"""Reasons for many pairs at once: the sentences of :func:`~graphkit.match.scoring.pair_reasons`
for every authority's peers (50,000 pairs at national scale), found with array operations.

One pair at a time, most of the time went into reading each actor's cells (its evidence,
cell by cell) and into finding and sorting what the two share, in Python. Here every cell
of the projection is read once, with NumPy, and the features each pair shares come from
one sparse elementwise product over all pairs, sorted with one ``lexsort``; only the
wording is left to :func:`~graphkit.match.scoring.said_of_shared`, the same function the
one-pair path ends in, so that both say the same words in the same order.

>>> import graphkit
>>> from graphkit.match.scoring import pair_reasons, projection
>>> p = projection(graphkit.from_tables("data"))
>>> pairs = [("fr-aude", "fr-nice-cote-d-azur"), ("fr-bouguenais", "fr-fougeres")]
>>> many_reasons(p, pairs) == [pair_reasons(p, a, b) for a, b in pairs]
True
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from graphkit.match.evidence import EvidenceTable
from graphkit.match.features import Projection
from graphkit.match.scoring import Cell, _skipped, pair_reasons, said_of_shared

__all__ = ["many_reasons", "read_cells"]


def many_reasons(
    p: Projection, pairs: list[tuple[str, str]], lang: str = "fr", skip: frozenset = frozenset()
) -> list[list[str]]:
    """``[pair_reasons(p, a, b, lang, skip=skip) for a, b in pairs]``, quicker for many pairs.

    A projection whose arrays the quick path cannot read exactly as the one-pair path does
    (another evidence store, a matrix not in canonical form, weights not in float64) is
    explained one pair at a time.

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> p = projection(graphkit.from_tables("data"))
    >>> many_reasons(p, [("fr-bouguenais", "fr-fougeres")])
    [['les deux coopèrent au Nicaragua']]
    """
    cells = read_cells(p)
    if cells is None or not pairs:
        return [pair_reasons(p, a, b, lang, skip=skip) for a, b in pairs]
    m, features = p.matrix, p.features
    rows_a = np.array([p.row[a] for a, _ in pairs], dtype=np.int64)
    rows_b = np.array([p.row[b] for _, b in pairs], dtype=np.int64)
    # Each cell's place in the matrix (plus one, never 0) as the value: the elementwise
    # product with the other side's pattern keeps the shared cells and says where each is.
    at = sparse.csr_matrix(
        (np.arange(1, m.nnz + 1, dtype=np.int64), m.indices, m.indptr), shape=m.shape
    )
    ones = sparse.csr_matrix((np.ones(m.nnz, dtype=np.int64), m.indices, m.indptr), m.shape)
    left, right = at[rows_a], at[rows_b]
    mine = left.multiply(ones[rows_b]).tocsr()
    theirs = right.multiply(ones[rows_a]).tocsr()
    mine.sort_indices()
    theirs.sort_indices()
    pair = np.repeat(np.arange(len(pairs)), np.diff(mine.indptr))
    j = mine.indices.astype(np.int64)
    where_a, where_b = mine.data - 1, theirs.data - 1
    keep = ~_left_out_mask(p, skip)[j]
    pair, j, where_a, where_b = pair[keep], j[keep], where_a[keep], where_b[keep]
    # The same float operations as the one-pair path: (s_a · s_b) · w, in float64.
    contribution = (m.data[where_a] * m.data[where_b]) * p.column_weight[j]
    minus = -contribution
    order = np.lexsort((_name_rank(p)[j], minus, pair))
    pair, j, minus = pair[order], j[order], minus[order]
    where_a, where_b = where_a[order], where_b[order]
    starts = np.searchsorted(pair, np.arange(len(pairs) + 1)).tolist()
    minus_l, j_l = minus.tolist(), j.tolist()
    names = [features[x] for x in j_l]
    mine_cells = [cells[x] for x in where_a.tolist()]
    their_cells = [cells[x] for x in where_b.tolist()]
    out = []
    for n, (a, b) in enumerate(pairs):
        s, e = starts[n], starts[n + 1]
        shared = list(
            zip(minus_l[s:e], names[s:e], j_l[s:e], mine_cells[s:e], their_cells[s:e], strict=True)
        )
        out.append([text for text, _ in said_of_shared(p, a, b, shared, lang)])
    return out


def read_cells(p: Projection) -> list[Cell] | None:
    """Every cell of the matrix, in its stored order: (strength, held directly, best status,
    the narrower themes it is held through when only those), as
    :func:`~graphkit.match.scoring._profile` reads them one actor at a time; None where the
    projection's arrays cannot be read so. Kept with the projection (read it before
    forking, so that the workers share it).

    >>> import graphkit
    >>> from graphkit.match.scoring import projection
    >>> p = projection(graphkit.from_tables("data"))
    >>> len(read_cells(p)) == p.matrix.nnz
    True
    """
    if "_all_cells" in p.__dict__:
        return p.__dict__["_all_cells"]
    found = None
    m, ev = p.matrix, p.evidence
    if (
        isinstance(m, sparse.csr_matrix)
        and m.has_canonical_format
        and m.data.dtype == np.float64
        and np.asarray(p.column_weight).dtype == np.float64
        and isinstance(ev, EvidenceTable)
        and ev.actors == p.actors
        and ev.features == p.features
    ):
        found = _read_cells(m, ev)
    p.__dict__["_all_cells"] = found
    return found


def _read_cells(m: sparse.csr_matrix, ev: EvidenceTable) -> list[Cell]:
    # A cell's evidence: the span offsets[k]..offsets[k+1] of the cell whose key is
    # row × features + column (keys sorted). A cell without evidence reads as the one-pair
    # path reads it: not direct, "active", held through nothing.
    rows = np.repeat(np.arange(m.shape[0], dtype=np.int64), np.diff(m.indptr))
    keys = rows * len(ev.features) + m.indices
    if len(ev.keys):
        k = np.minimum(np.searchsorted(ev.keys, keys), len(ev.keys) - 1)
        has = ev.keys[k] == keys
    else:
        k, has = np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=bool)
    starts = np.where(has, ev.offsets[k] if len(ev.keys) else 0, 0)
    ends = np.where(has, ev.offsets[k + 1] if len(ev.keys) else 0, 0)
    held = ends > starts
    words = ev.words
    kinds = ev.columns["kind"]
    broader = words.index("broader") if "broader" in words else -1
    not_broader = np.concatenate([[0], np.cumsum(kinds != broader)])
    direct = held & (not_broader[ends] - not_broader[starts] > 0)
    first = np.minimum(starts, max(len(kinds) - 1, 0))
    status_codes = ev.columns["status"][first] if len(kinds) else np.zeros(len(keys), np.int64)
    statuses = [
        words[c] if h else "active"
        for c, h in zip(status_codes.tolist(), held.tolist(), strict=True)
    ]
    via: list[tuple[str, ...]] = [()] * len(keys)
    vias = ev.columns["via"]
    for x in np.flatnonzero(held & ~direct).tolist():  # held only through narrower themes
        via[x] = tuple(sorted({words[c] for c in vias[starts[x] : ends[x]].tolist()}))
    return list(zip(m.data.tolist(), direct.tolist(), statuses, via, strict=True))


def _left_out_mask(p: Projection, skip: frozenset) -> np.ndarray:
    mask = np.zeros(len(p.features), dtype=bool)
    mask[list(_skipped(p, skip))] = True
    return mask


def _name_rank(p: Projection) -> np.ndarray:
    """Each feature's place in the features sorted by id: the one-pair path's tie-break."""
    found = p.__dict__.get("_name_rank")
    if found is None:
        order = sorted(range(len(p.features)), key=p.features.__getitem__)
        found = np.empty(len(order), dtype=np.int64)
        found[order] = np.arange(len(order))
        p.__dict__["_name_rank"] = found
    return found
