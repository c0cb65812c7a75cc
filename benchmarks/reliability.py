"""Reliability figures on a real build: how long the plain-data caches take to read, how
quickly an over-budget page is refused, how closely `graphkit sparql --timeout` and Ctrl-C
stop a runaway query, and how a 50 MB junk table is reported.

Every figure is a new process timed from outside (time.perf_counter), medians of --repeat.

Run:  graphkit synth --scale S1 --out /tmp/s1 && graphkit build --data /tmp/s1 --out /tmp/b/graph.ttl
      python benchmarks/reliability.py --graph /tmp/b/graph.ttl --data /tmp/s1 [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GRAPHKIT = shutil.which("graphkit", path=str(Path(sys.executable).parent)) or "graphkit"
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
LOAD = """
import sys, time, graphkit
from graphkit.match.scoring import projection
kg = graphkit.load(sys.argv[1])
t = time.perf_counter(); kg.names; t1 = time.perf_counter(); projection(kg); t2 = time.perf_counter()
print(t1 - t, t2 - t1)
"""


def timed(args: list[str], **kwargs) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    done = subprocess.run(args, capture_output=True, text=True, **kwargs)
    return time.perf_counter() - start, done


def cache_loads(graph: str, repeat: int) -> dict[str, float]:
    names, proj = [], []
    for _ in range(repeat):
        _, done = timed([sys.executable, "-c", LOAD, graph], check=True)
        a, b = map(float, done.stdout.split())
        names.append(a)
        proj.append(b)
    return {"names index": statistics.median(names), "projection": statistics.median(proj)}


def viz_refusal(graph: str, repeat: int) -> float:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(repeat):
            seconds, done = timed([GRAPHKIT, "viz", "--out", f"{tmp}/g.html", "--graph", graph])
            assert done.returncode == 1 and "would draw" in done.stderr, done.stderr
            times.append(seconds)
    return statistics.median(times)


def sparql_timeout(graph: str, limit: float) -> float:
    seconds, done = timed(
        [GRAPHKIT, "sparql", CARTESIAN, "--timeout", str(limit), "--graph", graph]
    )
    assert done.returncode == 1, done.stderr
    return seconds


def ctrl_c(graph: str, after: float = 3.0) -> float:
    proc = subprocess.Popen(
        [GRAPHKIT, "sparql", CARTESIAN, "--timeout", "0", "--graph", graph],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(after)
    start = time.perf_counter()
    proc.send_signal(signal.SIGINT)
    proc.communicate(timeout=60)
    assert proc.returncode == 130
    return time.perf_counter() - start


def junk_table(data: str) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(data, f"{tmp}/data")
        row = ",".join(["junk"] * 40) + "\n"
        with open(f"{tmp}/data/actors.csv", "a") as f:
            f.write(row * (50_000_000 // len(row)))
        seconds, done = timed(
            [GRAPHKIT, "build", "--data", f"{tmp}/data", "--out", f"{tmp}/b/graph.ttl"]
        )
        return seconds, len(done.stderr.splitlines())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", required=True)
    parser.add_argument("--data", help="the tables of that build, for the junk-table figure")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for what, seconds in cache_loads(args.graph, args.repeat).items():
        print(f"cache read, {what}: {seconds:.3f} s (median of {args.repeat})")
    print(f"viz over budget refused in {viz_refusal(args.graph, args.repeat):.2f} s")
    for limit in (2, 5):
        print(f"sparql --timeout {limit}: stopped after {sparql_timeout(args.graph, limit):.2f} s")
    print(f"Ctrl-C 3 s into a query: stopped {ctrl_c(args.graph):.2f} s after the signal")
    if args.data:
        seconds, lines = junk_table(args.data)
        print(f"50 MB junk actors.csv: refused in {seconds:.1f} s with {lines} lines")


if __name__ == "__main__":
    main()
