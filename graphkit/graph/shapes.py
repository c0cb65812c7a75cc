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

from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphkit.graph.to_rdf import GRAPH_THEMES
from graphkit.model import vocab
from graphkit.model.ontology_files import ontology_path
from graphkit.tables import Problem

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

SH = vocab.PREFIXES["sh"]
SOURCE_ROW = ox.NamedNode(vocab.GK + "sourceRow")


def _data(kg: Graph) -> ox.Store:
    """The validated graph: the data and the thesaurus, with the ontology for the class
    hierarchy (``sh:class`` and ``sh:targetClass`` follow ``rdfs:subClassOf``)."""
    data = ox.Store()
    for graph in (ox.DefaultGraph(), GRAPH_THEMES):
        quads = kg.store.quads_for_pattern(None, None, None, graph)
        data.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
    data.bulk_load(path=str(ontology_path("coop")), format=ox.RdfFormat.TURTLE)
    return data


def validate(kg: Graph) -> list[Problem]:
    """Validate the data (with the thesaurus) against the shapes; return the violations.

    An empty list means the graph conforms.

    >>> import graphkit
    >>> validate(graphkit.from_tables("tests/fixtures/mini"))
    []
    """
    import pyshacl_turbo

    data = _data(kg)
    _, report, _ = pyshacl_turbo.validate(
        data, shacl_graph=str(ontology_path("shapes")), inference="none", allow_warnings=True
    )
    return _problems(report, data)


def _problems(report, data: ox.Store) -> list[Problem]:
    import rdflib

    sh = rdflib.Namespace(SH)
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        if report.value(result, sh.resultSeverity) != sh.Violation:
            continue
        focus = report.value(result, sh.focusNode)
        message = report.value(result, sh.resultMessage) or "does not conform"
        where = _source_row(data, focus) or "graph"
        file, _, row = where.rpartition(":")
        problems.append(
            Problem(
                file or where,
                int(row) if row.isdigit() else None,
                _path(report, report.value(result, sh.resultPath)),
                f"{message} [{vocab.local_id(str(focus))}]",
            )
        )
    return sorted(set(problems), key=lambda p: (p.file, p.row or 0, p.column or "", p.message))


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
