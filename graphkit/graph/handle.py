"""The handle on one built graph: its store, SPARQL engine and names. The facade
(:mod:`graphkit.facade`) adds the views, matchers and pages on top of it.

>>> import graphkit
>>> kg = graphkit.from_tables("data")
>>> kg.resolve("moron")
'ar-moron'
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from graphkit.graph.names import Expect, NameIndex, WordIndex, WrongKindError
from graphkit.model import vocab
from graphkit.text.fold import normalise

if TYPE_CHECKING:
    import rdflib

    from graphkit.graph.cache_rows import RowSource


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
WORDS_KEY = "words of the names"  # the name index's WordIndex


def name_index(rows: RowSource) -> NameIndex:
    """The name index from the rows of the ``labels`` and ``types`` queries
    (:mod:`graphkit.graph.cache_rows`), whichever source answers them.

    >>> from graphkit.graph.cache_rows import SparqlRows
    >>> import graphkit
    >>> name_index(SparqlRows(graphkit.from_tables("tests/fixtures/mini"))).resolve("nanterre")
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
    rank_of: dict[tuple[str, str], int] = {}  # (property, language) -> the rank of a label
    # id -> (rank, label) of each of its labels, French labels first, so that
    # `names.labels` shows the French one; sorted per id (one sort of 170,000 labels took
    # over a second at S1).
    ranked: dict[str, list[tuple[int, str]]] = {}
    # (language, id) -> its rdfs:label there (untagged counts as French, after a tagged one)
    tagged: dict[tuple[str, str], tuple[int, str]] = {}
    cut_id, cut_theme = len(vocab.ID), len(vocab.THEME)
    for row in rows.rows("labels"):  # in any order: what is kept is ranked below
        s, p, label, lang = row["s"], row["p"], row["label"], row["lang"]
        if s.startswith(vocab.ID):
            eid = s[cut_id:]
        elif s.startswith(vocab.THEME):
            eid = s[cut_theme:]
        else:
            continue
        rank = rank_of.get((p, lang))
        if rank is None:
            rank = rank_of[p, lang] = property_rank.get(p, 2) * 3 + lang_rank.get(lang, 2)
        mine = ranked.get(eid)
        if mine is None:
            ranked[eid] = [(rank, label)]
        else:
            mine.append((rank, label))
        if p == vocab.RDFS_LABEL:
            key = (0 if lang else 1, label)
            best = tagged.get((lang or "fr", eid))
            if best is None or key < best:
                tagged[lang or "fr", eid] = key
    found: dict[str, list[str]] = {}
    for eid, labelled in ranked.items():
        if len(labelled) == 1:
            found[eid] = [labelled[0][1]]
        else:
            labelled.sort()
            found[eid] = list(dict.fromkeys([label for _, label in labelled]))
    by_lang: dict[str, dict[str, str]] = {}
    for (lang, eid), (_, label) in tagged.items():
        by_lang.setdefault(lang, {})[eid] = label
    priority = {e: priority.get(e, len(NAME_PRIORITY)) for e in found}
    return NameIndex(found, priority, by_lang, kinds, seated)


class Graph:
    """A built graph's handle: its store, SPARQL and names. The facade
    :class:`graphkit.KnowledgeGraph` adds views, matchers and pages on top.
    """

    def __init__(self, store: ox.Store, meta: dict | None = None, path: Path | None = None):
        self.store = store
        self.meta = meta or {}
        self.path = path
        self.version_dir: Path | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.path or 'in memory'}: {len(self.store)} quads>"

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
        from graphkit.graph.cache import cached
        from graphkit.graph.cache_rows import SparqlRows

        index = cached(self, NAMES_KEY, lambda: name_index(SparqlRows(self)), NameIndex, built=True)
        # Read only when a name is not found at once ("did you mean"): most commands never.
        index.words_from = lambda: cached(self, WORDS_KEY, index.word_index, WordIndex)
        return index

    def resolve(self, name: str, expect: Expect | None = None) -> str:
        """The id of the entity called ``name`` (id or any label, case and accents ignored),
        of a kind ``expect`` takes (see :mod:`graphkit.graph.names` for the rule).

        >>> from graphkit.graph.names import COUNTRY
        >>> import graphkit
        >>> kg = graphkit.from_tables("data")
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

    def rdflib(self) -> rdflib.Dataset:
        """An rdflib view of the same store (no copy), for code written against rdflib."""
        import rdflib
        from oxrdflib import OxigraphStore

        return rdflib.Dataset(store=OxigraphStore(store=self.store), default_union=True)
