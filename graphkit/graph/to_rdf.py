"""Checked tables → RDF quads, streamed.

The data goes to the default graph; the ontology and the thesaurus to named graphs of their
own, so that exports can keep them apart. Queries see the union.

The data's triples are made as plain terms (:func:`plain_triples`): an IRI is a ``str``, a
literal a ``(value, tail)`` pair whose tail is what follows the quoted value in N-Triples
(``""``, ``"@fr"``, ``"^^<…#gYear>"``). The build writes them as N-Quads and Turtle text
directly: making 700,000 pyoxigraph objects and serialising them took about 5 s at S1,
the text a fraction of it. :func:`data_quads` gives the same triples as pyoxigraph quads.

>>> from graphkit.tables import load_tables
>>> import pathlib, tempfile
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "sources.csv").write_text("id,title,kind,path_or_url\\ncr,Minutes,minutes,cr.md\\n")
>>> quads = list(data_quads(load_tables(d)))
>>> any(q.object.value == "Minutes" for q in quads)
True
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import pyoxigraph as ox

from graphkit.model import vocab
from graphkit.model.ontology_files import ontology_path, theme_labels
from graphkit.tables import STATEMENT_KEYS, Dataset, Record, gazetteer

P = vocab.PREFIXES
XSD = P["xsd"]
GRAPH_ONTOLOGY = ox.NamedNode(vocab.ONTOLOGY_GRAPH)
GRAPH_THEMES = ox.NamedNode(vocab.THEMES_GRAPH)

KIND_FR = {
    "twinning": "Jumelage",
    "cooperation_agreement": "Accord de coopération",
    "cooperation": "Coopération",
    "exchange": "Échange",
    "project": "Projet",
}
ROLE_FR = {
    "member": "membre",
    "chair": "présidence",
    "participant": "participant",
    "host": "hôte",
    "organiser": "organisateur",
    "speaker": "intervenant",
}
RELATION_FR = {"interest": "intérêt", "expertise": "expertise"}
POSITION_FR = {"supports": "soutient", "opposes": "s'oppose à", "conditional": "sous condition"}


@cache  # a few dozen distinct terms, built once each instead of once per triple
def _n(prefix: str, local: str) -> str:
    return P[prefix] + local


A = vocab.RDF_TYPE
LABEL = vocab.RDFS_LABEL
Lit = tuple[str, str]  # (value, N-Triples tail)
Term = str | Lit


@cache
def _tail(lang: str | None, dtype: str | None) -> str:
    if lang:
        return "@" + lang
    return f"^^<{XSD}{dtype}>" if dtype else ""


def _lit(value: str, lang: str | None = None, dtype: str | None = None) -> Lit:
    return (value, _tail(lang, dtype))


def _date_literal(value: str) -> Lit:
    dtype = {4: "gYear", 7: "gYearMonth"}.get(len(value), "date")
    return _lit(value, dtype=dtype)


def statement_id(table: str, record: Record) -> str:
    """The id minted for a statement row from its key columns (never its row number).

    >>> r = Record("memberships", 3, {"member": "fr-a", "organisation": "gp-b", "role": "chair"})
    >>> statement_id("memberships", r)
    'membership-fr-a--gp-b--chair'
    """
    keys = [record.get(c) for c in STATEMENT_KEYS[table]]
    if table == "statements":
        return f"{keys[0]}-" + "--".join(k for k in keys[1:] if k)
    prefix = {
        "memberships": "membership",
        "coverage": "coverage",
        "introductions": "introduction",
        "stances": "stance",
    }
    prefix = prefix.get(table, "participation")
    return prefix + "-" + "--".join(keys)


class _Builder:
    def __init__(self, data: Dataset):
        self.data = data
        self.labels: dict[str, str] = {}  # id -> French label, for minted statement labels
        self.country_iri: dict[str, str] = {}
        self.theme_fr = theme_labels()

    def triples(self) -> Iterator[tuple[str, str, Term]]:
        recs = self.data.records
        for r in recs.get("places", []):
            self.labels[r.get("id")] = r.get("label_fr")
            if r.get("kind") == "country":
                self.country_iri[r.get("iso_code").upper()] = vocab.iri(r.get("id"))
        for name in ("actors", "groups", "programmes", "events", "outcomes"):
            for r in recs.get(name, []):
                self.labels[r.get("id")] = r.get("label_fr")
        self.answers: dict[str, list[str]] = {}  # question id -> the rows answering it
        for r in recs.get("outcomes", []):
            if r.get("answers"):
                self.answers.setdefault(r.get("answers"), []).append(r.get("id"))
        yield from self._each("sources", self._source)
        yield from self._each("people", self._person)
        yield from self._each("places", self._place)
        yield from self._each("actors", self._actor)
        yield from self._each("groups", self._group)
        yield from self._each("programmes", self._programme)
        yield from self._each("partnerships", self._partnership)
        yield from self._each("events", self._event)
        yield from self._each("outcomes", self._outcome)
        for table in STATEMENT_KEYS:
            yield from self._each(table, self._statement)

    def _each(self, table: str, method) -> Iterator[tuple[str, str, Term]]:
        for r in self.data.records.get(table, []):
            subject = vocab.iri(r.get("id") or statement_id(table, r))
            for p, o in method(r):
                yield subject, p, o
            for p, o in self._provenance(r):
                yield subject, p, o

    def _provenance(self, r: Record):
        if r.get("source"):  # a source document has none of its own
            yield _n("prov", "wasDerivedFrom"), vocab.iri(r.get("source"))
        if r.get("speaker"):
            yield _n("prov", "wasAttributedTo"), vocab.iri(r.get("speaker"))
        yield _n("gk", "sourceRow"), _lit(f"{self.data.files[r.table]}:{r.row}")
        if r.get("note"):
            yield _n("skos", "editorialNote"), _lit(r.get("note"), "fr")
        if r.get("interpretation"):
            yield _n("gk", "interpretation"), _lit("true", dtype="boolean")

    def _ref(self, value: str) -> str:
        return vocab.iri(value)

    def _labels(self, r: Record):
        for lang in vocab.LANGS:
            if r.get(f"label_{lang}"):
                yield LABEL, _lit(r.get(f"label_{lang}"), lang)
        for alias in r.items("aliases"):
            yield _n("skos", "altLabel"), _lit(alias)

    def _themes(self, r: Record, column: str = "themes"):
        for theme in r.items(column):
            yield _n("gk", "theme"), vocab.theme_iri(theme)

    def _source(self, r: Record):
        yield A, _n("gk", "SourceDocument")
        yield LABEL, _lit(r.get("title"), "fr")
        yield _n("dcterms", "title"), _lit(r.get("title"), "fr")
        if r.get("date"):
            yield _n("dcterms", "date"), _date_literal(r.get("date"))
        yield _n("gk", "sourceKind"), _lit(r.get("kind"))
        where = r.get("path_or_url")
        is_url = where.startswith(("http://", "https://"))
        # a URL from the table is checked as an IRI here (ValueError naming it otherwise)
        yield _n("dcterms", "source"), ox.NamedNode(where).value if is_url else _lit(where)
        if r.get("licence"):
            yield _n("dcterms", "license"), _lit(r.get("licence"))

    def _person(self, r: Record):
        yield A, _n("foaf", "Person")
        yield LABEL, _lit(r.get("name"), "fr")
        yield _n("foaf", "name"), _lit(r.get("name"))
        for alias in r.items("aliases"):
            yield _n("skos", "altLabel"), _lit(alias)
        if r.get("role_fr"):
            yield _n("schema", "jobTitle"), _lit(r.get("role_fr"), "fr")
        if r.get("affiliation"):
            yield _n("schema", "worksFor"), self._ref(r.get("affiliation"))

    def _place(self, r: Record):
        kind = r.get("kind")
        yield A, _n("gk", vocab.PLACE_CLASS[kind])
        yield from self._labels(r)
        if r.get("iso_code"):
            yield _n("gk", "isoCode"), _lit(r.get("iso_code").upper())
        for parent in r.items("within"):
            yield _n("schema", "containedInPlace"), self._ref(parent)
        if kind in ("city", "subdivision") and r.get("country"):
            country = self.country_iri[r.get("country").upper()]
            yield _n("gk", "country"), country
            yield _n("schema", "containedInPlace"), country
        if kind == "city":
            yield from self._coordinates(r)
        elif kind == "country":
            yield from self._capital_point(r)

    def _coordinates(self, r: Record):
        if not r.get("geonames_id"):
            yield _n("gk", "inGazetteer"), _lit("false", dtype="boolean")
            return
        found = gazetteer.city(int(r.get("geonames_id")))
        yield _n("gk", "geonamesId"), _lit(r.get("geonames_id"), dtype="integer")
        yield _n("owl", "sameAs"), f"{vocab.GEONAMES}{r.get('geonames_id')}/"
        yield _n("geo", "lat"), _lit(f"{found['latitude']}", dtype="decimal")
        yield _n("geo", "long"), _lit(f"{found['longitude']}", dtype="decimal")
        yield _n("gk", "coordinatesFrom"), _lit(gazetteer.GAZETTEER_SOURCE)
        if found.get("population"):  # size for the partner matcher, with where it comes from
            yield _n("gk", "population"), _lit(f"{int(found['population'])}", dtype="integer")
            yield _n("gk", "populationFrom"), _lit(gazetteer.GAZETTEER_SOURCE)
        if found["name"] not in {r.get(f"label_{lang}") for lang in vocab.LANGS}:
            yield _n("skos", "altLabel"), _lit(found["name"])

    def _capital_point(self, r: Record):
        # A country is drawn at its capital: an approximate point, said to be one.
        found = gazetteer.capital(r.get("iso_code"))
        if found:
            yield _n("geo", "lat"), _lit(f"{found['latitude']}", dtype="decimal")
            yield _n("geo", "long"), _lit(f"{found['longitude']}", dtype="decimal")
            yield _n("gk", "approximate"), _lit("true", dtype="boolean")
            yield _n("gk", "coordinatesFrom"), _lit(f"{gazetteer.GAZETTEER_SOURCE}: capital city")

    def _actor(self, r: Record):
        yield A, _n("gk", vocab.ACTOR_CLASS[r.get("kind")])
        yield from self._labels(r)
        if r.get("type"):
            yield _n("gk", "actorType"), _n("gk", vocab.ACTOR_TYPE[r.get("type")])
        if r.get("place"):
            yield _n("gk", "locatedIn"), self._ref(r.get("place"))
        if r.get("country"):
            yield _n("gk", "country"), self.country_iri[r.get("country").upper()]
        if r.get("represents"):
            yield _n("gk", "represents"), self.country_iri[r.get("represents").upper()]

    def _group(self, r: Record):
        yield A, _n("gk", vocab.GROUP_CLASS[r.get("kind")])
        yield from self._labels(r)
        for place in r.items("territories"):
            yield _n("gk", "territory"), self._ref(place)
        yield from self._themes(r)
        yield _n("gk", "status"), _n("gk", vocab.STATUS[r.get("status")])

    def _programme(self, r: Record):
        yield A, _n("gk", "Programme")
        yield from self._labels(r)
        yield _n("gk", "operator"), self._ref(r.get("operator"))
        yield from self._themes(r)
        if r.get("description_fr"):
            yield _n("schema", "description"), _lit(r.get("description_fr"), "fr")

    def _partnership(self, r: Record):
        yield A, _n("gk", "Partnership")
        parties = r.items("parties")
        label = r.get("label_fr") or (
            f"{KIND_FR[r.get('kind')]} " + " – ".join(self.labels[p] for p in parties)
        )
        if not r.get("label_fr") and r.items("countries"):
            names = [self.labels[local_country] for local_country in self._countries(r)]
            label += f" ({', '.join(names)})"
        yield LABEL, _lit(label, "fr")
        for party in parties:
            yield _n("gk", "party"), self._ref(party)
        for code in r.items("countries"):
            yield _n("gk", "country"), self.country_iri[code.upper()]
        yield _n("gk", "partnershipKind"), _n("gk", vocab.PARTNERSHIP_KIND[r.get("kind")])
        yield _n("gk", "status"), _n("gk", vocab.STATUS[r.get("status")])
        yield from self._years(r)
        yield from self._themes(r)

    def _countries(self, r: Record) -> list[str]:
        return [vocab.local_id(self.country_iri[c.upper()]) for c in r.items("countries")]

    def _years(self, r: Record):
        for column, prop in (("start_year", "startYear"), ("end_year", "endYear")):
            if r.get(column):
                yield _n("gk", prop), _lit(r.get(column), dtype="gYear")

    def _event(self, r: Record):
        yield A, _n("gk", "Event")
        yield from self._labels(r)
        yield _n("gk", "eventKind"), _n("gk", vocab.EVENT_KIND[r.get("kind")])
        if r.get("date"):
            yield _n("schema", "startDate"), _date_literal(r.get("date"))
        if r.get("place"):
            yield _n("schema", "location"), self._ref(r.get("place"))
        for organiser in r.items("organiser"):
            yield _n("schema", "organizer"), self._ref(organiser)
        if r.get("recurrence"):
            yield _n("gk", "recurrence"), _lit(r.get("recurrence"))
        yield from self._themes(r)

    def _outcome(self, r: Record):
        # A meeting outcome is a PROV entity generated by the meeting; questions are also
        # schema:Question, linked to the rows that answer them (schema:suggestedAnswer).
        kind = vocab.OUTCOME_CLASS[r.get("kind")]
        yield A, _n("gk", "MeetingOutcome")
        yield A, _n("gk", kind)
        if kind == "Question":
            yield A, _n("schema", "Question")
            for answer in self.answers.get(r.get("id"), []):
                yield _n("schema", "suggestedAnswer"), self._ref(answer)
        yield LABEL, _lit(r.get("label_fr"), "fr")
        yield _n("schema", "text"), _lit(r.get("quote"), "fr")
        yield _n("prov", "wasGeneratedBy"), self._ref(r.get("event"))
        for actor in r.items("by"):
            yield _n("schema", "author"), self._ref(actor)
        yield from self._themes(r)
        for place in r.items("territories"):
            yield _n("gk", "territory"), self._ref(place)
        for other in r.items("about"):
            yield _n("schema", "about"), self._ref(other)
        if r.get("answers"):
            yield A, _n("schema", "Answer")
            yield _n("schema", "parentItem"), self._ref(r.get("answers"))
        if r.get("due"):
            yield _n("gk", "due"), _date_literal(r.get("due"))
        if r.get("recurrence"):
            yield _n("gk", "recurrence"), _lit(r.get("recurrence"))

    def _statement(self, r: Record):
        label = self.labels.get
        if r.table == "memberships":
            yield A, _n("org", "Membership")
            yield _n("org", "member"), self._ref(r.get("member"))
            yield _n("org", "organization"), self._ref(r.get("organisation"))
            yield _n("org", "role"), _n("gk", vocab.ROLE[r.get("role")])
            yield _n("gk", "status"), _n("gk", vocab.STATUS[r.get("status")])
            yield from self._years(r)
            text = f"{label(r.get('member'))} — {label(r.get('organisation'))}"
            text += f" ({ROLE_FR[r.get('role')]})"
        elif r.table == "statements":
            yield A, _n("gk", vocab.STATEMENT_CLASS[r.get("relation")])
            yield _n("gk", "actor"), self._ref(r.get("actor"))
            yield from self._themes(r, "theme")
            if r.get("territory"):
                yield _n("gk", "territory"), self._ref(r.get("territory"))
            about = [self.theme_fr.get(r.get("theme")), label(r.get("territory"))]
            text = f"{label(r.get('actor'))} — {RELATION_FR[r.get('relation')]} : "
            text += ", ".join(a for a in about if a)
        elif r.table == "introductions":
            yield A, _n("gk", "Introduction")
            yield _n("gk", "party"), self._ref(r.get("actor"))
            yield _n("gk", "party"), self._ref(r.get("other"))
            yield _n("gk", "outcome"), _lit(r.get("outcome"))
            if r.get("date"):
                yield _n("dcterms", "date"), _date_literal(r.get("date"))
            text = f"Mise en relation {label(r.get('actor'))} – {label(r.get('other'))}"
            text += f" ({'faite' if r.get('outcome') == 'made' else 'déclinée'})"
        elif r.table == "stances":
            yield A, _n("gk", "Stance")
            yield _n("gk", "actor"), self._ref(r.get("actor"))
            yield _n("schema", "about"), self._ref(r.get("outcome"))
            yield _n("gk", "position"), _n("gk", vocab.POSITION[r.get("position")])
            yield _n("schema", "text"), _lit(r.get("quote"), "fr")
            text = f"{label(r.get('actor'))} — {POSITION_FR[r.get('position')]} : "
            text += label(r.get("outcome"))
        elif r.table == "coverage":
            yield A, _n("gk", "Coverage")
            yield _n("gk", "embassy"), self._ref(r.get("embassy"))
            yield _n("gk", "territory"), self._ref(r.get("territory"))
            text = f"{label(r.get('embassy'))} — couvre {label(r.get('territory'))}"
        else:
            yield A, _n("gk", "Participation")
            yield _n("gk", "event"), self._ref(r.get("event"))
            yield _n("gk", "actor"), self._ref(r.get("actor"))
            yield _n("org", "role"), _n("gk", vocab.ROLE[r.get("role")])
            yield _n("gk", "status"), _n("gk", vocab.STATUS[r.get("status")])
            if r.get("year"):
                yield _n("gk", "year"), _lit(r.get("year"), dtype="gYear")
            text = f"{label(r.get('actor'))} — {label(r.get('event'))} ({ROLE_FR[r.get('role')]})"
        yield LABEL, _lit(text, "fr")


def plain_triples(data: Dataset) -> Iterator[tuple[str, str, Term]]:
    """Every triple of the data tables (all in the default graph) as plain terms: subject
    and predicate IRIs as ``str``, the object an IRI ``str`` or a literal ``(value, tail)``.

    >>> from graphkit.tables import load_tables
    >>> s, p, o = next(plain_triples(load_tables("tests/fixtures/mini")))
    >>> p == vocab.RDF_TYPE, o
    (True, 'https://w3id.org/graphkit/ontology#SourceDocument')
    """
    return _Builder(data).triples()


@cache
def _ox_literal_kind(tail: str) -> dict:
    if tail.startswith("@"):
        return {"language": tail[1:]}
    return {"datatype": ox.NamedNode(tail[3:-1])} if tail else {}


def to_quad(s: str, p: str, o: Term) -> ox.Quad:
    """A plain triple (see :func:`plain_triples`) as a pyoxigraph quad in the default graph.

    >>> to_quad("http://e.org/a", vocab.RDFS_LABEL, ("A", "@fr")).object
    <Literal value=A language=fr>
    """
    if type(o) is str:
        obj = ox.NamedNode(o)
    else:
        obj = ox.Literal(o[0], **_ox_literal_kind(o[1]))
    return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj)


def data_quads(data: Dataset) -> Iterator[ox.Quad]:
    """Every quad of the data tables, in the default graph."""
    return (to_quad(s, p, o) for s, p, o in plain_triples(data))


def ontology_quads() -> Iterator[ox.Quad]:
    """The ontology and the thesaurus, each in its own named graph.

    Every concept's ``skos:prefLabel`` is also stated as ``rdfs:label``, so that one
    property labels everything in the graph.
    """
    pref, label = ox.NamedNode(vocab.SKOS_PREF), ox.NamedNode(LABEL)
    for name, graph in (("coop", GRAPH_ONTOLOGY), ("themes", GRAPH_THEMES)):
        with open(ontology_path(name), "rb") as f:
            for t in ox.parse(f, format=ox.RdfFormat.TURTLE):
                yield ox.Quad(t.subject, t.predicate, t.object, graph)
                if t.predicate == pref:
                    yield ox.Quad(t.subject, label, t.object, graph)
