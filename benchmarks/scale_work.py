"""The in-process measurements of benchmarks/scale.py, each run by it in a process of its own.

Each prints one JSON object on stdout: ``seconds`` (the part timed here) and details.

- ``bulk-load NQ FOLDER``: the baseline loader, ``pyoxigraph.Store.bulk_load`` of an N-Quads
  file into a new on-disk store in FOLDER.
- ``peers-all GRAPH [--no-reasons]``: ``graphkit.match.peers_all(kg, top=10)`` for every French
  authority (the build opened and its projection loaded first, not timed).
- ``query-before GRAPH NAME [K=V …]``: a saved query as it was before issue 15 (baseline).
- ``peers-nx GRAPH [--sample N]``: the per-pair NetworkX baseline below on N source authorities
  (deterministic), extrapolated to all of them, and its agreement with ``peers_all``.

Run by scale.py; by hand: python benchmarks/scale_work.py peers-nx build/graph.ttl
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from typing import Any

TOP = 10


def bulk_load(nquads: str, folder: str) -> dict[str, Any]:
    """Time ``Store(folder).bulk_load`` of ``nquads`` (nothing after it: the caller times the
    whole process)."""
    import pyoxigraph as ox

    start = time.perf_counter()
    store = ox.Store(folder)
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - start
    return {"seconds": seconds}


def _peers_all() -> Callable[..., Any] | None:
    try:
        from graphkit.match.peers import peers_all
    except ImportError:
        return None
    return peers_all


def _open(graph: str):
    import graphkit
    from graphkit.match.scoring import projection

    kg = graphkit.load(graph)
    return kg, projection(kg)  # from the build's cache (or computed): not timed


def peers_all_run(graph: str, reasons: bool) -> dict[str, Any]:
    """Time ``peers_all(kg, top=10, reasons=...)`` on the opened build."""
    peers_all = _peers_all()
    if peers_all is None:
        return {"missing": "graphkit.match.peers.peers_all is not there yet"}
    kg, p = _open(graph)
    start = time.perf_counter()
    frame = peers_all(kg, top=TOP, reasons=reasons)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "rows": len(frame),
        "sources": int(frame["source_id"].nunique()) if len(frame) else 0,
        "authorities": len(p.of_kind("FrenchAuthority")),
    }


def bipartite(p) -> Any:
    """The actor—feature graph of the projection: edge weight = the actor's strength."""
    import networkx as nx

    graph = nx.Graph()
    matrix = p.matrix.tocsr()
    for i, actor in enumerate(p.actors):
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        for j, strength in zip(matrix.indices[start:end], matrix.data[start:end], strict=True):
            graph.add_edge(actor, ("feature", int(j)), weight=float(strength))
    return graph


def nx_top(graph: Any, p, source: str, french: list[str]) -> list[tuple[str, float]]:
    """Per pair: Σ over common features f of column_weight[f] × w(a, f) × w(b, f); top 10."""
    if source not in graph:
        return []
    mine = graph[source]
    scores = []
    for other in french:
        if other == source or other not in graph or p.linked(source, other):
            continue
        theirs = graph[other]
        score = sum(
            p.column_weight[f[1]] * mine[f]["weight"] * theirs[f]["weight"]
            for f in mine.keys() & theirs.keys()
        )
        if score > 0:
            scores.append((other, float(score)))
    scores.sort(key=lambda pair: (-pair[1], pair[0]))
    return scores[:TOP]


def agreement(
    expected: dict[str, list[tuple[str, float]]], frame: Any, scale: float
) -> dict[str, Any]:
    """Same top-10 ids in the same order, and scores equal once put on peers_all's 0–1
    scale (``graphkit.match.scale.unit`` with ``scale_peers``) and rounded to 4 decimals."""
    from graphkit.match.scale import unit

    expected = {a: [(b, unit(x, scale)) for b, x in found] for a, found in expected.items()}
    got: dict[str, list[tuple[str, float]]] = {a: [] for a in expected}
    for row in frame.sort_values(["source_id", "rank"]).itertuples():
        if row.source_id in got:
            got[row.source_id].append((row.target_id, float(row.score)))
    same, differ = 0, []
    for source, mine in expected.items():
        theirs = got[source]
        ok = len(mine) == len(theirs) and all(
            a == b and abs(round(x, 4) - y) <= 1e-6
            for (a, x), (b, y) in zip(mine, theirs, strict=True)
        )
        same += ok
        if not ok and len(differ) < 3:
            differ.append({"source": source, "baseline": mine[:3], "peers_all": theirs[:3]})
    return {"agree": same, "compared": len(expected), "examples": differ}


def peers_nx(graph: str, sample_size: int) -> dict[str, Any]:
    """The NetworkX baseline on a sample, extrapolated to every French authority."""
    import networkx  # noqa: F401  (imported before the clock starts)

    kg, p = _open(graph)
    french = p.of_kind("FrenchAuthority")
    start = time.perf_counter()
    g = bipartite(p)
    graph_seconds = time.perf_counter() - start
    sample = french[:: max(1, len(french) // sample_size)][:sample_size]
    start = time.perf_counter()
    found = {a: nx_top(g, p, a, french) for a in sample}
    sample_seconds = time.perf_counter() - start
    per_source = sample_seconds / max(1, len(sample))
    out: dict[str, Any] = {
        # Extrapolated: graph built once, then the sample's mean time per source × all sources.
        "seconds": graph_seconds + per_source * len(french),
        "extrapolated": True,
        "graph_seconds": graph_seconds,
        "sample": len(sample),
        "sample_seconds": sample_seconds,
        "per_source_seconds": per_source,
        "authorities": len(french),
    }
    peers_all = _peers_all()
    if peers_all is None:
        out["agreement"] = None
    else:
        frame = peers_all(kg, top=TOP, reasons=False)
        out["agreement"] = agreement(found, frame, p.weights.scale_peers)
    return out


def query_before(graph: str, name: str, params: list[str]) -> dict[str, Any]:
    """Time a saved query as graphkit ran it before issue 15: the text kept in
    tests/fixtures/queries-before, its parameters given to Oxigraph as substitutions."""
    from pathlib import Path

    import graphkit
    from graphkit.sparql import saved_queries as sq

    path = Path(__file__).resolve().parent.parent / "tests/fixtures/queries-before" / f"{name}.rq"
    query = sq.parse(path.read_text(encoding="utf-8"), name)
    kg = graphkit.load(graph)
    values = dict(p.split("=", 1) for p in params)
    start = time.perf_counter()
    rows = sum(1 for _ in kg.query(query.text, sq.bind(query, values, kg)))
    return {"seconds": time.perf_counter() - start, "rows": rows}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    load = sub.add_parser("bulk-load")
    load.add_argument("nquads")
    load.add_argument("folder")
    every = sub.add_parser("peers-all")
    every.add_argument("graph")
    every.add_argument("--no-reasons", action="store_true")
    nx = sub.add_parser("peers-nx")
    nx.add_argument("graph")
    nx.add_argument("--sample", type=int, default=50)
    before = sub.add_parser("query-before")
    before.add_argument("graph")
    before.add_argument("name")
    before.add_argument("params", nargs="*")
    args = parser.parse_args()
    if args.what == "query-before":
        result = query_before(args.graph, args.name, args.params)
    elif args.what == "bulk-load":
        result = bulk_load(args.nquads, args.folder)
    elif args.what == "peers-all":
        result = peers_all_run(args.graph, not args.no_reasons)
    else:
        result = peers_nx(args.graph, args.sample)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
