"""Laying out a table, old code against new, alternately in the same minutes.

For each rows file (the CSV or JSON a command printed with ``--format csv|json``: a saved
query's rows, or ``peers --all``'s rows with their lists of reasons), a new process per
run imports ``graphkit.cli.output`` from the given checkout (PYTHONPATH), reads the rows
and times ``render(rows, "table", columns)`` alone; the load average (1 min) is recorded
before each run, and the two outputs are compared.

Run:  python benchmarks/render_ab.py --old /tmp/old --new . --repeat 3 rows.csv peers.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import csv, hashlib, json, sys, time
from graphkit.cli.output import render
path = sys.argv[1]
if path.endswith(".json"):
    rows = json.load(open(path, encoding="utf-8"))
else:
    rows = list(csv.DictReader(open(path, newline="", encoding="utf-8")))
columns = list(rows[0])
start = time.perf_counter()
text = render(rows, "table", columns, width=100)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "sha": hashlib.sha256(text.encode()).hexdigest()}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--old", type=Path, required=True, help="checkout of the old code")
    ap.add_argument("--new", type=Path, required=True, help="checkout of the new code")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--out", type=Path)
    ap.add_argument("rows", nargs="+", type=Path)
    args = ap.parse_args()
    results = []
    for path in args.rows:
        runs: dict[str, list[float]] = {"old": [], "new": []}
        shas, loads = set(), []
        for _ in range(args.repeat):
            for side in ("old", "new"):
                env = dict(os.environ, PYTHONPATH=str(getattr(args, side).resolve()))
                loads.append(round(os.getloadavg()[0], 2))
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, str(path.resolve())],
                    env=env,
                    cwd="/",
                    capture_output=True,
                    text=True,
                    check=True,
                )
                found = json.loads(out.stdout)
                runs[side].append(round(found["seconds"], 3))
                shas.add((side, found["sha"]))
        same = len({sha for _, sha in shas}) == 1
        row = {
            "rows": path.name,
            "old": runs["old"],
            "new": runs["new"],
            "old_median": statistics.median(runs["old"]),
            "new_median": statistics.median(runs["new"]),
            "same_text": same,
            "load_1min": loads,
        }
        results.append(row)
        print(json.dumps(row), flush=True)
    if args.out:
        digest = hashlib.sha256(json.dumps(results).encode()).hexdigest()[:8]
        tmp = args.out.with_suffix(f".{digest}.tmp")
        tmp.write_text(json.dumps(results, indent=1))
        os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
