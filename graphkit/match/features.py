"""The matchers' projection: an actor × feature sparse matrix, built from SPARQL SELECTs.

A feature is something two actors can share: a theme (``theme:eau``), a country or
macro-region of cooperation (``country:country-ar``, ``region:mr-cone-sud``), a group, a
network, an event. Each cell holds how strongly the actor holds it (status-weighted, see
:mod:`graphkit.match.weights`) and every cell keeps the evidence behind it, so that every
score can be explained. Built only from the rows of SELECT queries, so the same code
serves the embedded store, a remote endpoint and a build's own quads.

>>> import graphkit
>>> p = project(graphkit.from_tables("tests/fixtures/mini"))
>>> p.strength("fr-nanterre", "theme:participation-citoyenne")
1.0
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from graphkit.match.evidence import Evidence, EvidenceTable
from graphkit.match.weights import Weights
from graphkit.model import vocab

if TYPE_CHECKING:
    from graphkit.graph.cache_rows import RowSource
    from graphkit.graph.handle import Graph as Graph

# The label of an actor the sources do not name (data/README.md).
PLACEHOLDER = re.compile(r"\(\s*(non nommée?s?|sans nom)\s*\)\s*$", re.IGNORECASE)

ACTOR_KINDS = vocab.ACTOR_KINDS


@dataclass
class Projection:
    """What every matcher scores from: actors × features as one sparse matrix, with what
    the sentences need to say why (evidence, labels) and what must never be proposed
    (links). Made by :func:`project`, cached with the build (:func:`graphkit.match.scoring.projection`).

    Attributes
    ----------
    actors, features : list of str
        Row and column ids (``fr-bordeaux``; ``theme:eau``, ``country:country-ar``…);
        ``row`` and ``col`` map them back to their index.
    matrix : scipy.sparse.csr_matrix
        ``matrix[a, f]`` = how strongly actor a holds feature f, in [0, 1]: the status weight
        of the strongest fact that gives it (a broader theme, times ``hierarchy_decay``).
    column_weight : numpy.ndarray
        Per feature: its kind's weight × its rarity, ``log(1 + N / n_f)``.
    evidence : mapping
        (actor, feature) -> the facts behind it, strongest first (for the reasons).
    kind, seat_country, labels, links, partners, broader, regions_of
        Each actor's class and country; labels by language; pairs already linked; each
        actor's partners with the best status; the thesaurus' broader themes; the
        macro-regions of each country.
    statement_actor_theme : list of tuple
        (actor, theme, relation, statement) for every interest, expertise and partnership
        on a theme (the experts' evidence).
    weights : Weights
        The weights it was made with.

    Examples
    --------
    >>> import graphkit
    >>> p = project(graphkit.from_tables("data"))
    >>> p.strength("fr-bordeaux", "country:country-mx"), p.strength("fr-bordeaux", "group:gp-mexique")
    (1.0, 0.25)
    """

    actors: list[str]
    kind: dict[str, str]
    seat_country: dict[str, str]
    labels: dict[str, dict[str, str]]  # language -> entity -> label
    features: list[str]
    matrix: sparse.csr_matrix  # actors × features, strengths in [0, 1]
    column_weight: np.ndarray  # kind weight × rarity, one per feature
    evidence: Mapping[tuple[str, str], list[Evidence]]  # strongest first
    links: set[frozenset[str]]  # pairs already linked (partnerships, introductions)
    partners: dict[str, dict[str, str]]  # actor -> partner actor -> best status
    broader: dict[str, list[str]]
    regions_of: dict[str, set[str]]  # country or macro-region id -> macro-regions containing it
    statement_actor_theme: list[tuple[str, str, str, str]] = field(default_factory=list)
    weights: Weights = field(default_factory=Weights)

    def __post_init__(self) -> None:
        self.row = {a: i for i, a in enumerate(self.actors)}
        self.col = {f: j for j, f in enumerate(self.features)}

    def to_plain(self) -> tuple[dict, dict[str, np.ndarray]]:
        """The projection as plain data: a JSON document and arrays (see :mod:`graphkit.graph.cache`).

        The labels are the name index's (``kg.names.by_lang``), cached with it: not twice.

        >>> import graphkit
        >>> p = project(graphkit.from_tables("tests/fixtures/mini"))
        >>> q = Projection.from_plain(*p.to_plain())
        >>> q.strength("fr-nanterre", "theme:participation-citoyenne"), q.links == p.links
        (1.0, True)
        """
        from graphkit.files.plain import pack_rows

        m = self.matrix.tocsr()
        arrays = {
            "matrix.data": m.data,
            "matrix.indices": m.indices,
            "matrix.indptr": m.indptr,
            "column_weight": np.asarray(self.column_weight, dtype=np.float64),
        }
        doc = {
            "actors": self.actors,
            "features": self.features,
            "shape": list(self.matrix.shape),
            "broader": self.broader,
            "regions_of": {k: sorted(v) for k, v in self.regions_of.items()},
            "weights": asdict(self.weights),
        }
        # Big tables of strings go as columns of codes: JSON rows were slow to parse.
        tables = {
            "kind": (list(self.kind.items()), 2),
            "seat_country": (list(self.seat_country.items()), 2),
            "links": ([(min(pair), max(pair)) for pair in self.links], 2),
            "partners": ([(a, b, s) for a, p in self.partners.items() for b, s in p.items()], 3),
            "statement_actor_theme": (self.statement_actor_theme, 4),
        }
        for name, (rows, width) in tables.items():
            doc[name], packed = pack_rows(rows, width, name)
            arrays |= packed
        return doc, arrays | self.evidence.to_plain("evidence")

    @classmethod
    def from_plain(cls, doc: dict, arrays) -> Projection:
        """The projection written by :meth:`to_plain` (without labels, set by the caller)."""
        actors, features = doc["actors"], doc["features"]
        shape = tuple(doc["shape"])
        if shape != (len(actors), len(features)):
            raise ValueError("a matrix of another shape than its actors and features")
        matrix = sparse.csr_matrix(
            (arrays["matrix.data"], arrays["matrix.indices"], arrays["matrix.indptr"]), shape
        )
        matrix.check_format(full_check=True)
        column_weight = arrays["column_weight"]
        if column_weight.shape != (len(features),):
            raise ValueError("column weights of another length than the features")
        from graphkit.files.plain import unpack_rows

        partners: dict[str, dict[str, str]] = {}
        for a, b, status in unpack_rows(doc["partners"], arrays, "partners"):
            partners.setdefault(a, {})[b] = status
        return cls(
            actors=actors,
            kind=dict(unpack_rows(doc["kind"], arrays, "kind")),
            seat_country=dict(unpack_rows(doc["seat_country"], arrays, "seat_country")),
            labels={},
            features=features,
            matrix=matrix,
            column_weight=column_weight,
            evidence=EvidenceTable.from_plain(arrays, actors, features, "evidence"),
            links={frozenset(pair) for pair in unpack_rows(doc["links"], arrays, "links")},
            partners=partners,
            broader=doc["broader"],
            regions_of={k: set(v) for k, v in doc["regions_of"].items()},
            statement_actor_theme=unpack_rows(
                doc["statement_actor_theme"], arrays, "statement_actor_theme"
            ),
            weights=Weights(**doc["weights"]),
        )

    def strength(self, actor: str, feature: str) -> float:
        """How strongly ``actor`` holds ``feature`` (0 if not at all)."""
        if actor not in self.row or feature not in self.col:
            return 0.0
        return float(self.matrix[self.row[actor], self.col[feature]])

    def label(self, entity: str, lang: str = "fr") -> str:
        """The label of an entity in ``lang``, else French, else its id."""
        memo = self.__dict__.setdefault("_label_memo", {})
        key = (entity, lang)
        if key in memo:
            return memo[key]
        for language in (lang, "fr", *self.labels):
            found = self.labels.get(language, {}).get(entity)
            if found:
                memo[key] = found
                return found
        memo[key] = entity
        return entity

    def of_kind(self, *kinds: str) -> list[str]:
        """Actor ids of the given kinds, sorted; never a placeholder (:meth:`is_placeholder`).

        Kept per kinds: every matcher asks for the French authorities, some several times.
        """
        memo = self.__dict__.setdefault("_of_kind", {})
        key = frozenset(kinds)
        if key not in memo:
            memo[key] = sorted(
                a for a in self.actors if self.kind[a] in key and not self.is_placeholder(a)
            )
        return list(memo[key])

    def is_placeholder(self, actor: str) -> bool:
        """True for an actor the sources mention without naming it, whose French label ends
        "(non nommé)" / "(non nommée)" (data/README.md): it holds facts, but no matcher ever
        suggests it.

        >>> import graphkit
        >>> from graphkit.match.scoring import projection
        >>> projection(graphkit.from_tables("data")).is_placeholder(
        ...     "fr-cap-nord-commune-membre-non-nommee")
        True
        """
        return bool(PLACEHOLDER.search(self.label(actor, "fr")))

    def linked(self, a: str, b: str) -> bool:
        """True if a partnership or a recorded introduction already links a and b."""
        return frozenset((a, b)) in self.links


_ID, _CUT = vocab.ID, len(vocab.ID)


def _id(value: str | None) -> str | None:
    if value and value.startswith(_ID):  # nearly every value: its id without a lookup
        return value[_CUT:]
    return vocab.local_id(value) if value else None


def _strongest(e: Evidence) -> tuple[float, str]:
    return (-e.strength, e.via)


def _status(value: str | None) -> str:
    return vocab.TABLE_VALUE.get(vocab.curie(value), "active") if value else "active"


def _theme_tree(source: RowSource) -> dict[str, list[str]]:
    rows = source.rows("theme_tree")
    broader: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        broader[_id(r["t"])].append(_id(r["b"]))
    return {t: sorted(b) for t, b in broader.items()}


def rarity(matrix: sparse.csr_matrix, weights: Weights) -> np.ndarray:
    """How rare each feature (column) is: log(1 + actors / actors holding it), or 1s if
    ``weights.idf`` is off.

    >>> rarity(sparse.csr_matrix([[1.0, 1.0], [0.0, 1.0]]), Weights()).round(3).tolist()
    [1.099, 0.693]
    """
    holders = np.asarray((matrix > 0).sum(axis=0)).ravel()
    n = max(1, int((np.asarray((matrix > 0).sum(axis=1)).ravel() > 0).sum()))
    return np.log1p(n / np.maximum(holders, 1)) if weights.idf else np.ones(matrix.shape[1])


def ancestors(theme: str, broader: dict[str, list[str]]) -> list[tuple[str, int]]:
    """Every broader theme of ``theme`` with its distance, nearest first.

    >>> ancestors("foret", {"foret": ["biodiversite"], "biodiversite": ["environnement"]})
    [('biodiversite', 1), ('environnement', 2)]
    """
    out, frontier, seen = [], [(theme, 0)], {theme}
    while frontier:
        current, depth = frontier.pop(0)
        for parent in broader.get(current, []):
            if parent not in seen:
                seen.add(parent)
                out.append((parent, depth + 1))
                frontier.append((parent, depth + 1))
    return out


def project(kg: Graph, weights: Weights | None = None, rows: RowSource | None = None) -> Projection:
    """Build the projection of ``kg`` used by every matcher, from the rows of the queries in
    :mod:`graphkit.graph.cache_rows`: by SPARQL on ``kg`` unless ``rows`` answers them (a build
    passes the quads it made)."""
    from graphkit.graph.cache_rows import SparqlRows

    w = weights or Weights()
    rows = rows or SparqlRows(kg)
    actor_rows = rows.rows("actors")
    kind = {_id(r["a"]): vocab.curie(r["type"]).split(":")[1] for r in actor_rows}
    seat = {_id(r["a"]): _id(r["country"]) for r in actor_rows if r["country"]}
    labels = kg.names.by_lang  # read with the name index: the same scan of every label
    broader = _theme_tree(rows)
    regions_of: dict[str, set[str]] = defaultdict(set)
    for r in rows.rows("regions"):
        regions_of[_id(r["c"])].add(_id(r["m"]))

    facts: dict[tuple[str, str], list[Evidence]] = defaultdict(list)

    def add(actor: str, feature: str, ev: Evidence) -> None:
        if actor in kind:
            facts[(actor, feature)].append(ev)

    # Interests and expertise: themes and territories an actor states.
    statements = rows.rows("statements")
    actor_theme = []
    for r in statements:
        relation = "interest" if r["type"].endswith("Interest") else "expertise"
        strength = w.interest if relation == "interest" else w.expertise
        a, st = _id(r["a"]), _id(r["st"])
        if r["t"]:
            add(a, f"theme:{_id(r['t'])}", Evidence(relation, st, "active", strength))
            actor_theme.append((a, _id(r["t"]), relation, st))
        if r["place"]:
            place_kind = "region" if r["placetype"].endswith("MacroRegion") else "country"
            if r["placetype"].endswith(("Country", "MacroRegion")):
                add(
                    a, f"{place_kind}:{_id(r['place'])}", Evidence(relation, st, "active", strength)
                )

    # Partnerships: themes, countries (listed and the partners' own), partners. Plain scans
    # joined here: one query with nested OPTIONALs made a row per theme × country ×
    # party and took 4 s on a national graph.
    status_of = {_id(r["p"]): _status(r["s"]) for r in rows.rows("partnership_status")}
    parties: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for r in rows.rows("parties"):  # introductions have parties too
        p = _id(r["p"])
        if p in status_of:
            parties[p].append((_id(r["a"]), status_of[p]))
    about: dict[str, dict[str, list[str]]] = {
        "theme": defaultdict(list),
        "country": defaultdict(list),
    }
    for prop in about:
        for r in rows.rows(f"partnership_{prop}"):
            about[prop][_id(r["p"])].append(_id(r["x"]))
    links: set[frozenset[str]] = set()
    partners: dict[str, dict[str, str]] = defaultdict(dict)
    for p, members in parties.items():
        for a, status in members:
            strength = w.status.get(status, 1.0)
            ev = Evidence("partnership", p, status, strength)
            for t in about["theme"].get(p, []):
                add(a, f"theme:{t}", ev)
                actor_theme.append((a, t, "partnership", p))
            others = [o for o, _ in members if o != a]
            countries = about["country"].get(p, []) + [seat[o] for o in others if o in seat]
            for country in dict.fromkeys(countries):
                if country != seat.get(a):
                    add(a, f"country:{country}", ev)
            for other in others:
                links.add(frozenset((a, other)))
                best = partners[a].get(other)
                if best is None or w.status.get(status, 1) > w.status.get(best, 1):
                    partners[a][other] = status
    for r in rows.rows("introductions"):
        links.add(frozenset((_id(r["a"]), _id(r["b"]))))

    # Memberships of groups and networks; participations in events.
    for r in rows.rows("memberships"):
        status = _status(r["status"])
        feature = "network" if r["otype"].endswith("Network") else "group"
        ev = Evidence("membership", _id(r["m"]), status, w.status.get(status, 1.0))
        add(_id(r["a"]), f"{feature}:{_id(r['o'])}", ev)
    for r in rows.rows("participations"):
        status = _status(r["status"])
        ev = Evidence("participation", _id(r["x"]), status, w.status.get(status, 1.0))
        add(_id(r["a"]), f"event:{_id(r['e'])}", ev)

    # Derived features: broader themes (decayed) and the macro-regions of countries.
    for (a, feature), evs in list(facts.items()):
        # The strongest fact's status, not the first row's: rows come in the store's order.
        top = max(evs, key=lambda e: (e.strength, e.status))
        best, status = top.strength, top.status
        name = feature.split(":", 1)[1]
        if feature.startswith("theme:"):
            for parent, depth in ancestors(name, broader):
                ev = Evidence("broader", name, status, best * w.hierarchy_decay**depth)
                facts[(a, f"theme:{parent}")].append(ev)
        elif feature.startswith("country:"):
            for region in sorted(regions_of.get(name, ())):
                facts[(a, f"region:{region}")].append(Evidence("country", name, status, best))

    actors = sorted(kind)
    features = sorted({f for _, f in facts})
    row = {a: i for i, a in enumerate(actors)}
    col = {f: j for j, f in enumerate(features)}
    data, rows, cols = [], [], []
    for (a, f), evs in facts.items():
        rows.append(row[a])
        cols.append(col[f])
        data.append(max(e.strength for e in evs))
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(actors), len(features)))
    kind_weight = np.array([getattr(w, f.split(":", 1)[0]) for f in features], dtype=float)
    return Projection(
        actors=actors,
        kind=kind,
        seat_country=seat,
        labels=dict(labels),
        features=features,
        matrix=matrix,
        column_weight=kind_weight * rarity(matrix, w),
        evidence=EvidenceTable.from_cells(
            {k: v if len(v) == 1 else sorted(v, key=_strongest) for k, v in facts.items()},
            actors,
            features,
        ),
        links=links,
        partners={a: dict(sorted(p.items())) for a, p in partners.items()},
        broader=broader,
        regions_of=dict(regions_of),
        statement_actor_theme=sorted(actor_theme),
        weights=w,
    )
