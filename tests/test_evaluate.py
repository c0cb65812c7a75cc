"""Offline evaluation: what protocol (c) hides, on inputs whose answer is known (the protocols
themselves: tests/test_partners.py, tests/test_linkpred.py)."""

import numpy as np
from scipy import sparse

from graphkit.match.evaluate import drop_links
from graphkit.match.features import Evidence, Projection


def projection(cells: dict[tuple[str, str], list[Evidence]], **extra) -> Projection:
    """A projection holding exactly ``cells`` (derived ones included, as ``project`` makes)."""
    actors = sorted({a for a, _ in cells})
    features = sorted({f for _, f in cells})
    row, col = {a: i for i, a in enumerate(actors)}, {f: j for j, f in enumerate(features)}
    strengths = {(row[a], col[f]): max(e.strength for e in evs) for (a, f), evs in cells.items()}
    rows, cols = zip(*strengths, strict=True)
    matrix = sparse.csr_matrix(
        (list(strengths.values()), (rows, cols)), shape=(len(actors), len(features))
    )
    return Projection(
        actors=actors,
        kind=dict.fromkeys(actors, "FrenchAuthority"),
        seat_country={},
        labels={},
        features=features,
        matrix=matrix,
        column_weight=np.ones(len(features)),
        evidence=cells,
        links=set(),
        partners={},
        broader=extra.get("broader", {}),
        regions_of=extra.get("regions_of", {}),
    )


def holds(*pairs: str) -> dict[tuple[str, str], list[Evidence]]:
    """Direct cells from "actor feature" strings, each an active interest."""
    return {tuple(p.split()): [Evidence("interest", p)] for p in pairs}


def test_dropping_a_theme_drops_what_it_derives_and_nothing_else():
    cells = holds("a theme:foret", "a country:country-ar", "b theme:biodiversite")
    cells[("a", "theme:biodiversite")] = [Evidence("broader", "foret", strength=0.5)]
    cells[("a", "region:mr-cone-sud")] = [Evidence("country", "country-ar")]
    p = projection(
        cells, broader={"foret": ["biodiversite"]}, regions_of={"country-ar": {"mr-cone-sud"}}
    )
    assert (drop_links(p, []) != p.matrix).nnz == 0  # rebuilt as ``project`` built it
    x = drop_links(p, [("a", "theme:foret"), ("a", "country:country-ar")])
    assert x[p.row["a"]].nnz == 0  # the broader theme and the region went with them
    assert x[p.row["b"], p.col["theme:biodiversite"]] == 1.0
