"""The facade: :func:`load`, :func:`from_tables`, :func:`build` and
:class:`KnowledgeGraph`, the graph with its views, matchers and pages at hand.

It sits above every layer and imports downward, lazily (so that ``graphkit --help``
stays quick); no module below imports it.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> kg.match.peers("bordeaux", top=1).id.tolist()
['fr-aude']
"""

from __future__ import annotations

import os
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphkit.files.collector import paused_gc
from graphkit.graph.handle import NAMES_KEY, WORDS_KEY, Graph, name_index
from graphkit.graph.names import NameIndex, WordIndex
from graphkit.graph.store import DEFAULT_GRAPH_PATH, open_version

if TYPE_CHECKING:
    import networkx as nx

    from graphkit.tables import Dataset


class KnowledgeGraph(Graph):
    """A built graph (a :class:`~graphkit.graph.handle.Graph`) with its views, matchers
    and pages at hand. Open one with :func:`load`, :func:`from_tables` or :func:`build`.
    """

    # --- projections and other views ----------------------------------------------------
    def networkx(self) -> nx.MultiDiGraph:
        """Every resource as a node, every relation as an edge keyed by its predicate."""
        from graphkit.views import to_multidigraph

        return to_multidigraph(self)

    def simple_graph(self) -> nx.Graph:
        """An undirected simple graph between entities, statements folded into edges."""
        from graphkit.views import to_simple_graph

        return to_simple_graph(self)

    @property
    def match(self) -> _Matchers:
        """The matchers bound to this graph: ``kg.match.peers("bordeaux")``."""
        return _Matchers(self)

    def viz(self, **options):
        """An interactive page of this graph (see :func:`graphkit.viz.viz` for the options);
        it shows inline in Jupyter and has ``.save(path)``."""
        from graphkit.viz import viz

        return viz(self, **options)


class _Matchers:
    """Every function of :mod:`graphkit.match`, with this graph as first argument."""

    def __init__(self, kg: KnowledgeGraph):
        self._kg = kg

    def __getattr__(self, name: str):
        import functools

        from graphkit import match

        if name not in match.__all__ or name[0].isupper() or name == "load_weights":
            raise AttributeError(name)
        return functools.partial(getattr(match, name), self._kg)

    def __dir__(self) -> list[str]:
        from graphkit import match

        return [n for n in match.__all__ if n[0].islower() and n != "load_weights"]


def load(path: str | Path = DEFAULT_GRAPH_PATH) -> KnowledgeGraph:
    """Open the graph that ``graphkit build`` wrote to ``path`` (read-only).

    >>> kg = load("build/graph.ttl")
    """
    store, meta, folder, lock = open_version(path)
    kg = KnowledgeGraph(store, meta, Path(path))
    kg.version_dir = folder  # caches go with the version opened, whatever builds follow
    if lock is not None:  # the version is kept for as long as this graph is alive
        weakref.finalize(kg, os.close, lock)
    return kg


def from_tables(data_dir: str | Path = "data") -> KnowledgeGraph:
    """Check the tables in ``data_dir`` and build an in-memory graph (nothing is written).

    >>> kg = from_tables("data")
    """
    from graphkit.graph.to_rdf import data_quads, ontology_quads
    from graphkit.tables import load_tables

    store = ox.Store()
    store.extend(data_quads(load_tables(data_dir)))
    store.extend(ontology_quads())
    return KnowledgeGraph(store, {"triples": len(store)})


FORK_UP_TO = 2_000_000  # triples up to which the build makes its name index in a child


def build(
    data: str | Path | Dataset = "data", out: str | Path = DEFAULT_GRAPH_PATH, shacl: bool = False
) -> KnowledgeGraph:
    """Check the tables (a folder, or tables already checked), write the Turtle file and the
    store, and return the opened graph. With ``shacl``, the graph is validated against the
    shapes first. The name index and the matchers' projection are computed too and cached
    with the build, so that the first query is as quick as the next.

    Raises :class:`graphkit.tables.DataError` (nothing written) if the tables are invalid
    or, with ``shacl``, if the graph breaks a shape.

    >>> kg = build("data", "build/graph.ttl")
    """
    from graphkit.tables import Dataset, load_tables

    if not isinstance(data, Dataset):
        data = load_tables(data)
    rows = sum(len(records) for records in data.records.values())
    with paused_gc(rows <= GC_PAUSED_UP_TO):
        return _build(data, out, shacl)


# Rows up to which a build runs without the cyclic garbage collector: it makes millions of
# short-lived lists and dicts, and the collector's passes over everything alive took some
# 2 s of CPU at S1 (62,500 rows; 30 MB more at the peak without it). A world-scale build
# (587,000 rows) keeps it: its peak is near the 4 GB bound.
GC_PAUSED_UP_TO = 200_000


def _build(data: Dataset, out: str | Path, shacl: bool) -> KnowledgeGraph:
    import itertools

    from graphkit.graph.cache import cached, write_cache
    from graphkit.graph.cache_rows import QuadRows
    from graphkit.graph.forked import Forked
    from graphkit.graph.store import write_build
    from graphkit.graph.to_rdf import data_quads, ontology_quads, plain_triples
    from graphkit.match.scoring import projection
    from graphkit.match.weights import Weights
    from graphkit.tables import DataError

    if shacl:
        from graphkit.graph.shapes import validate

        scratch = ox.Store()
        scratch.extend(itertools.chain(data_quads(data), ontology_quads()))
        problems = validate(KnowledgeGraph(scratch))
        if problems:
            raise DataError(problems)
    # The caches are computed from the quads as they go into the store, not read back, and
    # while Oxigraph's bulk loader indexes them: the name index in a forked child (up to
    # FORK_UP_TO triples), the projection here (it reads only the rows, not the index).
    watch = QuadRows()
    weights = Weights()
    key = f"projection {weights!r}"  # scoring.projection's key: what a matcher reads first
    made: dict = {"triples": 0}

    def seen(chunk: list) -> None:
        made["triples"] += len(chunk)
        watch.watch_plain(chunk)

    def meanwhile(version: Path, build_id: str):
        def names() -> None:
            index = name_index(watch)
            write_cache(version, build_id, NAMES_KEY, index)
            write_cache(version, build_id, WORDS_KEY, index.word_index())  # "did you mean"

        # A child's copy-on-write pages add up: at world scale (6.1 M triples) the two
        # processes held 5.5 GB together, so a graph that large makes its index here.
        made["names"] = Forked(names, run_here=made["triples"] > FORK_UP_TO)

        def during() -> None:
            scratch = KnowledgeGraph(ox.Store())
            scratch.__dict__["names"] = NameIndex({})  # its labels are not in the cache
            made["projection"] = projection(scratch, weights, rows=watch)
            write_cache(version, build_id, key, made["projection"])
            if not made["names"].wait():  # said on stderr by the child: made here instead
                names()

        return during

    try:
        write_build(
            plain_triples(data),
            out,
            meanwhile=meanwhile,
            quads=watch.watch(ontology_quads()),
            seen=seen,
        )
    finally:
        if "names" in made:
            made["names"].stop()
    kg = load(out)
    names = cached(kg, NAMES_KEY, lambda: name_index(watch), NameIndex, built=True)
    cached(kg, WORDS_KEY, names.word_index, WordIndex)
    made["projection"].labels = names.by_lang
    kg.__dict__.setdefault("_cache", {})[key] = made["projection"]
    return kg
