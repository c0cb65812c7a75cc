"""SHACL validation of a built graph (shapes in ``ontology/shapes.ttl``).

The engine is pyshacl-turbo: pySHACL's API and report graph, run in Rust on an Oxigraph
store (no rdflib copy of the data), so a national-scale graph validates in well under a
minute where pySHACL takes minutes.

Each violation is reported like a table error: the row the entity came from, the property,
the shape's message and the entity.

>>> import graphkit
>>> validate(graphkit.from_tables("data"))
[]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphkit.graph.to_rdf import GRAPH_THEMES
from graphkit.model import vocab
from graphkit.model.ontology_files import ontology_path
from graphkit.tables import Problem

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph
    from graphkit.tables import Dataset

SH = vocab.PREFIXES["sh"]
SOURCE_ROW = ox.NamedNode(vocab.GK + "sourceRow")
RDF_TYPE = ox.NamedNode(vocab.RDF_TYPE)
# A graph up to WHOLE triples (a national one, 700,000) validates in one part; a larger
# one in chunks of CHUNK (whole, S2 took 11 GB; in chunks of 1 M, still over 4.3 GB).
WHOLE = 1_000_000
CHUNK = 250_000


def _data(kg: Graph) -> ox.Store:
    """The validated graph: the data and the thesaurus, with the ontology for the class
    hierarchy (``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf``)."""
    data = ox.Store()
    for graph in (ox.DefaultGraph(), GRAPH_THEMES):
        quads = kg.store.quads_for_pattern(None, None, None, graph)
        data.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    data.bulk_load(path=str(ontology_path("coop")), format=ox.RdfFormat.TURTLE)
    return data


def validate(kg: Graph, chunk: int | None = None) -> list[Problem]:
    """Validate the data (with the thesaurus) against the shapes; return the violations.

    An empty list means the graph conforms. With ``chunk``, the data is validated in
    parts of about that many triples (see :func:`validate_chunked`), with the same result.

    >>> import graphkit
    >>> validate(graphkit.from_tables("tests/fixtures/mini"))
    []
    """
    if chunk is not None:
        themes = kg.store.quads_for_pattern(None, None, None, GRAPH_THEMES)
        return validate_chunked(
            lambda: kg.store.quads_for_pattern(None, None, None, ox.DefaultGraph()),
            [ox.Quad(q.subject, q.predicate, q.object) for q in themes],
            chunk,
        )
    data = _data(kg)
    return [p for p, _ in _validate_store(data)]


def validate_tables(data: Dataset, chunk: int | None = None) -> list[Problem]:
    """Validate the graph the checked tables make, in chunks of about ``chunk`` triples
    (:func:`validate_chunked`), without holding the whole graph in a store.

    >>> from graphkit.tables import load_tables
    >>> validate_tables(load_tables("tests/fixtures/mini"), chunk=500)
    []
    """
    from graphkit.graph.to_rdf import data_quads, ontology_quads

    themes = [
        ox.Quad(q.subject, q.predicate, q.object)
        for q in ontology_quads()
        if q.graph_name == GRAPH_THEMES
    ]
    return validate_chunked(lambda: data_quads(data), themes, chunk)


def _validate_store(data: ox.Store) -> list[tuple[Problem, str]]:
    import pyshacl_turbo

    _, report, _ = pyshacl_turbo.validate(
        data, shacl_graph=str(ontology_path("shapes")), inference="none", allow_warnings=True
    )
    return _problems(report, data)


def inverse_predicates() -> set[ox.NamedNode]:
    """The predicates the shapes follow backwards (``sh:inversePath``)."""
    with open(ontology_path("shapes"), "rb") as f:
        return {
            t.object
            for t in ox.parse(f, format=ox.RdfFormat.TURTLE)
            if t.predicate.value == SH + "inversePath" and isinstance(t.object, ox.NamedNode)
        }


def validate_chunked(
    default_quads: Callable[[], Iterable[ox.Quad]],
    themes: list[ox.Quad],
    chunk: int | None = None,
) -> list[Problem]:
    """Validate the default graph's quads (``default_quads()`` gives them, twice, each
    subject's quads one after the other) with the thesaurus ``themes``, in chunks of whole
    subjects of about ``chunk`` quads (by default: the whole up to :data:`WHOLE` quads, else
    :data:`CHUNK`), keeping memory bounded; the same violations as one validation of the
    whole.

    Why the same: the shapes look at a focus node's own triples, at the types of the
    nodes they point to (``sh:class``), at the class hierarchy and the thesaurus, and
    backwards only along ``sh:inversePath`` predicates (tested: no other path or nested
    shape in ``shapes.ttl``). Each chunk holds its subjects' triples, the ``rdf:type``
    triples of every node they point to, the ontology, the thesaurus and every triple of an
    inverse-path predicate; only the results about its own subjects (or about nodes that
    are no subject of the data, such as the thesaurus' concepts) are kept. A subject whose
    triples do not come together is validated in a chunk of its own kind at the end.
    """
    inverse = inverse_predicates()
    # Pass 1: every subject's types, the triples read backwards, subjects met twice.
    types: dict[ox.NamedNode, list[ox.NamedNode]] = {}
    backwards: list[ox.Quad] = []
    subjects: set[str] = set()
    split: set[str] = set()
    last = None
    total = 0
    for q in default_quads():
        total += 1
        s = q.subject
        if s != last:
            value = s.value
            if value in subjects:
                split.add(value)
            subjects.add(value)
            last = s
        if q.predicate == RDF_TYPE:
            types.setdefault(s, []).append(q.object)
        elif q.predicate in inverse:
            backwards.append(q)
    background = themes + backwards
    if chunk is None:
        chunk = max(total, 1) if total <= WHOLE else CHUNK
    problems: set[Problem] = set()

    def check(quads: list[ox.Quad], own: set[str]) -> None:
        data = ox.Store()
        data.bulk_extend(quads)
        pointed = {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
        data.bulk_extend(ox.Quad(o, RDF_TYPE, t) for o in pointed for t in types.get(o, ()))
        data.bulk_extend(background)
        data.bulk_load(path=str(ontology_path("coop")), format=ox.RdfFormat.TURTLE)
        for problem, focus in _validate_store(data):
            if focus in own or focus not in subjects:
                problems.add(problem)

    # Pass 2: chunks of whole subjects.
    quads: list[ox.Quad] = []
    own: set[str] = set()
    later: list[ox.Quad] = []
    last = None
    for q in default_quads():
        s = q.subject
        if s != last:
            if len(quads) >= chunk:
                check(quads, own)
                quads, own = [], set()
            last = s
            value = s.value
            if value not in split:
                own.add(value)
        if s.value in split:
            later.append(q)
        else:
            quads.append(q)
    if quads or not total:
        check(quads, own)
    if later:
        check(later, split)
    return sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


def _problems(report, data: ox.Store) -> list[tuple[Problem, str]]:
    """Each violation of ``report`` as a problem, with its focus node (IRI or "")."""
    import rdflib

    sh = rdflib.Namespace(SH)
    problems = {}
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        if report.value(result, sh.resultSeverity) != sh.Violation:
            continue
        focus = report.value(result, sh.focusNode)
        message = report.value(result, sh.resultMessage) or "does not conform"
        where = _source_row(data, focus) or "graph"
        file, _, row = where.rpartition(":")
        problem = Problem(
            file or where,
            int(row) if row.isdigit() else None,
            _path(report, report.value(result, sh.resultPath)),
            f"{message} [{vocab.local_id(str(focus))}]",
        )
        problems[problem] = str(focus) if isinstance(focus, rdflib.URIRef) else ""
    ordered = sorted(problems, key=lambda p: (p.file, p.row or 0, p.column or "", p.message))
    return [(p, problems[p]) for p in ordered]


def _source_row(data: ox.Store, focus) -> str | None:
    """The ``gk:sourceRow`` of an entity (the smallest, if it has several)."""
    import rdflib

    if not isinstance(focus, rdflib.URIRef):
        return None
    rows = [q.object.value for q in data.quads_for_pattern(ox.NamedNode(focus), SOURCE_ROW, None)]
    return min(rows, default=None)


def _path(report, path) -> str | None:
    """A result path as a CURIE; an inverse path as ``^CURIE``."""
    import rdflib

    if isinstance(path, rdflib.BNode):
        inverse = report.value(path, rdflib.URIRef(SH + "inversePath"))
        return None if inverse is None else "^" + vocab.curie(str(inverse))
    return None if path is None else vocab.curie(str(path))
