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

>>> authority_core("Conseil départemental du Val-de-Marne")
'val de marne'
>>> status_named("La coopération est en stand-by depuis 2019.")
'stand-by'
>>> outcome_kind("Comment va se faire cet accompagnement ?")
'question'
>>> outcome_kind("Avoir plus d'outils pratico-pratiques sur des retours d'expériences.")
'proposal'
>>> stance_of("Pas d'intérêt sur un groupe plus large, sauf si c'est thématisé.")
'conditional'

One concern, kept whole although long: :class:`Proposer` reads the minutes
block by block, each method one kind of fact, all sharing what the earlier blocks
said (the speaker, the country, the group under discussion).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from graphkit.ingest.propose_lexicon import (
    Entity,
    Lexicon,
    authority_core,
    countries_named,
    status_named,
)
from graphkit.ingest.propose_patterns import (
    AUTH_RE,
    COOP,
    EXAMPLE,
    EXPERTISE,
    GRAND_RE,
    GROUP_RE,
    HOST_RE,
    HYPOTHESIS,
    INTENT,
    INTEREST,
    MEMBER,
    METRO_RE,
    NETWORK_RE,
    ORG_KINDS,
    ORG_RE,
    PLURAL,
    PRESIDE_RE,
    SELF_WORDS,
    SENT_RE,
    SPEAKER_RE,
    UNNAMED_MEMBER,
    WITH_RE,
    outcome_kind,
    stance_of,
)
from graphkit.tables.check import Dataset, load_tables
from graphkit.text.fold import normalise, slug

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
        m = SPEAKER_RE.match(line)
        if m and len(line) < 200:
            current = Block(m.group(1).strip(), m.group(2).strip())
            blocks.append(current)
            continue
        host = HOST_RE.match(line)
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
        out += [s.strip(" -") for s in SENT_RE.split(line) if len(s.strip(" -")) > 3]
    return out


def _role_authority(role: str) -> str:
    """The authority part of a speaker's role ("Chargée de mission au Conseil … de l'Aude")."""
    m = AUTH_RE.search(role)
    if m:
        return role[m.start(1) :].strip()
    m = METRO_RE.search(role) or GRAND_RE.search(role)
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
        if known is None and authority_core(name):
            known = self.lex.lookup(authority_core(name))
        if known and known.table in ("actors", "groups"):
            return known
        label = _label(name)
        iso = country or _city_country(name, sentence, self.lex) or "FR"
        prefix = "fr" if iso == "FR" else iso.lower()
        core = authority_core(name) or normalise(name)
        e = Entity(f"{prefix}-{slug(core)}", "actors", label, "", iso, new=True)
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
            e = Entity(f"gp-{slug(name)}", "groups", f"GP {name}", kind, new=True)
            row = {"id": e.id, "kind": kind, "label_fr": e.label, "status": "active"}
            table = "groups"
        else:
            e = Entity(f"net-{slug(name)}", "actors", name, "network", new=True)
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
        key = next(k for k in ORG_KINDS if normalise(word).startswith(k))
        kind, type_ = ORG_KINDS[key]
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
            f"{prefix}-{slug(aliases[0] if m.group(4) else label)}",
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
        pid = f"person-{slug(name)}"
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
        for m in AUTH_RE.finditer(sentence):
            if self.lex.lookup(m.group(2), fuzzy=False) and self.lex.lookup(
                m.group(2), fuzzy=False
            ).table in ("countries", "themes"):
                continue  # "une ville du Nicaragua": a partner named only by its country
            word = "ville" if normalise(m.group(1)) == "maire" else m.group(1)
            name = f"{word} de {m.group(2)}"
            iso = self._country_after(sentence, m.end(), countries, word)
            found.append((m.start(), self.authority(name, iso, sentence)))
        for regex in (METRO_RE, GRAND_RE):
            for m in regex.finditer(sentence):
                if not any(abs(p - m.start()) < 3 for p, _ in found):
                    found.append((m.start(), self.authority(m.group(1), "", sentence)))
        for m in ORG_RE.finditer(sentence):
            found.append((m.start(), self.organisation(m, sentence)))
        for m in WITH_RE.finditer(sentence):
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
        for key, iso in sorted(countries_named().items(), key=lambda kv: -len(kv[0])):
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
            "id": "out-" + slug(" ".join(sentence.split()[:8]))[:48].strip("-"),
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
            dict.fromkeys(e.id for e in mentions if e.table == "themes" and e.id not in SELF_WORDS)
        )
        countries = [e.id for e in mentions if e.table == "countries" and e.id != "FR"]
        countries += [e.country for e in others if e.country and e.country != "FR"]
        countries = [c for c in dict.fromkeys(countries) if c not in (subject.country, "FR")]
        expertise = bool(EXPERTISE.search(sentence))
        cue = expertise or bool(INTEREST.search(sentence)) or sentence.startswith("→")
        coop = bool(COOP.search(sentence)) and bool(countries or others)
        outside = re.sub(r"\([^)]*\)", " ", sentence)
        hypothesis = bool(HYPOTHESIS.search(outside))
        example = bool(EXAMPLE.match(sentence)) and subject is own
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
        if coop and INTENT.search(sentence) and not hypothesis:
            for iso in countries:  # wishes to cooperate: an interest in the country
                pid = self.country_place(iso, sentence)
                row = {"actor": subject.id, "relation": "interest", "territory": pid}
                self._emit("statements", row, 0.6, speaker, sentence)
        elif coop:
            unsure = hypothesis or example
            paren = re.search(r"\(([^)]*)\)", sentence)
            listed = [e for p, e in named if paren and paren.start() < p < paren.end()]
            if listed and PLURAL.search(sentence[: paren.start()]) and subject is own:
                # "2 CTF restent engagées au Nicaragua (Villes de Fougères et de Bouguenais)"
                for e in listed:
                    self._partnership(sentence, e, [], countries, themes, speaker, unsure)
                return
            if subject is own and own and UNNAMED_MEMBER.search(sentence):
                subject = self.unnamed_member(own, sentence, speaker)
                others = [e for e in others if e is not own]
            self._partnership(sentence, subject, others, countries, themes, speaker, unsure)
        if MEMBER.search(sentence):
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
        groups = [(others, countries, status_named(sentence))]
        paren = re.search(r"\(([^)]*)\)", sentence)
        if paren and status_named(paren.group(1)) != "active" and len(countries) > 1:
            inner = [e for e in others if normalise(e.label) in normalise(paren.group(1))]
            # the bracket qualifies the country just before it
            before = [e for _, e in self.lex.mentions(sentence[: paren.start()])]
            last = [e.id for e in before if e.table == "countries"][-1:]
            rest = [c for c in countries if c not in last]
            groups = [
                (
                    [e for e in others if e not in inner],
                    rest,
                    status_named(sentence[: paren.start()]),
                ),
                (inner, last, status_named(paren.group(1))),
            ]
        year = re.search(r"(?i)depuis (\d{4})", sentence)
        for parties, where, status in groups:
            ids = [subject.id] + [e.id for e in parties]
            partner = "-".join(slug(authority_core(e.label)) for e in parties) or "-".join(
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
        for m in GROUP_RE.finditer(sentence):
            orgs.append(self.group("GP", m.group(2), sentence, "country_group"))
        for m in PRESIDE_RE.finditer(sentence):
            orgs.append(self.group("", m.group(1).strip(), sentence, "network"))
        if re.search(r"(?i)particip", sentence):  # "a participé avec CUF": not a membership
            after = [self.lex.lookup(w) for w in re.findall(r"avec (\w[\w\-]*)", sentence)]
            orgs = [o for o in orgs if o not in after]
        for m in NETWORK_RE.finditer(sentence):
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
    from graphkit.ingest.twin_places import city_index
    from graphkit.tables.gazetteer import gazetteer_cities

    if re.match(r"(?i)(?:la |le |l')?(?:conseil|d[ée]partement|r[ée]gion)", name):
        return ""
    cities = gazetteer_cities()
    found = [cities.get(str(i)) for i in city_index().get(authority_core(name), ())]
    found = sorted((c for c in found if c), key=lambda c: -c["population"])
    exact = [c for c in found if normalise(c["name"]) == authority_core(name)]
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
    return slug(Path(path).stem)


def propose(minutes: str | Path, data: str | Path | Dataset) -> list[Proposal]:
    """Proposals for the minutes file, compared with the tables of ``data``."""
    dataset = data if isinstance(data, Dataset) else load_tables(data)
    text = Path(minutes).read_text(encoding="utf-8")
    return Proposer(dataset, source_id(minutes)).propose(text)


def write_proposals(proposals: list[Proposal], out: str | Path) -> None:
    from graphkit.files.atomic import atomic_open

    with atomic_open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=PROPOSAL_COLUMNS)
        writer.writeheader()
        writer.writerows(p.row() for p in proposals)


# evaluation against curated tables ---------------------------------------------------------
