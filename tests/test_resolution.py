"""One resolution rule for every command: codes and country names are countries, a town
where an actor is expected is the authority seated there, a name of the wrong kind or an
empty one is an error that says what was expected."""

import json

import pytest
from click.testing import CliRunner
from handmade import actor, make_data

from graphkit.cli.core import main
from graphkit.graph.names import COUNTRY, FRENCH_AUTHORITY, THEME, UnknownNameError, WrongKindError


def run(graph, *args):
    return CliRunner().invoke(main, [*map(str, args), "--graph", str(graph)])


@pytest.mark.parametrize(
    "args, country",
    [
        (["show", "BR", "--format", "json"], "country-br"),
        (["show", "ni", "--format", "json"], "country-ni"),
        (["show", "Brésil", "--format", "json"], "country-br"),
    ],
)
def test_an_iso_code_or_a_country_name_is_the_country(built, args, country):
    result = run(built, *args)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == country


@pytest.mark.parametrize("code", ["AR", "NI", "BR", "nicaragua"])
def test_invite_country_code_gives_the_country(built, code):
    result = run(built, "invite", "--country", code, "--format", "json")
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and "ambiguous" not in result.stderr
    # Every guest of a country meeting works in it or is seated in it.
    assert all(r["reasons"] for r in rows)


def test_report_country_code_is_the_country(built, tmp_path):
    result = run(built, "report", "country", "BR", "--out", tmp_path / "br.md")
    assert result.exit_code == 0, result.stderr
    assert "Brésil" in (tmp_path / "br.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", ["peers", "embassy"])
def test_a_town_where_an_authority_is_expected_is_the_authority_seated_there(built, command):
    result = run(built, command, "Nice", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "Nice → Nice Côte d'Azur Métropole" in result.stderr
    assert json.loads(result.stdout)  # Nice has peers and cooperations abroad


def test_a_country_for_peers_says_what_peers_expects(built):
    result = run(built, "peers", "Brésil")
    assert result.exit_code == 1
    assert "is a country" in result.stderr and "not a French authority" in result.stderr
    # The closest entities of the right kind: French authorities tied to Brazil.
    assert "Nice Côte d'Azur Métropole" in result.stderr


def test_peers_without_a_name_is_a_usage_error(built):
    result = run(built, "peers")
    assert result.exit_code == 2 and "NAME of a French authority" in result.stderr


@pytest.mark.parametrize("empty", ["", "  "])
def test_an_empty_name_is_refused(built, empty):
    result = run(built, "peers", empty)
    assert result.exit_code == 1 and "empty name" in result.stderr
    result = run(built, "sparql", "partnerships-by-country", "--param", f"country={empty}")
    assert result.exit_code == 1 and "empty value" in result.stderr


def test_did_you_mean_lists_only_plausible_names(kg):
    with pytest.raises(UnknownNameError) as err:
        kg.resolve("bordo", FRENCH_AUTHORITY)
    assert [i for i, _ in err.value.candidates] == ["fr-bordeaux"]
    with pytest.raises(UnknownNameError) as err:
        kg.resolve("xyzzy")
    assert err.value.candidates == [] and "closest" not in str(err.value)
    with pytest.raises(UnknownNameError) as err:
        kg.resolve("climt", THEME)
    assert [i for i, _ in err.value.candidates] == ["climat"]


def test_a_prefix_of_two_authorities_is_ambiguous_and_lists_them(kg):
    with pytest.raises(UnknownNameError, match="ambiguous") as err:
        kg.resolve("montpel", FRENCH_AUTHORITY)
    assert {i for i, _ in err.value.candidates} == {
        "fr-montpellier",
        "fr-montpellier-mediterranee-metropole",
    }


def test_a_prefix_picks_the_authority_not_the_organisation(tmp_path):
    import graphkit

    data = make_data(
        tmp_path / "data",
        [
            actor("fr-lyon", label="Métropole de Lyon"),
            actor("org-lyon", kind="organisation", label="Métropole de Lyon Université"),
        ],
    )
    kg = graphkit.from_tables(data)
    assert kg.resolve("metropole de ly") == "fr-lyon"


def test_wrong_kind_in_the_library(kg):
    with pytest.raises(WrongKindError) as err:
        kg.resolve("Nice", THEME)
    assert err.value.entity == "city-fr-nice"
    assert kg.resolve("Nice") == "city-fr-nice"  # any kind: the town itself


def _commune_argentine(tmp_path):
    """A French commune called Argentine (there is one, in Savoie) beside the country."""
    return make_data(
        tmp_path / "data",
        [
            actor("fr-argentine", label="Argentine"),
            actor("ar-x", kind="foreign_authority", country="AR", label="Ciudad X"),
        ],
        partnerships=[
            {
                "id": "p1",
                "kind": "cooperation",
                "label_fr": "Coop",
                "parties": "fr-argentine|ar-x",
                "countries": "AR",
                "status": "active",
            }
        ],
    )


def test_a_country_name_is_the_country_even_beside_a_commune_of_that_name(tmp_path):
    import graphkit

    kg = graphkit.from_tables(_commune_argentine(tmp_path))
    assert kg.resolve("Argentine") == "country-ar"
    assert kg.resolve("Argentine", COUNTRY) == "country-ar"
    assert kg.resolve("Argentine", FRENCH_AUTHORITY) == "fr-argentine"


def test_a_country_parameter_resolves_within_its_kind(tmp_path):
    data = _commune_argentine(tmp_path)
    out = tmp_path / "b" / "graph.ttl"
    assert (
        CliRunner().invoke(main, ["build", "--data", str(data), "--out", str(out)]).exit_code == 0
    )
    result = run(
        out, "sparql", "partnerships-by-country", "--param", "country=Argentine", "--format", "csv"
    )
    assert result.exit_code == 0, result.stderr
    assert "country-ar" in result.stdout and "Coop" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["invite", "--country", ""],
        ["invite", "--theme", " "],
        ["experts", "climat", "--for", ""],
        ["south-south", "--region", ""],
        ["embassy", ""],
        ["show", ""],
        ["report", "meeting", "--theme", "", "--out", "{tmp}/x.md"],
        ["viz", "--country", "", "--out", "{tmp}/x.html"],
    ],
)
def test_an_empty_option_is_refused_not_ignored(built, tmp_path, args):
    result = run(built, *[a.format(tmp=tmp_path) for a in args])
    assert result.exit_code == 1 and "empty name" in result.stderr
    assert not list(tmp_path.iterdir())
