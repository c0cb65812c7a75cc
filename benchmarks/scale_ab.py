"""Old code against new, alternated in one run, on a shared machine whose load moves.

Each operation runs as a new process, once by the code of an older checkout (``--old``,
imported first through PYTHONPATH) and once by this one, ``--repeat`` times in turn, so both
see the same load. The build runs into a scratch folder; the query operations read the
build in ``--work`` (made by scale.py). Prints medians and writes them to ``--out`` (JSON).

Run:  git worktree add /tmp/old f6e18ec
      python benchmarks/scale_ab.py --old /tmp/old --work /tmp/bench/s1 --repeat 2 \\
             --only build,repertoire --out benchmarks/results/scale-ab-DATE.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from pathlib import Path

from scale import gk, save
from scale_run import Ctx, run

HERE = Path(__file__).resolve().parent


def ops(c: Ctx, scratch: Path) -> dict[str, list]:
    n, g = c.names, ("--graph", c.graph)
    return {
        "build": gk("build", "--data", c.data, "--out", scratch / "graph.ttl"),
        "repertoire": gk("sparql", "repertoire", "--param", f"actor={n['actor']}", *g),
        "partnerships": gk(
            "sparql", "partnerships-by-country", "--param", f"country={n['country']}", *g
        ),
        "networks": gk("sparql", "networks-by-country", "--param", f"country={n['country']}", *g),
        "group-members": gk("sparql", "group-members", "--param", f"group={n['group']}", *g),
        "authorities": gk("sparql", "authorities-by-theme", "--param", f"theme={n['theme']}", *g),
        "sources": gk("sparql", "sources", "--param", f"entity={n['actor']}", *g),
        "peers-all": [sys.executable, str(HERE / "scale_work.py"), "peers-all", c.graph],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--old", type=Path, required=True, help="checkout of the older commit")
    parser.add_argument("--work", type=Path, required=True, help="scale.py's folder of a scale")
    parser.add_argument("--scale", default="S1")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    ctx = Ctx(args.scale, args.work, 50, gk, args.timeout)
    scratch = args.work / "ab-build"
    table = ops(ctx, scratch)
    chosen = [o for o in args.only.split(",") if o] or list(table)
    results = []
    for name in chosen:
        times: dict[str, list[float]] = {"old": [], "new": []}
        loads = []
        for i in range(args.repeat):
            for side in ("old", "new"):
                env_path = str(args.old) if side == "old" else None
                if env_path:
                    os.environ["PYTHONPATH"] = env_path
                else:
                    os.environ.pop("PYTHONPATH", None)
                loads.append(round(os.getloadavg()[0], 2))
                r = run(table[name], args.timeout, args.work)
                seconds = r.seconds
                if name == "peers-all" and r.rc == 0:  # the part timed inside the process
                    seconds = json.loads(r.out.strip().splitlines()[-1])["seconds"]
                if r.timed_out or r.rc != 0:
                    seconds = None
                    print(f"{name} {side}: {'timeout' if r.timed_out else r.err[-300:]}")
                times[side].append(seconds)
                print(f"{name} {side} {i + 1}: {seconds} s (load {loads[-1]})", file=sys.stderr)
        os.environ.pop("PYTHONPATH", None)
        row = {"op": name, "runs": times, "load_1min": loads}
        for side in ("old", "new"):
            done = [t for t in times[side] if t is not None]
            row[f"{side}_median"] = (
                statistics.median(done) if len(done) == len(times[side]) else None
            )
        results.append(row)
        save(args.out, {"old": str(args.old), "scale": args.scale, "results": results})
    for r in results:
        print(f"{r['op']:15s} old {r['old_median']}  new {r['new_median']}  load {r['load_1min']}")


if __name__ == "__main__":
    main()
