"""A knowledge graph behind a SPARQL 1.1 Protocol endpoint, queried over HTTP.

:class:`RemoteGraph` is a :class:`~graphkit.KnowledgeGraph` whose ``query`` and
``select`` go to a server (standard-library ``urllib``) and come back as the same pyoxigraph
objects as the embedded store's, so names, ``show``, ``stats``, saved queries and every
matcher (whose projection is built from SELECTs only) give the same answers on both.

Where the graph lives on a server: ``graphkit push`` and ``graphkit serve`` put the data in
one named graph (:data:`DATA_GRAPH` unless told otherwise) and the ontology and thesaurus
in their own named graphs, as in the build. A server's default graph cannot be relied on
(some merge every graph, some hold nothing), so each request names its dataset with the
protocol's ``default-graph-uri`` and ``named-graph-uri`` parameters: the three graphs
merged, as the local store's union default graph (or the data alone with
``union=False``), and the ontology and thesaurus reachable with ``GRAPH``.

>>> rg = RemoteGraph("http://127.0.0.1:7878/query?default-graph-uri=https://example.org/g")
>>> rg.graph_iri
'https://example.org/g'
>>> prologue()[:48]
'PREFIX gk: <https://w3id.org/graphkit/ontology#>'
"""

from __future__ import annotations

import json
import netrc
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from graphkit.graph.handle import Graph as Graph
from graphkit.model import vocab
from graphkit.model.vocab import DATA_GRAPH, ONTOLOGY_GRAPH, THEMES_GRAPH

SIDE_GRAPHS = (ONTOLOGY_GRAPH, THEMES_GRAPH)

RESULTS_JSON = "application/sparql-results+json"
ACCEPT = f"{RESULTS_JSON}, application/n-triples;q=0.9"


class EndpointError(RuntimeError):
    """An endpoint could not be reached, refused a request or answered something unreadable.

    ``status`` is the HTTP status (None when no answer came).
    """

    def __init__(self, message: str, status: int | None = None):
        super().__init__(message)
        self.status = status


def public_url(url: str) -> str:
    """``url`` without the password it may carry, for messages.

    >>> public_url("https://ann:secret@example.org/ds/data")
    'https://ann@example.org/ds/data'
    """
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[1]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{parts.username}@{host}"))


USER_VARIABLE, PASSWORD_VARIABLE = "GRAPHKIT_PUSH_USER", "GRAPHKIT_PUSH_PASSWORD"
_warned: set[str] = set()


def credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """``url`` without its user part, and the (user, password) to answer a server's challenge.

    Taken from, in order: the environment (``GRAPHKIT_PUSH_USER`` and
    ``GRAPHKIT_PUSH_PASSWORD``), the URL's ``user:password@`` (accepted, with a warning on
    standard error once: URLs end up in shell history and process lists), ``~/.netrc``
    (``machine HOST login USER password SECRET``).

    >>> credentials("http://ann:s3cret@127.0.0.1:9/store")  # and a warning on stderr
    ('http://127.0.0.1:9/store', ('ann', 's3cret'))
    """
    import os

    parts = urllib.parse.urlsplit(url)
    bare = url
    given = None
    if parts.username is not None:
        bare = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
        user = urllib.parse.unquote(parts.username)
        if parts.password is not None:
            given = (user, urllib.parse.unquote(parts.password))
            if bare not in _warned:
                _warned.add(bare)
                print(
                    f"warning: the password in {public_url(url)} shows in shell history and "
                    f"process lists: set {USER_VARIABLE} and {PASSWORD_VARIABLE}, or use "
                    "~/.netrc",
                    file=sys.stderr,
                )
    if os.environ.get(USER_VARIABLE) and os.environ.get(PASSWORD_VARIABLE) is not None:
        return bare, (os.environ[USER_VARIABLE], os.environ[PASSWORD_VARIABLE])
    if given:
        return bare, given
    try:
        found = netrc.netrc().authenticators(parts.hostname or "")
    except (OSError, netrc.NetrcParseError):
        found = None
    if found and found[2] is not None:
        return bare, (found[0] or (parts.username or ""), found[2])
    return bare, None


def _opener(url: str, auth: tuple[str, str] | None):
    if auth is None:
        return urllib.request.build_opener()
    # Answer the server's challenge in the scheme it asks for (Virtuoso: Digest), rather than
    # sending the password to whoever listens before knowing what the server wants.
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, *auth)
    return urllib.request.build_opener(
        urllib.request.HTTPDigestAuthHandler(passwords),
        urllib.request.HTTPBasicAuthHandler(passwords),
    )


def http(
    url: str,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 120.0,
) -> tuple[int, str, bytes]:
    """Send one request; return (status, content type, body) or raise :class:`EndpointError`.

    Credentials (:func:`credentials`) answer a Basic or Digest challenge.

    >>> http("http://127.0.0.1:9/")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.sparql.remote.EndpointError: cannot reach http://127.0.0.1:9/: ...
    """
    url, auth = credentials(url)
    request = urllib.request.Request(url, data=body, headers=dict(headers or {}), method=method)
    shown = f"{method} {public_url(url)}" if method != "GET" else public_url(url)
    try:
        with _opener(url, auth).open(request, timeout=timeout) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except urllib.error.HTTPError as err:
        detail = err.read().decode("utf-8", "replace").strip().splitlines()
        reason = f": {detail[0][:300]}" if detail else ""
        hint = ""
        if err.code == 401:
            hint = f" (set {USER_VARIABLE} and {PASSWORD_VARIABLE}, or ~/.netrc)"
        raise EndpointError(
            f"{shown} answered {err.code} {err.reason}{reason}{hint}", err.code
        ) from None
    except ValueError as err:  # urllib: a challenge in a scheme it does not speak
        raise EndpointError(f"{shown}: {err}") from None
    except (urllib.error.URLError, OSError) as err:
        cause = getattr(err, "reason", err)
        raise EndpointError(f"cannot reach {public_url(url)}: {cause}") from None


def prologue() -> str:
    """The predeclared prefixes, sent before every query on the same line as its start, so
    that the line numbers in the server's error messages are the query's own."""
    return "".join(f"PREFIX {p}: <{iri}> " for p, iri in vocab.PREFIXES.items())


class RemoteGraph(Graph):
    """A graph pushed to (or served by) a SPARQL endpoint; ``url`` is its query URL.

    The data graph is ``graph_iri``, or the ``default-graph-uri`` given in the URL.

    >>> RemoteGraph("http://127.0.0.1:7878/query")
    <RemoteGraph http://127.0.0.1:7878/query, data in <https://w3id.org/graphkit/graph/data>>
    """

    def __init__(self, url: str, graph_iri: str = DATA_GRAPH, timeout: float = 120.0):
        parts = urllib.parse.urlsplit(url)
        params = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
        given = [v for k, v in params if k == "default-graph-uri"]
        kept = urllib.parse.urlencode([(k, v) for k, v in params if k != "default-graph-uri"])
        super().__init__(store=None, meta={"endpoint": public_url(url)})  # type: ignore[arg-type]
        self.url = urllib.parse.urlunsplit(parts._replace(query=kept))
        self.graph_iri = given[0] if given else graph_iri
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"<RemoteGraph {public_url(self.url)}, data in <{self.graph_iri}>>"

    def query(
        self,
        sparql: str,
        bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
        union: bool = True,
    ):
        """Run SPARQL on the endpoint, over the data, ontology and thesaurus graphs merged.

        Same contract as :meth:`Graph.query`: prefixes predeclared, ``bindings``
        bound as RDF terms (a ``VALUES`` block of escaped terms), ``union=False`` for the
        data alone. SELECT and ASK give pyoxigraph's ``QuerySolutions`` / ``QueryBoolean``,
        CONSTRUCT and DESCRIBE an iterator of ``Triple``. An invalid query raises
        ``SyntaxError`` with the server's message, anything else :class:`EndpointError`.
        """
        if bindings:
            from graphkit.sparql.saved_queries import with_values

            sparql = with_values(sparql, bindings)
        default = [self.graph_iri, *SIDE_GRAPHS] if union else [self.graph_iri]
        form = [("query", prologue() + sparql)]
        form += [("default-graph-uri", g) for g in default]
        form += [("named-graph-uri", g) for g in SIDE_GRAPHS]
        headers = {"Accept": ACCEPT, "Content-Type": "application/x-www-form-urlencoded"}
        body = urllib.parse.urlencode(form).encode("utf-8")
        try:
            _, kind, payload = http(self.url, "POST", body, headers, self.timeout)
        except EndpointError as err:
            if err.status == 400:
                raise SyntaxError(f"the endpoint refused the query: {err}") from None
            raise
        return _results(kind, payload, public_url(self.url))

    def check(self) -> None:
        """Raise :class:`EndpointError` unless the endpoint answers and holds the data graph."""
        if not self.query("ASK { ?s ?p ?o }", union=False):
            raise EndpointError(
                f"{public_url(self.url)} holds no data in graph <{self.graph_iri}>: push the "
                "build there with `graphkit push`, or give the graph in the URL "
                "(…?default-graph-uri=IRI)"
            )

    def _has(self, iri: str) -> bool:
        return bool(self.query(f"ASK {{ {ox.NamedNode(iri)} ?p ?o }}"))

    def networkx(self):
        raise NotImplementedError("the NetworkX views read a local build: use graphkit.load")

    def simple_graph(self):
        raise NotImplementedError("the NetworkX views read a local build: use graphkit.load")

    def rdflib(self):
        raise NotImplementedError("the rdflib view reads a local build: use graphkit.load")


_BOOLEAN = vocab.PREFIXES["xsd"] + "boolean"


def canonical_booleans(document: dict) -> bool:
    """Write ``xsd:boolean`` values ``1``/``0`` as ``true``/``false`` in a SPARQL JSON results
    document, in place (Virtuoso answers ``1``: the same value, another spelling, which
    would make a remote answer differ from the build's); whether anything changed.

    >>> doc = {"results": {"bindings": [{"x": {"type": "literal", "value": "1",
    ...     "datatype": "http://www.w3.org/2001/XMLSchema#boolean"}}]}}
    >>> canonical_booleans(doc), doc["results"]["bindings"][0]["x"]["value"]
    (True, 'true')
    """
    changed = False
    for row in document.get("results", {}).get("bindings", []):
        for term in row.values():
            if term.get("datatype") == _BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
                changed = True
    return changed


def _results(kind: str, payload: bytes, where: str) -> Any:
    if kind == RESULTS_JSON:
        try:  # a server that hits its time limit mid-answer leaves the document unfinished
            document = json.loads(payload)
        except ValueError:
            tail = payload[-200:].decode("utf-8", "replace").strip().splitlines()
            raise EndpointError(
                f"{where} sent an incomplete answer (stopped by its time limit?): "
                f"{tail[-1] if tail else 'empty'}"
            ) from None
        if isinstance(document, dict) and canonical_booleans(document):
            payload = json.dumps(document).encode("utf-8")
        return ox.parse_query_results(payload, ox.QueryResultsFormat.JSON)
    formats = {"application/n-triples": ox.RdfFormat.N_TRIPLES, "text/turtle": ox.RdfFormat.TURTLE}
    if kind in formats:
        return _triples(payload, formats[kind])
    raise EndpointError(f"{where} answered with {kind or 'no content type'}, not SPARQL results")


def _triples(payload: bytes, fmt: ox.RdfFormat) -> Iterator[ox.Triple]:
    return (q.triple for q in ox.parse(payload, format=fmt))
