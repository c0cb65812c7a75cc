"""Compare the caches a build computes from its quads with those read back through SPARQL."""

from __future__ import annotations

import graphkit
from graphkit import KnowledgeGraph
from graphkit.graph.cache_rows import QUERIES, QuadRows, SparqlRows, sort_rows
from graphkit.graph.handle import name_index
from graphkit.graph.names import NameIndex
from graphkit.match.features import Projection, project
from graphkit.match.scoring import projection


def names_content(index: NameIndex) -> dict:
    return {
        "labels": list(index.labels.items()),
        "priority": list(index.priority.items()),
        "by_lang": {lang: list(m.items()) for lang, m in sorted(index.by_lang.items())},
        "keys": list(index._by_key.items()),
    }


def projection_content(p: Projection) -> dict:
    return {
        "actors": p.actors,
        "kind": p.kind,
        "seat": p.seat_country,
        "features": p.features,
        "matrix": (p.matrix.indptr.tolist(), p.matrix.indices.tolist(), p.matrix.data.tolist()),
        "column_weight": p.column_weight.tolist(),
        "evidence": {cell: p.evidence[cell] for cell in p.evidence},
        "links": p.links,
        "partners": p.partners,
        "broader": p.broader,
        "regions_of": p.regions_of,
        "statement_actor_theme": p.statement_actor_theme,
    }


def same_rows(watch: QuadRows, kg: KnowledgeGraph) -> None:
    """Every query's rows, from the quads and by SPARQL, are the same (labels in any order)."""
    sparql = SparqlRows(kg)
    for name in QUERIES:
        mine, theirs = watch.rows(name), sparql.rows(name)
        assert sort_rows(mine) == sort_rows(theirs), name


def same_caches(path) -> None:
    """The caches the build at ``path`` left equal those computed from its store by SPARQL."""
    kg = graphkit.load(path)

    def no_sparql(*args, **kwargs):
        raise AssertionError("a cache was computed by SPARQL, not read from the build")

    kg.select = kg.query = no_sparql  # the caches must come from the build's files
    built_names, built = kg.names, projection(kg)
    fresh = KnowledgeGraph(kg.store)  # in memory: nothing read from the cache files
    assert names_content(built_names) == names_content(name_index(SparqlRows(fresh)))
    assert projection_content(built) == projection_content(project(fresh))
