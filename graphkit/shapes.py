"""SHACL validation of a built graph (pySHACL, shapes in ``ontology/shapes.ttl``).

Each violation is reported like a table error: the row the entity came from, the property,
the shape's message and the entity.

>>> import graphkit
>>> validate(graphkit.from_tables("data"))
[]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import vocab
from .ontology_files import ontology_path
from .tables import Problem

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

SH = vocab.PREFIXES["sh"]


def _rdflib_graph(kg: KnowledgeGraph, graphs: str):
    import pyoxigraph as ox
    import rdflib

    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {graphs} }}"
    data = kg.store.query(query).serialize(format=ox.RdfFormat.N_TRIPLES)
    g = rdflib.Graph()
    g.parse(data=data.decode("utf-8"), format="nt")
    return g


def validate(kg: KnowledgeGraph) -> list[Problem]:
    """Validate the data (with the thesaurus) against the shapes; return the violations.

    An empty list means the graph conforms.
    """
    import pyshacl
    import rdflib

    data = _rdflib_graph(
        kg,
        "{ ?s ?p ?o } UNION { GRAPH <https://w3id.org/graphkit/graph/themes> { ?s ?p ?o } }",
    )
    ontology = rdflib.Graph().parse(ontology_path("coop"), format="turtle")
    shapes = rdflib.Graph().parse(ontology_path("shapes"), format="turtle")
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none", allow_warnings=True
    )
    return _problems(report, data)


def _problems(report, data) -> list[Problem]:
    import rdflib

    sh = rdflib.Namespace(SH)
    row_of = rdflib.URIRef(vocab.GK + "sourceRow")
    problems = []
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        if report.value(result, sh.resultSeverity) != sh.Violation:
            continue
        focus = report.value(result, sh.focusNode)
        path = report.value(result, sh.resultPath)
        message = report.value(result, sh.resultMessage) or "does not conform"
        where = str(data.value(focus, row_of) or "graph")
        file, _, row = where.rpartition(":")
        entity = vocab.local_id(str(focus))
        problems.append(
            Problem(
                file or where,
                int(row) if row.isdigit() else None,
                vocab.curie(str(path)) if path is not None else None,
                f"{message} [{entity}]",
            )
        )
    return sorted(set(problems))
