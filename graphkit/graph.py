"""The graph object: one built knowledge graph, its SPARQL engine, names and projections.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> kg.resolve("moron")
'ar-moron'
"""

from __future__ import annotations

import os
import weakref
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from . import vocab
from .names import Expect, NameIndex, WrongKindError, normalise
from .store import DEFAULT_GRAPH_PATH, open_version

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from .cache_rows import RowSource
    from .tables import Dataset


# When one name fits several entities ("Morón" the authority and "Morón" the city), the
# first kind in this order wins; the others stay reachable by their ids.
NAME_PRIORITY = {
    f"gk:{kind}": rank
    for rank, kinds in enumerate(
        [
            ("FrenchAuthority", "ForeignAuthority", "Network", "Embassy", "Organisation"),
            ("CountryGroup", "ThematicGroup", "Programme", "Event"),
            ("Country", "Subdivision", "City", "MacroRegion"),
        ]
    )
    for kind in kinds
}
NAME_PRIORITY["skos:Concept"] = 1
NAME_PRIORITY["foaf:Person"] = 3


def term_value(term: Any) -> str | None:
    """The plain value of a pyoxigraph term (IRI string, literal lexical form), or None."""
    return None if term is None else term.value


NAMES_KEY = "names"


def name_index(rows: RowSource) -> NameIndex:
    """The name index from the rows of the ``labels`` and ``types`` queries
    (:mod:`graphkit.cache_rows`), whichever source answers them.

    >>> from graphkit.cache_rows import SparqlRows
    >>> name_index(SparqlRows(from_tables("tests/fixtures/mini"))).resolve("nanterre")
    'fr-nanterre'
    """
    priority: dict[str, int] = {}
    kinds: dict[str, str] = {}
    for row in rows.rows("types"):
        curie = vocab.curie(row["type"])
        rank = NAME_PRIORITY[curie]
        eid = vocab.local_id(row["s"])
        if rank < priority.get(eid, len(NAME_PRIORITY)):
            kinds[eid] = curie.split(":", 1)[1]
        priority[eid] = min(priority.get(eid, rank), rank)
    # A town or province -> the actors seated there ("Nice" where an actor is expected).
    seated: dict[str, list[str]] = {}
    for row in rows.rows("seated"):
        place, actor = vocab.local_id(row["place"]), vocab.local_id(row["a"])
        seated.setdefault(place, []).append(actor)
    property_rank = {vocab.SKOS_PREF: 0, vocab.RDFS_LABEL: 0, vocab.FOAF_NAME: 1}
    lang_rank = {"fr": 0, "": 1}
    ranked = []
    # id -> language -> its rdfs:label there (untagged counts as French, after a tagged one)
    tagged: dict[str, dict[str, tuple[int, str]]] = {}
    for row in rows.rows("labels"):  # in any order: what is kept is ranked below
        s, p, label, lang = row["s"], row["p"], row["label"], row["lang"]
        if not s.startswith((vocab.ID, vocab.THEME)):
            continue
        eid = s[len(vocab.ID) :] if s.startswith(vocab.ID) else s[len(vocab.THEME) :]
        ranked.append((property_rank.get(p, 2) * 3 + lang_rank.get(lang, 2), label, eid))
        if p == vocab.RDFS_LABEL:
            key = (0 if lang else 1, label)
            best = tagged.setdefault(eid, {}).get(lang or "fr")
            if best is None or key < best:
                tagged[eid][lang or "fr"] = key
    found: dict[str, list[str]] = {}
    # French labels first, so that `names.labels` shows the French one.
    for _, label, eid in sorted(ranked):
        labels = found.setdefault(eid, [])
        if label not in labels:
            labels.append(label)
    by_lang: dict[str, dict[str, str]] = {}
    for eid, langs in tagged.items():
        for lang, (_, label) in langs.items():
            by_lang.setdefault(lang, {})[eid] = label
    priority = {e: priority.get(e, len(NAME_PRIORITY)) for e in found}
    return NameIndex(found, priority, by_lang, kinds, seated)


class KnowledgeGraph:
    """A built graph. Open one with :func:`graphkit.load` or :func:`graphkit.from_tables`."""

    def __init__(self, store: ox.Store, meta: dict | None = None, path: Path | None = None):
        self.store = store
        self.meta = meta or {}
        self.path = path
        self.version_dir: Path | None = None

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {self.path or 'in memory'}: {len(self.store)} quads>"

    # --- SPARQL -------------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        bindings: dict[str, ox.NamedNode | ox.Literal] | None = None,
        union: bool = True,
    ):
        """Run SPARQL over the union of the data, ontology and thesaurus graphs.

        Standard prefixes (``gk:``, ``skos:``, ``org:``…) are predeclared; ``bindings`` are
        substituted as RDF terms by the engine, never spliced into the text. With
        ``union=False`` the default graph is the data alone (use ``GRAPH`` for the others).
        """
        subs = {ox.Variable(k): v for k, v in (bindings or {}).items()}
        return self.store.query(
            sparql,
            prefixes=vocab.PREFIXES,
            use_default_graph_as_union=union,
            substitutions=subs or None,
        )

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, str | None]]:
        """Rows of a SELECT query as dicts of plain strings (None when unbound).

        >>> import graphkit
        >>> kg = graphkit.from_tables("data")
        >>> kg.select("SELECT ?x WHERE { ?x a gk:Network } ORDER BY ?x")[:1]
        [{'x': 'https://w3id.org/graphkit/id/net-al-las'}]
        """
        results = self.query(sparql, bindings)
        names = [v.value for v in results.variables]
        # A solution iterates its terms in variable order: twice as fast as row[name].
        return [
            dict(zip(names, [None if t is None else t.value for t in row], strict=True))
            for row in results
        ]

    # --- names --------------------------------------------------------------------------
    @cached_property
    def names(self) -> NameIndex:
        """Every id and label, to resolve names (cached with the build)."""
        from .cache import cached
        from .cache_rows import SparqlRows

        return cached(self, NAMES_KEY, lambda: name_index(SparqlRows(self)), NameIndex, built=True)

    def resolve(self, name: str, expect: Expect | None = None) -> str:
        """The id of the entity called ``name`` (id or any label, case and accents ignored),
        of a kind ``expect`` takes (see :mod:`graphkit.names` for the rule).

        >>> from graphkit.names import COUNTRY
        >>> kg = from_tables("data")
        >>> kg.resolve("NI", COUNTRY), kg.resolve("Brésil")
        ('country-ni', 'country-br')
        """
        try:
            return self.names.resolve(name, expect)
        except WrongKindError as err:
            if err.candidates or expect is None:
                raise
            # Nothing of the right kind is spelt alike: name those tied to it in the graph
            # ("peers Brésil" lists French authorities cooperating in Brazil).
            near = self._neighbours(err.entity, expect)
            listed = ", ".join(f"{self.label(e)} ({e})" for e in near)
            raise WrongKindError(
                f"{err}; {expect.plural} tied to it: {listed}" if near else str(err),
                [(e, self.label(e)) for e in near],
                err.entity,
            ) from None

    def _neighbours(self, entity_id: str, expect: Expect, n: int = 5) -> list[str]:
        """Entities of the expected kinds one or two relations away from ``entity_id``."""
        types = " ".join(f"gk:{k}" for k in sorted(expect.kinds) if k != "Concept")
        if "Concept" in expect.kinds:
            types += " skos:Concept"
        rows = self.select(
            f"""SELECT DISTINCT ?x ?e WHERE {{ VALUES ?t {{ {types} }}
                 {{ ?x ?p ?e }} UNION {{ ?e ?p ?x }} UNION {{ ?x ?p ?m . ?m ?q ?e }}
                 UNION {{ ?m ?p ?x . ?m ?q ?e }} ?x a ?t }} LIMIT 200""",
            e=ox.NamedNode(self.iri(entity_id)),
        )
        # Only the thesaurus' concepts are themes (actor types are concepts too).
        found = {
            vocab.local_id(r["x"])
            for r in rows
            if r["x"].startswith((vocab.ID, vocab.THEME))
            and (r["x"].startswith(vocab.THEME) or "Concept" not in expect.kinds)
        } - {entity_id}
        return sorted(found, key=lambda e: (normalise(self.label(e)), e))[:n]

    def iri(self, entity_id: str) -> str:
        """The IRI of an entity id (themes live in their own namespace)."""
        data_iri = vocab.iri(entity_id)
        return data_iri if self._has(data_iri) else vocab.theme_iri(entity_id)

    def _has(self, iri: str) -> bool:
        return next(self.store.quads_for_pattern(ox.NamedNode(iri), None, None), None) is not None

    def label(self, entity_id: str) -> str:
        """The French label of an entity (its id if it has none)."""
        return self.names.labels.get(entity_id, entity_id)

    # --- projections and other views ----------------------------------------------------
    def networkx(self) -> nx.MultiDiGraph:
        """Every resource as a node, every relation as an edge keyed by its predicate."""
        from .views import to_multidigraph

        return to_multidigraph(self)

    def simple_graph(self) -> nx.Graph:
        """An undirected simple graph between entities, statements folded into edges."""
        from .views import to_simple_graph

        return to_simple_graph(self)

    @property
    def match(self) -> _Matchers:
        """The matchers bound to this graph: ``kg.match.peers("bordeaux")``."""
        return _Matchers(self)

    def viz(self, **options):
        """An interactive page of this graph (see :func:`graphkit.viz.viz` for the options);
        it shows inline in Jupyter and has ``.save(path)``."""
        from .viz import viz

        return viz(self, **options)

    def rdflib(self) -> rdflib.Dataset:
        """An rdflib view of the same store (no copy), for code written against rdflib."""
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=True)


class _Matchers:
    """Every function of :mod:`graphkit.match`, with this graph as first argument."""

    def __init__(self, kg: KnowledgeGraph):
        self._kg = kg

    def __getattr__(self, name: str):
        import functools

        from . import match

        if name not in match.__all__ or name[0].isupper() or name == "load_weights":
            raise AttributeError(name)
        return functools.partial(getattr(match, name), self._kg)

    def __dir__(self) -> list[str]:
        from . import match

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
    from .tables import load_tables
    from .to_rdf import data_quads, ontology_quads

    store = ox.Store()
    store.extend(data_quads(load_tables(data_dir)))
    store.extend(ontology_quads())
    return KnowledgeGraph(store, {"triples": len(store)})


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
    import itertools

    from .cache import cached
    from .cache_rows import QuadRows
    from .match.features import Projection
    from .match.scoring import projection
    from .match.weights import Weights
    from .store import write_build
    from .tables import DataError, Dataset, load_tables
    from .to_rdf import data_quads, ontology_quads

    if not isinstance(data, Dataset):
        data = load_tables(data)
    if shacl:
        from .shapes import validate

        scratch = ox.Store()
        scratch.extend(itertools.chain(data_quads(data), ontology_quads()))
        problems = validate(KnowledgeGraph(scratch))
        if problems:
            raise DataError(problems)
    # The caches are computed from the quads as they go into the store, not read back, and
    # while Oxigraph's bulk loader (which leaves Python free) indexes them.
    watch = QuadRows()
    made: dict = {}

    def caches() -> None:
        scratch = KnowledgeGraph(ox.Store())
        scratch.__dict__["names"] = made["names"] = name_index(watch)
        made["projection"] = projection(scratch, weights, rows=watch)

    weights = Weights()
    write_build(
        watch.watch(itertools.chain(data_quads(data), ontology_quads())), out, meanwhile=caches
    )
    kg = load(out)
    kg.__dict__["_building"] = True  # the caches are missing because they are made now
    cached(kg, NAMES_KEY, lambda: made["names"], NameIndex, built=True)
    # scoring.projection's key: what a matcher reads first
    cached(kg, f"projection {weights!r}", lambda: made["projection"], Projection, built=True)
    del kg.__dict__["_building"]
    return kg
