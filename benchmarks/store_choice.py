"""Why Oxigraph: load and group-by times, rdflib's in-memory store against pyoxigraph.

Scales the shipped graph up by copying its data triples under renamed IRIs (about half a
million triples at --copies 110, the national scale of issue 7), then times, in one run:
parsing the N-Triples into rdflib and into a pyoxigraph store, and a GROUP BY count per class.
Prints medians of --runs runs and the ratios. Run: python benchmarks/store_choice.py
"""

from __future__ import annotations

import argparse
import statistics
import time

import pyoxigraph as ox
import rdflib

import graphkit

QUERY = "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c"


def scaled_ntriples(copies: int) -> bytes:
    kg = graphkit.from_tables("data")
    base = kg.store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    text = base.serialize(format=ox.RdfFormat.N_TRIPLES).decode()
    parts = [text.replace("/graphkit/id/", f"/graphkit/id/c{i}-") for i in range(copies)]
    return "".join(parts).encode()


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=110)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = scaled_ntriples(args.copies)
    results: dict[str, list[float]] = {
        k: [] for k in ("rdflib load", "oxigraph load", "rdflib group-by", "oxigraph group-by")
    }
    for _ in range(args.runs):
        g, store = rdflib.Graph(), ox.Store()
        for name, fn in (
            ("rdflib load", lambda g=g: g.parse(data=data, format="nt")),
            ("oxigraph load", lambda s=store: s.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)),
            ("rdflib group-by", lambda g=g: list(g.query(QUERY))),
            ("oxigraph group-by", lambda s=store: list(s.query(QUERY))),
        ):
            results[name].append(timed(fn))
    print(f"{len(g)} triples, {args.runs} runs")
    print(f"{'what':<20}{'median s':>10}{'min s':>10}{'max s':>10}")
    for name, values in results.items():
        print(
            f"{name:<20}{statistics.median(values):>10.3f}{min(values):>10.3f}{max(values):>10.3f}"
        )
    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"load: oxigraph {med['rdflib load'] / med['oxigraph load']:.1f}x faster")
    print(f"group-by: oxigraph {med['rdflib group-by'] / med['oxigraph group-by']:.1f}x faster")


if __name__ == "__main__":
    main()
