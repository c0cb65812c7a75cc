"""The runner of benchmarks/scale.py: one process per run, its work folder, the table.

``run`` starts a command in a new session, waits on a pidfd (so the wall time is exact and a
timeout kills the whole process group), then reaps it with os.wait4 for its own peak RSS.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


class Skip(Exception):
    """The operation is not measured (with the reason)."""


class RunError(Exception):
    """A preparation step (synth or build before the operation) failed."""


@dataclass
class Run:
    seconds: float
    peak_mb: float
    rc: int
    timed_out: bool
    out: str
    err: str


def _exits_within(pid: int, timeout: float) -> bool:
    if not hasattr(os, "pidfd_open"):  # not Linux: poll
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT):
                return True
            time.sleep(0.005)
        return False
    fd = os.pidfd_open(pid)
    try:
        return bool(select.select([fd], [], [], timeout)[0])
    finally:
        os.close(fd)


def run(argv: list[str], timeout: float, cwd: Path) -> Run:
    """Run ``argv`` as a new process: wall seconds, its peak RSS (MB), exit code, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv, cwd=cwd, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True
        )
        try:
            timed_out = not _exits_within(proc.pid, timeout)
        except BaseException:  # Ctrl-C: the child is in its own session, stop it too
            os.killpg(proc.pid, signal.SIGKILL)
            os.wait4(proc.pid, 0)
            proc.returncode = -signal.SIGKILL
            raise
        if timed_out:  # not reaped yet, so the id cannot have been reused
            os.killpg(proc.pid, signal.SIGKILL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds,
            usage.ru_maxrss / 1024,  # KB on Linux
            proc.returncode,
            timed_out,
            out.read().decode(errors="replace"),
            err.read().decode(errors="replace"),
        )


def plain(text: str) -> str:
    """Lower case, accents dropped: what a user types."""
    folded = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in folded if not unicodedata.combining(c))


class Ctx:
    """One scale's work folder: tables in data/, the build in build/, scratch folders."""

    def __init__(self, scale: str, root: Path, sample: int, gk: Any, timeout: float) -> None:
        self.scale, self.root, self.sample, self.gk, self.timeout = scale, root, sample, gk, timeout
        self.data = root / "data"
        self.graph = root / "build" / "graph.ttl"
        self.fresh_build = False  # built by this run: the next query is the first after it
        self.quads: int | None = None
        self.failed: str | None = None  # synth or build failed: what needs them is not run
        self._scratch: list[Path] = []
        root.mkdir(parents=True, exist_ok=True)

    def has_tables(self) -> bool:
        return (self.data / "actors.csv").exists()

    def has_build(self) -> bool:
        return (self.graph.with_suffix(".oxigraph") / "build.json").exists()

    def meta(self) -> dict[str, Any]:
        return json.loads((self.graph.with_suffix(".oxigraph") / "build.json").read_text())

    def triples(self) -> int:
        return int(self.meta()["triples"])

    def _prepare(self, *args: object) -> None:
        print(f"[{self.scale}] preparing (not timed): graphkit {args[0]}", file=sys.stderr)
        r = run(self.gk(*args), self.timeout, self.root)
        if r.timed_out or r.rc != 0:
            self.failed = f"graphkit {args[0]} failed (exit {r.rc}): {r.err.strip()[-400:]}"
            raise RunError(self.failed)

    def ensure(self, needs: str) -> None:
        """Make the tables and the build the operation needs, if they are not there yet."""
        if needs and self.failed:
            raise RunError(self.failed)
        if needs and not self.has_tables():
            self._prepare("synth", "--scale", self.scale.lower(), "--out", self.data, "--seed", 0)
        if needs == "build" and not self.has_build():
            self._prepare("build", "--data", self.data, "--out", self.graph)
            self.fresh_build = True

    @cached_property
    def names(self) -> dict[str, str]:
        """What the query commands ask: the first French authority's French label as a user
        types it (lower case, no accents), the partnerships' most common theme, the first
        authority abroad's French label."""
        with open(self.data / "actors.csv", newline="", encoding="utf-8") as f:
            actors = list(csv.DictReader(f))
        first = next(a for a in actors if a["kind"] == "french_authority")
        entity = next(a for a in actors if a["kind"] == "foreign_authority")
        themes: Counter[str] = Counter()
        with open(self.data / "partnerships.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                themes.update(t for t in row["themes"].split("|") if t)
        theme = min(themes, key=lambda t: (-themes[t], t))  # the most common, ties by id
        countries: Counter[str] = Counter()
        with open(self.data / "partnerships.csv", newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                countries.update(c for c in row["countries"].split("|") if c)
        with open(self.data / "groups.csv", newline="", encoding="utf-8") as f:
            group = next(csv.DictReader(f))["id"]
        return {
            "peer": plain(first["label_fr"]),
            "theme": theme,
            "entity": entity["label_fr"],
            "actor": first["id"],  # the repertoire's actor: the benchmark's first authority
            # the country with the most partnerships (ties by code), the first group
            "country": min(countries, key=lambda c: (-countries[c], c)),
            "group": group,
        }

    def dump(self) -> Path:
        """The build's quads as N-Quads (written once per build, not timed)."""
        import pyoxigraph as ox

        path = self.root / f"dump-{self.meta()['id']}.nq"
        if not path.exists():
            for old in self.root.glob("dump-*.nq"):
                old.unlink()
            print(f"[{self.scale}] dumping the store to {path} (not timed)", file=sys.stderr)
            store = ox.Store.read_only(str(self.graph.with_suffix(".oxigraph") / "store"))
            store.dump(str(path) + ".tmp", format=ox.RdfFormat.N_QUADS)
            del store
            os.replace(str(path) + ".tmp", path)
        if self.quads is None:
            with open(path, "rb") as f:
                self.quads = sum(1 for line in f if line.strip())
        return path

    def scratch(self) -> Path:
        """A new empty folder, removed after the run."""
        self._scratch.append(Path(tempfile.mkdtemp(prefix="scratch-", dir=self.root)))
        return self._scratch[-1] / "store"

    def cleanup(self) -> None:
        for folder in self._scratch:
            shutil.rmtree(folder, ignore_errors=True)
        self._scratch.clear()


def machine() -> dict[str, Any]:
    """CPU model, cores, RAM, OS, Python and the versions of the libraries that matter."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    meminfo = Path("/proc/meminfo").read_text().split()
    ram_mb = int(meminfo[meminfo.index("MemTotal:") + 1]) / 1024
    os_name = platform.platform()
    release = Path("/etc/os-release")
    if release.exists():
        pretty = [x for x in release.read_text().splitlines() if x.startswith("PRETTY_NAME=")]
        os_name = f"{pretty[0].split('=', 1)[1].strip(chr(34))} ({os_name})" if pretty else os_name
    packages = {}
    for name in ("graphkit", "pyoxigraph", "numpy", "scipy", "networkx", "pandas"):
        try:
            packages[name] = version(name)
        except PackageNotFoundError:
            packages[name] = None

    def git(*args: str) -> str:
        here = Path(__file__).parent
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=here).stdout

    commit = git("rev-parse", "HEAD").strip()
    changed = [line[3:] for line in git("status", "--porcelain", "--", "../graphkit").splitlines()]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram_mb": round(ram_mb),
        "os": os_name,
        "python": platform.python_version(),
        "packages": packages,
        "graphkit_commit": commit or None,
        "graphkit_uncommitted": changed,  # files of graphkit/ measured as they were on disk
        "load_average_at_start": os.getloadavg(),
    }


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def table(rows: list[dict[str, Any]]) -> str:
    """The results as a plain-text table, a first call after the build on its own line."""
    head = ["operation", "scale", "runs", "median s", "min s", "max s", "peak MB", "target", "met", "ratio"]  # fmt: skip
    lines = []
    for r in rows:
        ratio = r.get("ratio")
        if r["status"] != "ok":
            shown = {"timeout": r.get("note", "> timeout")}.get(r["status"], r["status"])
            lines.append(
                [r["op"], r["scale"], "0", shown, "-", "-", "-", r["target"], r["met"], "-"]
            )
            continue
        first = r.get("first_call")
        if first:
            lines.append([f"{r['op']} (first call)", r["scale"], "1", _s(first["seconds"]), "-", "-",
                          f"{first['peak_mb']:.0f}", r["target"], first["met"], "-"])  # fmt: skip
        lines.append([r["op"], r["scale"], str(len(r["runs"])), _s(r["median"]), _s(r["min"]),
                      _s(r["max"]), f"{r['peak_mb']:.0f}", r["target"], r["met"],
                      "-" if ratio is None else f"{ratio:.2f}×"])  # fmt: skip
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    out = [fmt.format(*head), fmt.format(*("-" * w for w in widths))]
    out += [fmt.format(*line) for line in lines]
    notes = [f"{r['op']} {r['scale']}: {r['note']}" for r in rows if r.get("note")]
    return "\n".join(out + ([""] + notes if notes else []))
