"""Exports of the graph as Turtle, N-Triples, N-Quads, TriG or JSON-LD, described in VoID/DCAT.

In N-Quads and TriG the data stays in the default graph and the ontology, the thesaurus and
the description each keep a named graph of their own; the triples formats (Turtle,
N-Triples, JSON-LD) merge them into one graph. The description (:func:`description`) gives
the title, the licences, the creation date, the source documents and the triple counts.
``personal_data=False`` leaves out people's names and roles (:func:`without_personal_data`).
Files are written to a temporary file and renamed, so an export is whole or absent.

>>> import graphkit, tempfile
>>> kg = graphkit.from_tables("data")
>>> out = export(kg, tempfile.mkdtemp() + "/graph.nq", "nquads", personal_data=False)
>>> out["people_removed"], out["graphs"]["data"] < len(kg.store)
(15, True)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graphkit.files.atomic import write_atomic
from graphkit.graph.to_rdf import GRAPH_ONTOLOGY, GRAPH_THEMES
from graphkit.model import vocab
from graphkit.text.i18n import say

if TYPE_CHECKING:
    import rdflib

    from graphkit.graph.handle import Graph as Graph

P = vocab.PREFIXES
FORMATS = ("turtle", "ntriples", "nquads", "trig", "jsonld")
QUADS_FORMATS = ("nquads", "trig")
RDF_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
}
MEDIA_TYPE = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "nquads": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
}

DATASET = "https://w3id.org/graphkit/dataset"
GRAPH_DESCRIPTION = ox.NamedNode("https://w3id.org/graphkit/graph/description")
DATA_LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def _n(prefix: str, local: str) -> ox.NamedNode:
    return ox.NamedNode(P[prefix] + local)


A = ox.NamedNode(vocab.RDF_TYPE)
PERSON = _n("foaf", "Person")
PERSONAL_PREDICATES = {_n("foaf", "name"), _n("schema", "jobTitle")}
NOTE = _n("skos", "editorialNote")
NAME_PREDICATES = {_n("foaf", "name"), _n("skos", "altLabel"), ox.NamedNode(vocab.RDFS_LABEL)}


def without_personal_data(quads: Iterable[ox.Quad]) -> tuple[list[ox.Quad], dict[str, int]]:
    """The quads without people: every ``foaf:Person`` node and every statement about or
    pointing to one (``prov:wasAttributedTo`` a speaker…), ``foaf:name`` and
    ``schema:jobTitle`` anywhere, and the editorial notes that name a person (full name,
    alias or surname, case and accents ignored). Also returns what was left out.

    >>> ex = "https://example.org/"
    >>> p, x = ox.NamedNode(ex + "p"), ox.NamedNode(ex + "x")
    >>> kept, gone = without_personal_data([
    ...     ox.Quad(p, A, PERSON), ox.Quad(p, _n("foaf", "name"), ox.Literal("Zoé Courboin")),
    ...     ox.Quad(x, _n("prov", "wasAttributedTo"), p),
    ...     ox.Quad(x, NOTE, ox.Literal("Dit par Z. Courboin")),
    ...     ox.Quad(x, NOTE, ox.Literal("Une note sans nom"))])
    >>> [q.object.value for q in kept], gone
    (['Une note sans nom'], {'people': 1, 'notes': 1, 'quads': 4})
    """
    from graphkit.text.fold import normalise

    quads = list(quads)
    people = {q.subject for q in quads if q.predicate == A and q.object == PERSON}
    words = set()
    for q in quads:
        if q.subject in people and q.predicate in NAME_PREDICATES:
            name = normalise(q.object.value)
            words |= {name, name.split()[-1]} if name else set()
    naming = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words))) + r")\b")
    kept, notes = [], 0
    for q in quads:
        if q.subject in people or q.object in people or q.predicate in PERSONAL_PREDICATES:
            continue
        if q.predicate == NOTE and words and naming.search(normalise(q.object.value)):
            notes += 1
            continue
        kept.append(q)
    return kept, {"people": len(people), "notes": notes, "quads": len(quads) - len(kept)}


def graphs(kg: Graph, personal_data: bool = True) -> tuple[dict[str, list], dict]:
    """The data, ontology and thesaurus quads of ``kg`` (personal data filtered from the
    data if asked), and what was left out."""
    store = kg.store
    parts = {
        "data": list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())),
        "ontology": list(store.quads_for_pattern(None, None, None, GRAPH_ONTOLOGY)),
        "themes": list(store.quads_for_pattern(None, None, None, GRAPH_THEMES)),
    }
    removed = {"people": 0, "notes": 0, "quads": 0}
    if not personal_data:
        parts["data"], removed = without_personal_data(parts["data"])
    return parts, removed


def _dt(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=_n("xsd", datatype))


def _count(n: int) -> ox.Literal:
    return _dt(str(n), "integer")


def _slug(iri: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", vocab.curie(iri).replace(":", "-")).strip("-")


def description(
    parts: dict[str, list[ox.Quad]],
    fmt: str,
    personal_data: bool = True,
    created: str | None = None,
    removed: dict[str, int] | None = None,
    issued: str | None = None,
) -> list[ox.Triple]:
    """The VoID/DCAT description of an export of ``parts`` (``data``, ``ontology``, ``themes``):
    ``created`` is when the graph was built, ``issued`` when the file was written (both
    xsd:dateTime, now by default).

    >>> parts = {"data": [], "ontology": [], "themes": []}
    >>> t = description(parts, "turtle", created="2024-01-01T00:00:00+00:00")
    >>> [x.object.value for x in t if x.predicate == _n("dcterms", "license")][0]
    'https://creativecommons.org/licenses/by/4.0/'
    """
    ds = ox.NamedNode(DATASET)
    out: list[ox.Triple] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: Any) -> None:
        out.append(ox.Triple(s, p, o))

    data = parts["data"]
    issued = issued or datetime.now(UTC).replace(microsecond=0).isoformat()
    created = created or issued
    add(ds, A, _n("void", "Dataset"))
    add(ds, A, _n("dcat", "Dataset"))
    for lang in ("fr", "en"):  # the catalogue has the title in these two
        title = say("dataset.title", lang)
        add(ds, _n("dcterms", "title"), ox.Literal(title, language=lang))
    add(
        ds,
        _n("dcterms", "description"),
        ox.Literal(_about(fmt, personal_data, removed), language="en"),
    )
    add(ds, _n("dcterms", "license"), ox.NamedNode(DATA_LICENCE))
    add(ds, _n("dcterms", "rights"), ox.Literal(_rights(data), language="en"))
    add(ds, _n("dcterms", "created"), _dt(created, "dateTime"))
    add(ds, _n("void", "uriSpace"), ox.Literal(vocab.ID))
    sources = sorted(
        {q.subject for q in data if q.predicate == A and q.object == _n("gk", "SourceDocument")},
        key=lambda s: s.value,
    )
    for source in sources:
        add(ds, _n("dcterms", "source"), source)
        add(ds, _n("prov", "wasDerivedFrom"), source)
    everything = {q.triple for quads in parts.values() for q in quads}
    add(ds, _n("void", "triples"), _count(len(everything)))
    names = {"data": "the data", "ontology": "the ontology", "themes": "the theme thesaurus"}
    for part, quads in parts.items():
        subset = ox.NamedNode(f"{DATASET}/{part}")
        add(ds, _n("void", "subset"), subset)
        add(subset, A, _n("void", "Dataset"))
        add(subset, _n("dcterms", "title"), ox.Literal(names[part], language="en"))
        add(subset, _n("void", "triples"), _count(len({q.triple for q in quads})))
    _partitions(ox.NamedNode(f"{DATASET}/data"), data, add)
    namespaces = {t.predicate.value for t in everything} | {
        t.object.value for t in everything if t.predicate == A
    }
    for ns in sorted({ns for ns in P.values() for v in namespaces if v.startswith(ns)}):
        add(ds, _n("void", "vocabulary"), ox.NamedNode(ns))
    dist = ox.NamedNode(f"{DATASET}/distribution/{fmt}")
    add(ds, _n("dcat", "distribution"), dist)
    add(dist, A, _n("dcat", "Distribution"))
    add(dist, _n("dcat", "mediaType"), ox.NamedNode(_media(fmt)))
    add(dist, _n("dcterms", "license"), ox.NamedNode(DATA_LICENCE))
    add(dist, _n("dcterms", "issued"), _dt(issued, "dateTime"))
    return out


def _media(fmt: str) -> str:
    return "https://www.iana.org/assignments/media-types/" + MEDIA_TYPE[fmt]


def _partitions(subset: ox.NamedNode, data: list[ox.Quad], add) -> None:
    classes = Counter(q.object.value for q in data if q.predicate == A)
    properties = Counter(q.predicate.value for q in data)
    add(subset, _n("void", "classes"), _count(len(classes)))
    add(subset, _n("void", "properties"), _count(len(properties)))
    add(subset, _n("void", "distinctSubjects"), _count(len({q.subject for q in data})))
    for kind, counts, size in (("class", classes, "entities"), ("property", properties, "triples")):
        for iri, n in sorted(counts.items()):
            part = ox.NamedNode(f"{subset.value}/{kind}/{_slug(iri)}")
            add(subset, _n("void", f"{kind}Partition"), part)
            add(part, _n("void", kind), ox.NamedNode(iri))
            add(part, _n("void", size), _count(n))


def _about(fmt: str, personal_data: bool, removed: dict[str, int] | None) -> str:
    layout = (
        "The data is in the default graph; the ontology, the theme thesaurus and this "
        f"description are in the named graphs <{GRAPH_ONTOLOGY.value}>, "
        f"<{GRAPH_THEMES.value}> and <{GRAPH_DESCRIPTION.value}>."
        if fmt in QUADS_FORMATS
        else "The data, the ontology, the theme thesaurus and this description are merged "
        "into one graph."
    )
    text = (
        "Who does what, where and with whom in decentralised cooperation between French "
        "local authorities and Latin America: actors, places, partnerships, memberships, "
        "interests and expertise, embassy coverage, events, each fact with its source "
        "document and table row. " + layout
    )
    if personal_data:
        return text + " Contains personal data: the names and roles of the speakers quoted."
    r = removed or {}
    return text + (
        " Personal data left out: people's names and roles (foaf:Person nodes, foaf:name, "
        "schema:jobTitle, prov:wasAttributedTo links to persons: "
        f"{r.get('people', 0)} people) and the {r.get('notes', 0)} editorial notes that "
        "named one."
    )


def _rights(data: list[ox.Quad]) -> str:
    """Which licence covers what: graphkit's tables, and each source document's own."""
    title, licence = {}, {}
    for q in data:
        if q.predicate == _n("dcterms", "title"):
            title[q.subject.value] = q.object.value
        elif q.predicate == _n("dcterms", "license"):
            licence[q.subject.value] = q.object.value
    docs = {
        q.subject.value for q in data if q.predicate == A and q.object == _n("gk", "SourceDocument")
    }
    said = [
        f"{vocab.local_id(d)} ({title.get(d, d)}): "
        + (licence[d] if d in licence else "licence unknown (sources.csv gives none)")
        for d in sorted(docs)
    ]
    return (
        "graphkit's own tables (data/*.csv) and this graph built from them: CC BY 4.0. "
        "The source documents keep their own terms: " + "; ".join(said) + "."
        if said
        else "graphkit's own tables (data/*.csv) and this graph built from them: CC BY 4.0."
    )


def build_time(kg: Graph) -> str | None:
    """When ``kg`` was built (xsd:dateTime), if it was loaded from a build.

    >>> from graphkit.graph.handle import Graph
    >>> build_time(Graph(ox.Store(), {"created": "2024-05-01T10:00:00+0200"}))
    '2024-05-01T10:00:00+02:00'
    """
    stamp = (kg.meta or {}).get("created")
    if not stamp:
        return None
    try:
        return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S%z").isoformat()
    except ValueError:
        return None


def export_quads(
    kg: Graph,
    fmt: str,
    personal_data: bool = True,
    created: str | None = None,
    issued: str | None = None,
) -> tuple[list[ox.Quad], dict[str, Any]]:
    """The quads an export in ``fmt`` holds (sorted), and their counts per part.
    ``created`` defaults to the build's time, ``issued`` to now.

    >>> import graphkit
    >>> quads, counts = export_quads(graphkit.from_tables("data"), "turtle")
    >>> {q.graph_name for q in quads} == {ox.DefaultGraph()}, counts["personal_data"]
    (True, True)
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; expected {' | '.join(FORMATS)}")
    parts, removed = graphs(kg, personal_data)
    created = created or build_time(kg)
    about = description(parts, fmt, personal_data, created, removed, issued)
    if fmt in QUADS_FORMATS:
        quads = [q for part in parts.values() for q in part]
        quads += [ox.Quad(t.subject, t.predicate, t.object, GRAPH_DESCRIPTION) for t in about]
    else:
        triples = {q.triple for part in parts.values() for q in part} | set(about)
        quads = [ox.Quad(t.subject, t.predicate, t.object) for t in triples]
    quads = sorted(set(quads), key=lambda q: (str(q.graph_name), str(q.subject), str(q)))
    counts = {
        "format": fmt,
        "statements": len(quads),
        "graphs": {name: len(part) for name, part in parts.items()} | {"description": len(about)},
        "personal_data": personal_data,
        "people_removed": removed["people"],
        "notes_removed": removed["notes"],
    }
    return quads, counts


def serialize(quads: list[ox.Quad], fmt: str) -> bytes:
    """``quads`` in ``fmt``; JSON-LD goes through rdflib with a compact ``@context``
    (the prefixes of :data:`graphkit.model.vocab.PREFIXES`).

    >>> q = ox.Quad(ox.NamedNode(vocab.iri("a")), A, _n("gk", "Network"))
    >>> print(serialize([q], "ntriples").decode().strip())
    <https://w3id.org/graphkit/id/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/graphkit/ontology#Network> .
    """
    if fmt == "jsonld":
        graph = to_rdflib(quads)
        text = graph.serialize(format="json-ld", context=dict(P), auto_compact=True, indent=2)
        return text.encode("utf-8")
    if fmt in QUADS_FORMATS:
        return ox.serialize(quads, format=RDF_FORMAT[fmt], prefixes=P if fmt == "trig" else None)
    triples = [q.triple for q in quads]
    return ox.serialize(triples, format=RDF_FORMAT[fmt], prefixes=P if fmt == "turtle" else None)


def to_rdflib(quads: Iterable[ox.Quad]) -> rdflib.Graph:
    """The triples of ``quads`` as an rdflib Graph (named graphs merged)."""
    import rdflib

    graph = rdflib.Graph()
    for prefix, ns in P.items():
        graph.bind(prefix, ns, override=True, replace=True)
    for q in quads:
        graph.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
    return graph


def _rdflib_term(term: Any):
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        dtype = None if term.datatype.value == P["xsd"] + "string" else term.datatype.value
        return rdflib.Literal(term.value, datatype=dtype)
    return rdflib.BNode(term.value)  # the ontology's OWL class expressions


def export(
    kg: Graph,
    out: str | Path,
    fmt: str = "turtle",
    personal_data: bool = True,
    created: str | None = None,
    issued: str | None = None,
) -> dict[str, Any]:
    """Write ``kg`` with its description to ``out`` in ``fmt``; returns the counts.

    >>> import graphkit, tempfile
    >>> counts = export(graphkit.from_tables("data"), tempfile.mkdtemp() + "/g.jsonld", "jsonld")
    >>> counts["format"], counts["graphs"]["description"] > 0
    ('jsonld', True)
    """
    quads, counts = export_quads(kg, fmt, personal_data, created, issued)
    write_atomic(out, serialize(quads, fmt))
    return counts | {"path": str(out)}
