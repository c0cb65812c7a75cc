"""What the evaluation's protocol (c) hides: direct links of the matchers' projection.

:func:`drop_links` rebuilds the projection's matrix without some direct (actor, feature)
links, so that the cells they derive (broader themes, macro-regions) and the rarity weights
no longer know them; :mod:`.protocols` (``shipped``) hides links this way. The protocols
themselves, their baselines and metrics are in :mod:`.protocols` and :mod:`.linkpred`.

>>> import graphkit
>>> from graphkit.match.scoring import projection
>>> p = projection(graphkit.from_tables("data"))
>>> bool((drop_links(p, []) != p.matrix).nnz == 0)
True
"""

from __future__ import annotations

from collections.abc import Iterable

from scipy import sparse

from graphkit.match.features import Projection, ancestors

DERIVED = ("broader", "country")  # evidence kinds of derived cells (broader theme, macro-region)


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
