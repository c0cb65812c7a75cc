"""The matchmaking commands: same formats everywhere, JSON contract, errors on one line."""

import csv
import io
import json

import pytest
from click.testing import CliRunner

from graphkit.cli.core import main


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    from conftest import DATA

    out = tmp_path_factory.mktemp("match") / "graph.ttl"
    assert (
        CliRunner().invoke(main, ["build", "--data", str(DATA), "--out", str(out)]).exit_code == 0
    )
    return out


def run(graph, *args):
    return CliRunner().invoke(main, [*map(str, args), "--graph", str(graph)])


COMMANDS = [
    ("peers", "bordeaux"),
    ("experts", "dechets"),
    ("experts", "climat", "--for", "chartres"),
    ("south-south",),
    ("clusters", "--seed", "1"),
    ("groups",),
    ("invite", "--country", "bresil"),
    ("embassy", "nanterre"),
    ("meet",),
    ("peers", "--all", "--top", "2"),
    ("partners", "bordeaux"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_json_rows_have_label_score_and_reasons(graph, args):
    result = run(graph, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows, f"{args} found nothing on the shipped data"
    for row in rows:
        assert isinstance(row["score"], int | float)
        assert row["reasons"] and all(isinstance(r, str) and r for r in row["reasons"])
        assert row.get("label") or (row.get("source") and row.get("target"))
    if args[0] == "groups":
        assert {r["status"] for r in rows} <= {
            "actif",
            "fragile",
            "en sommeil",
            "terminé",
            "proposé",
        }


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_table_and_csv_say_the_same(graph, args):
    rows = json.loads(run(graph, *args, "--format", "json").stdout)
    table = run(graph, *args).stdout
    from_csv = list(csv.DictReader(io.StringIO(run(graph, *args, "--format", "csv").stdout)))
    assert len(from_csv) == len(rows)
    first = rows[0].get("label") or rows[0]["source"]
    assert first[:10] in table  # a table may cut a long label to fit the terminal


def test_peers_all_gives_each_authority_the_peers_that_peers_gives(graph):
    every = json.loads(run(graph, "peers", "--all", "--top", "3", "--format", "json").output)
    one = json.loads(run(graph, "peers", "bouguenais", "--top", "3", "--format", "json").output)
    mine = [r for r in every if r["source_id"] == "fr-bouguenais"]
    assert [r["target_id"] for r in mine] == [r["id"] for r in one]
    assert [r["reasons"] for r in mine] == [r["reasons"] for r in one]
    assert [r["rank"] for r in mine] == list(range(1, len(mine) + 1)) and len(mine) >= 2
    import graphkit
    from graphkit.match import peers

    kg = graphkit.load(graph)
    french = [r["a"] for r in kg.select("SELECT ?a WHERE { ?a a gk:FrenchAuthority }")]
    with_peers = {kg.resolve(a.rsplit("/", 1)[1]) for a in french}
    with_peers = {a for a in with_peers if not peers(kg, a).empty}
    assert {r["source_id"] for r in every} == with_peers and len(with_peers) > 10


def test_peers_needs_a_name_or_all_not_both(graph):
    for args in (("peers",), ("peers", "bordeaux", "--all")):
        result = run(graph, *args)
        assert result.exit_code == 2  # a usage error
        assert "NAME of a French authority" in result.output


def test_reasons_in_english(graph):
    rows = json.loads(run(graph, "peers", "bouguenais", "--lang", "en", "--format", "json").stdout)
    assert rows[0]["reasons"][0] == "both cooperate in Nicaragua"


def test_weights_file_changes_the_ranking(graph, tmp_path):
    weights = tmp_path / "w.toml"
    weights.write_text("theme = 0.0\ncountry = 5.0\n")
    default = json.loads(run(graph, "peers", "bordeaux", "--format", "json").stdout)
    by_country = json.loads(
        run(graph, "peers", "bordeaux", "--format", "json", "--weights", weights).stdout
    )
    assert default[0]["id"] != "fr-cap-nord-martinique"
    # Bordeaux's cooperation in Mexico is what it shares with CAP Nord Martinique (no longer
    # "(terminé)": issue 16 reads « ne renouvellera pas » as not yet ended)
    assert by_country[0]["id"] == "fr-cap-nord-martinique"
    assert by_country[0]["reasons"][0] == "les deux coopèrent au Mexique"


def test_unknown_weight_is_a_one_line_error(graph, tmp_path):
    weights = tmp_path / "w.toml"
    weights.write_text("colour = 1\n")
    result = run(graph, "peers", "chartres", "--weights", weights)
    assert result.exit_code == 1
    assert "unknown weight(s) colour" in result.stderr


def test_unknown_name_and_unknown_theme_exit_1_with_closest(graph):
    result = run(graph, "peers", "bordo")
    assert result.exit_code == 1 and "closest" in result.stderr
    result = run(graph, "experts", "jardinage")
    assert result.exit_code == 1 and result.stderr.startswith("error: no theme named 'jardinage'")
    result = run(graph, "experts", "moron")
    assert result.exit_code == 1 and "not a theme" in result.stderr


def test_nothing_to_match_is_an_empty_list_and_a_sentence(graph):
    result = run(graph, "peers", "fr-meurthe-et-moselle", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "ne partage quoi que ce soit avec Département de Meurthe-et-Moselle" in result.stderr


def test_evaluate_measures_graphkit_against_the_baselines(graph):
    result = run(graph, "evaluate", "--seeds", "2", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["method"] for r in rows} == {
        "graphkit",
        "random",
        "popularity",
        "jaccard",
        "adamic_adar",
        "resource_allocation",
        "preferential_attachment",
        "personalised_pagerank",
        "node2vec",
    }
    assert {r["protocol"] for r in rows} == {"c-shipped"}
    for r in rows:
        assert {"protocol", "method", "MRR", "MRR_low", "MRR_high", "hits@10", "n_queries"} <= set(
            r
        )
        assert 0 <= r["MRR_low"] <= r["MRR"] <= r["MRR_high"] <= 1 and r["n_queries"] > 0
        # graphkit's MRR over this method's, inside its paired interval
        mine = next(g["MRR"] for g in rows if g["method"] == "graphkit")
        if r["MRR"] > 0:
            assert r["ratio"] == pytest.approx(mine / r["MRR"], rel=1e-3)  # printed to 4 places
            assert r["ratio_low"] - 1e-4 <= r["ratio"] <= r["ratio_high"] + 1e-4
