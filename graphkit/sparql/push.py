"""Load the build into a store that speaks the SPARQL 1.1 Graph Store HTTP Protocol.

Each graph of the build goes in one ``PUT URL?graph=IRI`` with a Turtle body, which the
protocol defines as replacing that graph: the ontology and the thesaurus under their own
IRIs (as in the build), then the data under ``graph_iri`` (by default :data:`DATA_GRAPH`;
in the build it is the default graph). ``URL`` is the store's Graph Store endpoint: for
Oxigraph ``http://host:7878/store``, Fuseki ``http://host:3030/DATASET/data``, GraphDB
``http://host:7200/repositories/REPO/rdf-graphs/service``, Virtuoso
``http://host:8890/sparql-graph-crud-auth``. Credentials come from ``GRAPHKIT_PUSH_USER`` and
``GRAPHKIT_PUSH_PASSWORD`` or ``~/.netrc`` and answer the store's Basic or Digest challenge
(:func:`graphkit.sparql.remote.credentials`; ``https://user:password@host/…`` still works, with a
warning). :class:`~graphkit.sparql.remote.RemoteGraph` then queries the three graphs with the same
answers as the build.

>>> import graphkit
>>> sizes = {g: len(t) for g, t in graphs(graphkit.from_tables("tests/fixtures/mini")).items()}
>>> list(sizes) == [ONTOLOGY_GRAPH, THEMES_GRAPH, DATA_GRAPH]
True
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphkit.model import vocab
from graphkit.sparql.remote import DATA_GRAPH, ONTOLOGY_GRAPH, THEMES_GRAPH, http, public_url

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph


def graphs(
    kg: Graph, graph_iri: str = DATA_GRAPH, personal_data: bool = True
) -> dict[str, list[ox.Triple]]:
    """The build's triples by graph IRI: ontology, thesaurus, then the data under ``graph_iri``.

    ``personal_data=False`` leaves people out as ``graphkit export --no-personal-data`` does
    (:func:`graphkit.sparql.export.without_personal_data`).
    """
    from graphkit.sparql.export import graphs as parts_of

    parts, _ = parts_of(kg, personal_data)
    names = {"ontology": ONTOLOGY_GRAPH, "themes": THEMES_GRAPH, "data": graph_iri}
    return {names[part]: [q.triple for q in parts[part]] for part in ("ontology", "themes", "data")}


def dataset_quads(
    kg: Graph, graph_iri: str = DATA_GRAPH, personal_data: bool = True
) -> Iterator[ox.Quad]:
    """Every quad of the build, the default graph's moved into the named graph ``graph_iri``.

    >>> import graphkit
    >>> kg = graphkit.from_tables("tests/fixtures/mini")
    >>> any(isinstance(q.graph_name, ox.DefaultGraph) for q in dataset_quads(kg))
    False
    """
    for name, triples in graphs(kg, graph_iri, personal_data).items():
        graph = ox.NamedNode(name)
        for t in triples:
            yield ox.Quad(t.subject, t.predicate, t.object, graph)


def graph_url(url: str, graph_iri: str) -> str:
    """The protocol's indirect identification of a graph: ``URL?graph=IRI`` (escaped).

    >>> graph_url("http://127.0.0.1:7878/store", "https://w3id.org/graphkit/graph/data")
    'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fgraphkit%2Fgraph%2Fdata'
    """
    parts = urllib.parse.urlsplit(url)
    query = "&".join(filter(None, [parts.query, urllib.parse.urlencode({"graph": graph_iri})]))
    return urllib.parse.urlunsplit(parts._replace(query=query))


def push(
    kg: Graph,
    url: str,
    graph_iri: str = DATA_GRAPH,
    personal_data: bool = True,
    timeout: float = 600.0,
) -> dict[str, int]:
    """PUT each graph of ``kg`` to the Graph Store at ``url``; return triples sent per graph.

    Raises :class:`~graphkit.sparql.remote.EndpointError` on the first refusal or network failure.

    >>> import graphkit
    >>> push(graphkit.from_tables("tests/fixtures/mini"), "http://127.0.0.1:9/store")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    graphkit.sparql.remote.EndpointError: cannot reach http://127.0.0.1:9/store?graph=...: ...
    """
    sent = {}
    for name, triples in graphs(kg, graph_iri, personal_data).items():
        body = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=vocab.PREFIXES)
        headers = {"Content-Type": "text/turtle; charset=utf-8"}
        http(graph_url(url, name), "PUT", body, headers, timeout)
        sent[name] = len(triples)
    return sent


__all__ = ["DATA_GRAPH", "dataset_quads", "graph_url", "graphs", "public_url", "push"]
