"""SHACL: the shipped and hand-made data conform; a violation names the row it came from."""

import pyoxigraph as ox
import rdflib

import graphkit
from graphkit.graph.shapes import validate, validate_chunked, validate_tables
from graphkit.graph.to_rdf import GRAPH_THEMES
from graphkit.model import vocab
from graphkit.model.ontology_files import ontology_path, theme_ids


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
        vocab.POSITION,
    ):
        for value, local in table.items():
            assert str(coop.value(rdflib.URIRef(vocab.gk(local)), notation)) == value, local


def test_an_outcome_without_quote_or_with_two_kinds_and_a_stance_without_position(kg):
    import pyoxigraph as ox

    from graphkit import KnowledgeGraph

    copy = ox.Store()
    copy.bulk_extend(kg.store)
    broken = KnowledgeGraph(copy)
    question = ox.NamedNode(vocab.iri("out-q-accompagnement"))
    for q in list(
        copy.quads_for_pattern(question, ox.NamedNode(vocab.PREFIXES["schema"] + "text"), None)
    ):
        copy.remove(q)
    copy.add(ox.Quad(question, ox.NamedNode(vocab.RDF_TYPE), ox.NamedNode(vocab.gk("Proposal"))))
    stance = ox.NamedNode(vocab.iri("stance-fr-nanterre--out-echanger-fnp"))
    for q in list(copy.quads_for_pattern(stance, ox.NamedNode(vocab.gk("position")), None)):
        copy.remove(q)
    problems = {(p.file, p.row, p.column) for p in validate(broken)}
    assert ("outcomes.csv", 3, "schema:text") in problems
    assert ("outcomes.csv", 3, "rdf:type") in problems
    assert ("stances.csv", 4, "gk:position") in problems


# --- validation in chunks: the same violations as one validation of the whole -------------

# What the chunking argument in shapes.validate_chunked covers: a focus node's own triples,
# its values' types, inverse paths. A shape using anything else (sh:node, a sequence or
# transitive path…) must make this test fail before chunks can differ from the whole.
CHUNK_SAFE = {
    "and", "class", "datatype", "disjoint", "equals", "hasValue", "in", "inversePath",
    "IRI", "languageIn", "lessThanOrEquals", "Literal", "maxCount", "maxInclusive", "message",
    "minCount", "minInclusive", "NodeShape", "nodeKind", "not", "or", "path", "pattern",
    "property", "PropertyShape", "qualifiedMaxCount", "qualifiedMinCount",
    "qualifiedValueShape", "targetClass", "targetSubjectsOf", "uniqueLang",
}  # fmt: skip


def test_the_shapes_use_only_what_chunked_validation_covers():
    sh = vocab.PREFIXES["sh"]
    with open(ontology_path("shapes"), "rb") as f:
        used = {
            term.value[len(sh) :]
            for t in ox.parse(f, format=ox.RdfFormat.TURTLE)
            for term in (t.predicate, t.object)
            if isinstance(term, ox.NamedNode) and term.value.startswith(sh)
        }
    assert used <= CHUNK_SAFE, sorted(used - CHUNK_SAFE)


def _broken(mini) -> graphkit.KnowledgeGraph:
    """The mini data with known faults of every kind the chunks must see alike."""
    kg = graphkit.from_tables(mini)
    store, gk, iri = kg.store, vocab.gk, vocab.iri
    moron = ox.NamedNode(iri("ar-moron"))
    for q in list(store.quads_for_pattern(moron, ox.NamedNode(vocab.RDFS_LABEL), None)):
        store.remove(q)  # a node's own triples: no label
    partnership = ox.NamedNode(iri("p-nanterre-moron"))
    # a value node of the wrong class (a country as a party): its type lives elsewhere
    store.add(ox.Quad(partnership, ox.NamedNode(gk("party")), ox.NamedNode(iri("country-ar"))))
    store.add(ox.Quad(partnership, ox.NamedNode(gk("theme")), ox.NamedNode(vocab.THEME + "x")))
    # an inverse path on the thesaurus, stated in the data
    broader = ox.NamedNode(vocab.PREFIXES["skos"] + "broader")
    store.add(
        ox.Quad(ox.NamedNode(vocab.THEME + "carnaval"), broader, ox.NamedNode(vocab.THEME + "eau"))
    )
    return kg


def test_chunks_find_the_same_violations_as_the_whole_graph(mini):
    kg = _broken(mini)
    whole = validate(kg)
    assert {(p.file, p.row, p.column) for p in whole} >= {
        ("actors.csv", 3, "rdfs:label"),
        ("partnerships.csv", 2, "gk:party"),
        ("partnerships.csv", 2, "gk:theme"),
        ("graph", None, "^skos:broader"),
    }
    for chunk in (1, 7, 60, 10**9):
        assert validate(kg, chunk=chunk) == whole, chunk


def test_a_subject_whose_triples_come_apart_is_validated_whole(mini):
    kg = _broken(mini)
    whole = validate(kg)
    quads = list(kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    moved = [q for q in quads if q.subject.value == vocab.iri("p-nanterre-moron")]
    rest = [q for q in quads if q not in moved]
    scattered = moved[:2] + rest[: len(rest) // 2] + moved[2:] + rest[len(rest) // 2 :]
    themes = [
        ox.Quad(q.subject, q.predicate, q.object)
        for q in kg.store.quads_for_pattern(None, None, None, GRAPH_THEMES)
    ]
    for chunk in (5, 100):
        assert validate_chunked(lambda: scattered, themes, chunk) == whole, chunk


def test_the_tables_validated_in_chunks_conform_like_the_whole(mini):
    from conftest import DATA

    from graphkit.tables import load_tables

    for folder in (mini, DATA):
        assert validate_tables(load_tables(folder), chunk=300) == []
        assert validate(graphkit.from_tables(folder)) == []
