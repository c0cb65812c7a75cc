"""Saved queries, old code against new, each a new process, alternated in the same minutes.

For each operation (a saved query with its parameter as benchmarks/scale.py asks it, a
listing's first page with ``--limit 20``, and a full listing's first row: the time until the
first data line of ``--format csv`` reaches standard output), runs the older checkout
(``--old``, first on PYTHONPATH; the working folder is --work so that the current folder
never shadows it) and this one in turn, ``--repeat`` times, recording the load average
(1 min) before each run. A run stopped at ``--timeout``, or that fails (the command's own
``--timeout``, 60 s by default, stops a query with exit 1), is recorded as None. Prints a
table and writes it as JSON (``--out``).

Run:  git worktree add /tmp/old 235922b
      python benchmarks/saved_queries_ab.py --old /tmp/old --work /tmp/bench/s1 \\
             --repeat 3 --out benchmarks/results/queries-endpoint-DATE.json
"""

from __future__ import annotations

import argparse
import datetime
import os
import select
import statistics
import subprocess
import sys
import time
from pathlib import Path

from scale import gk, save
from scale_run import Ctx, machine

HERE = Path(__file__).resolve().parent


def ops(c: Ctx) -> dict[str, list[str]]:
    n, g = c.names, ("--graph", c.graph)

    def q(name: str, *args: str) -> list[str]:
        return gk("sparql", name, *args, *g)

    return {
        "repertoire actor": q("repertoire", "--param", f"actor={n['actor']}"),
        "partnerships country": q("partnerships-by-country", "--param", f"country={n['country']}"),
        "networks country": q("networks-by-country", "--param", f"country={n['country']}"),
        "group-members group": q("group-members", "--param", f"group={n['group']}"),
        "sources entity": q("sources", "--param", f"entity={n['actor']}"),
        "embassy country": q("embassy-coverage", "--param", f"country={n['country']}"),
        "authorities theme": q("authorities-by-theme", "--param", f"theme={n['theme']}"),
        "repertoire --limit 20": q("repertoire", "--limit", "20"),
        "partnerships --limit 20": q("partnerships-by-country", "--limit", "20"),
        "networks --limit 20": q("networks-by-country", "--limit", "20"),
        "group-members --limit 20": q("group-members", "--limit", "20"),
        "repertoire first row (csv)": q("repertoire", "--format", "csv"),
        "partnerships first row (csv)": q("partnerships-by-country", "--format", "csv"),
    }


def timed(argv: list[str], timeout: float, cwd: Path, first_row: bool) -> float | None:
    """Seconds until the process ends (or, with ``first_row``, until its second line of
    output, the first data row, arrives; the process is then stopped); None past timeout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0
    )
    lines, buf = 0, b""
    assert proc.stdout is not None
    while True:
        left = timeout - (time.perf_counter() - start)
        if left <= 0:
            proc.kill()
            proc.wait()
            return None
        ready, _, _ = select.select([proc.stdout], [], [], min(left, 0.5))
        if not ready:
            continue
        chunk = os.read(proc.stdout.fileno(), 1 << 16)
        if not chunk:
            break
        buf += chunk
        lines += chunk.count(b"\n")
        if first_row and lines >= 2:
            seconds = time.perf_counter() - start
            proc.kill()
            proc.wait()
            return seconds
    proc.wait()
    if proc.returncode != 0:  # e.g. stopped by the command's own --timeout (60 s)
        print(f"{' '.join(argv[-6:])}: exit {proc.returncode}", file=sys.stderr)
        return None
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="checkout of the older commit")
    parser.add_argument("--work", type=Path, required=True, help="scale.py's folder of a scale")
    parser.add_argument("--scale", default="S1")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", default="", help="comma-separated operations")
    parser.add_argument("--sides", default="old,new")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    ctx = Ctx(args.scale, args.work, 50, gk, args.timeout)
    table = ops(ctx)
    chosen = [o for o in args.only.split(",") if o] or list(table)
    sides = args.sides.split(",")
    started = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    doc = {"started": started, "old": str(args.old), "scale": args.scale, "names": ctx.names}
    doc |= {"machine": machine(), "command": " ".join(sys.argv), "results": []}
    for name in chosen:
        times: dict[str, list[float | None]] = {s: [] for s in sides}
        loads: list[float] = []
        for i in range(args.repeat):
            for side in sides:
                if side == "old":
                    os.environ["PYTHONPATH"] = str(args.old)
                else:
                    os.environ.pop("PYTHONPATH", None)
                loads.append(round(os.getloadavg()[0], 2))
                seconds = timed(table[name], args.timeout, args.work, "first row" in name)
                times[side].append(None if seconds is None else round(seconds, 3))
                print(f"{name} {side} {i + 1}: {seconds} s (load {loads[-1]})", file=sys.stderr)
        os.environ.pop("PYTHONPATH", None)
        row: dict = {"op": name, "runs": times, "load_1min": loads, "timeout": args.timeout}
        for side in sides:
            done = [t for t in times[side] if t is not None]
            row[f"{side}_median"] = (
                statistics.median(done) if len(done) == len(times[side]) else None
            )
        doc["results"].append(row)
        doc["finished"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
        save(args.out, doc)
    for r in doc["results"]:
        cells = "  ".join(
            f"{s} {r[f'{s}_median']} ({min(t for t in r['runs'][s] if t) if any(r['runs'][s]) else '-'}"
            f"–{max(t for t in r['runs'][s] if t) if any(r['runs'][s]) else '-'})"
            for s in sides
        )
        print(f"{r['op']:30s} {cells}  load {min(r['load_1min'])}–{max(r['load_1min'])}")


if __name__ == "__main__":
    main()
