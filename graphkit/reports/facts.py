"""What the reports say, read from the graph in a few SELECT queries.

Every fact (partnership, interest, expertise, membership, participation) with its actors,
places, themes, years, status and source; labels in every language; places and the regions
that contain them; embassies' coverage; programmes, events and sources. Reports select and
lay out these facts; they never score (scores come from :mod:`graphkit.match`).

>>> import graphkit
>>> f = gather(graphkit.from_tables("data"), "en")
>>> f.label("ar-moron")
'City of Morón'
>>> [x.status for x in f.facts if x.id == "pship-nanterre-moron"]
['stand-by']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from graphkit.model import vocab
from graphkit.text.i18n import say

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

FACT_TYPES = {
    "gk:Partnership": "partnership",
    "gk:Interest": "interest",
    "gk:Expertise": "expertise",
    "org:Membership": "membership",
    "gk:Participation": "participation",
}
ACTOR_KINDS, AUTHORITIES = vocab.ACTOR_KINDS, vocab.AUTHORITY_KINDS


@dataclass(frozen=True)
class Fact:
    """One statement node of the graph, flattened (ids are table ids)."""

    id: str
    kind: str  # partnership, interest, expertise, membership, participation
    actors: tuple[str, ...]  # parties, the stating actor, the member, the participant
    target: str | None = None  # the organisation of a membership, the event of a participation
    countries: tuple[str, ...] = ()  # stated countries, and the territory of a statement
    territory: str | None = None
    themes: tuple[str, ...] = ()
    status: str = ""  # table value (active, stand-by…); empty for interests and expertise
    detail: str | None = None  # partnership kind or role, as a CURIE (gk:Twinning)
    start: str | None = None
    end: str | None = None
    source: str | None = None
    row: str | None = None
    speaker: str | None = None
    reading: bool = False  # an interpretation of vague words (gk:interpretation)
    note: str | None = None


@dataclass
class Facts:
    """Everything a report needs, with lookups in the report's language."""

    lang: str
    facts: list[Fact]
    labels: dict[str, dict[str, str]]
    kind: dict[str, str]  # entity id -> main class local name (FrenchAuthority, Country…)
    seat: dict[str, str]  # actor id -> country id
    within: dict[str, set[str]]  # place id -> every place containing it
    coverage: dict[str, set[str]]  # embassy id -> territories its regional support covers
    represents: dict[str, str]  # embassy id -> the country it represents
    broader: dict[str, list[str]]  # theme id -> broader theme ids
    themes: list[str]  # thesaurus order: depth first from the top concepts
    programmes: list[dict]
    groups: dict[str, dict]  # group id -> territories, themes, status
    events: dict[str, dict]
    sources: dict[str, dict]
    people: dict[str, str]
    notes: list[tuple[str, str]] = field(default_factory=list)  # (node id, editorial note)

    def label(self, entity: str | None, lang: str | None = None) -> str:
        """The label of an entity in the report's language, else French, else its id."""
        if not entity:
            return ""
        found = self.labels.get(entity, {})
        return found.get(lang or self.lang) or found.get("fr") or next(iter(found.values()), entity)

    def labels_of(self, ids) -> list[str]:
        return [self.label(i) for i in ids]

    def status(self, value: str) -> str:
        return say(f"status.{value}", self.lang, otherwise=value) if value else ""

    def of_kind(self, *kinds: str) -> list[str]:
        """Entity ids of the given kinds, sorted by label."""
        return sorted((e for e, k in self.kind.items() if k in kinds), key=self.sort_key)

    def sort_key(self, entity: str) -> tuple[str, str]:
        from graphkit.text.fold import normalise

        return (normalise(self.label(entity)), entity)

    # --- places ---------------------------------------------------------------------
    def countries_in(self, place: str) -> set[str]:
        """The countries a place stands for: itself for a country, those inside a region."""
        if self.kind.get(place) == "Country":
            return {place}
        return {c for c, up in self.within.items() if place in up and self.kind.get(c) == "Country"}

    def fact_countries(self, fact: Fact) -> set[str]:
        """Countries a fact takes place in: stated, its territory's, its foreign parties' seats."""
        found = set(fact.countries)
        if fact.territory:
            found |= self.countries_in(fact.territory)
        for a in fact.actors:
            if self.kind.get(a) == "ForeignAuthority" and a in self.seat:
                found.add(self.seat[a])
        return found

    @property
    def home(self) -> set[str]:
        """The countries the French authorities sit in."""
        return {self.seat[a] for a in self.of_kind("FrenchAuthority") if a in self.seat}

    def fact_places(self, fact: Fact) -> set[str]:
        """Where a fact takes place, as stated: its countries, its territory, its group's
        territories, its foreign parties' seats (a region stays a region)."""
        found = set(fact.countries) | ({fact.territory} if fact.territory else set())
        if fact.kind == "membership" and fact.target in self.groups:
            found |= self.groups[fact.target]["territories"]
        for a in fact.actors:
            if self.kind.get(a) == "ForeignAuthority" and a in self.seat:
                found.add(self.seat[a])
        return found

    def embassies_for(self, countries: set[str]) -> dict[str, set[str]]:
        """Embassy id -> the countries (of ``countries``) it covers or represents."""
        found: dict[str, set[str]] = defaultdict(set)
        for embassy, territories in self.coverage.items():
            for c in countries:
                if territories & ({c} | self.within.get(c, set())):
                    found[embassy].add(c)
        for embassy, c in self.represents.items():  # a partner country's embassy in France
            if c in countries and c not in self.home and self.seat.get(embassy) in self.home:
                found[embassy].add(c)
        return dict(found)

    # --- themes ---------------------------------------------------------------------
    def narrower_or_same(self, theme: str) -> set[str]:
        """The theme and every theme under it."""
        out = {theme}
        changed = True
        while changed:
            more = {t for t, ups in self.broader.items() if set(ups) & out} - out
            changed = bool(more)
            out |= more
        return out

    def theme_path(self, theme: str) -> str:
        """'Écologie et environnement › Déchets': the theme under its broader themes."""
        path, current = [theme], theme
        while self.broader.get(current):
            current = self.broader[current][0]
            path.insert(0, current)
        return " › ".join(self.label(t) for t in path)

    def parties(self, fact: Fact) -> tuple[list[str], list[str]]:
        """Who a fact is about (French authorities first) and who they do it with."""
        french = [a for a in fact.actors if self.kind.get(a) == "FrenchAuthority"]
        if not french:
            french = [a for a in fact.actors if self.kind.get(a) != "ForeignAuthority"]
        lead = french or list(fact.actors[:1])
        return lead, [a for a in fact.actors if a not in lead]


def _id(value: str | None) -> str | None:
    return vocab.local_id(value) if value else None


def _labels(kg: Graph) -> dict[str, dict[str, str]]:
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    rows = kg.select(
        "SELECT ?s ?l (LANG(?l) AS ?lang) WHERE { ?s rdfs:label|skos:prefLabel ?l "
        "FILTER(STRSTARTS(STR(?s), STR(gkd:)) || STRSTARTS(STR(?s), STR(gkt:)) "
        "|| STRSTARTS(STR(?s), STR(gk:))) }"
    )
    for r in sorted(rows, key=lambda r: (r["s"], r["lang"] or "", r["l"])):
        labels[_id(r["s"])].setdefault(r["lang"] or "fr", r["l"])
    for r in kg.select("SELECT ?s ?n WHERE { ?s a foaf:Person ; foaf:name ?n }"):
        labels[_id(r["s"])].setdefault("fr", r["n"])
    return dict(labels)


def _facts(kg: Graph) -> tuple[list[Fact], list[tuple[str, str]]]:
    rows = kg.select(
        """SELECT ?s ?type ?p ?o WHERE {
             VALUES ?type { gk:Partnership gk:Interest gk:Expertise org:Membership gk:Participation }
             ?s a ?type ; ?p ?o }"""
    )
    nodes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        node = nodes[_id(r["s"])]
        node["type"] = [FACT_TYPES[vocab.curie(r["type"])]]
        node[vocab.curie(r["p"])].append(r["o"])
    facts = []
    for sid, n in sorted(nodes.items()):
        kind = n["type"][0]
        actors = n.get("gk:party") or n.get("gk:actor") or n.get("org:member") or []
        target = (n.get("org:organization") or n.get("gk:event") or [None])[0]
        territory = _id((n.get("gk:territory") or [None])[0])
        status = (n.get("gk:status") or [None])[0]
        detail = (n.get("gk:partnershipKind") or n.get("org:role") or [None])[0]
        year = (n.get("gk:year") or [None])[0]
        facts.append(
            Fact(
                id=sid,
                kind=kind,
                actors=tuple(sorted(_id(a) for a in actors)),
                target=_id(target),
                countries=tuple(sorted(_id(c) for c in n.get("gk:country", []))),
                territory=territory,
                themes=tuple(sorted(_id(t) for t in n.get("gk:theme", []))),
                status=vocab.TABLE_VALUE.get(vocab.curie(status), "") if status else "",
                detail=vocab.curie(detail) if detail else None,
                start=(n.get("gk:startYear") or [year])[0],
                end=(n.get("gk:endYear") or [None])[0],
                source=_id((n.get("prov:wasDerivedFrom") or [None])[0]),
                row=(n.get("gk:sourceRow") or [None])[0],
                speaker=_id((n.get("prov:wasAttributedTo") or [None])[0]),
                reading=(n.get("gk:interpretation") or ["false"])[0] == "true",
                note=(n.get("skos:editorialNote") or [None])[0],
            )
        )
    notes = [
        (_id(r["s"]), r["note"])
        for r in kg.select(
            "SELECT ?s ?note WHERE { ?s skos:editorialNote ?note "
            "FILTER(STRSTARTS(STR(?s), STR(gkd:))) } ORDER BY ?s ?note"
        )
    ]
    return facts, notes


def _theme_order(kg: Graph) -> tuple[dict[str, list[str]], list[str]]:
    rows = kg.select(
        "SELECT ?t ?b WHERE { ?t skos:inScheme gkt:scheme OPTIONAL { ?t skos:broader ?b } }"
    )
    broader: dict[str, list[str]] = defaultdict(list)
    every = set()
    for r in rows:
        every.add(_id(r["t"]))
        if r["b"]:
            broader[_id(r["t"])].append(_id(r["b"]))
    children: dict[str | None, list[str]] = defaultdict(list)
    for t in sorted(every):
        for parent in broader.get(t) or [None]:
            children[parent].append(t)
    order: list[str] = []

    def walk(parent: str | None) -> None:
        for t in children.get(parent, []):
            if t not in order:
                order.append(t)
                walk(t)

    walk(None)
    return {t: sorted(b) for t, b in broader.items()}, order


def gather(kg: Graph, lang: str = "fr") -> Facts:
    """Read every fact and lookup a report needs from ``kg``; labels in ``lang``."""
    kind = {}
    for r in kg.select(
        """SELECT ?s ?type WHERE {
             VALUES ?type { gk:FrenchAuthority gk:ForeignAuthority gk:Network gk:Embassy
                            gk:Organisation gk:Country gk:Subdivision gk:City gk:MacroRegion
                            gk:CountryGroup gk:ThematicGroup gk:Programme gk:Event }
             ?s a ?type }"""
    ):
        kind[_id(r["s"])] = vocab.curie(r["type"]).split(":", 1)[1]
    seat = {
        _id(r["a"]): _id(r["c"])
        for r in kg.select(
            "SELECT ?a ?c WHERE { ?a gk:country ?c . FILTER NOT EXISTS { ?a a gk:Partnership } }"
        )
    }
    within: dict[str, set[str]] = defaultdict(set)
    for r in kg.select("SELECT ?p ?w WHERE { ?p schema:containedInPlace+ ?w }"):
        within[_id(r["p"])].add(_id(r["w"]))
    coverage: dict[str, set[str]] = defaultdict(set)
    for r in kg.select("SELECT ?e ?t WHERE { ?c a gk:Coverage ; gk:embassy ?e ; gk:territory ?t }"):
        coverage[_id(r["e"])].add(_id(r["t"]))
    represents = {
        _id(r["e"]): _id(r["c"])
        for r in kg.select("SELECT ?e ?c WHERE { ?e a gk:Embassy ; gk:represents ?c }")
    }
    programmes: dict[str, dict] = {}
    for r in kg.select(
        """SELECT ?p ?op ?t ?d WHERE { ?p a gk:Programme .
             OPTIONAL { ?p gk:operator ?op } OPTIONAL { ?p gk:theme ?t }
             OPTIONAL { ?p schema:description ?d } } ORDER BY ?p"""
    ):
        entry = programmes.setdefault(
            _id(r["p"]), {"id": _id(r["p"]), "operator": _id(r["op"]), "themes": set()}
        )
        entry["description"] = r["d"]
        if r["t"]:
            entry["themes"].add(_id(r["t"]))
    events: dict[str, dict] = {}
    for r in kg.select(
        """SELECT ?e ?d ?place ?t ?org WHERE { ?e a gk:Event .
             OPTIONAL { ?e schema:startDate ?d } OPTIONAL { ?e schema:location ?place }
             OPTIONAL { ?e gk:theme ?t } OPTIONAL { ?e schema:organizer ?org } }"""
    ):
        entry = events.setdefault(
            _id(r["e"]), {"date": r["d"], "place": _id(r["place"]), "themes": set(), "by": set()}
        )
        entry["themes"] |= {_id(r["t"])} if r["t"] else set()
        entry["by"] |= {_id(r["org"])} if r["org"] else set()
    groups: dict[str, dict] = {}
    for r in kg.select(
        """SELECT ?g ?t ?th ?st WHERE { VALUES ?type { gk:CountryGroup gk:ThematicGroup }
             ?g a ?type . OPTIONAL { ?g gk:territory ?t } OPTIONAL { ?g gk:theme ?th }
             OPTIONAL { ?g gk:status ?st } }"""
    ):
        entry = groups.setdefault(
            _id(r["g"]), {"territories": set(), "themes": set(), "status": ""}
        )
        entry["territories"] |= {_id(r["t"])} if r["t"] else set()
        entry["themes"] |= {_id(r["th"])} if r["th"] else set()
        entry["status"] = vocab.TABLE_VALUE.get(vocab.curie(r["st"]), "") if r["st"] else ""
    sources = {
        _id(r["s"]): {"title": r["title"], "date": r["date"]}
        for r in kg.select(
            "SELECT ?s ?title ?date WHERE { ?s a gk:SourceDocument ; dcterms:title ?title "
            "OPTIONAL { ?s dcterms:date ?date } }"
        )
    }
    labels = _labels(kg)
    people = {
        _id(r["s"]): r["n"]
        for r in kg.select("SELECT ?s ?n WHERE { ?s a foaf:Person ; foaf:name ?n }")
    }
    facts, notes = _facts(kg)
    broader, order = _theme_order(kg)
    return Facts(
        lang=lang,
        facts=facts,
        labels=labels,
        kind=kind,
        seat=seat,
        within=dict(within),
        coverage=dict(coverage),
        represents=represents,
        broader=broader,
        themes=order,
        programmes=list(programmes.values()),
        groups=groups,
        events=events,
        sources=sources,
        people=people,
        notes=notes,
    )
