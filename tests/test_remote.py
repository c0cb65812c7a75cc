"""push and --endpoint against a real Oxigraph server: the same answers as the local build."""

import json
import urllib.parse

import pandas as pd
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graphkit
from graphkit.cli.core import main
from graphkit.graph.summary import describe, stats
from graphkit.match.clusters import clusters
from graphkit.match.embassy import embassy
from graphkit.match.experts import experts
from graphkit.match.groups import groups
from graphkit.match.invite import invite
from graphkit.match.meet import meet
from graphkit.match.peers import peers
from graphkit.match.south_south import south_south
from graphkit.sparql import saved_queries
from graphkit.sparql.push import push
from graphkit.sparql.remote import DATA_GRAPH, SIDE_GRAPHS, EndpointError, RemoteGraph, http
from graphkit.sparql.serve import Endpoint, free_port


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A writable Oxigraph server (`oxigraph serve`) on a free loopback port, stopped after."""
    location = tmp_path_factory.mktemp("oxigraph")
    with Endpoint(["serve", "--location", str(location)], "127.0.0.1", free_port()) as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def local(built):
    return graphkit.load(built)


@pytest.fixture(scope="module")
def pushed(server, local):
    return push(local, server.store_url)


@pytest.fixture(scope="module")
def remote(server, pushed):
    return RemoteGraph(server.query_url)


def graph_sizes(endpoint) -> dict[str, int]:
    """Triples per named graph, asked with no dataset of ours: every graph of the store."""
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    url = f"{endpoint.query_url}?{urllib.parse.urlencode({'query': query})}"
    _, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(body)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_push_puts_data_ontology_and_thesaurus_in_their_graphs(server, local, pushed):
    assert list(pushed) == [*SIDE_GRAPHS, DATA_GRAPH]
    assert sum(pushed.values()) == len(local.store)
    assert pushed[DATA_GRAPH] == sum(
        1 for _ in local.store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    )
    assert {g: n for g, n in graph_sizes(server).items() if g in pushed} == pushed


def test_push_again_replaces_rather_than_adds(server, local, pushed):
    assert push(local, server.store_url) == pushed
    assert {g: n for g, n in graph_sizes(server).items() if g in pushed} == pushed


MATCHERS = [
    (peers, ("bordeaux",), {}),
    (experts, ("dechets",), {}),
    (experts, ("climat",), {"for_": "chartres"}),
    (groups, (), {}),
    (south_south, (), {}),
    (clusters, (), {"seed": 1}),
    (invite, (), {"country": "bresil"}),
    (embassy, ("nanterre",), {}),
    (meet, (), {}),
]


@pytest.mark.parametrize(
    ("matcher", "args", "kwargs"), MATCHERS, ids=lambda x: getattr(x, "__name__", None)
)
def test_matchers_give_the_same_answers_remotely(local, remote, matcher, args, kwargs):
    expected = matcher(local, *args, **kwargs)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(matcher(remote, *args, **kwargs), expected)


def test_names_stats_and_show_are_the_same(local, remote):
    assert remote.resolve("moron") == local.resolve("moron") == "ar-moron"
    assert remote.iri("eau") == local.iri("eau")
    assert stats(remote) == stats(local)
    assert describe(remote, "fr-bordeaux") == describe(local, "fr-bordeaux")


SAMPLES = {"theme": "eau", "country": "Nicaragua", "iri-or-name": "bordeaux", "literal": "active"}


@pytest.mark.parametrize("name", saved_queries.names())
def test_saved_queries_give_the_same_answers_remotely(local, remote, name):
    query = saved_queries.load(name)
    for values in ({}, {p.name: SAMPLES[p.kind] for p in query.params}):
        if all(values.get(p.name) for p in query.params if p.required):
            assert saved_queries.select(remote, name, **values) == saved_queries.select(
                local, name, **values
            )


def test_a_bound_value_is_one_literal_and_changes_nothing(server, remote, pushed):
    evil = ox.Literal('x" } ; DROP ALL ; #')
    assert remote.select("SELECT ?s WHERE { ?s rdfs:label ?l }", l=evil) == []
    assert not remote.query("ASK { ?s ?p ?o }", {"o": evil})
    assert {g: n for g, n in graph_sizes(server).items() if g in pushed} == pushed


def test_query_shapes_match_the_embedded_store(local, remote):
    assert isinstance(remote.query("SELECT ?s WHERE { ?s a gk:Network }"), ox.QuerySolutions)
    assert bool(remote.query("ASK { ?s a gk:Network }")) is True
    construct = "CONSTRUCT WHERE { ?s a gk:Network }"
    assert set(remote.query(construct)) == set(local.query(construct))
    with pytest.raises(SyntaxError, match="at 1:"):
        remote.query("SELECT ?s WHERE { ?s a }")


def test_a_graph_named_on_push_is_found_through_the_url(server, local, remote):
    other = "https://example.org/graphs/cuf"
    push(local, server.store_url, graph_iri=other)
    named = RemoteGraph(f"{server.query_url}?default-graph-uri={other}")
    assert named.graph_iri == other
    named.check()
    pd.testing.assert_frame_equal(peers(named, "bordeaux"), peers(local, "bordeaux"))


def test_an_empty_graph_or_no_server_is_a_clear_error(server):
    with pytest.raises(EndpointError, match="holds no data in graph <https://example.org/none>"):
        RemoteGraph(server.query_url, graph_iri="https://example.org/none").check()
    closed = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(EndpointError, match="cannot reach .*: .*refused"):
        RemoteGraph(f"{closed}/query").check()
    with pytest.raises(EndpointError, match="cannot reach"):
        push(graphkit.from_tables("tests/fixtures/mini"), f"{closed}/store")


def test_push_reports_the_store_refusal(server, local):
    with pytest.raises(EndpointError, match=r"PUT .*/nowhere\?graph=.* answered 404"):
        push(local, f"{server.url}/nowhere")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_endpoint_gives_the_build_answers(built, server, pushed):
    for command in (
        ["peers", "bordeaux"],
        ["partners", "bordeaux"],
        ["experts", "dechets"],
        ["groups"],
        ["stats"],
        ["show", "moron"],
    ):
        here = run(*command, "--format", "json", "--graph", built)
        there = run(*command, "--format", "json", "--endpoint", server.query_url)
        assert here.exit_code == there.exit_code == 0, there.output
        assert json.loads(there.output) == json.loads(here.output)


def test_cli_endpoint_errors_are_one_line(server, pushed):
    closed = run("groups", "--endpoint", f"http://127.0.0.1:{free_port()}/query")
    assert closed.exit_code == 1
    assert closed.output.strip().startswith("error: cannot reach http://127.0.0.1:")
    assert len(closed.output.strip().splitlines()) == 1
    unknown = run("peers", "nowhere-at-all", "--endpoint", server.query_url)
    assert unknown.exit_code == 1 and unknown.output.startswith("error: ")


def test_cli_push(built, server):
    done = run("push", server.store_url, "--graph", built)
    assert done.exit_code == 0, done.output
    assert done.output.startswith(
        f"pushed {len(graphkit.load(built).store)} triples to {server.store_url}"
    )
    refused = run("push", f"{server.url}/nowhere", "--graph", built)
    assert refused.exit_code == 1 and "answered 404" in refused.output
    assert (
        run("push", server.store_url, "--graph-iri", "not an iri", "--graph", built).exit_code == 2
    )


def test_credentials_in_the_url_never_show_in_messages():
    with pytest.raises(EndpointError) as err:
        RemoteGraph(f"http://ann:secret@127.0.0.1:{free_port()}/query").check()
    assert "secret" not in str(err.value) and "cannot reach http://127.0.0.1:" in str(err.value)


def test_cli_saved_queries_through_the_endpoint(built, server, pushed):
    for args in (
        ["partnerships-by-country", "--param", "country=Nicaragua"],
        ["authorities-by-theme", "--param", "theme=eau"],
        ["sources", "--param", "entity=bordeaux"],
    ):
        here = run("sparql", *args, "--format", "json", "--graph", built)
        there = run("sparql", *args, "--format", "json", "--endpoint", server.query_url)
        assert here.exit_code == there.exit_code == 0, there.output
        assert json.loads(there.output) == json.loads(here.output)
        assert json.loads(there.output)["results"]["bindings"]
    evil = run(
        "sparql",
        "partnerships-by-country",
        "--param",
        'status=x" } ; DROP ALL ; #',
        "--format",
        "json",
        "--endpoint",
        server.query_url,
    )
    assert evil.exit_code == 0, evil.output
    assert json.loads(evil.output)["results"]["bindings"] == []
    assert {g: n for g, n in graph_sizes(server).items() if g in pushed} == pushed
