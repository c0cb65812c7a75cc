"""Propose table rows from meeting minutes, for an officer to accept or reject.

The minutes are split into speaker blocks ("Name, Role à la ville de X :" lines or
headings), then sentences (a "→" starts a conclusion). Known actors, groups, events,
themes and countries are found by their labels in every language and their aliases,
ignoring case and accents and tolerating small spelling differences (rapidfuzz). Each
sentence gives facts about the authority it is about — the speaker's own, or one it
names first ("La ville de Dunkerque avait…"), or an organisation it opens with
("L'université de Poitiers…", "le FNP (association des maires brésiliens)") — in the
tables' vocabulary: a statement of interest in a theme (of expertise when the sentence
speaks of experience: "savoir-faire", "a développé", "reçoit des délégations"), a partnership with a country or partner (status words such as
"en stand-by", "ne renouvellera pas", "depuis 1995"), a membership of a network or
group, a participation in a known event. Authorities, groups and networks that the
tables do not hold are proposed as new rows marked ``unresolved``.

What the meeting itself produces becomes ``outcomes.csv`` and ``stances.csv`` rows (see
:func:`outcome_kind`): a question (a sentence ending with "?"), an expected deliverable
("livrables", "feuille de route", "fascicules"…), a decision ("nous allons", "on le
maintient"), an observation ("point de vigilance", "ne peut pas perdurer"), a proposal (a
conclusion that starts "Intérêt à", "Avoir", "Faire", "Privilégier"…); and "D'accord
avec…", "Favorable à…", "Pas d'intérêt … sauf si…" become the speaker's stance on the
outcome it names best (an ``unresolved`` row when none is close enough). They are all tied
to the meeting of the minutes: the events.csv row of the same date and source, else a new one.

>>> _authority_core("Conseil départemental du Val-de-Marne")
'val de marne'
>>> _status("La coopération est en stand-by depuis 2019.")
'stand-by'
>>> outcome_kind("Comment va se faire cet accompagnement ?")
'question'
>>> outcome_kind("Avoir plus d'outils pratico-pratiques sur des retours d'expériences.")
'proposal'
>>> stance_of("Pas d'intérêt sur un groupe plus large, sauf si c'est thématisé.")
'conditional'
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .names import normalise
from .tables.check import Dataset, load_tables
from .tables.problems import DataError, Problem

PROPOSAL_COLUMNS = (
    "table",
    "status",
    "confidence",
    "speaker",
    "sentence",
    "values",
    "entity",
    "accept",
)

_GENERIC = set(
    "ville villes commune municipalite conseil departemental departement regional region "
    "province city of the de du des les la le l d en au".split()
)
_AUTH_WORDS = (
    r"villes?|commune|municipalit[ée]|province|d[ée]partement|conseil d[ée]partemental|"
    r"conseil r[ée]gional|r[ée]gion|city|county|maire"
)
_NAME = r"[A-ZÉÈÎÔ][\w'’\-]*(?:[ \-](?:de |du |la |le |d'|d’)?[A-ZÉÈÎÔ][\w'’\-]*)*"
_AUTH_RE = re.compile(
    rf"\b(?i:(?:la |le |l'|l’)?({_AUTH_WORDS}))\s+(?:de la |de l'|de l’|du |des |de |d'|d’)"
    rf"({_NAME})"
)
_PNAME = r"[A-ZÉÈÎÔ][\w'’\-]*(?: (?:d'|d’)?[A-ZÉÈÎÔ][\w'’\-]*)*"
_METRO_RE = re.compile(rf"\b({_PNAME} (?:Métropole|Metropole|Agglomération))\b")
_GRAND_RE = re.compile(r"\b(Grand [A-ZÉ][\w\-]+)")
_WITH_RE = re.compile(
    r"\bavec (?!la ville|la province|le département|les |des |une |un )(" + _NAME + ")"
)
_GROUP_RE = re.compile(
    r"\b(GP|groupe-pays|groupe pays) ([A-ZÉ][\w\-]+(?: (?:centrale|latine|andine|du Sud|du Nord|"
    r"[A-ZÉ][\w\-]+))*)"
)
_PRESIDE_RE = re.compile(
    r"pr[ée]side (?:un |une |le |la )([A-ZÉ][\w'’\- ]+?)(?= autour| sur| qui|[,.;(]|$)"
)
_NETWORK_RE = re.compile(r"\bréseaux? (" + _NAME + r"(?:(?:, | et )" + _NAME + r")*)")
_SPEAKER_RE = re.compile(
    r"^(?:#+\s*)?\**\s*([A-ZÉÈ][\w’'\-]+(?: [A-ZÉÈ][\w’'\-]+){1,3})\s*,\s*(.{2,160}?)\s*\**\s*:\s*\**$"
)
_HOST_RE = re.compile(r"(?i)^(?:co-?animation|animation|animé par|présidence)\b(.*)$")
_SENT_RE = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÉÈÀ→(«])|\s*→\s*")

_COOP = re.compile(
    r"(?i)coop[éeè]r|jumel|partenari|partenaire|engag[ée]+s? (?:\w+ment )?(?:en|au|aux|à)|projet (?:avec|sur)|"
    r"d[ée]l[ée]gations?"
)
_MEMBER = re.compile(
    r"(?i)membre|adh[ée]r|collabor|particip|pr[ée]sid|b[ée]n[ée]fici|satisfait|rejoint"
)
_UNNAMED_MEMBER = re.compile(r"(?i)\b(?:ses membres|une commune|un de ses membres)\b")
_PLURAL = re.compile(
    r"(?i)\b(?:\d+|plusieurs|des|les|deux|trois) (?:CTF|CT|collectivit[ée]s|villes)\b"
)
_HYPOTHESIS = re.compile(r"(?i)potentiel|pourrai|devrai|futur|peut-[êe]tre")
_INTENT = re.compile(r"(?i)d[ée]velopper|souhait|int[ée]ress")
_EXAMPLE = re.compile(r"(?i)^(?:ex|exemple|e\.g)\b")
_SELF_WORDS = {"territoire", "territoires"}  # "le territoire" is the authority itself
_EXPERTISE = re.compile(
    r"(?i)expertise|\bexperte?s?\b|exp[ée]riences?\b|savoir-faire|\ba men[ée]|\ba d[ée]velopp[ée]|"
    r"attire (?:\w+ )?l['’]int[ée]r[êe]t|\b(?:re[çc]oi\w*|recev\w*|re[çc]ue?s?) (?:\w+ ){0,3}d[ée]l[ée]gations|centres? de ressources"
)
# organisations that may be a sentence's subject, with their actors.csv kind and type
_ORG_KINDS = {
    "universite": ("organisation", "university"),
    "chu": ("organisation", "hospital"),
    "centre hospitalier": ("organisation", "hospital"),
    "hopital": ("organisation", "hospital"),
    "institut": ("organisation", "institute"),
    "ecole": ("organisation", "school"),
    "fondation": ("organisation", "association"),
    "association": ("network", "national_association"),
    "federation": ("network", "national_association"),
    "ambassade": ("embassy", "embassy"),
}
_ORG_WORD = r"universit[ée]|CHU|centre hospitalier|h[ôo]pital|institut|[ée]cole|fondation|association|f[ée]d[ée]ration|ambassade"
_PREP = r"(?:de la |de l'|de l’|des |du |de |d'|d’|et de la |et des |et du |et de |et d'|et d’)"
# a lower-case word read as an adjective only by its ending (never a verb: "attire")
_ADJ = (
    r"[a-zà-ÿ\-]+(?:al|aux|ale|ales|ien|iens|ienne|iennes|éen|éens|éenne|éennes|able|ables|"
    r"ible|ibles|ique|iques|aire|aires|if|ifs|ive|ives|ais|aise|ain|aine|ains|aines|el|elle|els)"
)
_ORG_RE = re.compile(
    rf"(?:\b(?i:l['’]|le |la )?\b(?i:({_ORG_WORD}))\b"
    rf"((?: {_ADJ})?(?: {_PREP}(?:{_NAME}|[a-zà-ÿ\-]+(?: {_ADJ})?))+)"
    rf"(?: (?i:en|à) ({_NAME}))?|\b([A-Z]{{2,6}}) \(((?i:{_ORG_WORD})[^)]*)\))"
)
_INTEREST = re.compile(
    r"(?i)int[ée]r[eê]t|int[ée]ress|th[ée]mati|favorable|souhait|pr[ée]occupation|"
    r"projet|travailler sur|important"
)


_DELIVERABLE = re.compile(
    r"(?i)livrables?|feuille de route|fascicules?|r[ée]pertoires? d['’]acteurs|\bdoc(?:ument)? [àa] vous soumettre|"
    r"capitalisation|tribune|plaidoyer"
)
_DECISION = re.compile(
    r"(?i)\bnous allons\b|\bon le maintient\b|\bne renouvellera pas\b|\benvoi de ce (?:cr|compte-rendu)\b|"
    r"\bsera (?:envoy|organis|soumis)"
)
_OBSERVATION = re.compile(
    r"(?i)point de vigilance|n['’]est pas forc[ée]ment|ne peut pas perdurer|phase de prospection|"
    r"pourrait de nouveau exister|base int[ée]ressante"
)
_PROPOSAL = re.compile(
    r"(?i)^(?:int[ée]r[êe]t (?:à|de)|avoir |faire |privil[ée]gier|proposition|utile |"
    r"les gp pourraient|il peut y avoir|on pourrait|ex ?: formation)|pourrait [êe]tre (?:int[ée]ressant|utile)|"
    r"\bpourraient [êe]tre\b|lieux [àa] investir|int[ée]ressant d['’][ée]changer"
)
_SUPPORT = re.compile(r"(?i)^(?:(?:est )?d['’]accord avec|favorable [àa]|la ct est convaincue)")
_CONDITIONAL = re.compile(r"(?i)\bsauf si\b|\bà condition\b|\bsous r[ée]serve\b")
_OPPOSE = re.compile(r"(?i)^(?:pas d['’]int[ée]r[êe]t|opposée?s? [àa]|contre )")


def outcome_kind(sentence: str) -> str | None:
    """What a sentence of minutes is as an outcome of the meeting, if it is one:
    question, deliverable, decision, observation or proposal."""
    text = sentence.strip()
    if text.endswith("?"):
        return "question"
    for kind, regex in (
        ("deliverable", _DELIVERABLE),
        ("decision", _DECISION),
        ("observation", _OBSERVATION),
        ("proposal", _PROPOSAL),
    ):
        if regex.search(text):
            return kind
    return None


def stance_of(sentence: str) -> str | None:
    """The position a sentence takes on something said before: supports, conditional,
    opposes, or None."""
    text = sentence.strip()
    if _OPPOSE.search(text) or _CONDITIONAL.search(text):
        return "conditional" if _CONDITIONAL.search(text) else "opposes"
    return "supports" if _SUPPORT.search(text) else None


@dataclass(eq=False)
class Entity:
    id: str
    table: str  # actors, groups, events, themes, countries, people
    label: str
    kind: str = ""
    country: str = ""
    new: bool = False


@dataclass
class Proposal:
    table: str
    values: dict[str, str]
    confidence: float
    speaker: str
    sentence: str
    status: str = "new"
    entity: str = ""

    def row(self) -> dict[str, str]:
        return {
            "table": self.table,
            "status": self.status,
            "confidence": f"{self.confidence:.2f}",
            "speaker": self.speaker,
            "sentence": self.sentence,
            "values": json.dumps(self.values, ensure_ascii=False),
            "entity": self.entity,
            "accept": "",
        }


def _slug(text: str) -> str:
    return normalise(text).replace(" ", "-")


def _authority_core(label: str) -> str:
    """The distinctive words of an authority's name ("ville de Nanterre" -> "nanterre")."""
    words = normalise(label).split()
    while words and words[0] in _GENERIC:
        words.pop(0)
    return " ".join(words)


def _status(sentence: str) -> str:
    s = sentence.lower()
    if re.search(r"stand-?by|en veille|suspendu|en pause", s):
        return "stand-by"
    if re.search(
        r"ne renouvellera pas|n'existe plus|plus le cas|a mis fin|termin[ée]|avait (?:également |aussi )?une coop|auparavant|se retirer",
        s,
    ):
        return "ended"
    return "active"


@cache
def _countries() -> dict[str, str]:
    """Normalised country names (English, French, Spanish, Portuguese) -> ISO alpha-2."""
    import gettext

    import pycountry

    names: dict[str, str] = {}
    translations = [gettext.NullTranslations()]
    for lang in ("fr", "es", "pt"):
        try:
            translations.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
            )
        except OSError:
            pass
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            if hasattr(c, attr):
                for t in translations:
                    text = re.sub(r"\s*\(.*?\)", "", t.gettext(getattr(c, attr)))
                    key = normalise(text)
                    if key and key not in names:
                        names[key] = c.alpha_2
    names.update({"salvador": "SV", "etats unis": "US", "bresil": "BR"})
    return names


@cache
def _themes() -> dict[str, str]:
    """Normalised theme labels (preferred and alternative, every language) -> theme id."""
    from . import vocab
    from .ontology_files import _theme_triples

    alt = vocab.PREFIXES["skos"] + "altLabel"
    out: dict[str, str] = {}
    for t in _theme_triples():
        if t.predicate.value in (vocab.SKOS_PREF, alt):
            out.setdefault(normalise(t.object.value), t.subject.value[len(vocab.THEME) :])
    return out


class Lexicon:
    """Everything the minutes may mention, searchable by normalised label."""

    def __init__(self, data: Dataset):
        self.data = data
        self.by_key: dict[str, Entity] = {}
        self.entities: dict[str, Entity] = {}
        for code_key, iso in _countries().items():
            self._add(Entity(iso, "countries", iso), [code_key])
        for key, tid in _themes().items():
            self._add(Entity(tid, "themes", tid), [key])
        for table in ("actors", "groups", "events", "people"):
            for r in data.records.get(table, []):
                labels = [r.get(c) for c in ("label_fr", "label_en", "label_es", "label_pt")]
                labels += r.items("aliases") + [r.get("name")]
                labels = [lab for lab in labels if lab]
                if table == "actors":
                    labels += [_authority_core(lab) for lab in labels]
                e = Entity(r.get("id"), table, labels[0], r.get("kind"), r.get("country"))
                self._add(e, labels, override=True)
        self._fuzzy_keys: dict[int, list[str]] = {}
        for key in self.by_key:
            self._fuzzy_keys.setdefault(len(key.split()), []).append(key)

    def _add(self, entity: Entity, labels: list[str], override: bool = False) -> None:
        self.entities.setdefault(entity.id, entity)
        for label in labels:
            key = normalise(label)
            if len(key) >= 2 and (override or key not in self.by_key):
                self.by_key[key] = self.entities[entity.id]

    def lookup(self, text: str, fuzzy: bool = True) -> Entity | None:
        key = normalise(text)
        if key in self.by_key:
            return self.by_key[key]
        if fuzzy and len(key) >= 7:
            from rapidfuzz import fuzz, process

            found = process.extractOne(
                key, self._fuzzy_keys.get(len(key.split()), []), scorer=fuzz.ratio, score_cutoff=88
            )
            if found and found[0][:2] == key[:2]:
                return self.by_key[found[0]]
        return None

    def mentions(self, sentence: str) -> list[tuple[int, Entity]]:
        """(word position, entity) of every label in the sentence, longest first."""
        words = normalise(sentence).split()
        taken: set[int] = set()
        found: list[tuple[int, Entity]] = []
        for n in range(6, 0, -1):
            for i in range(len(words) - n + 1):
                if taken & set(range(i, i + n)):
                    continue
                gram = " ".join(words[i : i + n])
                if n == 1 and (gram in _GENERIC or len(gram) < 3):
                    continue
                e = self.lookup(gram, fuzzy=n > 1 or len(gram) >= 8)
                if e:
                    taken |= set(range(i, i + n))
                    found.append((i, e))
        return sorted(found, key=lambda p: p[0])


@dataclass
class Block:
    speaker: str  # the name as written
    role: str
    lines: list[str] = field(default_factory=list)


def split_blocks(text: str) -> tuple[list[Block], set[str]]:
    """Speaker blocks of the minutes, and the normalised names of the meeting's hosts."""
    blocks: list[Block] = []
    hosts: set[str] = set()
    current = Block("", "")
    for raw in text.splitlines():
        line = raw.strip()
        m = _SPEAKER_RE.match(line)
        if m and len(line) < 200:
            current = Block(m.group(1).strip(), m.group(2).strip())
            blocks.append(current)
            continue
        host = _HOST_RE.match(line)
        if host:
            hosts |= {normalise(n) for n in re.split(r",| et | and ", host.group(1)) if n.strip()}
            continue
        if line and not line.startswith("#") and line != "---":
            current.lines.append(line)
    return blocks, hosts


def sentences(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        line = re.sub(r"<[^>]+>|\*+|^[-•]\s*", "", line)
        out += [s.strip(" -") for s in _SENT_RE.split(line) if len(s.strip(" -")) > 3]
    return out


def _role_authority(role: str) -> str:
    """The authority part of a speaker's role ("Chargée de mission au Conseil … de l'Aude")."""
    m = _AUTH_RE.search(role)
    if m:
        return role[m.start(1) :].strip()
    m = _METRO_RE.search(role) or _GRAND_RE.search(role)
    if m:
        return m.group(1)
    for sep in (" à la ", " à l'", " au ", " à ", " at the ", " at ", " de la ", " du ", " de "):
        if sep in role:
            return role.split(sep, 1)[1] if sep.startswith(" de") else role.rsplit(sep, 1)[1]
    return role


class Proposer:
    def __init__(self, data: Dataset, source_id: str):
        self.data = data
        self.lex = Lexicon(data)
        self.source = source_id
        self.proposals: list[Proposal] = []
        self.new_ids: set[str] = set()

    # entities ------------------------------------------------------------------------
    def authority(self, name: str, country: str = "", sentence: str = "") -> Entity:
        """A known actor called ``name``, else a new (unresolved) authority row proposed."""
        known = self.lex.lookup(name)
        if known is None and _authority_core(name):
            known = self.lex.lookup(_authority_core(name))
        if known and known.table in ("actors", "groups"):
            return known
        label = _label(name)
        iso = country or _city_country(name, sentence, self.lex) or "FR"
        prefix = "fr" if iso == "FR" else iso.lower()
        core = _authority_core(name) or normalise(name)
        e = Entity(f"{prefix}-{_slug(core)}", "actors", label, "", iso, new=True)
        if e.id in self.lex.entities:
            return self.lex.entities[e.id]
        e.kind = "french_authority" if iso == "FR" else "foreign_authority"
        if normalise(name) in ("cuf", "cites unies france"):
            e = Entity("net-cuf", "actors", "Cités Unies France", "network", "FR", new=True)
        if e.id not in self.new_ids:
            self.new_ids.add(e.id)
            row = {"id": e.id, "kind": e.kind, "label_fr": e.label, "country": iso}
            self._emit("actors", row, 0.6, "", sentence, entity="unresolved")
        self.lex._add(e, [name, label, core], override=True)
        return self.lex.entities[e.id]

    def group(self, prefix: str, name: str, sentence: str, kind: str) -> Entity:
        label = f"{prefix} {name}".strip()
        known = self.lex.lookup(label)
        if known and known.table in ("groups", "actors"):
            return known
        if kind == "country_group":
            e = Entity(f"gp-{_slug(name)}", "groups", f"GP {name}", kind, new=True)
            row = {"id": e.id, "kind": kind, "label_fr": e.label, "status": "active"}
            table = "groups"
        else:
            e = Entity(f"net-{_slug(name)}", "actors", name, "network", new=True)
            row = {"id": e.id, "kind": "network", "label_fr": name}
            table = "actors"
        if e.id not in self.new_ids:
            self.new_ids.add(e.id)
            self._emit(table, row, 0.6, "", sentence, entity="unresolved")
        self.lex._add(e, [label, e.label], override=True)
        return self.lex.entities[e.id]

    def organisation(self, m: re.Match, sentence: str) -> Entity:
        """A university, hospital, institute, association or embassy a sentence names
        ("l'université de Poitiers", "le FNP (association des maires brésiliens)")."""
        if m.group(4):
            word, label, aliases = m.group(5), f"{m.group(4)} ({m.group(5)})", [m.group(4)]
        else:
            word = m.group(1)
            label = _label(f"{word}{m.group(2)}" + (f" à {m.group(3)}" if m.group(3) else ""))
            aliases = [f"{word}{m.group(2)}"]
        known = self.lex.lookup(label) or self.lex.lookup(aliases[0])
        if known and known.table in ("actors", "groups"):
            return known
        key = next(k for k in _ORG_KINDS if normalise(word).startswith(k))
        kind, type_ = _ORG_KINDS[key]
        row = {"kind": kind, "label_fr": label, "type": type_}
        if kind == "embassy":
            named = self.lex.lookup(re.sub(r"^ (?:de |d'|d’)", "", m.group(2)))
            row["represents"] = named.id if named and named.table == "countries" else ""
            place = m.group(3) or ""
            row["country"] = _city_country(place, sentence, self.lex) if place else "FR"
        elif kind == "organisation":
            row["country"] = _city_country(m.group(2) or "", sentence, self.lex) or "FR"
        prefix = {"organisation": "org", "network": "net", "embassy": "emb"}[kind]
        e = Entity(
            f"{prefix}-{_slug(aliases[0] if m.group(4) else label)}",
            "actors",
            label,
            kind,
            row.get("country", ""),
        )
        e.new = True
        if e.id in self.lex.entities:
            return self.lex.entities[e.id]
        if e.id not in self.new_ids:
            self.new_ids.add(e.id)
            self._emit("actors", {"id": e.id} | row, 0.6, "", sentence, entity="unresolved")
        self.lex._add(e, [label, *aliases], override=True)
        return self.lex.entities[e.id]

    def person(self, name: str, affiliation: Entity | None) -> str:
        known = self.lex.lookup(name)
        if known and known.table == "people":
            return known.id
        pid = f"person-{_slug(name)}"
        if pid not in self.new_ids:
            self.new_ids.add(pid)
            row = {"id": pid, "name": name, "affiliation": affiliation.id if affiliation else ""}
            self._emit("people", row, 0.7, pid, "", entity="unresolved")
            self.lex._add(Entity(pid, "people", name), [name], override=True)
        return pid

    # facts ---------------------------------------------------------------------------
    def _emit(self, table, values, confidence, speaker, sentence, entity=""):
        values = {k: v for k, v in values.items() if v}
        values.setdefault("source", self.source)
        if speaker and table != "people":
            values.setdefault("speaker", speaker)
        if sentence and "note" not in values:
            values["note"] = f"« {sentence} »"
        self.proposals.append(Proposal(table, values, confidence, speaker, sentence, entity=entity))

    def named_authorities(self, sentence: str) -> list[tuple[int, Entity]]:
        """Authorities the sentence names, with their character position."""
        found: list[tuple[int, Entity]] = []
        countries = [(i, e) for i, e in self.lex.mentions(sentence) if e.table == "countries"]
        for m in _AUTH_RE.finditer(sentence):
            if self.lex.lookup(m.group(2), fuzzy=False) and self.lex.lookup(
                m.group(2), fuzzy=False
            ).table in ("countries", "themes"):
                continue  # "une ville du Nicaragua": a partner named only by its country
            word = "ville" if normalise(m.group(1)) == "maire" else m.group(1)
            name = f"{word} de {m.group(2)}"
            iso = self._country_after(sentence, m.end(), countries, word)
            found.append((m.start(), self.authority(name, iso, sentence)))
        for regex in (_METRO_RE, _GRAND_RE):
            for m in regex.finditer(sentence):
                if not any(abs(p - m.start()) < 3 for p, _ in found):
                    found.append((m.start(), self.authority(m.group(1), "", sentence)))
        for m in _ORG_RE.finditer(sentence):
            found.append((m.start(), self.organisation(m, sentence)))
        for m in _WITH_RE.finditer(sentence):
            name = m.group(1)
            if self.lex.lookup(name) and self.lex.lookup(name).table != "actors":
                continue
            iso = self._country_after(sentence, m.end(), countries, "province")
            if iso and iso != "FR" or self.lex.lookup(name):
                found.append((m.start(1), self.authority(name, iso, sentence)))
        # known actors by label (without a keyword)
        for _, e in self.lex.mentions(sentence):
            if (
                e.table == "actors"
                and e.kind.endswith("authority")
                and e not in [x for _, x in found]
            ):
                key = normalise(e.label).split()[-1]
                pos = normalise(sentence).find(key)
                found.append((max(pos, 0), e))
        seen, out = set(), []
        for pos, e in sorted(found, key=lambda p: p[0]):
            if e.id not in seen:
                seen.add(e.id)
                out.append((pos, e))
        return out

    def _country_after(self, sentence, end, countries, keyword) -> str:
        tail = normalise(sentence[end : end + 60])
        for key, iso in sorted(_countries().items(), key=lambda kv: -len(kv[0])):
            if re.match(rf"^(?:en|au|aux|in|\w+ )?\s*{re.escape(key)}\b", tail):
                return iso
        if keyword and normalise(keyword) in ("province", "municipalite", "ville"):
            others = list(dict.fromkeys(e.id for _, e in countries if e.id != "FR"))
            return others[0] if len(others) == 1 and normalise(keyword) != "ville" else ""
        return ""

    def meeting(self, text: str) -> str:
        """The events.csv id of the meeting the minutes report: the meeting of the same date
        (from the source id) whose rows cite this source, else a new events row proposed."""
        date = re.search(r"(\d{4}-\d{2}-\d{2})$", self.source)
        for r in self.data.records.get("events", []):
            if date and r.get("date") == date.group(1) and r.get("source") == self.source:
                return r.get("id")
        title = next(
            (
                re.sub(r"^#+\s*|\*", "", line).strip()
                for line in text.splitlines()
                if line.startswith("#")
            ),
            self.source,
        )
        values = {"id": f"evt-{self.source}", "kind": "meeting", "label_fr": title}
        if date:
            values["date"] = date.group(1)
        self._emit("events", values, 0.6, "", "")
        return values["id"]

    def outcome(self, sentence: str, own: Entity | None, speaker: str) -> None:
        """An outcomes.csv row for a sentence that is a question, proposal… of the meeting,
        or a stances.csv row for one that takes a position."""
        position = stance_of(sentence)
        if position and own is not None:
            target, score_ = self._closest_outcome(sentence)
            row = {"actor": own.id, "outcome": target, "position": position, "quote": sentence}
            self._emit(
                "stances",
                row,
                0.6 if target else 0.3,
                speaker,
                sentence,
                "" if target else "unresolved",
            )
            self.proposals[-1].values.pop("note", None)
            if position != "supports" or not outcome_kind(sentence):
                return
        kind = outcome_kind(sentence)
        if kind is None:
            return
        label = sentence if len(sentence) <= 160 else sentence[:157].rstrip() + "…"
        row = {
            "id": "out-" + _slug(" ".join(sentence.split()[:8]))[:48].strip("-"),
            "kind": kind,
            "event": self.event,
            "label_fr": label,
            "quote": sentence,
            "by": own.id if own else "",
        }
        self._emit("outcomes", row, 0.7 if kind == "question" else 0.5, speaker, sentence)
        self.proposals[-1].values.pop("note", None)

    def _closest_outcome(self, sentence: str) -> tuple[str, float]:
        """The outcome a stance sentence names best: its words in brackets if it has some
        ("D'accord avec les propos précédents (garder le GP…)"), else the rest after "d'accord
        avec"; the outcomes of the same minutes first (proposed above), then the tables'."""
        from rapidfuzz import fuzz

        inside = re.search(r"\(([^)]{12,})\)", sentence)
        words = inside.group(1) if inside else sentence
        text = normalise(re.sub(r"(?i)^(?:est )?d['’]accord avec|^favorable [àa]", "", words))
        tables = [
            (r.get("id"), r.get("quote") + " " + r.get("label_fr"))
            for r in self.data.records.get("outcomes", [])
        ]
        proposed = [
            (p.values["id"], p.values["quote"]) for p in self.proposals if p.table == "outcomes"
        ]
        best = ("", 0.0)
        for candidates in (proposed, tables):
            for oid, said in candidates:
                ratio = fuzz.token_set_ratio(text, normalise(said))
                if ratio > best[1]:
                    best = (oid, ratio)
            if best[1] >= 60:
                return best
        return ("", best[1])

    def propose(self, text: str) -> list[Proposal]:
        blocks, hosts = split_blocks(text)
        self.event = self.meeting(text)
        for block in blocks:
            own = self.authority(_role_authority(block.role)) if block.role else None
            host = normalise(block.speaker) in hosts
            speaker = self.person(block.speaker, own)
            for sentence in sentences(block.lines):
                self.outcome(sentence, own, speaker)
                self.sentence(sentence, own, host, speaker)
        self._compare()
        return self.proposals

    def sentence(self, sentence: str, own: Entity | None, host: bool, speaker: str) -> None:
        named = self.named_authorities(sentence)
        subject = own
        if named and named[0][0] < 25 and named[0][1] is not own:
            subject = named[0][1]
        elif host or own is None:
            return
        others = [e for _, e in named if e is not subject]
        mentions = [e for _, e in self.lex.mentions(sentence)]
        themes = list(
            dict.fromkeys(e.id for e in mentions if e.table == "themes" and e.id not in _SELF_WORDS)
        )
        countries = [e.id for e in mentions if e.table == "countries" and e.id != "FR"]
        countries += [e.country for e in others if e.country and e.country != "FR"]
        countries = [c for c in dict.fromkeys(countries) if c not in (subject.country, "FR")]
        expertise = bool(_EXPERTISE.search(sentence))
        cue = expertise or bool(_INTEREST.search(sentence)) or sentence.startswith("→")
        coop = bool(_COOP.search(sentence)) and bool(countries or others)
        outside = re.sub(r"\([^)]*\)", " ", sentence)
        hypothesis = bool(_HYPOTHESIS.search(outside))
        example = bool(_EXAMPLE.match(sentence)) and subject is own
        main_themes = {e.id for _, e in self.lex.mentions(outside)}
        for theme in themes:
            confidence = 0.8 if cue else 0.5
            if example or theme not in main_themes or hypothesis:
                confidence = 0.3  # an example, an aside or a possibility
            elif coop and not cue:
                continue  # the theme of the partnership below, not an interest
            relation = "expertise" if expertise else "interest"
            row = {"actor": subject.id, "relation": relation, "theme": theme}
            self._emit("statements", row, confidence, speaker, sentence)
        if coop and _INTENT.search(sentence) and not hypothesis:
            for iso in countries:  # wishes to cooperate: an interest in the country
                pid = self.country_place(iso, sentence)
                row = {"actor": subject.id, "relation": "interest", "territory": pid}
                self._emit("statements", row, 0.6, speaker, sentence)
        elif coop:
            unsure = hypothesis or example
            paren = re.search(r"\(([^)]*)\)", sentence)
            listed = [e for p, e in named if paren and paren.start() < p < paren.end()]
            if listed and _PLURAL.search(sentence[: paren.start()]) and subject is own:
                # "2 CTF restent engagées au Nicaragua (Villes de Fougères et de Bouguenais)"
                for e in listed:
                    self._partnership(sentence, e, [], countries, themes, speaker, unsure)
                return
            if subject is own and own and _UNNAMED_MEMBER.search(sentence):
                subject = self.unnamed_member(own, sentence, speaker)
                others = [e for e in others if e is not own]
            self._partnership(sentence, subject, others, countries, themes, speaker, unsure)
        if _MEMBER.search(sentence):
            self._membership(sentence, subject, mentions, speaker)
        for e in mentions:
            if e.table == "events" and re.search(r"(?i)particip", sentence):
                row = {"event": e.id, "actor": subject.id, "role": "participant"}
                self._emit("participations", row, 0.6, speaker, sentence)

    def unnamed_member(self, own: Entity, sentence: str, speaker: str) -> Entity:
        """ "Elle accompagne ses membres, à savoir une commune…": an unnamed member actor."""
        e = Entity(
            f"{own.id}-commune-membre-non-nommee",
            "actors",
            f"Commune membre de {own.label} (non nommée)",
            "french_authority",
            "FR",
            new=True,
        )
        if e.id not in self.new_ids:
            self.new_ids.add(e.id)
            note = f"« {sentence} » : commune membre non nommée."
            row = {"id": e.id, "kind": e.kind, "label_fr": e.label, "country": "FR"}
            row |= {"interpretation": "yes", "note": note}
            self._emit("actors", row, 0.5, "", sentence, entity="unresolved")
            row = {"member": e.id, "organisation": own.id, "role": "member", "status": "active"}
            row |= {"interpretation": "yes", "note": note}
            self._emit("memberships", row, 0.5, speaker, sentence)
            self.lex.entities[e.id] = e
        return self.lex.entities[e.id]

    def country_place(self, iso: str, sentence: str) -> str:
        """The places.csv id of a country, proposing its row when the tables lack it."""
        pid = f"country-{iso.lower()}"
        listed = {r.get("id") for r in self.data.records.get("places", [])}
        if pid not in listed and pid not in self.new_ids:
            import gettext

            import pycountry

            self.new_ids.add(pid)
            name = pycountry.countries.get(alpha_2=iso).name
            try:
                fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
                name_fr = fr.gettext(name)
            except OSError:
                name_fr = name
            row = {"id": pid, "kind": "country", "label_fr": name_fr, "label_en": name}
            row["iso_code"] = iso
            self._emit("places", row, 0.9, "", sentence, entity="gazetteer")
        return pid

    def _partnership(self, sentence, subject, others, countries, themes, speaker, hypothesis):
        s = sentence.lower()
        kind = (
            "twinning"
            if "jumel" in s
            else "project"
            if "projet" in s
            else "exchange"
            if "échange" in s or "délégation" in s
            else "cooperation"
        )
        groups = [(others, countries, _status(sentence))]
        paren = re.search(r"\(([^)]*)\)", sentence)
        if paren and _status(paren.group(1)) != "active" and len(countries) > 1:
            inner = [e for e in others if normalise(e.label) in normalise(paren.group(1))]
            # the bracket qualifies the country just before it
            before = [e for _, e in self.lex.mentions(sentence[: paren.start()])]
            last = [e.id for e in before if e.table == "countries"][-1:]
            rest = [c for c in countries if c not in last]
            groups = [
                ([e for e in others if e not in inner], rest, _status(sentence[: paren.start()])),
                (inner, last, _status(paren.group(1))),
            ]
        year = re.search(r"(?i)depuis (\d{4})", sentence)
        for parties, where, status in groups:
            ids = [subject.id] + [e.id for e in parties]
            partner = "-".join(_slug(_authority_core(e.label)) for e in parties) or "-".join(
                c.lower() for c in where
            )
            row = {
                "id": f"pship-{subject.id.split('-', 1)[-1]}-{partner}",
                "kind": kind,
                "parties": "|".join(dict.fromkeys(ids)),
                "countries": "|".join(where),
                "start_year": year.group(1) if year else "",
                "status": status,
                "themes": "|".join(themes) if kind != "cooperation" else "",
            }
            for iso in where:
                self.country_place(iso, sentence)
            self._emit("partnerships", row, 0.3 if hypothesis else 0.7, speaker, sentence)

    def _membership(self, sentence, subject, mentions, speaker):
        orgs = [e for e in mentions if e.table == "groups" or e.kind == "network"]
        for m in _GROUP_RE.finditer(sentence):
            orgs.append(self.group("GP", m.group(2), sentence, "country_group"))
        for m in _PRESIDE_RE.finditer(sentence):
            orgs.append(self.group("", m.group(1).strip(), sentence, "network"))
        if re.search(r"(?i)particip", sentence):  # "a participé avec CUF": not a membership
            after = [self.lex.lookup(w) for w in re.findall(r"avec (\w[\w\-]*)", sentence)]
            orgs = [o for o in orgs if o not in after]
        for m in _NETWORK_RE.finditer(sentence):
            for name in re.split(r", | et ", m.group(1)):
                orgs.append(self.group("", name, sentence, "network"))
        s = sentence.lower()
        role = (
            "chair"
            if re.search(r"pr[ée]sid", s)
            else "participant"
            if re.search(r"particip|collabor", s)
            else "member"
        )
        status = (
            "ended"
            if re.search(
                r"plus le cas|pendant de longues|\ba (?:\w+ )?particip|a présidé|auparavant", s
            )
            else "active"
        )
        for org in dict.fromkeys(orgs):
            if org.id == subject.id:
                continue
            row = {"member": subject.id, "organisation": org.id, "role": role, "status": status}
            self._emit("memberships", row, 0.6, speaker, sentence)

    # comparison with the tables --------------------------------------------------------
    def _compare(self) -> None:
        recs = self.data.records
        ids = {r.get("id") for rs in recs.values() for r in rs if r.get("id")}
        seen: set[tuple] = set()
        kept = []
        for p in self.proposals:
            v = p.values
            key = (p.table, json.dumps({k: v[k] for k in v if k not in ("note", "speaker")}))
            if key in seen:
                continue
            seen.add(key)
            kept.append(p)
            if p.table == "outcomes":
                said = normalise(v["quote"])
                same = [
                    (abs(len(normalise(r.get("quote"))) - len(said)), r.get("id"))
                    for r in recs.get("outcomes", [])
                    if normalise(r.get("quote"))
                    and (normalise(r.get("quote")) in said or said in normalise(r.get("quote")))
                ]
                if same:  # the row whose quote is closest in length to the sentence
                    v["id"], p.status, p.entity = min(same)[1], "known", "resolved"
                continue
            if p.table == "stances":
                if any(
                    (r.get("actor"), r.get("outcome")) == (v["actor"], v.get("outcome"))
                    for r in recs.get("stances", [])
                ):
                    p.status = "known"
                continue
            if v.get("id") in ids and p.table != "partnerships":
                p.status, p.entity = "known", "resolved"
            elif p.table == "statements":
                if any(
                    r.get("actor") == v["actor"] and r.get("theme") == v.get("theme", "")
                    for r in recs.get("statements", [])
                ):
                    p.status = "known"
            elif p.table == "memberships":
                for r in recs.get("memberships", []):
                    if (r.get("member"), r.get("organisation")) == (v["member"], v["organisation"]):
                        same = r.get("status") == v["status"] and r.get("role") == v["role"]
                        p.status = "known" if same else "contradicts"
                        p.entity = "" if same else f"table has {r.get('role')}, {r.get('status')}"
            elif p.table == "partnerships":
                for r in recs.get("partnerships", []):
                    parties = set(v["parties"].split("|"))
                    where = set(v.get("countries", "").split("|")) - {""}
                    if parties <= set(r.items("parties")) and (
                        len(parties) > 1 or where & set(r.items("countries"))
                    ):
                        v["id"] = r.get("id")
                        diff = [
                            f"{c}: table {r.get(c) or '∅'}"
                            for c in ("status", "start_year")
                            if v.get(c) and r.get(c) != v.get(c)
                        ]
                        p.status = "contradicts" if diff else "known"
                        p.entity = "; ".join(diff)
                        break
        self.proposals = kept


def _city_country(name: str, sentence: str, lex: Lexicon) -> str:
    """The country of the town called ``name`` in the gazetteer: France if there is one
    there, else a country the sentence names, else the most populous."""
    from .gazetteer import _cities
    from .twinnings import _city_index

    if re.match(r"(?i)(?:la |le |l')?(?:conseil|d[ée]partement|r[ée]gion)", name):
        return ""
    cities = _cities()
    found = [cities.get(str(i)) for i in _city_index().get(_authority_core(name), ())]
    found = sorted((c for c in found if c), key=lambda c: -c["population"])
    exact = [c for c in found if normalise(c["name"]) == _authority_core(name)]
    found = exact or found
    codes = [c["countrycode"] for c in found]
    named = {e.id for _, e in lex.mentions(sentence) if e.table == "countries"} - {"FR"}
    if not codes:
        return ""
    return next((c for c in codes if c in named), "" if "FR" in codes else codes[0])


def _label(name: str) -> str:
    name = re.sub(r"^(?i:la |le |l'|l’)", "", name.strip())
    name = re.sub(r"(?i)^conseil (départemental|departemental)", "Département", name)
    name = re.sub(r"(?i)^conseil (régional|regional)", "Région", name)
    return name[:1].upper() + name[1:]


def source_id(path: str | Path) -> str:
    return _slug(Path(path).stem)


def propose(minutes: str | Path, data: str | Path | Dataset) -> list[Proposal]:
    """Proposals for the minutes file, compared with the tables of ``data``."""
    dataset = data if isinstance(data, Dataset) else load_tables(data)
    text = Path(minutes).read_text(encoding="utf-8")
    return Proposer(dataset, source_id(minutes)).propose(text)


def write_proposals(proposals: list[Proposal], out: str | Path) -> None:
    from .files import atomic_open

    with atomic_open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=PROPOSAL_COLUMNS)
        writer.writeheader()
        writer.writerows(p.row() for p in proposals)


def accept(
    proposals_csv: str | Path, data: str | Path, minutes: str | Path | None = None
) -> dict[str, list[dict[str, str]]]:
    """Add the rows marked ``accept = yes`` to the tables of ``data``, all or nothing.

    A sources.csv row for the minutes is added when missing. Raises :class:`DataError`
    (nothing written) when a row contradicts the tables or the result does not validate.
    """
    from .tables.write import append_rows

    data = Path(data)
    additions: dict[str, list[dict[str, str]]] = {}
    problems: list[Problem] = []
    with open(proposals_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for n, row in enumerate(rows, start=2):
        if normalise(row.get("accept") or "") not in ("yes", "oui", "y", "x", "1"):
            continue
        if row.get("status") == "known":
            continue
        if row.get("status") == "contradicts":
            problems.append(
                Problem(
                    Path(proposals_csv).name,
                    n,
                    "status",
                    f"contradicts the tables ({row.get('entity')}): edit the existing "
                    f"{row['table']} row instead",
                )
            )
            continue
        try:
            values = json.loads(row["values"])
        except (KeyError, json.JSONDecodeError) as err:
            problems.append(Problem(Path(proposals_csv).name, n, "values", f"not JSON: {err}"))
            continue
        additions.setdefault(row["table"], []).append(values)
    if problems:
        raise DataError(problems)
    sources = {v.get("source") for rs in additions.values() for v in rs} - {None, ""}
    current = load_tables(data)
    known = {r.get("id") for r in current.records.get("sources", [])}
    for sid in sorted(sources - known):
        path = str(minutes) if minutes else f"sources/{sid}.md"
        additions.setdefault("sources", []).append(
            {"id": sid, "title": f"Compte-rendu {sid}", "kind": "minutes", "path_or_url": path}
        )
    append_rows(data, additions)
    return additions


# evaluation against curated tables ---------------------------------------------------------

FACT_TABLES = ("statements", "partnerships", "memberships")


def _same(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    a, b = (_authority_core(re.sub(r"\(.*?\)", "", x)) for x in (a, b))
    return bool(a) and (a == b or fuzz.ratio(a, b) >= 90)


def _labels(data: Dataset) -> dict[str, str]:
    return {
        r.get("id"): r.get("label_fr") or r.get("name")
        for t in ("actors", "groups", "programmes", "places")
        for r in data.records.get(t, [])
    }


def _facts(rows, label) -> list[tuple]:
    """(table, subject label, object labels) of the fact rows, one per distinct fact."""
    out: dict[tuple, None] = {}
    for table, v in rows:
        if table == "statements":
            obj = v.get("theme") or v.get("territory", "")
            out[(table, label(v["actor"]), (obj,))] = None
        elif table == "memberships":
            out[(table, label(v["member"]), (label(v["organisation"]),))] = None
        elif table == "partnerships":
            parties = [label(p) for p in v["parties"].split("|")]
            others = tuple(parties[1:]) + tuple(c for c in v.get("countries", "").split("|") if c)
            out[(table, parties[0], others)] = None
    return list(out)


def _matches(p: tuple, c: tuple) -> bool:
    if p[0] != c[0] or not _same(p[1], c[1]):
        return False
    if p[0] == "partnerships":
        return any(_same(a, b) or a == b for a in p[2] for b in c[2])
    return p[2][0] == c[2][0] or _same(p[2][0], c[2][0])


def score(
    proposals: list[Proposal], start: Dataset, curated: Dataset, min_confidence: float = 0.5
) -> dict[str, float]:
    """Recall and precision of the interest / cooperation / membership proposals against
    curated tables; an entity is the same when its label matches (see :func:`_same`)."""
    mine = _labels(start)
    for p in proposals:
        if p.values.get("id"):
            mine[p.values["id"]] = p.values.get("label_fr") or p.values.get("name", "")
    theirs = _labels(curated)
    prop = _facts(
        [
            (p.table, p.values)
            for p in proposals
            if p.table in FACT_TABLES and p.confidence >= min_confidence
        ],
        lambda i: mine.get(i, i),
    )
    gold = _facts(
        [
            (t, {c: r.get(c) for c in r.values})
            for t in FACT_TABLES
            for r in curated.records.get(t, [])
        ],
        lambda i: theirs.get(i, i),
    )
    found = [g for g in gold if any(_matches(p, g) for p in prop)]
    right = [p for p in prop if any(_matches(p, g) for g in gold)]
    return {
        "recall": len(found) / len(gold) if gold else 0.0,
        "precision": len(right) / len(prop) if prop else 0.0,
        "curated": len(gold),
        "proposed": len(prop),
        "missed": [g for g in gold if g not in found],
        "wrong": [p for p in prop if p not in right],
    }
