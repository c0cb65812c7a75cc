"""A listing made page by page (graphkit.sparql.listing) gives the whole query's rows, in
the whole query's order, whatever the page sizes, limit and offset; the CLI streams it."""

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graphkit
from graphkit.cli.core import main
from graphkit.model import vocab
from graphkit.sparql import listing
from graphkit.sparql import saved_queries as sq

PAGED = [n for n in sq.names() if sq.keys_text(n) is not None]
CASES = [
    ("repertoire", {}),
    ("partnerships-by-country", {}),
    ("networks-by-country", {}),
    ("group-members", {}),
]


def rows(solutions, names):
    return [[None if s[v] is None else str(s[v]) for v in names] for s in solutions]


def whole(kg, name, values):
    results = sq.run(kg, name, values)
    return rows(results, [v.value for v in results.variables])


def paged(kg, name, values, **kw):
    names, solutions = listing.solutions(kg, name, values, **kw)
    return rows(solutions, names)


def test_the_paged_listings():
    assert {name for name, _ in CASES} == set(PAGED)
    for name in PAGED:  # each keys query names the variable it pages by, projected by both
        by = listing.page_variable(sq.keys_text(name))
        assert f"?{by}" in sq.load(name).text.split("WHERE", 1)[0], name


@pytest.mark.parametrize(("name", "values"), CASES)
def test_pages_give_the_whole_query_in_its_order(kg, name, values):
    expected = whole(kg, name, values)
    assert len(expected) > 3
    for first, size in [(1, 1), (2, 3), (5, 7), (25, 400)]:
        assert paged(kg, name, values, first=first, size=size) == expected, (first, size)
    for offset, limit in [(0, 5), (3, 10), (len(expected) - 2, 5), (len(expected) + 3, 2)]:
        got = paged(kg, name, values, limit=limit, offset=offset, first=2, size=3)
        assert got == expected[offset : offset + limit], (offset, limit)
    assert paged(kg, name, values, limit=0) == []


@pytest.mark.parametrize(
    ("name", "values"),
    [("repertoire", {"actor": "bordeaux"}), ("group-members", {"group": "AL-LAs"})],
)
def test_a_parameter_runs_the_query_once(kg, name, values, monkeypatch):
    expected = whole(kg, name, values)
    texts = []
    query = kg.query
    monkeypatch.setattr(kg, "query", lambda text, *a: texts.append(text) or query(text, *a))
    assert paged(kg, name, values) == expected
    assert paged(kg, name, values, limit=1, offset=1) == expected[1:2]
    assert len(texts) == 2  # one run each, no keys query


def test_ties_and_an_actor_of_two_kinds(mini_kg):
    """Two actors with one label, and one actor that is also a network: its rows sit in two
    places of the order, on different pages; the pages still give the whole order."""
    kg = graphkit.from_tables("tests/fixtures/mini")
    label = ox.NamedNode(vocab.RDFS_LABEL)
    rdf_type = ox.NamedNode(vocab.RDF_TYPE)
    twin = ox.NamedNode(vocab.iri("fr-twin"))
    first = rows(
        kg.query(
            "SELECT ?a ?l WHERE { ?a a gk:FrenchAuthority ; rdfs:label ?l "
            "FILTER(LANG(?l) = 'fr') } ORDER BY ?a LIMIT 1"
        ),
        ["a", "l"],
    )[0]
    kg.store.add(ox.Quad(twin, rdf_type, ox.NamedNode(vocab.PREFIXES["gk"] + "FrenchAuthority")))
    kg.store.add(ox.Quad(twin, label, ox.Literal(first[1][1:-4], language="fr")))
    kg.store.add(
        ox.Quad(
            ox.NamedNode(first[0][1:-1]), rdf_type, ox.NamedNode(vocab.PREFIXES["gk"] + "Network")
        )
    )
    expected = whole(kg, "repertoire", {})
    assert sum(r[0] == first[0] for r in expected) == 2  # the actor of two kinds
    assert sum(r[1] == first[1] for r in expected) == 3  # one label, two actors
    for first_page, size in [(1, 1), (1, 2), (3, 3)]:
        assert paged(kg, "repertoire", {}, first=first_page, size=size) == expected


def test_no_keys_no_rows():
    kg = graphkit.from_tables("tests/fixtures/mini")
    kg.store.clear()
    names, solutions = listing.solutions(kg, "repertoire")
    assert names[:2] == ["actor", "label"] and list(solutions) == []


def test_cli_streams_a_listing_in_every_format(built):
    def run(*args):
        result = CliRunner().invoke(main, ["sparql", "repertoire", "--graph", built, *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    doc = json.loads(run("--format", "json"))
    kg = graphkit.load(built)
    assert [[b["actor"]["value"]] for b in doc["results"]["bindings"]] == [
        [r[0][1:-1]] for r in whole(kg, "repertoire", {})
    ]
    page = json.loads(run("--format", "json", "--limit", "2", "--offset", "1"))
    assert page["head"] == doc["head"]
    assert page["results"]["bindings"] == doc["results"]["bindings"][1:3]
    csv_lines = run("--format", "csv").splitlines()
    assert csv_lines[0].startswith("actor,label,kind")
    assert len(csv_lines) == 1 + len(doc["results"]["bindings"])
    table = run("--limit", "3").splitlines()
    assert len(table) == 2 + 3  # header, rule, three rows


def test_keys_are_kept_beside_the_build(built):
    """The keys a listing pages by are cached with the build (as the name index is): a new
    process reads them back, and gives the same pages."""
    import hashlib

    from graphkit.graph import cache

    expected = whole(graphkit.load(built), "repertoire", {})
    first = graphkit.load(built)
    assert paged(first, "repertoire", {}, first=2, size=5) == expected
    digest = hashlib.sha256(sq.keys_text("repertoire").encode()).hexdigest()[:16]
    kept = cache._file(first, f"listing-keys repertoire {digest}")
    assert kept is not None and kept.exists()
    made = kept.stat().st_mtime_ns
    again = graphkit.load(built)
    texts = []
    query = again.query
    again.query = lambda text, *a: texts.append(text) or query(text, *a)
    assert paged(again, "repertoire", {}, first=3, size=4) == expected
    assert kept.stat().st_mtime_ns == made  # read, not made again
    assert all("ORDER BY" in t and "VALUES (?actor)" in t for t in texts)  # pages only
