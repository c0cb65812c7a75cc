"""Scale benchmark: graphkit's targets at S1 (national) and S2 (world), with baselines.

For each scale: synthetic tables (`graphkit synth --seed 0`, timed only when they are not in
the work folder yet), the build, the query commands (their first call after the build kept
apart), `graphkit --help`, Oxigraph's own bulk_load of the build's quads (baseline of the
build rate), full SHACL validation, `peers_all` for every French authority against a per-pair
NetworkX baseline, and `meet`, `clusters`, `south-south`. Every run is a new process: wall
time by time.perf_counter around it, peak memory its own ru_maxrss from os.wait4 (what
`/usr/bin/time -f %M` reports; getrusage(RUSAGE_CHILDREN) is a maximum over all children,
so its deltas are not per run). The in-process operations (bulk-load, peers-all, peers-nx,
see scale_work.py) time the call inside their process. Prints a table (medians of --repeat
runs) and writes it with the machine's description to benchmarks/results/scale-DATE.json.

Run:  python benchmarks/scale.py --scales S1 S2 --repeat 3 [--work DIR] [--reuse]
      python benchmarks/scale.py --scales TINY --repeat 1            (quick check)
Options: --only op1,op2 / --skip shacl, --timeout S (per run), --long-timeout S (synth,
build, bulk-load, shacl), --reuse (keep a build already in --work, merge into the day's JSON).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scale_run import Ctx, RunError, Skip, machine, run, table

HERE = Path(__file__).resolve().parent
QUERY = {"TINY": 1.5, "S1": 1.5, "S2": 5.0}  # TINY is held to the S1 targets
HEAVY = {"TINY": 15.0, "S1": 15.0, "S2": 120.0}
PEERS_ALL = {"TINY": 5.0, "S1": 5.0, "S2": 60.0}


@dataclass
class Op:
    name: str
    argv: Any  # Ctx -> list[str]
    seconds: dict[str, float] = field(default_factory=dict)  # scale -> target, median ≤
    memory: dict[str, float] = field(default_factory=dict)  # scale -> target MB, peak ≤
    long: bool = False  # --long-timeout rather than --timeout
    inner: bool = False  # the seconds are those the process timed itself (scale_work.py)
    first: bool = False  # a query command: its first call after the build is kept apart
    needs: str = "build"  # "tables", "build" or ""


def gk(*args: object) -> list[str]:
    exe = Path(sys.executable).parent / "graphkit"
    head = (
        [str(exe)]
        if exe.exists()
        else [sys.executable, "-c", "from graphkit.cli import main; main()"]
    )
    return head + [str(a) for a in args]


def work(*args: object) -> list[str]:
    return [sys.executable, str(HERE / "scale_work.py")] + [str(a) for a in args]


G = "--graph"
# fmt: off
OPS = [
    Op("synth", lambda c: gk("synth", "--scale", c.scale.lower(), "--out", c.data, "--seed", 0),
       long=True, needs=""),
    Op("build", lambda c: gk("build", "--data", c.data, "--out", c.graph),
       {"TINY": 15, "S1": 15, "S2": 150}, {"S2": 4096}, long=True, needs="tables"),
    Op("peers", lambda c: gk("peers", c.names["peer"], G, c.graph), QUERY, first=True),
    Op("experts", lambda c: gk("experts", c.names["theme"], G, c.graph), QUERY, first=True),
    Op("show", lambda c: gk("show", c.names["entity"], G, c.graph), QUERY, first=True),
    Op("sparql", lambda c: gk("sparql", "authorities-by-theme", "--param",
                              f"theme={c.names['theme']}", G, c.graph), QUERY, first=True),
    Op("sparql-repertoire", lambda c: gk("sparql", "repertoire", "--param",
                                         f"actor={c.names['actor']}", G, c.graph), QUERY),
    Op("sparql-partnerships", lambda c: gk("sparql", "partnerships-by-country", "--param",
                                           f"country={c.names['country']}", G, c.graph), QUERY),
    Op("sparql-networks", lambda c: gk("sparql", "networks-by-country", "--param",
                                       f"country={c.names['country']}", G, c.graph), QUERY),
    Op("sparql-group-members", lambda c: gk("sparql", "group-members", "--param",
                                            f"group={c.names['group']}", G, c.graph), QUERY),
    Op("sparql-sources", lambda c: gk("sparql", "sources", "--param",
                                      f"entity={c.names['actor']}", G, c.graph), QUERY),
    Op("sparql-embassy", lambda c: gk("sparql", "embassy-coverage", "--param",
                                      f"country={c.names['country']}", G, c.graph), QUERY),
    # a full listing's first page (a page of its sort keys at a time: graphkit.sparql.listing)
    Op("sparql-listing", lambda c: gk("sparql", "repertoire", "--limit", 20, G, c.graph), QUERY),
    # baselines: the same queries as they were before issue 15 (text and binding), new process
    Op("before-repertoire", lambda c: work("query-before", c.graph, "repertoire",
                                           f"actor={c.names['actor']}")),
    Op("before-partnerships", lambda c: work("query-before", c.graph, "partnerships-by-country",
                                             f"country={c.names['country']}")),
    Op("before-networks", lambda c: work("query-before", c.graph, "networks-by-country",
                                         f"country={c.names['country']}")),
    Op("before-group-members", lambda c: work("query-before", c.graph, "group-members",
                                              f"group={c.names['group']}")),
    Op("before-authorities", lambda c: work("query-before", c.graph, "authorities-by-theme",
                                            f"theme={c.names['theme']}")),
    Op("help", lambda c: gk("--help"), {"TINY": 0.4, "S1": 0.4, "S2": 0.4}, needs=""),
    Op("bulk-load", lambda c: work("bulk-load", c.dump(), c.scratch()), long=True),
    Op("shacl", lambda c: gk("validate", c.data), {"TINY": 60, "S1": 60}, long=True, needs="tables"),
    Op("peers-all", lambda c: work("peers-all", c.graph), PEERS_ALL, inner=True),
    Op("peers-all-noreasons", lambda c: work("peers-all", c.graph, "--no-reasons"), PEERS_ALL,
       inner=True),
    Op("peers-nx", lambda c: work("peers-nx", c.graph, "--sample", c.sample), inner=True),
    Op("meet", lambda c: gk("meet", G, c.graph), HEAVY),
    Op("clusters", lambda c: gk("clusters", G, c.graph), HEAVY),
    Op("south-south", lambda c: gk("south-south", G, c.graph), HEAVY),
]
# fmt: on
RATIO = {"bulk-load": 0.5, "peers-all": 20.0, "peers-all-noreasons": 20.0}


def measure(op: Op, ctx: Ctx, args: argparse.Namespace) -> dict[str, Any]:
    """--repeat runs of ``op`` (plus its first call), stopping at a timeout or an error."""
    row: dict[str, Any] = {"op": op.name, "scale": ctx.scale, "runs": [], "peak_mb": None}
    # The machine may be shared: its load (1, 5, 15 min) when the operation starts.
    row["load"] = [round(x, 2) for x in os.getloadavg()]
    try:
        if op.name == "synth" and ctx.has_tables():
            raise Skip("tables already in the work folder: reused, not timed")
        if op.name == "build" and args.reuse and ctx.has_build():
            raise Skip("--reuse: the build already in the work folder is kept, not timed")
        ctx.ensure(op.needs)
    except (Skip, RunError) as err:
        return row | {"status": "skipped" if isinstance(err, Skip) else "error", "note": str(err)}
    timeout = args.long_timeout if op.long else args.timeout
    details, peaks = [], []
    for i in range(args.repeat + op.first):
        argv = op.argv(ctx)
        row["command"] = " ".join([Path(argv[0]).name, *argv[1:]])
        print(
            f"[{ctx.scale}] {op.name} {i + 1}/{args.repeat + op.first}: {' '.join(argv[-6:])}",
            file=sys.stderr,
        )
        r = run(argv, timeout, ctx.root)
        ctx.cleanup()
        if r.timed_out:
            return row | {
                "status": "timeout",
                "note": f"> {timeout:g} s (killed)",
                "timeout": timeout,
            }
        if r.rc != 0:
            return row | {"status": "error", "note": f"exit {r.rc}: {r.err.strip()[-400:]}"}
        seconds = r.seconds
        if argv[1:2] == [str(HERE / "scale_work.py")]:  # it prints its measures as JSON
            detail = json.loads(r.out.strip().splitlines()[-1])
            if "missing" in detail:
                return row | {"status": "skipped", "note": detail["missing"]}
            detail["process_seconds"] = r.seconds
            seconds = detail["seconds"] if op.inner else r.seconds
            details.append(detail)
        print(f"    {seconds:.3f} s, {r.peak_mb:.0f} MB", file=sys.stderr)
        if op.first and i == 0:
            row["first_call"] = {
                "seconds": seconds,
                "peak_mb": r.peak_mb,
                "after_fresh_build": ctx.fresh_build,
            }
            continue
        row["runs"].append(seconds)
        peaks.append(r.peak_mb)
        if op.name == "build":
            ctx.fresh_build = True
    runs = row["runs"]
    row |= {
        "status": "ok",
        "median": statistics.median(runs),
        "min": min(runs),
        "max": max(runs),
        "peak_mb": max(peaks),
    }
    if details:
        row["detail"] = details[-1] | {"timed_inside": [d["seconds"] for d in details]}
    if op.name == "bulk-load":
        row["detail"] = (row.get("detail") or {}) | {"quads": ctx.quads}
    return row


def judge(rows: list[dict[str, Any]], ops: dict[str, Op]) -> None:
    """Targets and ratios of each row: ``target`` (text), ``ratio`` and ``met``."""
    by = {(r["op"], r["scale"]): r for r in rows}
    for r in rows:
        op, scale, targets, checks = ops[r["op"]], r["scale"], [], []
        if scale in op.seconds:
            targets.append(f"≤ {op.seconds[scale]:g} s")
            checks.append(r.get("median") is not None and r["median"] <= op.seconds[scale])
        if scale in op.memory:
            targets.append(f"≤ {op.memory[scale]:g} MB")
            checks.append(r.get("peak_mb") is not None and r["peak_mb"] <= op.memory[scale])
        if r["op"] in RATIO:
            r["ratio"], r["ratio_of"] = ratio(
                r, by.get(("build", scale)), by.get(("peers-nx", scale))
            )
            what = (
                "build rate ≥ {:g}× bulk_load's" if r["op"] == "bulk-load" else "≥ {:g}× NetworkX"
            )
            targets.append(what.format(RATIO[r["op"]]))
            checks.append(None if r["ratio"] is None else r["ratio"] >= RATIO[r["op"]])
        if r["op"] == "peers-nx" and r.get("detail"):
            agree = r["detail"].get("agreement")
            r["note"] = f"extrapolated from {r['detail']['sample']} sources" + (
                f"; agreement with peers_all {agree['agree']}/{agree['compared']}" if agree else ""
            )
        r["target"] = "; ".join(targets) or "-"
        met = "no" if False in checks else "n/a" if None in checks else "yes"
        r["met"] = met if checks else "-"
        if r["status"] in ("skipped", "error"):
            r["met"] = "-" if r["status"] == "skipped" else "error"
        if r.get("first_call"):
            limit, first = op.seconds.get(scale), r["first_call"]
            first["met"] = "-" if limit is None else "yes" if first["seconds"] <= limit else "no"


def ratio(r: dict, build: dict | None, nx: dict | None) -> tuple[float | None, str]:
    if r.get("median") is None:
        return None, "n/a"
    if r["op"] == "bulk-load":  # (triples / build s) / (quads / bulk_load s)
        if not build or build.get("median") is None or not build.get("triples"):
            return None, "build rate / bulk_load rate; no build timed in this run"
        value = (build["triples"] / build["median"]) / (r["detail"]["quads"] / r["median"])
        return value, "build rate / bulk_load rate"
    if not nx or nx.get("median") is None:
        return None, "NetworkX per-pair baseline time / this; baseline not run"
    return nx["median"] / r["median"], "NetworkX per-pair baseline time (extrapolated) / this"


def merge(kept: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """This run's rows over the kept ones (a skipped operation keeps its earlier measure)."""
    new = {(r["op"], r["scale"]): r for r in rows}
    old = {(r["op"], r["scale"]): r for r in kept}
    for key, r in new.items():
        if r["status"] != "skipped" or key not in old:
            old[key] = r
    order = {o.name: i for i, o in enumerate(OPS)}
    scales = {s: i for i, s in enumerate(("TINY", "S1", "S2"))}
    return sorted(old.values(), key=lambda r: (scales.get(r["scale"], 9), order.get(r["op"], 99)))


def save(path: Path, doc: dict[str, Any]) -> None:
    """Write ``doc`` as JSON atomically: a temp file beside ``path``, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(doc, f, ensure_ascii=False, indent=2)
    os.replace(tmp, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--scales", nargs="+", type=str.upper, choices=["TINY", "S1", "S2"], default=["TINY"]
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--work", type=Path, help="work folder (one sub-folder per scale); default a temp dir"
    )
    parser.add_argument(
        "--reuse", action="store_true", help="keep a build already there; merge into the day's JSON"
    )
    parser.add_argument(
        "--only", default="", help="comma-separated operations: " + ",".join(o.name for o in OPS)
    )
    parser.add_argument(
        "--skip", default="", help="comma-separated operations to leave out (e.g. shacl)"
    )
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--long-timeout", type=float, default=3600.0)
    parser.add_argument(
        "--sample", type=int, default=50, help="source authorities of the NetworkX baseline"
    )
    parser.add_argument(
        "--out", type=Path, help="JSON file; default benchmarks/results/scale-DATE.json"
    )
    args = parser.parse_args()
    names = {o.name for o in OPS}
    only, skip = ({s for s in x.split(",") if s} for x in (args.only, args.skip))
    if (only | skip) - names:
        parser.error(f"unknown operations {sorted((only | skip) - names)}; known: {sorted(names)}")
    ops = [o for o in OPS if (not only or o.name in only) and o.name not in skip]
    root = args.work or Path(tempfile.mkdtemp(prefix="graphkit-scale-"))
    started = datetime.datetime.now().astimezone()
    out = args.out or HERE / "results" / f"scale-{started:%Y-%m-%d}.json"
    settings = {k: str(v) if isinstance(v, Path) else v for k, v in vars(args).items()}
    doc = {
        "started": started.isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "settings": settings | {"work": str(root)},
        "machine": machine(),
        "results": [],
    }
    # --reuse resumes: the day's rows of other operations and scales are kept.
    kept = json.loads(out.read_text())["results"] if args.reuse and out.exists() else []
    rows: list[dict[str, Any]] = []
    for scale in args.scales:
        ctx = Ctx(scale, root / scale.lower(), args.sample, gk, args.long_timeout)
        for op in ops:
            rows.append(measure(op, ctx, args))
            if op.name in ("synth", "build") and rows[-1]["status"] in ("error", "timeout"):
                ctx.failed = f"{op.name} failed: {rows[-1]['note']}"
            if op.name == "build" and rows[-1]["status"] == "ok":
                rows[-1]["triples"] = ctx.triples()
            doc["results"] = merge(kept, rows)
            judge(doc["results"], {o.name: o for o in OPS})
            doc["finished"] = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
            save(out, doc)  # after every operation, so that a stopped run keeps what it measured
    print(table(doc["results"]))
    print(f"results written to {out}", file=sys.stderr)
    if args.work is None:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
