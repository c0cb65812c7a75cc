"""The matchers at scale, old code against new, alternately in the same minutes.

Each run is a new process (``python -c "from graphkit.cli import main; main()" ARGS`` with
PYTHONPATH set to the code's checkout), timed from outside: wall time, and peak memory
from os.wait4. The load average is recorded before every run: on a shared machine it
says how much of the cores a run could have. ``peers-all-inner`` times
``peers_all(kg, top=10)`` inside its process (scale_work.py), as benchmarks/scale.py does.

Run:  python benchmarks/matchers_ab.py --graph S1=/tmp/s1/build/graph.ttl --old /tmp/old \\
          --new . --repeat 3 [--only peers,experts] [--timeout 300] [--out FILE.json]
A code path given as ``-`` is not run (e.g. ``--old -`` at S2 for the heavy operations).
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI = "from graphkit.cli import main; main()"


def names(graph: Path) -> dict[str, str]:
    """What the commands ask, as benchmarks/scale.py picks it: the first French authority
    as a user types it, the most common partnership theme, the first authority abroad."""
    sys.path.insert(0, str(HERE))
    from scale_run import plain

    data = graph.parent.parent / "data"
    with open(data / "actors.csv", newline="", encoding="utf-8") as f:
        actors = list(csv.DictReader(f))
    first = next(a for a in actors if a["kind"] == "french_authority")
    entity = next(a for a in actors if a["kind"] == "foreign_authority")
    themes: dict[str, int] = {}
    with open(data / "partnerships.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for t in row["themes"].split("|"):
                if t:
                    themes[t] = themes.get(t, 0) + 1
    theme = min(themes, key=lambda t: (-themes[t], t))
    peer = plain(first["label_fr"])
    return {"peer": peer, "theme": theme, "entity": entity["label_fr"], "typo": peer + "x"}


OPS = {
    "peers": lambda n: ["peers", n["peer"]],
    "experts": lambda n: ["experts", n["theme"]],
    "show": lambda n: ["show", n["entity"]],
    "peers-typo": lambda n: ["peers", n["typo"]],  # "did you mean": exits 1
    "peers-all": lambda n: ["peers", "--all", "--format", "csv"],
    "peers-all-inner": None,  # scale_work.py peers-all
    "meet": lambda n: ["meet"],
    "clusters": lambda n: ["clusters"],
}


def run_once(code: Path, op: str, graph: Path, n: dict, timeout: float) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    if op == "peers-all-inner":
        argv = [sys.executable, str(HERE / "scale_work.py"), "peers-all", str(graph)]
    else:
        argv = [sys.executable, "-c", CLI, *OPS[op](n), "--graph", str(graph)]
    load = os.getloadavg()
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env, cwd=code)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                _, status, usage = os.wait4(proc.pid, 0)
                return {"status": "timeout", "seconds": None, "load": load[0]}
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        out.seek(0)
        text = out.read().decode(errors="replace")
        err.seek(0)
        rc = os.waitstatus_to_exitcode(status)
    row = {
        "status": "ok" if rc in (0, 1) else f"exit {rc}",
        "rc": rc,
        "seconds": round(seconds, 3),
        "peak_mb": round(usage.ru_maxrss / 1024),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "load": round(load[0], 2),
    }
    if op == "peers-all-inner" and rc == 0:
        row["inner_seconds"] = round(json.loads(text.strip().splitlines()[-1])["seconds"], 3)
    return row


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--graph", action="append", required=True, help="SCALE=PATH/graph.ttl")
    ap.add_argument("--old", required=True, help="checkout of the old code, or -")
    ap.add_argument("--new", required=True, help="checkout of the new code, or -")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--only", default=",".join(OPS))
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    codes = {k: Path(v).resolve() for k, v in (("old", args.old), ("new", args.new)) if v != "-"}
    rows = []
    for spec in args.graph:
        scale, graph = spec.split("=", 1)
        graph = Path(graph).absolute()  # not resolved: a build swaps a link
        n = names(graph)
        for op in args.only.split(","):
            runs: dict[str, list[dict]] = {k: [] for k in codes}
            for i in range(args.repeat):
                for which, code in codes.items():  # alternately, in the same minutes
                    r = run_once(code, op, graph, n, args.timeout)
                    runs[which].append(r)
                    print(f"[{scale}] {op} {which} {i + 1}: {r}", file=sys.stderr, flush=True)
            for which, rs in runs.items():
                ok = [r["inner_seconds"] if "inner_seconds" in r else r["seconds"] for r in rs]
                ok = [s for s in ok if s is not None]
                rows.append(
                    {
                        "scale": scale,
                        "op": op,
                        "code": which,
                        "median": statistics.median(ok) if len(ok) == len(rs) else None,
                        "min": min(ok) if ok else None,
                        "max": max(ok) if ok else None,
                        "load": [r["load"] for r in rs],
                        "runs": rs,
                    }
                )
    doc = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "uptime": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        "commits": {
            k: subprocess.run(
                ["git", "-C", str(c), "rev-parse", "--short", "HEAD"],
                capture_output=True,
                text=True,
            ).stdout.strip()
            for k, c in codes.items()
        },
        "rows": rows,
    }
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    if args.out:
        tmp = args.out.with_suffix(".tmp")
        tmp.write_text(text)
        os.replace(tmp, args.out)
    print(text)


if __name__ == "__main__":
    main()
