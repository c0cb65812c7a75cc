"""NetworkX projections of the graph.

Two views, both built from the store:

* :func:`to_multidigraph` — lossless: every resource of the data and the thesaurus is a
  node (statements such as partnerships and memberships included), every triple whose
  object is a resource is an edge ``u -> v`` keyed by its predicate (``gk:party``,
  ``org:member``…), so parallel relations are kept apart. ``rdf:type`` and literals become
  node attributes: ``kind`` (main class), ``types``, ``label`` (French), ``labels``
  (by language) and one attribute per other literal predicate.
* :func:`to_simple_graph` — for algorithms: an undirected ``nx.Graph`` over entities
  (actors, places, themes, groups, programmes, events). Each statement node is folded into
  edges between what it relates (a partnership links its parties with one another and
  with its countries and themes; an interest links its actor and theme); every edge keeps
  the list of ``relations`` that made it. Sources, people, controlled values, the theme
  scheme and the SDG goals the themes point to are left out.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> g = to_simple_graph(kg)
>>> g.edges["fr-nanterre", "ar-moron"]["relations"][0]["status"]
'stand-by'
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from graphkit.model import vocab

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

GK = vocab.GK
STATEMENT_TYPES = {
    "Partnership",
    "Membership",
    "Interest",
    "Expertise",
    "Coverage",
    "Participation",
}
# In a statement, the "anchors" are who the statement is about; "targets" what it relates them to.
ANCHORS = {"gk:party", "org:member", "gk:actor", "gk:embassy"}
TARGETS = {"org:organization", "gk:theme", "gk:territory", "gk:country", "gk:event"}
# Sources, people and what meetings produce (proposals, questions… and stances on them) are
# not entities to match or draw: they stay in the RDF graph and the reports.
LEFT_OUT = {"SourceDocument", "Person", "MeetingOutcome", "Stance"}
LEFT_OUT |= {"Proposal", "Decision", "Question", "Deliverable", "Observation"}
DETAIL = {"gk:status": "status", "gk:partnershipKind": "kind", "org:role": "role"}


def _kind(types: list[str]) -> str:
    for t in types:
        if t.startswith(("gk:", "org:", "foaf:")) and t not in ("gk:LocalAuthority", "gk:Actor"):
            return t.split(":", 1)[1]
    return "Concept" if "skos:Concept" in types else (types[0].split(":")[-1] if types else "")


def to_multidigraph(kg: Graph) -> nx.MultiDiGraph:
    """The lossless view: nodes are resources, edges are triples keyed by predicate.

    >>> import graphkit
    >>> g = to_multidigraph(graphkit.from_tables("data"))
    >>> g.has_edge("pship-nanterre-moron", "ar-moron", key="gk:party")
    True
    """
    g = nx.MultiDiGraph()
    graphs = [ox.DefaultGraph(), ox.NamedNode(vocab.THEMES_GRAPH)]
    for graph in graphs:
        for q in kg.store.quads_for_pattern(None, None, None, graph):
            if not isinstance(q.subject, ox.NamedNode):
                continue
            s, p = vocab.local_id(q.subject.value), vocab.curie(q.predicate.value)
            if s not in g:
                g.add_node(s, iri=q.subject.value, types=[], labels={})
            attrs = g.nodes[s]
            o = q.object
            if p == "rdf:type":
                attrs["types"].append(vocab.curie(o.value))
            elif isinstance(o, ox.Literal):
                if p in ("rdfs:label", "skos:prefLabel") and o.language:
                    attrs["labels"].setdefault(o.language, o.value)
                else:
                    attrs.setdefault(p, []).append(o.value)
            else:
                target = vocab.local_id(o.value)
                if target not in g:
                    g.add_node(target, iri=o.value, types=[], labels={})
                g.add_edge(s, target, key=p, predicate=p)
    for _, attrs in g.nodes(data=True):
        attrs["kind"] = _kind(attrs["types"])
        labels = attrs["labels"]
        attrs["label"] = labels.get("fr") or next(iter(labels.values()), "")
        for key, values in list(attrs.items()):
            if ":" in key and isinstance(values, list) and len(values) == 1:
                attrs[key] = values[0]
    return g


def to_simple_graph(kg: Graph, multi: nx.MultiDiGraph | None = None) -> nx.Graph:
    """The undirected projection for algorithms, statements folded into labelled edges.

    >>> import graphkit
    >>> g = to_simple_graph(graphkit.from_tables("data"))
    >>> g.nodes["fr-nanterre"]["kind"]
    'FrenchAuthority'
    """
    multi = multi if multi is not None else to_multidigraph(kg)
    g = nx.Graph()

    def entity(n: str) -> bool:
        attrs = multi.nodes[n]
        ours = attrs["iri"].startswith((vocab.ID, vocab.THEME)) and attrs["kind"] != "ConceptScheme"
        return ours and bool(attrs["types"]) and attrs["kind"] not in STATEMENT_TYPES | LEFT_OUT

    def link(u: str, v: str, relation: dict) -> None:
        if u == v:
            return
        if not g.has_edge(u, v):
            g.add_edge(u, v, relations=[])
        g.edges[u, v]["relations"].append(relation)

    for n, attrs in multi.nodes(data=True):
        if entity(n):
            g.add_node(n, kind=attrs["kind"], label=attrs["label"])
    for n, attrs in multi.nodes(data=True):
        if attrs["kind"] in STATEMENT_TYPES:
            out = list(multi.out_edges(n, keys=True))
            anchors = [v for _, v, k in out if k in ANCHORS and v in g]
            targets = [v for _, v, k in out if k in TARGETS and v in g]
            relation = {"relation": attrs["kind"].lower(), "via": n}
            relation.update(
                {DETAIL[k]: vocab.TABLE_VALUE.get(v, v) for _, v, k in out if k in DETAIL}
            )
            for u, v in combinations(anchors, 2):
                link(u, v, relation)
            for u in anchors:
                for v in targets:
                    link(u, v, relation)
        elif n in g:
            for _, v, k in multi.out_edges(n, keys=True):
                if v in g:
                    link(n, v, {"relation": k})
    return g
