"""NetworkX views: the lossless MultiDiGraph and the simple projection, on the hand-made data."""

import graphkit


def test_multidigraph_keeps_every_predicate_as_a_key(mini_kg):
    g = mini_kg.networkx()
    assert g.has_edge("p-nanterre-moron", "ar-moron", key="gk:party")
    assert g.has_edge("p-nanterre-moron", "fr-nanterre", key="gk:party")
    # a city is linked to its country twice, by two predicates: parallel edges are not merged
    assert set(g["city-ar-moron"]["country-ar"]) == {"gk:country", "schema:containedInPlace"}


def test_multidigraph_nodes_carry_type_and_labels(mini_kg):
    g = mini_kg.networkx()
    moron = g.nodes["ar-moron"]
    assert moron["kind"] == "ForeignAuthority"
    assert moron["label"] == "Morón"
    assert moron["labels"]["es"] == "Municipio de Morón"
    assert g.nodes["p-nanterre-uruguay"]["gk:startYear"] == "1995"


def test_every_data_triple_with_a_resource_object_is_an_edge(mini_kg):
    g = mini_kg.networkx()
    rows = mini_kg.query(
        "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH <https://w3id.org/graphkit/graph/themes> { ?s ?p ?o } } "
        "FILTER(isIRI(?o) && ?p != rdf:type) }",
        union=False,
    )
    assert g.number_of_edges() == int(next(rows)["n"].value)


def test_simple_graph_folds_statements_into_labelled_edges(mini_kg):
    g = mini_kg.simple_graph()
    relations = g.edges["fr-nanterre", "ar-moron"]["relations"]
    assert relations == [
        {
            "relation": "partnership",
            "via": "p-nanterre-moron",
            "kind": "cooperation",
            "status": "stand-by",
        }
    ]
    assert {r["relation"] for r in g.edges["fr-nanterre", "net-al-las"]["relations"]} == {
        "membership"
    }
    assert {
        r["relation"] for r in g.edges["fr-nanterre", "participation-citoyenne"]["relations"]
    } == {
        "partnership",
        "interest",
    }
    assert g.has_edge("fr-nanterre", "country-uy")  # the unnamed partner's country


def test_simple_graph_leaves_out_statements_sources_and_people(mini_kg):
    g = mini_kg.simple_graph()
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert "p-nanterre-moron" not in g
    assert not kinds & {"Partnership", "Membership", "Interest", "SourceDocument", "Person"}
    assert "fr-nanterre" in g and "gouvernance-metropolitaine" in g


def test_views_of_the_shipped_data(kg):
    g = kg.simple_graph()
    status = {r.get("status") for r in g.edges["fr-nanterre", "ar-moron"]["relations"]}
    assert status == {"stand-by"}
    assert graphkit.model.vocab.local_id(kg.iri("fr-bouguenais")) in g
