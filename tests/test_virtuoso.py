"""A second, independent store: Virtuoso Open Source, started on loopback. `push` loads the
build through its authenticated Graph Store endpoint (Digest), and `--endpoint` on its
/sparql gives the same answers as the local build, for every matcher and saved query."""

import json
import os
import urllib.parse

import pandas as pd
import pytest
from click.testing import CliRunner
from test_remote import MATCHERS, SAMPLES
from virtuoso import Virtuoso, program

import graphkit
from graphkit.cli.core import main
from graphkit.graph.summary import describe, stats
from graphkit.sparql import saved_queries
from graphkit.sparql.push import push
from graphkit.sparql.remote import (
    DATA_GRAPH,
    PASSWORD_VARIABLE,
    SIDE_GRAPHS,
    USER_VARIABLE,
    EndpointError,
    RemoteGraph,
    http,
)

PASSWORD = "graphkit-test-Secret"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    if program() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("virtuoso-t is not installed (.ci/run installs virtuoso-opensource)")
        pytest.skip("Virtuoso is not installed (apt-get install virtuoso-opensource)")
    server = Virtuoso(tmp_path_factory.mktemp("virtuoso"), PASSWORD).start()
    yield server
    server.stop()


@pytest.fixture
def login(monkeypatch):
    monkeypatch.setenv(USER_VARIABLE, "dba")
    monkeypatch.setenv(PASSWORD_VARIABLE, PASSWORD)


@pytest.fixture(scope="module")
def local(built):
    return graphkit.load(built)


@pytest.fixture(scope="module")
def pushed(virtuoso, local):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(USER_VARIABLE, "dba")
        mp.setenv(PASSWORD_VARIABLE, PASSWORD)
        return push(local, virtuoso.store_url)


@pytest.fixture(scope="module")
def remote(virtuoso, pushed):
    return RemoteGraph(virtuoso.sparql_url)


def graph_sizes(server) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    url = f"{server.sparql_url}?{urllib.parse.urlencode({'query': query})}"
    _, _, body = http(url, headers={"Accept": "application/sparql-results+json"})
    rows = json.loads(body)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def test_push_loads_every_graph_through_digest_auth(virtuoso, local, pushed):
    assert list(pushed) == [*SIDE_GRAPHS, DATA_GRAPH]
    assert sum(pushed.values()) == len(local.store)
    assert {g: n for g, n in graph_sizes(virtuoso).items() if g in pushed} == pushed


def test_push_without_credentials_is_refused_with_a_hint(virtuoso, local, monkeypatch):
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setenv("HOME", "/nonexistent")  # no ~/.netrc either
    with pytest.raises(EndpointError, match=f"answered 401 .*{USER_VARIABLE}"):
        push(graphkit.from_tables("tests/fixtures/mini"), virtuoso.store_url)


def test_a_wrong_password_is_refused(virtuoso, monkeypatch):
    monkeypatch.setenv(USER_VARIABLE, "dba")
    monkeypatch.setenv(PASSWORD_VARIABLE, "wrong")
    with pytest.raises(EndpointError, match="answered 401"):
        push(graphkit.from_tables("tests/fixtures/mini"), virtuoso.store_url, "urn:x:g")


def test_credentials_from_netrc(virtuoso, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    netrc = tmp_path / ".netrc"
    netrc.write_text(f"machine 127.0.0.1 login dba password {PASSWORD}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("HOME", str(tmp_path))
    mini = graphkit.from_tables("tests/fixtures/mini")
    sent = push(mini, virtuoso.store_url, "urn:x:netrc")
    assert graph_sizes(virtuoso)["urn:x:netrc"] == sent["urn:x:netrc"] > 0
    assert capsys.readouterr().err == ""


def test_a_password_in_the_url_works_with_a_warning(virtuoso, monkeypatch, capsys):
    monkeypatch.delenv(USER_VARIABLE, raising=False)
    monkeypatch.delenv(PASSWORD_VARIABLE, raising=False)
    monkeypatch.setenv("HOME", "/nonexistent")
    url = virtuoso.store_url.replace("http://", f"http://dba:{PASSWORD}@")
    mini = graphkit.from_tables("tests/fixtures/mini")
    sent = push(mini, url, "urn:x:url")
    assert graph_sizes(virtuoso)["urn:x:url"] == sent["urn:x:url"] > 0
    err = capsys.readouterr().err
    assert err.startswith("warning: the password in http://dba@127.0.0.1:")
    assert PASSWORD not in err


@pytest.mark.parametrize(
    ("matcher", "args", "kwargs"), MATCHERS, ids=lambda x: getattr(x, "__name__", None)
)
def test_matchers_give_the_same_answers_from_virtuoso(local, remote, matcher, args, kwargs):
    expected = matcher(local, *args, **kwargs)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(matcher(remote, *args, **kwargs), expected)


def test_names_stats_and_show_are_the_same(local, remote):
    assert remote.resolve("moron") == local.resolve("moron") == "ar-moron"
    assert stats(remote) == stats(local)
    assert describe(remote, "fr-bordeaux") == describe(local, "fr-bordeaux")


def unordered_lists(rows: list[dict]) -> list[dict]:
    """Rows with each GROUP_CONCAT list (" | ") sorted: SPARQL leaves that order to the store.

    >>> unordered_lists([{"by": "b | a", "n": None}])
    [{'by': 'a | b', 'n': None}]
    """
    return [
        {k: " | ".join(sorted(v.split(" | "))) if isinstance(v, str) else v for k, v in r.items()}
        for r in rows
    ]


@pytest.mark.parametrize("name", saved_queries.names())
def test_saved_queries_give_the_same_answers_from_virtuoso(local, remote, name):
    query = saved_queries.load(name)
    tried = 0
    for values in ({}, {p.name: SAMPLES[p.kind] for p in query.params}):
        if all(values.get(p.name) for p in query.params if p.required):
            tried += 1
            expected = unordered_lists(saved_queries.select(local, name, **values))
            assert unordered_lists(saved_queries.select(remote, name, **values)) == expected
    assert tried


@pytest.mark.parametrize("name", [n for n in saved_queries.names() if saved_queries.keys_text(n)])
def test_listings_come_page_by_page_from_virtuoso(remote, name):
    """A listing from a remote store runs whole (Virtuoso refuses a page of countries in
    networks-by-country: a path whose end a VALUES block of several rows binds)."""
    from graphkit.sparql.listing import solutions

    sent = []
    query = remote.query
    remote.query = lambda text, *a, **k: sent.append(text) or query(text, *a, **k)
    try:
        names, rows = solutions(remote, name, first=2, size=5)
        rows = list(rows)
    finally:
        del remote.query
    assert len(sent) == 1 and "VALUES (?" not in sent[0]
    paged = [[None if r[n] is None else r[n].value for n in names] for r in rows]
    whole = saved_queries.select(remote, name)
    assert len(whole) > 3
    assert paged == [[row[n] for n in names] for row in whole]


def test_cli_push_and_endpoint(built, virtuoso, login):
    runner = CliRunner()
    done = runner.invoke(main, ["push", virtuoso.store_url, "--graph", str(built)])
    assert done.exit_code == 0, done.output
    for command in (["peers", "bordeaux"], ["groups"], ["show", "moron"]):
        here = runner.invoke(main, [*command, "--format", "json", "--graph", str(built)])
        there = runner.invoke(
            main, [*command, "--format", "json", "--endpoint", virtuoso.sparql_url]
        )
        assert here.exit_code == there.exit_code == 0, there.output
        assert json.loads(there.output) == json.loads(here.output)
