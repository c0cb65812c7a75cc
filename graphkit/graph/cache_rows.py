"""The rows the build's caches (name index, matchers' projection) are computed from.

Each row set is one SELECT query (:data:`QUERIES`). Two sources answer them with the same
rows: :class:`SparqlRows` runs the query (a store opened later, or a remote endpoint), and
:class:`QuadRows` evaluates it in Python over the quads a build makes, as they stream into
the store. Reading a national graph back through SPARQL took 12–15 s of a 30 s build (the
rows come out at about 100,000 a second); watching the quads on their way in costs well
under a second. Rows come sorted (or are read in a way that does not depend on their
order), so the caches never depend on an engine's row order.

>>> import pyoxigraph as ox
>>> from graphkit.model import vocab
>>> watch = QuadRows()
>>> a = ox.NamedNode(vocab.iri("fr-a"))
>>> quads = [ox.Quad(a, ox.NamedNode(vocab.RDF_TYPE), ox.NamedNode(vocab.gk("Network"))),
...          ox.Quad(a, ox.NamedNode(vocab.RDFS_LABEL), ox.Literal("A", language="fr"))]
>>> len(list(watch.watch(quads)))
2
>>> watch.rows("actors")
[{'a': 'https://w3id.org/graphkit/id/fr-a', 'type': 'https://w3id.org/graphkit/ontology#Network', 'country': None}]
>>> watch.rows("labels")[0]["lang"]
'fr'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Protocol

import pyoxigraph as ox

from graphkit.model import vocab

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph
    from graphkit.graph.to_rdf import Term

Row = dict[str, str | None]

# The types the name index ranks names by (graph.NAME_PRIORITY's keys, in full).
NAME_TYPES = (
    *(
        f"gk:{k}"
        for k in (
            "FrenchAuthority ForeignAuthority Network Embassy Organisation CountryGroup "
            "ThematicGroup Programme Event Country Subdivision City MacroRegion"
        ).split()
    ),
    "skos:Concept",
)
ACTOR_TYPES = ("FrenchAuthority", "ForeignAuthority", "Network", "Embassy", "Organisation")
LABEL_PREDICATES = ("rdfs:label", "skos:prefLabel", "foaf:name", "skos:altLabel")

QUERIES: dict[str, str] = {
    # names: every label of every resource, and the types that rank an ambiguous name
    "labels": "SELECT ?s ?p ?label (LANG(?label) AS ?lang) WHERE { "
    f"VALUES ?p {{ {' '.join(LABEL_PREDICATES)} }} ?s ?p ?label }}",
    "types": f"SELECT ?s ?type WHERE {{ VALUES ?type {{ {' '.join(NAME_TYPES)} }} ?s a ?type }}",
    "seated": "SELECT ?a ?place WHERE { ?a gk:locatedIn ?place . "
    "VALUES ?t { gk:City gk:Subdivision } ?place a ?t }",
    # projection
    "actors": "SELECT ?a ?type ?country WHERE { "
    f"VALUES ?type {{ {' '.join('gk:' + t for t in ACTOR_TYPES)} }} "
    "?a a ?type . OPTIONAL { ?a gk:country ?country } }",
    "theme_tree": "SELECT ?t ?b WHERE { ?t skos:broader ?b . ?t skos:inScheme gkt:scheme }",
    "regions": "SELECT ?c ?m WHERE { VALUES ?type { gk:Country gk:MacroRegion } "
    "?c a ?type ; schema:containedInPlace+ ?m . ?m a gk:MacroRegion }",
    "statements": """SELECT ?st ?type ?a ?t ?place ?placetype WHERE {
             VALUES ?type { gk:Interest gk:Expertise }
             ?st a ?type ; gk:actor ?a .
             OPTIONAL { ?st gk:theme ?t }
             OPTIONAL { ?st gk:territory ?place . ?place a ?placetype } }""",
    "partnership_status": "SELECT ?p ?s WHERE { ?p a gk:Partnership ; gk:status ?s }",
    "parties": "SELECT ?p ?a WHERE { ?p gk:party ?a }",
    "partnership_theme": "SELECT ?p ?x WHERE { ?p a gk:Partnership ; gk:theme ?x }",
    "partnership_country": "SELECT ?p ?x WHERE { ?p a gk:Partnership ; gk:country ?x }",
    "introductions": "SELECT ?a ?b WHERE { ?i a gk:Introduction ; gk:party ?a, ?b "
    "FILTER(?a != ?b) }",
    "memberships": """SELECT ?m ?a ?o ?otype ?status WHERE {
             ?m a org:Membership ; org:member ?a ; org:organization ?o .
             OPTIONAL { ?m gk:status ?status }
             ?o a ?otype FILTER(?otype IN (gk:CountryGroup, gk:ThematicGroup, gk:Network)) }""",
    "participations": """SELECT ?x ?a ?e ?status WHERE {
             ?x a gk:Participation ; gk:actor ?a ; gk:event ?e .
             OPTIONAL { ?x gk:status ?status } }""",
}


# Rows whose reader does not depend on their order: 170,000 labels at S1 took 0.7 s to sort.
UNSORTED = frozenset({"labels"})


def sort_rows(rows: Iterable[Row]) -> list[Row]:
    """``rows`` in a fixed order (by their values, unbound as ""), whatever the engine's.

    >>> sort_rows([{"x": "b"}, {"x": None}, {"x": "a"}])
    [{'x': None}, {'x': 'a'}, {'x': 'b'}]
    """
    rows = list(rows)
    try:  # the quick key, when no value is unbound
        return sorted(rows, key=lambda r: tuple(r.values()))
    except TypeError:
        return sorted(rows, key=lambda r: tuple(v or "" for v in r.values()))


class RowSource(Protocol):
    """Anything that answers :data:`QUERIES` by name."""

    def rows(self, name: str) -> list[Row]: ...


class SparqlRows:
    """The rows of :data:`QUERIES` from a graph's SPARQL engine (local store or endpoint)."""

    def __init__(self, kg: Graph):
        self.kg = kg

    def rows(self, name: str) -> list[Row]:
        """The rows of query ``name``, sorted (but for ``labels``, see :data:`UNSORTED`)."""
        found = self.kg.select(QUERIES[name])
        return found if name in UNSORTED else sort_rows(found)


def _full(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return vocab.PREFIXES[prefix] + local


_JOINED = (
    "gk:locatedIn gk:country gk:actor gk:theme gk:territory gk:status gk:party gk:event skos:broader "
    "skos:inScheme schema:containedInPlace org:member org:organization"
).split()


_LABEL = "label"  # watch_plain's mark of a label predicate


class QuadRows:
    """The rows of :data:`QUERIES`, evaluated over quads seen by :meth:`watch`.

    Only the predicates the queries use are kept, as plain strings. A quad is counted once
    per graph it is in, as a union default graph does in SPARQL.
    """

    def __init__(self) -> None:
        self._type_iri = _full("rdf:type")
        self._labels = {_full(c): _full(c) for c in LABEL_PREDICATES}
        self._joined = {_full(c): c for c in _JOINED}
        # predicate curie -> distinct (subject, object, graph) values
        self._seen: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
        self._label_seen: set[tuple[str, str, str, str, str]] = set()
        # predicate IRI -> what watch_plain keeps of it: a curie in _seen, or _LABEL
        self._kind: dict[str, str] = {self._type_iri: "rdf:type", **self._joined}
        self._kind.update(dict.fromkeys(self._labels, _LABEL))
        self._by: dict[str, dict[str, list[str]]] | None = None  # made when rows are read

    def watch(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        """Pass ``quads`` through, keeping what the queries need."""
        type_iri, labels, joined = self._type_iri, self._labels, self._joined
        seen, label_seen = self._seen, self._label_seen
        self._check_open()
        for quad in quads:
            yield quad
            p = quad.predicate.value
            if p == type_iri:
                seen["rdf:type"].add((quad.subject.value, quad.object.value, _g(quad)))
            elif p in joined:
                seen[joined[p]].add((quad.subject.value, quad.object.value, _g(quad)))
            elif p in labels:
                o = quad.object
                lang = getattr(o, "language", None) or ""
                label_seen.add((quad.subject.value, p, o.value, lang, _g(quad)))

    def watch_plain(self, triples: list[tuple[str, str, Term]]) -> None:
        """Keep what the queries need from plain triples in the default graph (see
        :func:`graphkit.graph.to_rdf.plain_triples`), as :meth:`watch` does from quads.

        >>> watch = QuadRows()
        >>> watch.watch_plain([(vocab.iri("a"), vocab.RDFS_LABEL, ("A", "@fr"))])
        >>> watch.rows("labels")[0]["label"], watch.rows("labels")[0]["lang"]
        ('A', 'fr')
        """
        self._check_open()
        kind = self._kind
        seen, label_seen = self._seen, self._label_seen
        for s, p, o in triples:
            k = kind.get(p)
            if k is None:
                continue
            value = o if type(o) is str else o[0]
            if k is _LABEL:
                tail = "" if type(o) is str else o[1]
                lang = tail[1:] if tail.startswith("@") else ""
                label_seen.add((s, p, value, lang, ""))
            else:
                seen[k].add((s, value, ""))

    def _check_open(self) -> None:
        if self._by is not None:
            raise RuntimeError("QuadRows: quads watched after the rows were read")

    def _index(self) -> None:
        # Each predicate is indexed when a query first reads it: the build's name index (in
        # a child process) reads only types and seats, the projection the rest.
        self._by = {}
        self._typed_by: dict[str, list[str]] | None = None

    def _pred(self, pred: str) -> dict[str, list[str]]:
        """subject -> objects of ``pred``, one entry per graph holding the triple; in any
        order, as every row set but the labels is sorted once made (sorting these took 2 s
        at S1)."""
        by = self._by.get(pred)
        if by is None:
            by = self._by[pred] = {}
            for s, o, _ in self._seen.pop(pred, ()):
                objects = by.get(s)
                if objects is None:
                    by[s] = [o]
                else:
                    objects.append(o)
        return by

    def _of(self, pred: str, s: str) -> list[str] | tuple[()]:
        return self._pred(pred).get(s, ())

    def _subjects(self, curie: str) -> list[str]:
        if self._typed_by is None:
            self._typed_by = defaultdict(list)  # type -> subjects
            for s, types in self._pred("rdf:type").items():
                for t in types:
                    self._typed_by[t].append(s)
        return self._typed_by.get(_full(curie), [])

    def rows(self, name: str) -> list[Row]:
        """The rows of query ``name``, as :class:`SparqlRows` gives them (each ``_q_NAME``
        method evaluates query NAME)."""
        if self._by is None:
            self._index()
        found = getattr(self, f"_q_{name}")()
        return list(found) if name in UNSORTED else sort_rows(found)

    def _q_labels(self) -> Iterator[Row]:
        for s, p, label, lang, _ in self._label_seen:
            yield {"s": s, "p": p, "label": label, "lang": lang}

    def _q_types(self) -> Iterator[Row]:
        for curie in NAME_TYPES:
            for s in self._subjects(curie):
                yield {"s": s, "type": _full(curie)}

    def _q_seated(self) -> Iterator[Row]:
        wanted = {_full("gk:City"), _full("gk:Subdivision")}
        for a, places in self._pred("gk:locatedIn").items():
            for place in places:
                for t in self._of("rdf:type", place):
                    if t in wanted:
                        yield {"a": a, "place": place}

    def _q_actors(self) -> Iterator[Row]:
        for t in ACTOR_TYPES:
            for a in self._subjects(f"gk:{t}"):
                for country in self._of("gk:country", a) or [None]:
                    yield {"a": a, "type": _full(f"gk:{t}"), "country": country}

    def _q_theme_tree(self) -> Iterator[Row]:
        scheme = _full("gkt:scheme")
        for t, parents in self._pred("skos:broader").items():
            for _ in range(self._of("skos:inScheme", t).count(scheme)):
                for b in parents:
                    yield {"t": t, "b": b}

    def _q_regions(self) -> Iterator[Row]:
        mr = _full("gk:MacroRegion")
        for curie in ("gk:Country", "gk:MacroRegion"):
            for c in self._subjects(curie):
                # schema:containedInPlace+ : each place reachable in one or more steps, once
                reached, frontier = set(), [c]
                while frontier:
                    nxt = []
                    for x in frontier:
                        for m in self._of("schema:containedInPlace", x):
                            if m not in reached:
                                reached.add(m)
                                nxt.append(m)
                    frontier = nxt
                for m in sorted(reached):  # ?m a gk:MacroRegion, once per graph saying it
                    yield from ({"c": c, "m": m} for _ in range(self._of("rdf:type", m).count(mr)))

    def _q_statements(self) -> Iterator[Row]:
        for t in ("Interest", "Expertise"):
            for st in self._subjects(f"gk:{t}"):
                themes = self._of("gk:theme", st) or [None]
                places = [
                    (place, ptype)
                    for place in self._of("gk:territory", st)
                    for ptype in self._of("rdf:type", place)
                ] or [(None, None)]
                for a in self._of("gk:actor", st):
                    for theme in themes:
                        for place, ptype in places:
                            yield {
                                "st": st,
                                "type": _full(f"gk:{t}"),
                                "a": a,
                                "t": theme,
                                "place": place,
                                "placetype": ptype,
                            }

    def _q_partnership_status(self) -> Iterator[Row]:
        for p in self._subjects("gk:Partnership"):
            for s in self._of("gk:status", p):
                yield {"p": p, "s": s}

    def _q_parties(self) -> Iterator[Row]:
        for p, members in self._pred("gk:party").items():
            for a in members:
                yield {"p": p, "a": a}

    def _q_partnership_theme(self) -> Iterator[Row]:
        return self._partnership_about("gk:theme")

    def _q_partnership_country(self) -> Iterator[Row]:
        return self._partnership_about("gk:country")

    def _partnership_about(self, pred: str) -> Iterator[Row]:
        for p in self._subjects("gk:Partnership"):
            for x in self._of(pred, p):
                yield {"p": p, "x": x}

    def _q_introductions(self) -> Iterator[Row]:
        for i in self._subjects("gk:Introduction"):
            parties = self._of("gk:party", i)
            for a in parties:
                for b in parties:
                    if a != b:
                        yield {"a": a, "b": b}

    def _q_memberships(self) -> Iterator[Row]:
        wanted = {_full(f"gk:{t}") for t in ("CountryGroup", "ThematicGroup", "Network")}
        for m in self._subjects("org:Membership"):
            statuses = self._of("gk:status", m) or [None]
            for a in self._of("org:member", m):
                for o in self._of("org:organization", m):
                    for otype in self._of("rdf:type", o):
                        if otype in wanted:
                            for status in statuses:
                                yield {"m": m, "a": a, "o": o, "otype": otype, "status": status}

    def _q_participations(self) -> Iterator[Row]:
        for x in self._subjects("gk:Participation"):
            statuses = self._of("gk:status", x) or [None]
            for a in self._of("gk:actor", x):
                for e in self._of("gk:event", x):
                    for status in statuses:
                        yield {"x": x, "a": a, "e": e, "status": status}


def _g(quad: ox.Quad) -> str:
    g = quad.graph_name
    return "" if isinstance(g, ox.DefaultGraph) else g.value
