"""Hostile and clumsy input: crafted caches, kills mid-build, concurrent builds, bad tables,
runaway queries, data that looks like a template or a formula. Each case failed once.

Real files and real processes: builds are killed with SIGKILL at chosen steps
(``GRAPHKIT_TEST_KILL_AT``) and at random moments, readers run during rebuilds, two
builds race for one ``--out``.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import MINI

import graphkit
from graphkit.cli import main
from graphkit.store import store_dir

GRAPHKIT = shutil.which("graphkit", path=str(Path(sys.executable).parent))


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def gk(*args, env=None, **kwargs) -> subprocess.CompletedProcess:
    """The real command, in its own process."""
    return subprocess.run(
        [GRAPHKIT, *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        **kwargs,
    )


def built(tmp_path: Path, data: Path = MINI) -> Path:
    out = tmp_path / "b" / "graph.ttl"
    done = gk("build", "--data", data, "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def leftovers(out: Path) -> list[str]:
    """Hidden entries beside a build other than its live version and the builds' lock."""
    live = os.readlink(store_dir(out)) if store_dir(out).is_symlink() else None
    return sorted(
        p.name
        for p in out.parent.iterdir()
        if p.name.startswith(".") and p.name not in (live, f".{out.name}.lock")
    )


# --- caches beside the store ------------------------------------------------------------------
class Boom:
    """Unpickling this creates a file: what a crafted cache would do with worse commands."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def cache_files(out: Path) -> list[Path]:
    return sorted((store_dir(out) / "cache").iterdir())


def test_a_crafted_cache_file_runs_nothing(tmp_path):
    out = built(tmp_path)
    marker = tmp_path / "ran"
    payload = pickle.dumps(Boom(marker))
    # Where graphkit 0.x read its pickles, and over every cache file of today.
    for name in ("names", "projection Weights()"):
        old = hashlib.sha256(f"2 {name}".encode()).hexdigest()[:16]
        (store_dir(out) / "cache" / f"{old}.pickle").write_bytes(payload)
    for f in cache_files(out):
        f.write_bytes(payload)
    done = gk("show", "moron", "--graph", out)
    assert done.returncode == 0, done.stderr
    assert not marker.exists()
    assert "ar-moron" in done.stdout


@pytest.mark.parametrize("damage", ["empty", "half", "random", "huge shape"])
def test_a_damaged_cache_is_recomputed_with_one_line(tmp_path, damage):
    out = built(tmp_path)
    files = cache_files(out)
    assert files
    for f in files:
        data = f.read_bytes()
        if damage == "empty":
            f.write_bytes(b"")
        elif damage == "half":
            f.write_bytes(data[: len(data) // 2])
        elif damage == "random":
            f.write_bytes(random.Random(1).randbytes(len(data)))
        else:  # a valid archive whose array header claims 10^15 elements
            f.write_bytes(data.replace(b"'shape': (", b"'shape': (999999999999999, ", 1))
    said = []
    for command in (["show", "moron"], ["meet", "--format", "json"]):
        done = gk(*command, "--graph", out)
        assert done.returncode == 0, done.stderr
        said += [line for line in done.stderr.splitlines() if line.startswith("graphkit:")]
        again = gk(*command, "--graph", out)  # recomputed and written back: quiet now
        assert again.returncode == 0 and again.stdout == done.stdout
        assert "graphkit:" not in again.stderr
    assert len(said) == len(files) == 2  # the names, the projection: one line each
    assert all("recomputing it" in line for line in said)


def test_a_cache_of_another_build_is_not_used(tmp_path, mini):
    out = built(tmp_path, mini)
    saved = {f.name: f.read_bytes() for f in cache_files(out)}
    (mini / "partnerships.csv").write_text(
        (mini / "partnerships.csv").read_text().replace("stand-by", "ended")
    )
    built(tmp_path, mini)
    for name, data in saved.items():  # the old build's caches, planted in the new one
        (store_dir(out) / "cache" / name).write_bytes(data)
    done = gk("show", "moron", "--graph", out)
    assert done.returncode == 0
    assert "made for build" in done.stderr


def test_build_files_get_the_users_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        out = built(tmp_path)
    finally:
        os.umask(old)
    for f in [*cache_files(out), store_dir(out) / "build.json", out.resolve()]:
        assert stat.S_IMODE(f.stat().st_mode) == 0o644, f
    # Another user can query it: open and read everything as if read-only to us.
    done = gk("show", "moron", "--graph", out)
    assert done.returncode == 0


def test_caches_are_plain_arrays(tmp_path):
    import numpy as np

    out = built(tmp_path)
    for f in cache_files(out):
        assert f.suffix == ".npz"
        with np.load(f, allow_pickle=False) as archive:  # refuses any object array
            assert all(archive[name].dtype != object for name in archive.files)


# --- builds: one switch, a lock, no leftovers, one line per failure ---------------------------
@pytest.mark.parametrize("step", ["turtle-written", "before-switch", "after-switch"])
def test_a_build_killed_at_any_step_leaves_one_whole_build(tmp_path, mini, step):
    out = built(tmp_path, mini)
    first = graphkit.load(out).meta["id"]
    killed = gk("build", "--data", mini, "--out", out, env={"GRAPHKIT_TEST_KILL_AT": step})
    assert killed.returncode == -signal.SIGKILL
    kg = graphkit.load(out)
    assert (kg.meta["id"] == first) == (step != "after-switch")
    assert kg.meta["triples"] == len(kg.store) > 2000
    with open(out, "rb") as f:  # the Turtle of that same build, whole
        assert len(set(ox.parse(f, format=ox.RdfFormat.TURTLE))) == kg.meta["triples"]
    assert gk("show", "moron", "--graph", out).returncode == 0
    del kg  # this process reads it no more: the next build may remove the old version
    gc.collect()
    again = gk("build", "--data", mini, "--out", out)
    assert again.returncode == 0, again.stderr
    assert leftovers(out) == []  # the killed build's folder is gone


def test_builds_killed_at_random_moments_never_lose_the_graph(tmp_path, mini):
    out = built(tmp_path, mini)
    seen = set()
    rng = random.Random(17)
    for _ in range(4):
        proc = subprocess.Popen(
            [GRAPHKIT, "build", "--data", str(mini), "--out", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.3, 3.0))
        proc.kill()
        proc.wait()
        kg = graphkit.load(out)  # the old build or the new one, whole
        assert kg.meta["triples"] == len(kg.store) > 2000
        assert len(kg.select("SELECT ?a WHERE { ?a a gk:FrenchAuthority }")) == 1
        seen.add(kg.meta["id"])
        del kg
        gc.collect()
    assert gk("build", "--data", mini, "--out", out).returncode == 0
    assert leftovers(out) == []


def test_readers_during_rebuilds_never_fail(tmp_path, mini):
    out = built(tmp_path, mini)
    reader = (
        "import sys, graphkit\n"
        "for _ in range(40):\n"
        "    kg = graphkit.load(sys.argv[1])\n"
        "    n = len(kg.select('SELECT ?s ?p ?o WHERE { ?s ?p ?o }'))\n"
        "    assert n == kg.meta['triples'] or n > 2000, n\n"
        "    kg.resolve('moron')\n"
    )
    readers = [
        subprocess.Popen([sys.executable, "-c", reader, str(out)], stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    builds = [gk("build", "--data", mini, "--out", out) for _ in range(3)]
    assert all(b.returncode == 0 for b in builds), [b.stderr for b in builds]
    for r in readers:
        _, err = r.communicate(timeout=300)
        assert r.returncode == 0, err.decode()
    assert gk("build", "--data", mini, "--out", out).returncode == 0
    assert leftovers(out) == []  # versions kept for the readers went with the next build


def test_two_builds_into_one_out_take_turns(tmp_path, mini):
    out = tmp_path / "b" / "graph.ttl"
    procs = [
        subprocess.Popen(
            [GRAPHKIT, "build", "--data", str(mini), "--out", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    assert [r[0] for r in results] == [0, 0, 0], results
    waited = [r[2] for r in results if r[2]]
    assert all("another build into" in e and len(e.splitlines()) == 1 for e in waited)
    kg = graphkit.load(out)
    assert kg.meta["triples"] == len(kg.store) > 2000
    assert leftovers(out) == []


def test_a_version_being_read_is_kept_until_its_reader_is_done(tmp_path, mini):
    out = built(tmp_path, mini)
    kg = graphkit.load(out)
    assert gk("build", "--data", mini, "--out", out).returncode == 0
    assert len(leftovers(out)) == 1  # kept for us
    assert len(kg.select("SELECT ?s WHERE { ?s ?p ?o }")) == kg.meta["triples"]
    del kg
    gc.collect()
    assert gk("build", "--data", mini, "--out", out).returncode == 0
    assert leftovers(out) == []


@pytest.mark.parametrize(
    "out, says",
    [
        ("x/graph.oxigraph", "ending in .ttl"),
        ("x/graph", "ending in .ttl"),
        ("afile/graph.ttl", "cannot make the folder"),
    ],
)
def test_a_bad_out_is_one_line_and_writes_nothing(tmp_path, out, says):
    (tmp_path / "afile").write_text("a file, not a folder")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    done = gk("build", "--data", MINI, "--out", tmp_path / out)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and says in done.stderr, done.stderr
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_damaged_build_json_is_one_line(tmp_path):
    out = built(tmp_path)
    (store_dir(out) / "build.json").write_text('{"id": "abc", "tri')
    done = gk("show", "moron", "--graph", out)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "build.json" in done.stderr and "graphkit build" in done.stderr


@pytest.mark.parametrize("damage", ["truncated", "garbage CURRENT"])
def test_a_damaged_store_is_one_line(tmp_path, damage):
    out = built(tmp_path)
    folder = store_dir(out) / "store"
    if damage == "truncated":
        for sst in folder.glob("*.sst"):
            with open(sst, "r+b") as f:
                f.truncate(100)
    else:
        (folder / "CURRENT").write_text("garbage\n")
    done = gk("stats", "--graph", out)
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "run `graphkit build` again" in done.stderr


def test_a_full_disk_is_one_line_and_keeps_the_previous_build(tmp_path, mini, monkeypatch):
    import errno

    from graphkit import store

    out = built(tmp_path, mini)
    first = graphkit.load(out).meta["id"]

    def full(quads, out_file):
        yield from ()
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store, "_written_as_turtle", full)
    done = run("build", "--data", mini, "--out", out)
    assert done.exit_code == 1
    assert done.stderr.count("\n") == 1 and "is full" in done.stderr
    assert graphkit.load(out).meta["id"] == first
    assert leftovers(out) == []


def test_a_build_of_an_older_graphkit_is_replaced_whole(tmp_path, mini):
    # The layout before versions: graph.ttl a file, graph.oxigraph a folder.
    out = built(tmp_path, mini)
    live = store_dir(out).resolve()
    turtle = out.read_bytes()
    out.unlink()
    out.write_bytes(turtle)
    store_dir(out).unlink()
    live.rename(store_dir(out))
    assert graphkit.load(out).meta["triples"] > 2000  # still readable
    assert gk("build", "--data", mini, "--out", out).returncode == 0
    assert store_dir(out).is_symlink() and out.is_symlink()
    assert leftovers(out) == []
    assert json.loads((store_dir(out) / "build.json").read_text())["triples"] > 2000
