"""A bounded load test of `graphkit serve`, on loopback only, with hostile queries mixed in.

Starts the endpoint on a free loopback port for the build (as `graphkit serve --timeout 5`
does), then runs --clients concurrent clients for --seconds, each sending the saved queries
(sample parameters bound as escaped terms in a VALUES block) in turn over one keep-alive
connection, as a plain SPARQL client would (--dataset: naming the graphs as `--endpoint`
does), and stops by itself (requests under way at the end are awaited). A request fails if
its status is not 200 or its body is not a complete SPARQL JSON results document.

Meanwhile one more client sends --hostile queries one after the other (default 4, one of
each kind of :data:`HOSTILE`: an ORDER BY over a cartesian product, the same product
streamed as CSV, its COUNT, a SERVICE to a loopback socket); each must end in an error
status or a broken transfer within --timeout + 5 s, and the SERVICE must reach nothing.

Prints requests, failures, throughput and p50/p95 latency, overall and per query, each
hostile query's outcome and time, and the engines' peak resident memory (summed over the
worker processes, read every 50 ms); exits 1 if any request failed or a hostile query was
not stopped.

Run: python benchmarks/load_serve.py [--graph build/graph.ttl] [--clients 8] [--seconds 20]
[--hostile 4] [--timeout 5] (--url http://127.0.0.1:PORT/query load-tests an endpoint
already running on loopback).
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from collections import defaultdict

import graphkit
from graphkit.sparql.remote import DATA_GRAPH, SIDE_GRAPHS, prologue
from graphkit.sparql.serve import free_port, is_loopback, serving

SAMPLES = {"theme": "eau", "country": "Nicaragua", "iri-or-name": "bordeaux", "literal": "active"}

# Used when the saved queries are not there: what the matchers' projection asks.
OWN = {
    "actors": "SELECT ?a ?kind ?label WHERE { ?a a ?kind ; rdfs:label ?label "
    "FILTER(?kind IN (gk:FrenchAuthority, gk:ForeignAuthority, gk:Network)) }",
    "partnerships": "SELECT ?p ?a ?status WHERE { ?p a gk:Partnership ; gk:party ?a ; "
    "gk:status ?status }",
    "themes": "SELECT ?t ?b WHERE { ?t skos:broader ?b }",
}


def queries(kg) -> dict[str, str]:
    """Name -> full query text: each saved query with sample parameters (or :data:`OWN`)."""
    try:
        from graphkit.sparql import saved_queries as sq
    except ImportError:
        return {name: prologue() + text for name, text in OWN.items()}
    out = {}
    for q in sq.list_queries():
        values = {p.name: SAMPLES[p.kind] for p in q.params if p.required}
        out[q.name] = prologue() + sq.with_values(q.text, sq.bind(q, values, kg), deep=True)
    return out


HEADERS = {
    "Accept": "application/sparql-results+json",
    "Content-Type": "application/x-www-form-urlencoded",
}


def client(url, work, deadline, offset, results, lock) -> None:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    names = list(work)
    i = offset
    while time.monotonic() < deadline:
        name = names[i % len(names)]
        i += 1
        start = time.perf_counter()
        try:
            connection.request("POST", parts.path, work[name], HEADERS)
            response = connection.getresponse()
            body = response.read()
            ok = response.status == 200 and "results" in json.loads(body)
        except (OSError, http.client.HTTPException, ValueError):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
        with lock:
            results.append((name, time.perf_counter() - start, ok))
    connection.close()


def body(text: str, dataset: bool) -> str:
    """The form of one query: plain, as any SPARQL client sends it (the default graph is the
    server's, every graph merged), or naming the dataset as ``--endpoint`` does."""
    form = [("query", text)]
    if dataset:
        form += [("default-graph-uri", g) for g in (DATA_GRAPH, *SIDE_GRAPHS)]
        form += [("named-graph-uri", g) for g in SIDE_GRAPHS]
    return urllib.parse.urlencode(form)


def load(
    url: str,
    work: dict[str, str],
    clients: int,
    seconds: float,
    dataset: bool = False,
    hostile_count: int = 0,
    limit: float = 10.0,
    hostile_out: list | None = None,
) -> list[tuple]:
    results: list[tuple] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    encoded = {name: body(text, dataset) for name, text in work.items()}
    threads = [
        threading.Thread(target=client, args=(url, encoded, deadline, n, results, lock))
        for n in range(clients)
    ]
    if hostile_count:
        out = hostile_out if hostile_out is not None else []
        threads.append(threading.Thread(target=hostile, args=(url, hostile_count, limit, out)))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


CARTESIAN = "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HOSTILE = {
    "order-by": (
        f"SELECT * WHERE {CARTESIAN} ORDER BY ?c LIMIT 1",
        "application/sparql-results+json",
    ),
    "stream": (f"SELECT * WHERE {CARTESIAN}", "text/csv"),
    "count": (f"SELECT (COUNT(*) AS ?n) WHERE {CARTESIAN}", "application/sparql-results+json"),
    "service": (
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "application/sparql-results+json",
    ),
}


def hostile(url: str, count: int, limit: float, out: list) -> None:
    """Send ``count`` hostile queries one after the other; record (kind, outcome, s, ok)."""
    parts = urllib.parse.urlsplit(url)
    trap = socket.socket()  # what a SERVICE would reach: it must never be called
    trap.bind(("127.0.0.1", 0))
    trap.listen()
    trap.settimeout(0.2)
    target = f"http://127.0.0.1:{trap.getsockname()[1]}/sparql"
    kinds = list(HOSTILE)
    for n in range(count):
        kind = kinds[n % len(kinds)]
        text, accept = HOSTILE[kind]
        text = text.format(url=target) if kind == "service" else text
        start = time.perf_counter()
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=limit + 30)
        got = 0
        try:
            connection.request(
                "POST",
                parts.path,
                urllib.parse.urlencode({"query": text}),
                {**HEADERS, "Accept": accept},
            )
            response = connection.getresponse()
            while piece := response.read1(65536):
                got += len(piece)
            outcome, ok = f"{response.status}", response.status >= 400
        except http.client.IncompleteRead:
            outcome, ok = f"200, transfer broken after {got / 1e6:.1f} MB", True
        except (OSError, http.client.HTTPException) as err:
            outcome, ok = f"failed: {err}", False
        finally:
            connection.close()
        took = time.perf_counter() - start
        try:
            trap.accept()[0].close()
            outcome, ok = outcome + ", SERVICE REACHED THE TRAP", False
        except TimeoutError:
            pass
        out.append((kind, outcome, took, ok and took <= limit))
    trap.close()


def ms(values: list[float], q: int) -> float:
    if len(values) < 2:
        return 1000 * values[0] if values else float("nan")
    return 1000 * statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def report(
    results: list[tuple], wall: float, clients: int, bad: list | None = None, peak: int = 0
) -> int:
    failures = sum(1 for _, _, ok in results if not ok)
    times = [t for _, t, ok in results if ok]
    print(
        f"{clients} clients, {wall:.1f} s: {len(results)} requests, {failures} failed, "
        f"{len(results) / wall:.1f} req/s, p50 {ms(times, 50):.1f} ms, p95 {ms(times, 95):.1f} ms"
    )
    by_query = defaultdict(list)
    for name, t, ok in results:
        if ok:
            by_query[name].append(t)
    for name in sorted(by_query):
        got = by_query[name]
        print(f"  {name:28} {len(got):6} ok  p50 {ms(got, 50):8.1f} ms  p95 {ms(got, 95):8.1f} ms")
    unstopped = 0
    for kind, outcome, took, ok in bad or []:
        unstopped += not ok
        print(f"  hostile {kind:20} {outcome} in {took:.2f} s{'' if ok else '  NOT STOPPED'}")
    if peak:
        print(f"engines' peak resident memory (summed): {peak / 1e6:.0f} MB")
    return 1 if failures or unstopped else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", default="build/graph.ttl")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--url", help="an endpoint already running on loopback")
    parser.add_argument(
        "--dataset", action="store_true", help="name the graphs in each request, as --endpoint does"
    )
    parser.add_argument("--exclude", action="append", default=[], metavar="NAME")
    parser.add_argument("--hostile", type=int, default=4, help="hostile queries to send (max 20)")
    parser.add_argument("--timeout", type=int, default=5, help="the server's --timeout")
    parser.add_argument("--workers", type=int, default=4, help="the server's --workers")
    args = parser.parse_args()
    args.hostile = max(0, min(args.hostile, 20))  # bounded in count, and each in time
    limit = args.timeout + 5.0
    kg = graphkit.load(args.graph)
    work = {n: q for n, q in queries(kg).items() if n not in args.exclude}
    print(f"queries: {', '.join(work)}")
    if args.url:
        if not is_loopback(urllib.parse.urlsplit(args.url).hostname or ""):
            sys.exit("error: this load test only runs against loopback")
        start = time.monotonic()
        bad: list = []
        results = load(
            args.url, work, args.clients, args.seconds, args.dataset, args.hostile, limit, bad
        )
        sys.exit(report(results, time.monotonic() - start, args.clients, bad))
    port = free_port()
    with serving(kg, "127.0.0.1", port, timeout=args.timeout, workers=args.workers) as endpoint:
        print(f"serving on 127.0.0.1:{port}, --timeout {args.timeout}, --workers {args.workers}")
        start = time.monotonic()
        bad = []
        results = load(
            endpoint.query_url,
            work,
            args.clients,
            args.seconds,
            args.dataset,
            args.hostile,
            limit,
            bad,
        )
        wall = time.monotonic() - start
        peak = endpoint.pool.peak
    sys.exit(report(results, wall, args.clients, bad, peak))


if __name__ == "__main__":
    main()
