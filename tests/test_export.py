"""Exports: every format parses back (rdflib and pyoxigraph) to what was exported, with the
layout of graphs, the VoID/DCAT description, and personal data left out on request."""

import json
import os
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from conftest import DATA
from rdflib.compare import isomorphic

import graphkit
from graphkit.cli.core import main
from graphkit.graph.to_rdf import GRAPH_ONTOLOGY, GRAPH_THEMES
from graphkit.model import vocab
from graphkit.sparql import export as ex
from graphkit.tables import load_tables
from graphkit.text.fold import normalise

P = vocab.PREFIXES
WHEN = "2024-05-01T10:00:00+02:00"
RDFLIB_FORMAT = {
    "turtle": "turtle",
    "ntriples": "nt",
    "nquads": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
}
DATASET = ox.NamedNode(ex.DATASET)
# rdflib's own parsers use its deprecated ConjunctiveGraph API: not ours to fix.
pytestmark = pytest.mark.filterwarnings(
    "ignore:.*(deprecated|ConjunctiveGraph).*:DeprecationWarning"
)
DEFAULT = ox.DefaultGraph()


def n(curie: str) -> ox.NamedNode:
    prefix, local = curie.split(":", 1)
    return ox.NamedNode(P[prefix] + local)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture(scope="module")
def exported(kg, tmp_path_factory):
    """Each format written once: fmt -> (path, the quads exported)."""
    folder = tmp_path_factory.mktemp("export")
    out = {}
    for fmt in ex.FORMATS:
        path = folder / f"graph.{fmt}"
        quads, _ = ex.export_quads(kg, fmt, created=WHEN, issued=WHEN)
        ex.write_atomic(path, ex.serialize(quads, fmt))  # what ex.export does
        out[fmt] = (path, quads)
    return out


def parse_oxigraph(path: Path, fmt: str) -> list[ox.Quad]:
    with open(path, "rb") as f:
        return list(ox.parse(f, format=ex.RDF_FORMAT[fmt]))


def to_ox(term):
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or P["xsd"] + "string")))


def parse_rdflib(path: Path, fmt: str) -> list[ox.Quad]:
    if fmt in ex.QUADS_FORMATS:
        ds = rdflib.Dataset()
        ds.parse(path, format=RDFLIB_FORMAT[fmt])
        quads = []
        for s, p, o, g in ds.quads((None, None, None, None)):
            graph = (
                DEFAULT
                if g is None or g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID
                else ox.NamedNode(str(g))
            )
            quads.append(ox.Quad(to_ox(s), to_ox(p), to_ox(o), graph))
        return quads
    graph = rdflib.Graph().parse(path, format=RDFLIB_FORMAT[fmt])
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]


def has_blank(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def assert_same(got: list[ox.Quad], expected: list[ox.Quad]) -> None:
    """The same quads: ground ones exactly, the ones with blank nodes up to renaming."""
    assert len(got) == len(set(got)) == len(expected)
    ground = {q for q in got if not has_blank(q)}
    want = {q for q in expected if not has_blank(q)}
    assert ground == want, (
        sorted(map(str, ground - want))[:5],
        sorted(map(str, want - ground))[:5],
    )
    for name in {q.graph_name for q in expected if has_blank(q)}:
        graphs = []
        for quads in (got, expected):
            g = rdflib.Graph()
            for q in quads:
                if has_blank(q) and q.graph_name == name:
                    g.add(tuple(ex._rdflib_term(t) for t in (q.subject, q.predicate, q.object)))
            graphs.append(g)
        assert len(graphs[0]) == len(graphs[1]) > 0
        assert isomorphic(*graphs)


@pytest.mark.parametrize("fmt", ex.FORMATS)
def test_each_export_parses_back_with_pyoxigraph(exported, fmt):
    path, quads = exported[fmt]
    assert_same(parse_oxigraph(path, fmt), quads)


@pytest.mark.parametrize("fmt", ex.FORMATS)
def test_each_export_parses_back_with_rdflib(exported, fmt):
    path, quads = exported[fmt]
    assert_same(parse_rdflib(path, fmt), quads)


def test_the_export_holds_the_whole_store_plus_its_description(kg, exported):
    store = list(kg.store)
    _, nquads = exported["nquads"]
    assert {q for q in nquads if q.graph_name != ex.GRAPH_DESCRIPTION} == set(store)
    _, turtle = exported["turtle"]
    merged = {q.triple for q in turtle}
    assert {q.triple for q in store} <= merged
    assert {t.subject.value.startswith(ex.DATASET) for t in merged - {q.triple for q in store}} == {
        True
    }


@pytest.mark.parametrize("fmt", ["nquads", "trig"])
def test_quads_formats_keep_ontology_and_thesaurus_in_named_graphs(exported, fmt):
    path, _ = exported[fmt]
    graphs = {q.graph_name for q in parse_oxigraph(path, fmt)}
    assert graphs == {DEFAULT, GRAPH_ONTOLOGY, GRAPH_THEMES, ex.GRAPH_DESCRIPTION}
    back = parse_oxigraph(path, fmt)
    partnership = ox.Quad(n("gkd:pship-fougeres-nicaragua"), n("rdf:type"), n("gk:Partnership"))
    assert partnership in back
    eau = [q for q in back if q.subject == n("gkt:eau") and q.predicate == n("skos:prefLabel")]
    assert {q.graph_name for q in eau} == {GRAPH_THEMES}


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_triples_formats_merge_everything(exported, fmt):
    path, _ = exported[fmt]
    back = parse_oxigraph(path, fmt)
    assert {q.graph_name for q in back} == {DEFAULT}
    assert ox.Quad(n("gkt:eau"), n("skos:broader"), n("gkt:environnement")) in back
    assert ox.Quad(DATASET, n("rdf:type"), n("void:Dataset")) in back


def test_jsonld_has_a_compact_context(exported):
    path, _ = exported["jsonld"]
    doc = json.loads(path.read_text())
    assert doc["@context"] == P
    text = path.read_text()
    assert '"@type": "gk:Partnership"' in text
    assert '"@id": "gkd:pship-fougeres-nicaragua"' in text


def objects(quads, subject, predicate):
    return {q.object for q in quads if q.subject == subject and q.predicate == n(predicate)}


def value(quads, subject, predicate):
    (found,) = objects(quads, subject, predicate)
    return found.value


def test_description_says_title_licence_date_sources_and_counts(kg, exported):
    _, quads = exported["nquads"]
    about = [q for q in quads if q.graph_name == ex.GRAPH_DESCRIPTION]
    assert {n("void:Dataset"), n("dcat:Dataset")} <= objects(about, DATASET, "rdf:type")
    titles = {t.language: t.value for t in objects(about, DATASET, "dcterms:title")}
    assert titles["fr"].startswith("graphkit — répertoire des acteurs")
    assert objects(about, DATASET, "dcterms:license") == {
        ox.NamedNode("https://creativecommons.org/licenses/by/4.0/")
    }
    rights = value(about, DATASET, "dcterms:rights")
    assert "cr-brainstorming-amerique-latine-2020-11-30 (Compte-rendu" in rights
    assert "licence unknown (sources.csv gives none)" in rights
    assert "dataset-pycountry (" in rights and "LGPL-2.1-only" in rights
    assert objects(about, DATASET, "dcterms:created") == {
        ox.Literal(WHEN, datatype=n("xsd:dateTime"))
    }
    sources = {n(f"gkd:{r.get('id')}") for r in load_tables(DATA).records["sources"]}
    assert objects(about, DATASET, "dcterms:source") == sources
    assert objects(about, DATASET, "prov:wasDerivedFrom") == sources
    # Triple counts: the whole, each part, and the classes of the data.
    everything = {q.triple for q in kg.store}
    assert int(value(about, DATASET, "void:triples")) == len(everything)
    data = ox.NamedNode(ex.DATASET + "/data")
    assert int(value(about, data, "void:triples")) == len(
        list(kg.store.quads_for_pattern(None, None, None, DEFAULT))
    )
    assert int(value(about, ox.NamedNode(ex.DATASET + "/themes"), "void:triples")) == len(
        list(kg.store.quads_for_pattern(None, None, None, GRAPH_THEMES))
    )
    partition = ox.NamedNode(ex.DATASET + "/data/class/gk-Partnership")
    assert partition in objects(about, data, "void:classPartition")
    assert value(about, partition, "void:class") == P["gk"] + "Partnership"
    assert (
        int(value(about, partition, "void:entities")) == 21
    )  # pship-cuf-fnp-covid removed (issue 16)
    assert "Contains personal data" in value(about, DATASET, "dcterms:description")


def test_a_built_graph_is_described_with_its_build_time(built):
    kg = graphkit.load(built)
    quads, _ = ex.export_quads(kg, "turtle", issued=WHEN)
    created = value(quads, DATASET, "dcterms:created")
    assert created == ex.build_time(kg) and created[:4].isdigit() and created != WHEN
    dist = ox.NamedNode(ex.DATASET + "/distribution/turtle")
    assert value(quads, dist, "dcterms:issued") == WHEN
    assert value(quads, dist, "dcat:mediaType").endswith("/text/turtle")


def people_words() -> set[str]:
    words = set()
    for r in load_tables(DATA).records["people"]:
        for name in [r.get("name"), *r.items("aliases")]:
            words |= {normalise(name), normalise(name).split()[-1]}
    return words


def mentions_a_person(quads) -> list[str]:
    words = people_words()
    return [
        str(q)
        for q in quads
        if isinstance(q.object, ox.Literal)
        and any(f" {w} " in f" {normalise(q.object.value)} " for w in words)
    ]


@pytest.mark.parametrize("fmt", ["nquads", "jsonld"])
def test_no_personal_data(kg, tmp_path, fmt):
    path = tmp_path / f"graph.{fmt}"
    counts = ex.export(kg, path, fmt, personal_data=False, created=WHEN, issued=WHEN)
    expected, _ = ex.export_quads(kg, fmt, personal_data=False, created=WHEN, issued=WHEN)
    back = parse_oxigraph(path, fmt)
    assert_same(back, expected)
    assert_same(parse_rdflib(path, fmt), expected)
    people = {n(f"gkd:{r.get('id')}") for r in load_tables(DATA).records["people"]}
    assert counts["people_removed"] == len(people) == 15
    assert not [q for q in back if q.subject in people or q.object in people]
    personal = {n("foaf:name"), n("schema:jobTitle"), n("prov:wasAttributedTo")}
    assert not [q for q in back if q.predicate in personal]
    assert not [q for q in back if q.object == n("foaf:Person") and q.predicate == n("rdf:type")]
    data = [q for q in back if q.graph_name == DEFAULT]
    assert mentions_a_person(data) == []
    assert counts["notes_removed"] > 0
    about = value(back, DATASET, "dcterms:description")
    assert "Personal data left out" in about and "15 people" in about
    # What stays: every fact, with its source document.
    fact = n("gkd:pship-fougeres-nicaragua")
    assert value(back, fact, "prov:wasDerivedFrom").endswith(
        "cr-brainstorming-amerique-latine-2020-11-30"
    )


def test_with_personal_data_the_names_are_there(exported):
    # The check above can fail: with personal data, names and roles are in the export.
    _, quads = exported["nquads"]
    assert mentions_a_person([q for q in quads if q.graph_name == DEFAULT])
    assert objects(quads, n("gkd:person-patrick-geroutet"), "foaf:name") == {
        ox.Literal("Patrick Géroutet")
    }


def test_write_is_atomic(kg, tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    target.write_text("the previous export")

    def broken(fd):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(OSError, match="disk full"):
        ex.export(kg, target, "turtle")
    assert target.read_text() == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_cli_export(built, tmp_path):
    out = tmp_path / "out" / "graph.trig"
    result = run("export", "--format", "trig", "--out", out, "--graph", built, "--no-personal-data")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote {out} (trig): ")
    assert "personal data left out (15 people, " in result.stdout
    back = parse_oxigraph(out, "trig")
    assert {q.graph_name for q in back} == {
        DEFAULT,
        GRAPH_ONTOLOGY,
        GRAPH_THEMES,
        ex.GRAPH_DESCRIPTION,
    }
    assert not [q for q in back if q.predicate == n("foaf:name")]
    turtle = tmp_path / "graph.ttl"
    assert run("export", "--out", turtle, "--graph", built).exit_code == 0
    assert {q.graph_name for q in parse_oxigraph(turtle, "turtle")} == {DEFAULT}


def test_cli_export_errors(built, tmp_path):
    missing = run("export", "--out", tmp_path / "g.ttl", "--graph", tmp_path / "none.ttl")
    assert missing.exit_code == 1 and missing.stderr.startswith("error: no graph built at")
    assert (
        run("export", "--format", "rdfxml", "--out", tmp_path / "g", "--graph", built).exit_code
        == 2
    )
    assert run("export", "--graph", built).exit_code == 2  # --out is required
