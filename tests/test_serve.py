"""graphkit serve over plain HTTP (urllib): the SPARQL 1.1 Protocol, read-only, time limit."""

import glob
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

import pandas as pd
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graphkit
from graphkit.cli import main
from graphkit.match.peers import peers
from graphkit.remote import RemoteGraph
from graphkit.serve import PortInUseError, free_port, serving

TIMEOUT = 2
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


@pytest.fixture(scope="module")
def local(built):
    return graphkit.load(built)


@pytest.fixture(scope="module")
def served(local):
    with serving(local, "127.0.0.1", free_port(), timeout=TIMEOUT) as endpoint:
        yield endpoint


def get(url, query, accept="application/sparql-results+json"):
    full = f"{url}?{urllib.parse.urlencode({'query': query})}"
    with urllib.request.urlopen(
        urllib.request.Request(full, headers={"Accept": accept}), timeout=60
    ) as r:
        return r.status, r.headers.get_content_type(), r.read()


def post(url, body: bytes, content_type, accept="application/sparql-results+json", method="POST"):
    request = urllib.request.Request(
        url, data=body, method=method, headers={"Content-Type": content_type, "Accept": accept}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, r.headers.get_content_type(), r.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), err.read()


def count(payload: bytes) -> int:
    return int(json.loads(payload)["results"]["bindings"][0]["n"]["value"])


def test_get_and_post_queries_see_every_graph_by_default(served, local):
    status, kind, body = get(served.query_url, COUNT)
    assert (status, kind, count(body)) == (200, "application/sparql-results+json", len(local.store))
    form = urllib.parse.urlencode({"query": COUNT}).encode()
    assert count(post(served.query_url, form, "application/x-www-form-urlencoded")[2]) == len(
        local.store
    )
    direct = post(served.query_url, COUNT.encode(), "application/sparql-query")
    assert direct[0] == 200 and count(direct[2]) == len(local.store)


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
        ("text/tab-separated-values", ox.QueryResultsFormat.TSV),
        ("text/csv", None),
    ],
)
def test_results_are_negotiated(served, local, accept, fmt):
    query = "SELECT ?x WHERE { ?x a <https://w3id.org/graphkit/ontology#Network> } ORDER BY ?x"
    status, kind, body = get(served.query_url, query, accept)
    assert (status, kind) == (200, accept)
    expected = [r["x"].value for r in local.query(query)]
    if fmt is None:
        assert body.decode().split() == ["x", *expected]
    else:
        assert [r["x"].value for r in ox.parse_query_results(body, fmt)] == expected


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", ox.RdfFormat.TURTLE), ("application/n-triples", ox.RdfFormat.N_TRIPLES)],
)
def test_graphs_come_as_turtle_or_ntriples(served, local, accept, fmt):
    query = "CONSTRUCT WHERE { ?x a <https://w3id.org/graphkit/ontology#Network> }"
    status, kind, body = get(served.query_url, query, accept)
    assert (status, kind) == (200, accept)
    assert {q.triple for q in ox.parse(body, format=fmt)} == set(local.query(query))


def test_the_remote_graph_reads_the_served_one(served, local):
    remote = RemoteGraph(served.query_url)
    remote.check()
    pd.testing.assert_frame_equal(peers(remote, "bordeaux"), peers(local, "bordeaux"))


def test_updates_are_refused(served, local):
    insert = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    status, _, body = post(
        served.update_url,
        urllib.parse.urlencode({"update": insert}).encode(),
        "application/x-www-form-urlencoded",
    )
    assert (status, body.decode()) == (403, "The server is read-only")
    assert post(served.update_url, insert.encode(), "application/sparql-update")[0] == 403
    # An update form sent to the query URL is no query: rejected.
    assert (
        post(
            served.query_url,
            urllib.parse.urlencode({"update": insert}).encode(),
            "application/x-www-form-urlencoded",
        )[0]
        == 400
    )
    assert (
        post(
            served.query_url,
            urllib.parse.urlencode({"query": insert}).encode(),
            "application/x-www-form-urlencoded",
        )[0]
        == 400
    )
    put = post(
        f"{served.store_url}?default",
        b"<urn:x:a> <urn:x:b> <urn:x:c> .",
        "application/n-triples",
        method="PUT",
    )
    assert put[0] == 403
    assert count(get(served.query_url, COUNT)[2]) == len(local.store)


def test_a_query_past_the_time_limit_is_cancelled(served, local):
    endless = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    start = time.monotonic()
    status, _, body = post(served.query_url, endless.encode(), "application/sparql-query")
    assert time.monotonic() - start < TIMEOUT + 20
    # Cancelled before or after the answer began: an error status, or an unfinished document.
    if status == 200:
        with pytest.raises(ValueError):
            json.loads(body)
    else:
        assert status >= 500
    assert count(get(served.query_url, COUNT)[2]) == len(local.store)  # still serving


def test_a_taken_port_is_one_clear_line(local, built):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(PortInUseError, match=f"port {port} on 127.0.0.1 is already in use"):
            with serving(local, "127.0.0.1", port):
                pass
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--graph", str(built)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: port {port} on 127.0.0.1 is already in use: stop what listens there or "
        "choose another --port\n"
    )


def test_graphkit_serve_runs_until_stopped_and_cleans_up(built, local):
    port = free_port()
    copies = set(glob.glob(os.path.join(tempfile.gettempdir(), "graphkit-serve-*")))
    command = [sys.executable, "-c", "from graphkit.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [
            *command,
            "--port",
            str(port),
            "--graph",
            str(built),
            "--timeout",
            "5",
            "--no-personal-data",
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = process.stderr.readline()
        assert line.startswith(f"serving {built} read-only at http://127.0.0.1:{port}/query"), line
        assert "without personal data" in line
        people = "ASK { ?p a <http://xmlns.com/foaf/0.1/Person> }"
        assert json.loads(get(f"http://127.0.0.1:{port}/query", people)[2])["boolean"] is False
        assert local.query(people)
    finally:
        process.send_signal(signal.SIGTERM)
        rest = process.communicate(timeout=30)[1]
    assert process.returncode == 0 and rest.strip() == "stopped"
    with pytest.raises(urllib.error.URLError):
        get(f"http://127.0.0.1:{port}/query", COUNT)
    assert set(glob.glob(os.path.join(tempfile.gettempdir(), "graphkit-serve-*"))) == copies
