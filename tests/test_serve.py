"""graphkit serve over plain HTTP (urllib): the SPARQL 1.1 Protocol, read-only, time limit."""

import http.client
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pandas as pd
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import graphkit
from graphkit.cli.core import main
from graphkit.match.peers import peers
from graphkit.sparql.remote import RemoteGraph
from graphkit.sparql.serve import PortInUseError, copies_folder, free_port, serving
from graphkit.sparql.serve_pool import resident_bytes

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


def post(
    url,
    body: bytes,
    content_type,
    accept="application/sparql-results+json",
    method="POST",
    headers=(),
):
    request = urllib.request.Request(
        url,
        data=body,
        method=method,
        headers={"Content-Type": content_type, "Accept": accept, **dict(headers)},
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
    copies = set(copies_folder().iterdir())
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
    assert set(copies_folder().iterdir()) == copies


# --- hostile queries (issue 17): each of these ran unbounded, or answered 200, before -----

CARTESIAN = "{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ORDERED = f"SELECT * WHERE {CARTESIAN} ORDER BY ?c LIMIT 1"
LIMIT = TIMEOUT + 20  # generous: "it stops", not "it is fast"


def ask(url, query, accept="application/sparql-results+json", **kw):
    return post(url, query.encode(), "application/sparql-query", accept, **kw)


def test_an_order_by_over_a_cartesian_product_is_stopped_with_503(served, local):
    before = set(served.pool.pids())
    start = time.monotonic()
    status, kind, body = ask(served.query_url, ORDERED)
    assert time.monotonic() - start < LIMIT
    assert (status, kind) == (503, "text/plain")
    assert body.decode() == f"query stopped: it ran past the time limit of {TIMEOUT} s"
    # Its engine was killed (it would sort on for minutes) and replaced.
    assert before - set(served.pool.pids())
    for pid in before - set(served.pool.pids()):
        assert resident_bytes(pid) == 0
    assert count(get(served.query_url, COUNT)[2]) == len(local.store)  # still serving


def test_a_cancelled_small_answer_is_an_error_status_not_200(served):
    status, _, body = ask(served.query_url, f"SELECT (COUNT(*) AS ?n) WHERE {CARTESIAN}")
    assert status == 503 and body.startswith(b"query stopped: it ran past the time limit")


def test_an_answer_stopped_mid_stream_is_a_broken_transfer(served):
    """Once rows are flowing the status is sent; then the only honest signal left is a
    transfer that does not end properly (no final chunk), never a truncated complete one."""
    parts = urllib.parse.urlsplit(served.query_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    connection.request(
        "POST",
        parts.path,
        f"SELECT * WHERE {CARTESIAN}",
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    response = connection.getresponse()
    assert response.status == 200
    start = time.monotonic()
    with pytest.raises(http.client.IncompleteRead):
        while response.read1(65536):
            pass
    assert time.monotonic() - start < LIMIT
    connection.close()


def test_memory_is_bounded_and_the_query_that_passes_it_stopped(local):
    with serving(
        local, "127.0.0.1", free_port(), timeout=60, max_memory_mb=300, workers=2
    ) as endpoint:
        start = time.monotonic()
        status, _, body = ask(endpoint.query_url, ORDERED)
        assert time.monotonic() - start < 60
        assert status == 503
        assert body.decode() == "query stopped: the engine passed the memory limit of 300 MB"
        assert endpoint.pool.kills["memory"] == 1
        # One reading every 50 ms: the overshoot is what one engine allocates meanwhile.
        assert endpoint.pool.peak < 600 * 1024 * 1024
        assert count(get(endpoint.query_url, COUNT)[2]) == len(local.store)


def test_a_long_answer_is_cut_at_the_size_limit(local):
    # The cap is set just above the whole dataset's size: that comes complete, a longer
    # answer is cut at the cap.
    from graphkit.sparql.push import dataset_quads

    size = len(ox.serialize(dataset_quads(local), format=ox.RdfFormat.N_QUADS))  # as served
    cap = size // (1024 * 1024) + 1
    with serving(local, "127.0.0.1", free_port(), max_response_mb=cap, workers=1) as endpoint:
        request = urllib.request.Request(
            endpoint.store_url, headers={"Accept": "application/n-quads"}
        )
        with urllib.request.urlopen(request, timeout=60) as whole:
            assert len(list(ox.parse(whole.read(), format=ox.RdfFormat.N_QUADS))) == len(
                local.store
            )
        parts = urllib.parse.urlsplit(endpoint.query_url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        connection.request(
            "POST",
            parts.path,
            f"SELECT * WHERE {CARTESIAN}",
            {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
        )
        response = connection.getresponse()
        got = 0
        with pytest.raises(http.client.IncompleteRead):
            while piece := response.read1(65536):
                got += len(piece)
        assert cap * 1024 * 1024 <= got < (cap + 1) * 1024 * 1024
        connection.close()


class Listener:
    """A loopback socket that records whether anything connected to it."""

    def __init__(self):
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.5)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"

    def called(self) -> bool:
        try:
            self.socket.accept()[0].close()
            return True
        except TimeoutError:
            return False


@pytest.fixture
def listener():
    it = Listener()
    yield it
    it.socket.close()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
        "select * where { service silent <{url}> { ?s ?p ?o } }",
        "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
        # rdflib reads the lone CR as part of the comment, Oxigraph as its end
        "SELECT * WHERE { # x\rSERVICE <{url}> { ?s ?p ?o }\n}",
        "PREFIX e: <{url}/>\nASK { FILTER EXISTS { SERVICE e:x { ?s ?p ?o } } }",
        "SELECT * WHERE { BIND(<{url}> AS ?u) SERVICE ?u { ?s ?p ?o } }",
    ],
)
def test_service_is_refused_and_nothing_is_called(served, listener, query):
    status, _, body = ask(served.query_url, query.replace("{url}", listener.url))
    assert status == 403, body
    assert body.decode().startswith("SERVICE ") and "is not allowed" in body.decode()
    assert not listener.called()


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <{url}> { ?s",
        # valid, but rdflib 7.6 cannot read a SERVICE after a '#' on the same line: refused
        "PREFIX e: <{url}#> ASK { SERVICE e:x { ?s ?p ?o } }",
    ],
)
def test_a_query_the_parser_cannot_read_is_400(served, listener, query):
    status, _, body = ask(served.query_url, query.replace("{url}", listener.url))
    assert status == 400 and body.startswith(b"not a SPARQL 1.1 query")
    assert not listener.called()


def test_load_and_updates_never_reach_the_engine(served, listener):
    form = urllib.parse.urlencode({"update": f"LOAD <{listener.url}>"}).encode()
    assert post(served.update_url, form, "application/x-www-form-urlencoded")[0] == 403
    assert post(served.query_url, form, "application/x-www-form-urlencoded")[0] == 400
    assert not listener.called()


def test_an_allowed_service_is_called(local, mini_kg):
    with serving(mini_kg, "127.0.0.1", free_port(), workers=1) as other:
        with serving(
            local, "127.0.0.1", free_port(), workers=1, allow_services=(other.query_url,)
        ) as endpoint:
            query = (
                f"SELECT (COUNT(*) AS ?n) WHERE {{ SERVICE <{other.query_url}> {{ ?s ?p ?o }} }}"
            )
            status, _, body = ask(endpoint.query_url, query)
            assert status == 200, body
            assert count(body) == len(mini_kg.store)
            refused = ask(endpoint.query_url, query.replace("/query>", "/query?x>"))
            assert refused[0] == 403


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("evil.example:{port}", 403),
        ("evil.example", 403),
        ("127.0.0.1.evil.example:{port}", 403),
        ("localhost:1", 403),  # another port: not this server's name
        ("localhost:{port}", 200),
        ("LOCALHOST", 200),
        ("[::1]:{port}", 200),
    ],
)
def test_the_host_header_must_name_this_server(served, host, status):
    given = host.replace("{port}", str(served.port))
    got, _, body = ask(served.query_url, "ASK {}", headers={"Host": given})
    assert got == status, body
    if status == 403:
        assert "is not served here" in body.decode()


def test_allow_host_adds_a_name(local):
    with serving(
        local, "127.0.0.1", free_port(), workers=1, allow_hosts=("graph.cuf.example",)
    ) as endpoint:
        host = f"graph.cuf.example:{endpoint.port}"
        assert ask(endpoint.query_url, "ASK {}", headers={"Host": host})[0] == 200
        assert ask(endpoint.query_url, "ASK {}", headers={"Host": "other.example"})[0] == 403


def test_graphkit_sparql_refuses_service_locally(built, listener):
    for query in (
        f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # x\rSERVICE <{listener.url}> {{ ?s ?p ?o }}\n}}",
    ):
        result = CliRunner().invoke(main, ["sparql", query, "--graph", str(built)])
        assert result.exit_code == 1
        assert result.output == (
            f"error: SERVICE <{listener.url}> is not allowed: queries here call no other "
            "server (allowed: none)\n"
        )
    assert not listener.called()


def test_a_copy_left_by_kill_9_is_removed_at_the_next_start(built, local):
    port = free_port()
    command = [sys.executable, "-c", "from graphkit.cli import main; main()", "serve"]
    process = subprocess.Popen(
        [*command, "--port", str(port), "--graph", str(built), "--workers", "1"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr.readline().startswith("serving ")
        left = [p for p in copies_folder().iterdir() if p.name.startswith(f"{process.pid}-")]
        assert len(left) == 1 and (left[0] / "store").is_dir()
    finally:
        process.kill()
        process.wait(30)
    assert left[0].exists()  # kill -9: nothing could clean up
    with serving(local, "127.0.0.1", free_port(), workers=1):
        assert not left[0].exists()


def test_many_clients_at_once_all_get_answers(served, local):
    results = []

    def one():
        results.append(count(get(served.query_url, COUNT)[2]))

    threads = [threading.Thread(target=one) for _ in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [len(local.store)] * 12


def test_with_no_service_allowed_the_engines_cannot_connect_anywhere(served, listener):
    """The second layer, should the parser ever miss a SERVICE: the engine processes run
    under a seccomp filter that refuses connect(). Shown on an engine reached directly."""
    from graphkit.sparql.serve import Endpoint

    assert served.pool.workers[0].endpoint.no_connect
    location = served.pool.workers[0].endpoint.args[2]
    query = urllib.parse.urlencode({"query": f"ASK {{ SERVICE <{listener.url}> {{ }} }}"})
    for no_connect in (False, True):
        with Endpoint(
            ["serve-read-only", "--location", location],
            "127.0.0.1",
            free_port(),
            no_connect=no_connect,
        ) as engine:
            try:
                urllib.request.urlopen(f"{engine.query_url}?{query}", timeout=3).read()
            except (urllib.error.URLError, OSError):
                pass
            assert listener.called() is not no_connect
