"""SHACL: the shipped and hand-made data conform; a violation names the row it came from."""

import pyoxigraph as ox
import rdflib

import graphkit
from graphkit import vocab
from graphkit.ontology_files import ontology_path, theme_ids
from graphkit.shapes import validate
from graphkit.to_rdf import GRAPH_THEMES


def test_shipped_data_conforms(kg):
    assert validate(kg) == []


def test_a_violation_names_row_property_and_entity(mini):
    kg = graphkit.from_tables(mini)
    moron = ox.NamedNode(vocab.iri("ar-moron"))
    for q in list(kg.store.quads_for_pattern(moron, ox.NamedNode(vocab.RDFS_LABEL), None)):
        kg.store.remove(q)
    problems = validate(kg)
    assert problems, "a foreign authority without a label must not conform"
    assert {(p.file, p.row, p.column) for p in problems} == {("actors.csv", 3, "rdfs:label")}
    assert all(p.message.endswith("[ar-moron]") for p in problems)


def test_partnership_without_partner_or_country_is_a_violation(mini):
    kg = graphkit.from_tables(mini)
    node = ox.NamedNode(vocab.iri("p-nanterre-moron"))
    kg.store.remove(
        ox.Quad(node, ox.NamedNode(vocab.gk("party")), ox.NamedNode(vocab.iri("ar-moron")))
    )
    problems = validate(kg)
    assert [(p.file, p.row) for p in problems] == [("partnerships.csv", 2)]


def test_node_and_property_problems_of_one_row_are_all_reported(mini):
    kg = graphkit.from_tables(mini)
    node = ox.NamedNode(vocab.iri("p-nanterre-moron"))
    kg.store.remove(
        ox.Quad(node, ox.NamedNode(vocab.gk("party")), ox.NamedNode(vocab.iri("ar-moron")))
    )
    kg.store.add(ox.Quad(node, ox.NamedNode(vocab.gk("theme")), ox.NamedNode(vocab.THEME + "x")))
    problems = validate(kg)
    assert [(p.file, p.row, p.column) for p in problems] == [
        ("partnerships.csv", 2, None),
        ("partnerships.csv", 2, "gk:theme"),
    ]


def test_an_inverse_path_is_named_with_a_caret(mini):
    kg = graphkit.from_tables(mini)
    broader = ox.NamedNode(vocab.PREFIXES["skos"] + "broader")
    water = ox.NamedNode(vocab.THEME + "eau")
    kg.store.add(ox.Quad(ox.NamedNode(vocab.THEME + "carnaval"), broader, water, GRAPH_THEMES))
    problems = validate(kg)
    assert [(p.file, p.column) for p in problems] == [("graph", "^skos:broader")]
    assert problems[0].message.endswith("[eau]")


def test_shapes_list_exactly_the_thesaurus_themes():
    shapes = rdflib.Graph().parse(ontology_path("shapes"), format="turtle")
    listed = {
        str(o)[len(vocab.THEME) :]
        for o in shapes.objects()
        if isinstance(o, rdflib.URIRef)
        and str(o).startswith(vocab.THEME)
        and not str(o).endswith("scheme")
    }
    assert listed == set(theme_ids())


def test_ontology_declares_every_controlled_value_with_its_table_notation():
    coop = rdflib.Graph().parse(ontology_path("coop"), format="turtle")
    notation = rdflib.URIRef(vocab.PREFIXES["skos"] + "notation")
    for table in (
        vocab.STATUS,
        vocab.PARTNERSHIP_KIND,
        vocab.ROLE,
        vocab.ACTOR_TYPE,
        vocab.EVENT_KIND,
    ):
        for value, local in table.items():
            assert str(coop.value(rdflib.URIRef(vocab.gk(local)), notation)) == value, local
