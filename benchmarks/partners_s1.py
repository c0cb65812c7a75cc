"""How long `graphkit partners NAME` takes in a new process on national-scale data (S1).

Writes S1's synthetic tables (`graphkit synth --scale s1`), builds them, then runs
`graphkit partners NAME` as a new process: once right after the build (it computes and
caches the partner view of the build) and then N times (median, min–max), alternating with
`peers NAME` and `south-south` (every pair of the 4,118 partners abroad in the South). NAME
is the French authority with the most partners. Targets: partners ≤ 1.5 s, south-south ≤
15 s. Prints the load average (1 min) before and after: run it at normal priority.
Run: python benchmarks/partners_s1.py [--runs 3] [--work DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GK = [str(Path(sys.executable).parent / "graphkit")]


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([*GK, *args], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="reuse this folder (tables and build)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="gk-partners-"))
    data, graph = work / "data", work / "build" / "graph.ttl"
    built = not graph.exists()
    if built:
        print(f"synth + build in {work} …", flush=True)
        subprocess.run([*GK, "synth", "--scale", "s1", "--out", str(data)], check=True)
        subprocess.run([*GK, "build", "--data", str(data), "--out", str(graph)], check=True)

    import graphkit
    from graphkit.match.scoring import projection

    p = projection(graphkit.load(graph))
    name = max(p.of_kind("FrenchAuthority"), key=lambda a: (len(p.partners.get(a, {})), a))
    query = ["partners", name, "--graph", str(graph)]
    first = timed(query)  # computes and caches the partner view if this build has none
    load = os.getloadavg()[0]
    runs, peers, south = [], [], []
    for _ in range(args.runs):
        runs.append(timed(query))
        peers.append(timed(["peers", name, "--graph", str(graph)]))
        south.append(timed(["south-south", "--graph", str(graph)]))
    print(
        f"load average (1 min) {load:.1f} before, {os.getloadavg()[0]:.1f} after; "
        f"south-south: median {statistics.median(south):.2f} s "
        f"({min(south):.2f}–{max(south):.2f}), target ≤ 15 s"
    )
    print(
        f"partners {name} ({len(p.partners.get(name, {}))} partners), S1: "
        + (f"first call after build {first:.2f} s; " if built else "")
        + f"median {statistics.median(runs):.2f} s ({min(runs):.2f}–{max(runs):.2f}) over "
        f"{args.runs} new processes (peers, same runs: median {statistics.median(peers):.2f} s); "
        "target ≤ 1.5 s"
    )


if __name__ == "__main__":
    main()
