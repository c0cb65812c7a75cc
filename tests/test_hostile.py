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
from graphkit.cli.core import main
from graphkit.graph.store import store_dir

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
    # The names, the projection: one line each. The names' words are read only when a name
    # is not found at once ("did you mean"): one line then.
    assert len(said) == 2 and len(files) == 3
    for _ in range(2):
        missed = gk("show", "moronn", "--graph", out)
        assert missed.returncode == 1 and "closest" in missed.stderr and "Morón" in missed.stderr
        said += [line for line in missed.stderr.splitlines() if line.startswith("graphkit:")]
    assert len(said) == 3 and "cached words" in said[-1]
    assert all("recomputing it" in line for line in said)


def test_a_missing_cache_is_recomputed_with_one_line(tmp_path):
    out = tmp_path / "b" / "graph.ttl"
    done = gk("build", "--data", MINI, "--out", out)
    assert done.returncode == 0 and done.stderr == ""  # the build makes them: nothing to say
    for f in cache_files(out):
        f.unlink()
    first = gk("show", "moron", "--graph", out)
    assert first.returncode == 0
    assert first.stderr.splitlines() == [
        f"graphkit: the cached names of {out} is missing; recomputing it"
    ]
    assert gk("show", "moron", "--graph", out).stderr == ""


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


def test_a_build_waits_for_the_one_running_and_says_so(tmp_path, mini):
    import fcntl

    out = built(tmp_path, mini)
    with open(out.parent / f".{out.name}.lock", "a") as lock:  # as a running build holds it
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = subprocess.Popen(
            [GRAPHKIT, "build", "--data", str(mini), "--out", str(out)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        first = proc.stderr.readline()
        assert first == f"graphkit: another build into {out} is running; waiting for it to finish\n"
        time.sleep(0.5)
        assert proc.poll() is None  # still waiting
        fcntl.flock(lock, fcntl.LOCK_UN)
    assert proc.wait(timeout=120) == 0
    assert proc.stderr.read() == ""
    assert graphkit.load(out).meta["triples"] > 2000


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

    from graphkit.graph import store

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


# --- tables: strict CSV, capped errors, Excel as shown, encodings, control characters -------
def build_lines(data: Path, tmp_path: Path) -> tuple[int, list[str]]:
    done = gk("build", "--data", data, "--out", tmp_path / "out" / "graph.ttl")
    return done.returncode, done.stderr.splitlines()


def test_an_unclosed_quote_near_the_end_is_refused_not_pasted(tmp_path, mini):
    actors = mini / "actors.csv"
    lines = actors.read_text().splitlines()
    assert len(lines) == 5
    lines[3] = lines[3][:-1] + '"a note left open'  # row 4's note opens a quote, never closed
    actors.write_text("\n".join(lines) + "\n")
    code, err = build_lines(mini, tmp_path)
    assert code == 1
    assert err[0] == (
        "actors.csv:4: a quote opened in this row is never closed: add the closing quote"
    )
    assert err[-1].endswith("nothing written") and not (tmp_path / "out").exists()


def test_an_open_quote_that_swallows_a_row_is_refused(tmp_path, mini):
    actors = mini / "actors.csv"
    lines = actors.read_text().splitlines()
    lines[3] = lines[3][:-1] + '"a note left open'
    lines[4] = lines[4][:-1] + 'closed here"'  # the quote closes at the next row's end
    actors.write_text("\n".join(lines) + "\n")
    code, err = build_lines(mini, tmp_path)
    assert code == 1
    assert err[0].startswith("actors.csv:4: interpretation: a quoted cell runs over 2 lines")


def test_a_stray_quote_is_refused(tmp_path, mini):
    actors = mini / "actors.csv"
    actors.write_text(actors.read_text().replace("Morón,Morón", 'Mor"ón,Morón', 1))
    code, err = build_lines(mini, tmp_path)
    assert code == 1
    assert err[0].startswith("actors.csv:3: a quote inside a cell that does not start with one")


def test_a_junk_file_prints_a_bounded_report(tmp_path, mini):
    # 50 MB of rows with too many cells: each a problem, twenty of them shown.
    row = ",".join(["junk"] * 40) + "\n"
    with open(mini / "actors.csv", "a") as f:
        f.write(row * (50_000_000 // len(row)))
    code, err = build_lines(mini, tmp_path)
    assert code == 1
    assert len(err) == 22, err[-3:]
    assert err[0] == "actors.csv:6: 40 cells for 15 columns"
    assert err[20].startswith("… and ") and err[20].endswith(" more problem(s)")
    assert err[21].endswith("problem(s) in " + str(mini) + "; nothing written")


@pytest.mark.parametrize("char", ["\x1b", "\x07", "\x00", "\x9b"])
def test_control_characters_in_cells_are_refused(tmp_path, mini, char):
    actors = mini / "actors.csv"
    actors.write_text(actors.read_text().replace("Morón,Morón", f"Mor{char}[31món,Morón", 1))
    code, err = build_lines(mini, tmp_path)
    assert code == 1
    if char == "\x00":  # NUL bytes: not a text table at all
        assert err[0].startswith("actors.csv: NUL bytes")
    else:
        assert err[0] == (
            f"actors.csv:3: label_fr: control character U+{ord(char):04X} in the cell: remove it"
        )


def test_utf16_csv_is_read_by_its_byte_order_mark(tmp_path, mini):
    actors = mini / "actors.csv"
    actors.write_bytes(actors.read_text().encode("utf-16"))  # BOM + UTF-16LE
    code, err = build_lines(mini, tmp_path)
    assert code == 0, err
    kg = graphkit.load(tmp_path / "out" / "graph.ttl")
    assert kg.names.labels["ar-moron"] == "Morón"


def test_utf16_without_its_mark_is_refused_by_name(tmp_path, mini):
    actors = mini / "actors.csv"
    actors.write_bytes(actors.read_text().encode("utf-16-le"))
    code, err = build_lines(mini, tmp_path)
    assert code == 1
    assert err[0].startswith("actors.csv: NUL bytes: not a text table (UTF-16 without")


def to_workbook(csv_path: Path, convert=None) -> Path:
    import csv

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    with open(csv_path, newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f)):
            sheet.append([convert(i, c, v) if convert else v for c, v in enumerate(row)])
    out = csv_path.with_suffix(".xlsx")
    book.save(out)
    csv_path.unlink()
    return out


def test_excel_dates_and_numbers_are_read_as_shown(tmp_path, mini):
    import datetime

    def typed(i, c, v):
        return datetime.datetime(2020, 11, 30) if (i, c) == (1, 6) else v  # an Excel date cell

    to_workbook(mini / "events.csv", typed)

    def years(i, c, v):
        return float(v) if i > 0 and c == 4 and v else v  # start_year as a number

    to_workbook(mini / "partnerships.csv", years)
    code, err = build_lines(mini, tmp_path)
    assert code == 0, err
    kg = graphkit.load(tmp_path / "out" / "graph.ttl")
    rows = kg.select("SELECT ?d WHERE { gkd:ev-test schema:startDate ?d }")
    assert [r["d"] for r in rows] == ["2020-11-30"]
    rows = kg.select("SELECT ?y WHERE { gkd:p-nanterre-uruguay gk:startYear ?y }")
    assert [r["y"] for r in rows] == ["1995"]


@pytest.mark.parametrize("junk", [b"", b"PK\x03\x04 not really a zip", b"\x00" * 100])
def test_a_corrupt_workbook_is_one_line(tmp_path, mini, junk):
    (mini / "events.csv").unlink()
    (mini / "events.xlsx").write_bytes(junk)
    code, err = build_lines(mini, tmp_path)
    assert code == 1
    assert err[0].startswith("events.xlsx: not a readable .xlsx workbook")
    assert "Traceback" not in "\n".join(err) and err[-1].endswith("nothing written")


# --- graphkit sparql: a time limit and Ctrl-C -------------------------------------------------
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def mini_out(tmp_path_factory):
    return built(tmp_path_factory.mktemp("hostile"))


def test_sparql_stops_at_its_timeout(mini_out):
    start = time.monotonic()
    done = gk("sparql", CARTESIAN, "--timeout", "1.5", "--graph", mini_out, timeout=60)
    assert done.returncode == 1
    assert time.monotonic() - start < 15
    assert done.stderr.splitlines() == [
        "error: the query ran for more than 1.5 s and was stopped: narrow it, "
        "or give a longer --timeout (0 for none)"
    ]


def test_sparql_has_a_default_timeout():
    from graphkit.cli.core import sparql

    (option,) = [p for p in sparql.params if p.name == "timeout"]
    assert 0 < option.default <= 300


def test_ctrl_c_stops_a_running_query(mini_out):
    proc = subprocess.Popen(
        [GRAPHKIT, "sparql", CARTESIAN, "--timeout", "0", "--graph", str(mini_out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    time.sleep(2.5)  # well into the query
    assert proc.poll() is None
    start = time.monotonic()
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=15)
    finally:
        proc.kill()
    assert time.monotonic() - start < 5
    assert proc.returncode == 130
    assert err.splitlines() == ["interrupted: the query was stopped"]


def test_a_quick_query_is_answered_as_before(mini_out):
    done = gk(
        "sparql", "SELECT ?x WHERE { ?x a gk:Network }", "--format", "csv", "--graph", mini_out
    )
    assert done.returncode == 0 and done.stdout == "x\nhttps://w3id.org/graphkit/id/net-al-las\n"


# --- data that looks like a formula or a template placeholder ---------------------------------
FORMULA = '=HYPERLINK("http://example.org/?"&A1,"x")'


@pytest.fixture(scope="module")
def formula_out(tmp_path_factory):
    root = tmp_path_factory.mktemp("formula")
    shutil.copytree(MINI, root / "data")
    actors = root / "data" / "actors.csv"
    quoted = '"' + FORMULA.replace('"', '""') + '"'
    actors.write_text(
        actors.read_text().replace("Morón,Morón,Municipio", f"{quoted},Morón,Municipio", 1)
    )
    return built(root, root / "data")


def csv_cells(text: str) -> list[str]:
    import csv
    import io

    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def test_csv_out_neutralises_formulas_in_every_writer(formula_out, tmp_path):
    outputs = {
        "--format csv": gk("invite", "--format", "csv", "--graph", formula_out).stdout,
        "sparql": gk(
            "sparql",
            "SELECT ?l WHERE { gkd:ar-moron rdfs:label ?l }",
            "--format",
            "csv",
            "--graph",
            formula_out,
        ).stdout,
    }
    assert (
        gk("report", "repertoire", "--out", tmp_path / "r.csv", "--graph", formula_out).returncode
        == 0
    )
    outputs["report"] = (tmp_path / "r.csv").read_text()
    for where, text in outputs.items():
        cells = csv_cells(text)
        assert "'" + FORMULA in cells, where
        assert not [c for c in cells if c.startswith(("=", "+", "@"))], where


def test_csv_out_keeps_negative_numbers_as_numbers(mini_out):
    done = gk(
        "sparql",
        "SELECT ?long WHERE { gkd:city-ar-moron geo:long ?long }",
        "--format",
        "csv",
        "--graph",
        mini_out,
    )
    (value,) = csv_cells(done.stdout)[1:]
    assert float(value) < -50  # Morón, west of Greenwich: a number, not "'-58.6"


@pytest.mark.parametrize("label", ["@@VIS_JS@@", "$vis_js", "${data} $title"])
def test_a_label_that_looks_like_a_placeholder_stays_a_label(tmp_path, mini, label):
    from graphkit.viz.page import viz

    actors = mini / "actors.csv"
    actors.write_text(
        actors.read_text().replace("Morón,Morón,Municipio", f"{label},Morón,Municipio", 1)
    )
    page = viz(graphkit.from_tables(mini))
    start = page.html.index('id="graph-data">') + len('id="graph-data">')
    data = json.loads(page.html[start : page.html.index("</script>", start)])
    assert label in [n.get("label") for n in data["nodes"]]
    assert len(page.html) < 2 * len(viz(graphkit.from_tables(MINI)).html)  # no code pasted in


# --- smaller: the terminal, the page budget, long names ---------------------------------------
def test_control_characters_are_never_printed_raw(mini_out):
    query = 'SELECT ?x WHERE { BIND("red\\u001b[31m bell\\u0007 cr\\r" AS ?x) }'
    done = gk("sparql", query, "--graph", mini_out)
    assert done.returncode == 0
    assert "\x1b" not in done.stdout and "\x07" not in done.stdout and "\r" not in done.stdout
    assert "red\\x1b[31m bell\\x07 cr" in done.stdout
    as_csv = gk("sparql", query, "--format", "csv", "--graph", mini_out)
    assert "\x07" in as_csv.stdout  # files keep the characters; only the terminal view escapes


def test_viz_refuses_a_page_over_budget_before_building_anything(mini_out, monkeypatch):
    import importlib

    scene_module = importlib.import_module("graphkit.viz.scene")
    kg = graphkit.load(mini_out)

    def too_late(*args, **kwargs):
        raise AssertionError("the graph view was built before the budget was checked")

    nodes = kg.simple_graph().number_of_nodes()
    monkeypatch.setattr(type(kg), "simple_graph", too_late)
    with pytest.raises(scene_module.TooLargeError, match=f"would draw {nodes} nodes"):
        scene_module.scene(kg, budget=10)
    with pytest.raises(scene_module.TooLargeError, match="would draw 26 nodes"):
        scene_module.scene(kg, kinds=("themes",), budget=10)


def test_a_very_long_unknown_name_is_shortened(mini_out):
    done = gk("show", "x" * 10_000, "--graph", mini_out)
    assert done.returncode == 1
    assert len(done.stderr) < 300 and "x" * 80 + "…" in done.stderr
    done = gk("sparql", "q" * 10_000, "--graph", mini_out)
    assert done.returncode == 1 and len(done.stderr) < 1000
