"""The command line on a real build: formats, exit codes, errors on one line."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from graphkit.cli.core import main


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def mini_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("cli") / "graph.ttl"
    from conftest import MINI

    result = run("build", "--data", MINI, "--out", out, "--shacl")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"built {out}: ")
    assert "4 actors, 2 partnerships" in result.stdout
    return out


def test_build_leaves_the_name_index_and_projection_cached(mini_build, monkeypatch):
    from graphkit.graph import handle as graph
    from graphkit.match import scoring

    def not_again(*args, **kwargs):
        raise AssertionError("the projection should come from the build's cache")

    monkeypatch.setattr(scoring, "project", not_again)  # where projection() looks it up
    monkeypatch.setattr(graph, "name_index", not_again)
    result = run("peers", "nanterre", "--graph", mini_build, "--format", "json")
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)


def test_stats_counts_each_class(mini_build):
    rows = json.loads(run("stats", "--graph", mini_build, "--format", "json").stdout)
    counts = {r["name"]: r["count"] for r in rows if r["what"] == "class"}
    assert counts["gk:Partnership"] == 2
    assert counts["gk:FrenchAuthority"] == 1
    assert counts["org:Membership"] == 2


def test_show_resolves_without_accents_and_lists_relations(mini_build):
    info = json.loads(run("show", "moron", "--graph", mini_build, "--format", "json").stdout)
    assert info["id"] == "ar-moron"
    assert {"property": "rdfs:label", "lang": "es", "label": "Municipio de Morón"} in info["labels"]
    incoming = [r for r in info["relations"] if r["direction"] == "in"]
    assert incoming == [
        {
            "direction": "in",
            "predicate": "gk:party",
            "value": "Coopération Ville de Nanterre – Morón",
            "value_id": "p-nanterre-moron",
            "status": "stand-by",
            "source": "src-test",
            "source_row": "partnerships.csv:2",
        }
    ]


def test_show_table_and_csv(mini_build):
    table = run("show", "Ville de Nanterre", "--graph", mini_build).stdout
    assert table.startswith("Ville de Nanterre (fr-nanterre)")
    assert "source: src-test (actors.csv:2)" in table
    raw = run("show", "Ville de Nanterre", "--raw", "--graph", mini_build).stdout
    assert raw.startswith("fr-nanterre  <https://w3id.org/graphkit/id/fr-nanterre>")
    rows = list(
        csv.DictReader(
            io.StringIO(run("show", "nanterre", "--graph", mini_build, "--format", "csv").stdout)
        )
    )
    assert {"in", "out"} == {r["direction"] for r in rows}


def test_unknown_name_exits_1_with_the_closest(mini_build):
    result = run("show", "nantere", "--graph", mini_build)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no entity named 'nantere'; closest: ")
    assert "fr-nanterre" in result.stderr


def test_sparql_json_is_the_standard_results_document(mini_build):
    query = "SELECT ?p WHERE { ?p gk:party gkd:ar-moron }"
    doc = json.loads(run("sparql", query, "--graph", mini_build, "--format", "json").stdout)
    assert doc["head"]["vars"] == ["p"]
    assert doc["results"]["bindings"] == [
        {"p": {"type": "uri", "value": "https://w3id.org/graphkit/id/p-nanterre-moron"}}
    ]


def test_sparql_from_a_file_as_csv_and_ask(mini_build, tmp_path):
    query = tmp_path / "q.rq"
    query.write_text("SELECT ?code WHERE { ?c a gk:Country ; gk:isoCode ?code } ORDER BY ?code")
    out = run("sparql", query, "--graph", mini_build, "--format", "csv").stdout
    assert out.splitlines() == ["code", "AR", "FR", "UY"]
    ask = run("sparql", "ASK { gkd:fr-nanterre a gk:FrenchAuthority }", "--graph", mini_build)
    assert ask.stdout.strip() == "true"


def test_empty_result_prints_nothing_and_says_why(mini_build):
    result = run(
        "sparql", "SELECT ?x WHERE { ?x a gk:Nothing }", "--graph", mini_build, "--format", "csv"
    )
    assert result.exit_code == 0
    assert result.stdout.strip() == "x"
    assert "no results" in result.stderr


def test_bad_sparql_is_one_line(mini_build):
    result = run("sparql", "SELECT WHERE {", "--graph", mini_build)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: invalid SPARQL")


def test_query_without_a_build_says_how_to_make_one(tmp_path):
    result = run("stats", "--graph", tmp_path / "none.ttl")
    assert result.exit_code == 1
    assert "run `graphkit build` first" in result.stderr


def test_validate_the_hand_made_and_shipped_data():
    from conftest import DATA, MINI

    for folder in (MINI, DATA):
        result = run("validate", folder)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"{folder}: valid")


def test_validate_reports_bad_tables(mini):
    (mini / "coverage.csv").write_text(
        "embassy,territory,source\nfr-nanterre,mr-cone-sud,src-test\n"
    )
    result = run("validate", mini)
    assert result.exit_code == 1
    assert "coverage.csv:2: embassy: not an embassy" in result.stderr


def test_usage_error_exits_2():
    assert run("stats", "--format", "xml").exit_code == 2


def test_console_script_is_installed():
    exe = shutil.which("graphkit", path=str(Path(sys.executable).parent))
    assert exe, "the graphkit console script is not installed next to this python"
    done = subprocess.run([exe, "--help"], capture_output=True, text=True, check=True)
    assert "build" in done.stdout and "sparql" in done.stdout
