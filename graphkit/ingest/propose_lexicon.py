"""What the proposer knows before reading: the tables' names, ids and places folded for
lookup, so that a name in the minutes finds its row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from graphkit.ingest.propose_patterns import GENERIC
from graphkit.tables.check import Dataset
from graphkit.text.fold import normalise
from graphkit.text.i18n import LANGS


@dataclass(eq=False)
class Entity:
    id: str
    table: str  # actors, groups, events, themes, countries, people
    label: str
    kind: str = ""
    country: str = ""
    new: bool = False


def authority_core(label: str) -> str:
    """The distinctive words of an authority's name ("ville de Nanterre" -> "nanterre")."""
    words = normalise(label).split()
    while words and words[0] in GENERIC:
        words.pop(0)
    return " ".join(words)


def status_named(sentence: str) -> str:
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
def countries_named() -> dict[str, str]:
    """Normalised country names (English, French, Spanish, Portuguese) -> ISO alpha-2, with
    the short names French minutes use."""
    from graphkit.tables.gazetteer import country_codes

    return country_codes() | {"salvador": "SV", "etats unis": "US", "bresil": "BR"}


@cache
def _themes() -> dict[str, str]:
    """Normalised theme labels (preferred and alternative, every language) -> theme id."""
    from graphkit.model import vocab
    from graphkit.model.ontology_files import theme_triples

    alt = vocab.PREFIXES["skos"] + "altLabel"
    out: dict[str, str] = {}
    for t in theme_triples():
        if t.predicate.value in (vocab.SKOS_PREF, alt):
            out.setdefault(normalise(t.object.value), t.subject.value[len(vocab.THEME) :])
    return out


class Lexicon:
    """Everything the minutes may mention, searchable by normalised label."""

    def __init__(self, data: Dataset):
        self.data = data
        self.by_key: dict[str, Entity] = {}
        self.entities: dict[str, Entity] = {}
        for code_key, iso in countries_named().items():
            self._add(Entity(iso, "countries", iso), [code_key])
        for key, tid in _themes().items():
            self._add(Entity(tid, "themes", tid), [key])
        for table in ("actors", "groups", "events", "people"):
            for r in data.records.get(table, []):
                labels = [r.get(f"label_{lang}") for lang in LANGS]
                labels += r.items("aliases") + [r.get("name")]
                labels = [lab for lab in labels if lab]
                if table == "actors":
                    labels += [authority_core(lab) for lab in labels]
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
                if n == 1 and (gram in GENERIC or len(gram) < 3):
                    continue
                e = self.lookup(gram, fuzzy=n > 1 or len(gram) >= 8)
                if e:
                    taken |= set(range(i, i + n))
                    found.append((i, e))
        return sorted(found, key=lambda p: p[0])
