import itertools

import pyoxigraph as ox
from cache_compare import same_caches, same_rows
from conftest import DATA, MINI

from graphkit import KnowledgeGraph
from graphkit.graph.cache_rows import QuadRows, SparqlRows
from graphkit.graph.to_rdf import data_quads, ontology_quads
from graphkit.model import vocab
from graphkit.tables import load_tables


def watched(quads):
    watch, store = QuadRows(), ox.Store()
    store.extend(watch.watch(quads))
    return watch, KnowledgeGraph(store)


def test_rows_from_the_quads_are_the_sparql_rows_on_shipped_data():
    quads = itertools.chain(data_quads(load_tables(DATA)), ontology_quads())
    watch, kg = watched(quads)
    same_rows(watch, kg)
    assert len(watch.rows("actors")) > 30 and len(watch.rows("memberships")) > 5


def test_rows_from_the_quads_are_the_sparql_rows_on_the_mini_data():
    watch, kg = watched(itertools.chain(data_quads(load_tables(MINI)), ontology_quads()))
    same_rows(watch, kg)


def test_a_triple_in_two_graphs_counts_twice_as_in_sparql():
    a, b = ox.NamedNode(vocab.iri("fr-a")), ox.NamedNode(vocab.iri("net-b"))
    t = ox.NamedNode(vocab.RDF_TYPE)
    g = ox.NamedNode("https://example.org/g")
    member = ox.NamedNode(vocab.iri("membership-fr-a--net-b"))
    quads = [
        ox.Quad(a, t, ox.NamedNode(vocab.gk("FrenchAuthority"))),
        ox.Quad(a, t, ox.NamedNode(vocab.gk("FrenchAuthority")), g),
        ox.Quad(b, t, ox.NamedNode(vocab.gk("Network"))),
        ox.Quad(member, t, ox.NamedNode(vocab.PREFIXES["org"] + "Membership")),
        ox.Quad(member, ox.NamedNode(vocab.PREFIXES["org"] + "member"), a),
        ox.Quad(member, ox.NamedNode(vocab.PREFIXES["org"] + "organization"), b),
        ox.Quad(a, ox.NamedNode(vocab.gk("country")), ox.NamedNode(vocab.iri("country-fr"))),
    ]
    watch, kg = watched(quads + quads[:1])  # a quad met twice is stored once
    assert len(watch.rows("actors")) == 3 == len(SparqlRows(kg).rows("actors"))
    assert watch.rows("memberships")[0]["status"] is None
    same_rows(watch, kg)


def test_the_build_caches_equal_those_read_back_by_sparql(built):
    same_caches(built)


def test_caches_made_without_a_child_process_are_the_same(mini, tmp_path, monkeypatch):
    import graphkit.facade

    monkeypatch.setattr(graphkit.facade, "FORK_UP_TO", 0)  # as a world-scale build does
    out = tmp_path / "graph.ttl"
    graphkit.facade.build(mini, out)
    same_caches(out)


def test_a_failed_name_index_child_is_made_again_in_the_build(mini, tmp_path, monkeypatch):
    import graphkit.facade
    from graphkit.graph import forked

    # the child (its pid not yet known to it) fails; the parent then makes the index itself
    monkeypatch.setattr(forked.Forked, "_run", lambda self: self.pid is not None)
    out = tmp_path / "graph.ttl"
    graphkit.facade.build(mini, out)
    same_caches(out)
