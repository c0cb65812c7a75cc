"""Saved queries: their headers, real answers on the shipped data, safe parameters."""

import json
import tomllib
from importlib import resources

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from conftest import ROOT

import graphkit
from graphkit.cli.core import main
from graphkit.graph.handle import term_value
from graphkit.sparql import saved_queries as sq

INJECTION = 'x" } ; DROP ALL ; #'
SAVED = [
    "authorities-by-theme",
    "embassy-coverage",
    "group-members",
    "meeting-outcomes",
    "networks-by-country",
    "partnerships-by-country",
    "repertoire",
    "sources",
]
# A value for every parameter kind, to run each query with each parameter bound.
SAMPLE = {"theme": "environnement", "country": "Brésil", "literal": "active"}
SAMPLE_NAME = {
    "actor": "bouguenais",
    "group": "GP Argentine",
    "entity": "fougeres",
    "meeting": "evt-reunion-brainstorming-amerique-latine-2020-11-30",
}
SAMPLE_FOR = {("embassy-coverage", "country"): "Pérou"}  # no embassy covers Brazil


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def ids(rows, column):
    return {term_value_id(r[column]) for r in rows}


def term_value_id(iri):
    return iri.rsplit("/", 1)[1] if iri else None


def rows_of(results):
    names = [v.value for v in results.variables]
    return sorted((tuple(term_value(s[n]) for n in names) for s in results), key=str)


# --- the files -------------------------------------------------------------------------


def test_every_saved_query_is_listed_with_a_header():
    queries = sq.list_queries()
    assert [q.name for q in queries] == SAVED
    for q in queries:
        assert q.title and q.title != q.name, q.name
        assert q.answers.endswith(("?", ".")), q.name
        assert all(p.kind in sq.KINDS and p.meaning for p in q.params), q.name
        assert "PREFIX gk:" in q.text  # runnable as it is on any endpoint


def test_queries_ship_as_package_data():
    found = sorted(f.name for f in resources.files("graphkit.sparql.queries").iterdir())
    keys = [f"{name}.keys.rq" for name in SAVED if sq.keys_text(name) is not None]
    assert found == sorted([f"{name}.rq" for name in SAVED] + keys)
    assert "repertoire.keys.rq" in keys
    setup = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert "graphkit.sparql.queries" in setup["packages"]
    assert setup["package-data"]["graphkit.sparql.queries"] == ["*.rq"]


def test_parameters_are_declared():
    params = {q.name: [str(p) for p in q.params] for q in sq.list_queries()}
    assert params["authorities-by-theme"] == ["theme (theme)"]
    assert params["sources"] == ["entity (iri-or-name)"]
    assert params["partnerships-by-country"] == [
        "country (country, optional)",
        "status (literal, optional)",
    ]


def test_a_malformed_param_line_is_refused():
    with pytest.raises(ValueError, match="bad parameter line"):
        sq.parse("# param x: no kind given\nSELECT ?x {}")
    with pytest.raises(ValueError, match="bad parameter line"):
        sq.parse("# param x: a thing (kind: number)\nSELECT ?x {}")


def test_unknown_query_lists_the_saved_ones():
    with pytest.raises(sq.UnknownQueryError, match="saved: authorities-by-theme, "):
        sq.load("repertory")


@pytest.mark.parametrize("name", SAVED)
def test_each_query_answers_with_each_parameter_bound(kg, name):
    query = sq.load(name)
    required = {p.name: _sample(p, name) for p in query.params if p.required}
    assert sq.select(kg, name, **required), name
    for p in query.params:
        # A parameter must be a projected variable, or the engine refuses to substitute it.
        rows = sq.select(kg, name, **(required | {p.name: _sample(p, name)}))
        assert rows, (name, p.name)
        assert {r[p.name] for r in rows} == {sq.to_term(p.kind, _sample(p, name), kg).value}, (
            "a bound parameter pins its column"
        )


def _sample(p, query=""):
    return SAMPLE_FOR.get((query, p.name)) or SAMPLE_NAME.get(p.name) or SAMPLE[p.kind]


CASES = [
    ("repertoire", {}),
    ("repertoire", {"actor": "bordeaux"}),
    ("partnerships-by-country", {}),
    ("partnerships-by-country", {"country": "Nicaragua", "status": "active"}),
    ("authorities-by-theme", {"theme": "environnement"}),
    ("networks-by-country", {"country": "BR"}),
    ("group-members", {"group": "GP Argentine"}),
    ("embassy-coverage", {"country": "Pérou"}),
    ("sources", {"entity": "bouguenais"}),
]


@pytest.mark.parametrize(("name", "values"), CASES)
def test_values_block_gives_the_same_answers_as_substitution(kg, name, values):
    # What a remote endpoint receives (a VALUES block of escaped terms) answers as the local
    # engine's substitutions do.
    query = sq.load(name)
    bindings = sq.bind(query, values, kg)
    local = rows_of(kg.query(query.text, bindings))
    remote_text = sq.with_values(query.text, bindings)
    assert remote_text != query.text or not bindings
    assert rows_of(kg.query(remote_text)) == local
    assert local


# --- real answers on the shipped data --------------------------------------------------


def test_partnerships_in_nicaragua_are_bouguenais_and_fougeres(kg):
    rows = sq.select(kg, "partnerships-by-country", country="Nicaragua")
    assert ids(rows, "partnership") == {
        "pship-bouguenais-el-tuma-la-dalia",
        "pship-fougeres-nicaragua",
    }
    parties = {r["partnership"].rsplit("/", 1)[1]: r["parties"] for r in rows}
    assert (
        parties["pship-bouguenais-el-tuma-la-dalia"] == "El Tuma – La Dalia | Ville de Bouguenais"
    )
    assert sq.select(kg, "partnerships-by-country", country="NI") == rows


def test_partnerships_by_status(kg):
    ended = sq.select(kg, "partnerships-by-country", status="ended")
    # Bordeaux-Mexique is no longer "ended" (issue 16: "ne renouvellera pas" is not an end).
    assert ids(ended, "partnership") == {
        "pship-montpellier-rio-accord-amitie",
        "pship-dunkerque-vitoria-carnaval",
    }
    active_br = sq.select(kg, "partnerships-by-country", country="Brésil", status="active")
    assert ids(active_br, "partnership") == {
        "pship-montpellier-rio-jumelage",
        "pship-nice-bresil-carnaval",
    }  # the FNP's request to CUF is not a partnership (issue 16)
    assert sq.select(kg, "partnerships-by-country", status="paused") == []


def test_networks_per_country_include_fnp_for_brazil(kg):
    rows = sq.select(kg, "networks-by-country")
    brazil = {
        (term_value_id(r["network"]), r["how"]) for r in rows if r["countryLabel"] == "Brésil"
    }
    assert ("net-fnp", "seat") in brazil
    # No partnership: the FNP's request to CUF was an over-read partnership (issue 16).
    assert ("net-fnp", "partnership") not in brazil
    assert {n for n, _ in brazil} == {"net-fnp"}  # CUF was tied to Brazil by that row only
    only = sq.select(kg, "networks-by-country", country="brazil")
    assert {(term_value_id(r["network"]), r["how"]) for r in only} == brazil


def test_authorities_by_theme_include_narrower_themes(kg):
    rows = sq.select(kg, "authorities-by-theme", theme="environnement")
    found = {(term_value_id(r["authority"]), r["matchedTheme"]) for r in rows}
    assert ("fr-aude", "Eau") in found  # eau is narrower than environnement
    assert ("fr-bordeaux", "Forêts") in found  # forêt is two levels down
    assert ("fr-montpellier-mediterranee-metropole", "Biodiversité") in found
    assert all(r["kind"] != "réseau" for r in rows)  # authorities only
    water = sq.select(kg, "authorities-by-theme", theme="water")  # English label
    assert ids(water, "authority") == {"fr-aude"}
    assert {r["how"] for r in water} == {"interest", "expertise", "partnership"}


def test_embassy_coverage_reaches_countries_through_macro_regions(kg):
    rows = sq.select(kg, "embassy-coverage", country="Argentine")
    assert [(term_value_id(r["embassy"]), term_value_id(r["territory"])) for r in rows] == [
        ("emb-fr-santiago", "mr-cone-sud")
    ]
    # Managua's coverage of Nicaragua was an over-reading, removed in issue 16.
    assert sq.select(kg, "embassy-coverage", country="NI") == []
    assert sq.select(kg, "embassy-coverage", country="Mexique") == []


def test_members_of_a_group(kg):
    rows = sq.select(kg, "group-members", group="GP Argentine")
    assert {(term_value_id(r["member"]), r["role"], r["status"]) for r in rows} == {
        ("fr-grand-poitiers", "member", "active"),
        ("emb-ar-france", "participant", "active"),
    }
    every = sq.select(kg, "group-members")
    assert {"GP Nicaragua", "AL-LAs"} <= {r["groupLabel"] for r in every}


def test_repertoire_says_who_does_what_where_with_whom(kg):
    rows = {term_value_id(r["actor"]): r for r in sq.select(kg, "repertoire")}
    assert len(rows) == 41
    aude = rows["fr-aude"]
    assert aude["expertise"] == "Climat | Eau | Gestion des risques | Participation citoyenne"
    assert aude["countries"] == "France | Italie | Pérou | Équateur"
    bouguenais = rows["fr-bouguenais"]
    assert bouguenais["partners"] == "El Tuma – La Dalia"
    assert bouguenais["memberOf"] == "GP Amérique centrale | GP Nicaragua"
    one = sq.select(kg, "repertoire", actor="bouguenais")
    assert one == [bouguenais]


def test_sources_behind_an_entity(kg):
    rows = sq.select(kg, "sources", entity="fougeres")
    facts = {term_value_id(r["fact"]): r for r in rows}
    assert set(facts) == {"fr-fougeres", "pship-fougeres-nicaragua"}
    pship = facts["pship-fougeres-nicaragua"]
    assert pship["relation"] == "party"
    assert pship["sourceRow"].startswith("partnerships.csv:")
    assert pship["speaker"] == "Patricia Pasco"
    assert term_value_id(pship["source"]) == "cr-brainstorming-amerique-latine-2020-11-30"


# --- binding parameters ----------------------------------------------------------------


def test_parameter_errors(kg):
    by_theme, sources = sq.load("authorities-by-theme"), sq.load("sources")
    with pytest.raises(sq.ParamError, match="missing parameter theme"):
        sq.bind(by_theme, {}, kg)
    with pytest.raises(sq.ParamError, match="unknown parameter 'country'; it takes: theme"):
        sq.bind(by_theme, {"theme": "eau", "country": "BR"}, kg)
    with pytest.raises(sq.ParamError, match=r"not a theme"):
        sq.bind(by_theme, {"theme": "bordeaux"}, kg)
    with pytest.raises(sq.ParamError, match=r"not a country"):
        sq.bind(sq.load("embassy-coverage"), {"country": "bordeaux"}, kg)
    with pytest.raises(sq.ParamError, match="no entity named"):
        sq.bind(sources, {"entity": INJECTION}, kg)
    with pytest.raises(sq.ParamError, match="invalid IRI"):
        sq.bind(sources, {"entity": "https://x.org/a> } DROP ALL #"}, kg)


def test_names_resolve_to_iris_and_iris_pass_through(kg):
    sources = sq.load("sources")
    iri = "https://w3id.org/graphkit/id/fr-bouguenais"
    assert sq.bind(sources, {"entity": "Bouguenais"}, kg) == {"entity": ox.NamedNode(iri)}
    assert sq.bind(sources, {"entity": f"<{iri}>"}) == {"entity": ox.NamedNode(iri)}
    assert sq.to_term("literal", "bouguenais") == ox.Literal("bouguenais")


def test_with_values_escapes_every_term():
    hostile = [INJECTION, "a\\u0022 } #", "line\nbreak\t\\ '''", "é 😀 \x01"]
    store = ox.Store()
    for value in hostile:
        text = sq.with_values("SELECT ?v WHERE { }", {"v": ox.Literal(value)})
        assert [s["v"] for s in store.query(text)] == [ox.Literal(value)]
    both = sq.with_values(
        "SELECT ?a ?b WHERE { }",
        {"a": ox.NamedNode("https://example.org/x"), "b": ox.Literal("y", language="fr")},
    )
    assert 'VALUES (?a ?b) { (<https://example.org/x> "y"@fr) }' in both
    with pytest.raises(ValueError):
        sq.with_values("SELECT * { }", {"v } DROP ALL": ox.Literal("x")})
    with pytest.raises(TypeError):
        sq.with_values("SELECT * { }", {"v": ox.BlankNode()})


def test_with_values_finds_the_where_clause():
    text = (
        "# a { comment\nPREFIX e: <http://e.org/x#>\n"
        'SELECT ("{" AS ?s) (EXISTS { ?a ?b ?c } AS ?t) ?v WHERE { ?v ?p "}" '
        "{ SELECT ?v WHERE { ?v ?p ?o } } }"
    )
    out = sq.with_values(text, {"v": ox.Literal("x")})
    assert out.count('VALUES (?v) { ("x") }') == 1
    assert 'WHERE { VALUES (?v) { ("x") }\n ?v ?p "}"' in out
    ox.Store().query(out)  # still a valid query
    construct = sq.with_values("CONSTRUCT { ?s ?p ?v } WHERE { ?s ?p ?v }", {"v": ox.Literal("x")})
    assert construct.startswith('CONSTRUCT { ?s ?p ?v } WHERE { VALUES (?v) { ("x") }')


def test_spliced_text_would_have_broken_the_query():
    # The injection value is hostile: pasted as text it ends the string and the group.
    with pytest.raises(SyntaxError):
        ox.Store().query('SELECT ?v WHERE { VALUES ?v { "' + INJECTION + '" } }')


def test_injection_is_bound_as_a_literal_and_changes_nothing(kg):
    before = len(kg.store)  # an in-memory store: writable
    rows = sq.select(kg, "partnerships-by-country", status=INJECTION)
    assert rows == sq.select(kg, "partnerships-by-country", status="no-such-status") == []
    query = sq.load("partnerships-by-country")
    bindings = sq.bind(query, {"status": INJECTION}, kg)
    assert bindings == {"status": ox.Literal(INJECTION)}
    assert list(kg.query(sq.with_values(query.text, bindings))) == []
    assert len(kg.store) == before


# --- the command line ------------------------------------------------------------------


def test_cli_lists_the_saved_queries(built):
    table = run("sparql", "--list").stdout
    assert table.splitlines()[0].split() == ["name", "params", "title"]
    assert "authorities-by-theme     theme (theme)" in table
    listed = json.loads(run("sparql", "--list", "--format", "json").stdout)
    assert [q["name"] for q in listed] == SAVED
    assert listed[0]["params"] == ["theme (theme)"] and listed[0]["answers"]


def test_cli_runs_a_saved_query_with_parameters(built):
    out = run(
        "sparql",
        "partnerships-by-country",
        "--param",
        "country=Nicaragua",
        "--graph",
        built,
        "--format",
        "json",
    )
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["head"]["vars"][:3] == ["country", "countryLabel", "partnership"]
    found = {b["partnership"]["value"].rsplit("/", 1)[1] for b in doc["results"]["bindings"]}
    assert found == {"pship-bouguenais-el-tuma-la-dalia", "pship-fougeres-nicaragua"}
    csv = run(
        "sparql",
        "networks-by-country",
        "--param",
        "country=BR",
        "--graph",
        built,
        "--format",
        "csv",
    )
    assert csv.stdout.splitlines()[0] == "country,countryLabel,network,label,how,via,viaLabel"
    assert any(",net-fnp," in line.replace("/", ",") for line in csv.stdout.splitlines())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["authorities-by-theme"], "error: authorities-by-theme: missing parameter theme (theme)"),
        (
            ["authorities-by-theme", "--param", "them=eau"],
            "error: authorities-by-theme: unknown parameter 'them'; it takes: theme (theme)",
        ),
        (
            ["authorities-by-theme", "--param", "theme=moron"],
            "error: authorities-by-theme: parameter theme: 'moron' is an authority abroad, Ville de Morón (ar-moron),"
            " not a theme",
        ),
        (["repertory"], "error: no saved query 'repertory'; saved: authorities-by-theme, "),
        (
            ["SELECT ?x WHERE { ?x a gk:Network }", "--param", "x=1"],
            "error: query: unknown parameter 'x'; it takes: none",
        ),
    ],
)
def test_cli_parameter_errors_exit_1_on_one_line(built, args, message):
    result = run("sparql", *args, "--graph", built)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_usage_errors_exit_2(built):
    assert run("sparql", "--graph", built).exit_code == 2
    assert run("sparql", "sources", "--param", "entity", "--graph", built).exit_code == 2


def test_cli_a_query_file_can_declare_parameters(built, tmp_path):
    query = tmp_path / "kind.rq"
    query.write_text(
        "# title: Actors of a kind\n# param kind: an actor class (kind: iri-or-name)\n"
        "SELECT ?kind ?a WHERE { ?a a ?kind }"
    )
    result = run(
        "sparql",
        query,
        "--param",
        f"kind={graphkit.model.vocab.gk('Embassy')}",
        "--graph",
        built,
        "--format",
        "csv",
    )
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + 4  # the four embassies


def test_cli_injection_changes_nothing(built):
    before = len(graphkit.load(built).store)
    hostile = run(
        "sparql",
        "partnerships-by-country",
        "--param",
        f"status={INJECTION}",
        "--graph",
        built,
        "--format",
        "json",
    )
    nothing = run(
        "sparql",
        "partnerships-by-country",
        "--param",
        "status=no-such-status",
        "--graph",
        built,
        "--format",
        "json",
    )
    assert hostile.exit_code == nothing.exit_code == 0
    assert json.loads(hostile.stdout) == json.loads(nothing.stdout)
    assert json.loads(hostile.stdout)["results"]["bindings"] == []
    assert len(graphkit.load(built).store) == before


def test_meeting_outcomes_give_quote_speaker_row_answer_and_supporters(kg):
    rows = sq.select(
        kg, "meeting-outcomes", meeting="evt-reunion-brainstorming-amerique-latine-2020-11-30"
    )
    by_id = {term_value_id(r["outcome"]): r for r in rows}
    assert len(by_id) == 47  # every outcomes.csv row comes from that meeting
    # « Comment va se faire cet accompagnement ? » (P. Roux) — answered by the roadmap
    asked = by_id["out-q-accompagnement"]
    assert (asked["kind"], asked["quote"], asked["by"], asked["speaker"]) == (
        "question",
        "Comment va se faire cet accompagnement ?",
        "Ville de Bordeaux",
        "Pascale Roux",
    )
    assert asked["row"].startswith("outcomes.csv:")
    assert asked["answeredBy"].startswith("CUF élabore une feuille de route")
    assert not by_id["out-q-partage-territorial-ambassades"]["answeredBy"]  # still open
    # Val-de-Marne and Bouguenais support meeting again at the scale of Central America
    revive = by_id["out-reunions-amerique-centrale"]
    assert set(revive["supportedBy"].split(" | ")) == {
        "Département du Val-de-Marne",
        "Ville de Bouguenais",
    }
    # « Pas d'intérêt sur un groupe plus large, sauf si c'est thématisé » (Grand Poitiers)
    assert by_id["out-reunions-thematiques"]["conditionalOn"] == "Grand Poitiers"
    assert by_id["out-feuille-de-route-ete-2021"]["due"] == "2021-06"
    assert sq.select(kg, "meeting-outcomes", meeting="evt-salc") == []
