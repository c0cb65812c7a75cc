"""Find an entity by id or label, ignoring case and accents ("moron" finds "Morón"), within
the kind of entity a command expects.

The one rule every command and saved-query parameter follows (:meth:`NameIndex.resolve`):

1. An empty name is refused.
2. An ISO 3166-1 code (``BR``, ``ni``) or a country's name means the country.
3. An id, or a label in any language (case, accents and punctuation ignored), of an entity
   of the expected kind is that entity; when several fit, the first kind wins (country,
   authority, other actor, group or theme, place, person), and a tie is an error listing them.
4. A place's name where an actor is expected means the authority seated there ("Nice" →
   Nice Côte d'Azur Métropole), said through the ``graphkit.graph.names`` logger (the command
   line prints it on standard error).
5. A name of an entity of another kind (a country for ``peers``) is an error that says what
   was expected and lists the closest entities of the right kind.
6. Otherwise every typed word in one label, or the start of a label ("bord" → Ville de
   Bordeaux), authorities before other actors; said on the logger too.
7. Otherwise an error; its "closest" lists only names close in spelling, of the right kind.

>>> normalise("  Morón ")
'moron'
>>> normalise("El Tuma – La Dalia")
'el tuma la dalia'
>>> normalise("Cœur de Łódź")
'coeur de lodz'
>>> index = NameIndex({"ar-moron": ["Morón"], "fr-nanterre": ["Nanterre", "Ville de Nanterre"]})
>>> index.resolve("MORON")
'ar-moron'
>>> NameIndex({"ar-moron": ["Morón"], "city-ar-moron": ["Morón"]}, {"city-ar-moron": 2}).resolve(
...     "moron")
'ar-moron'
>>> index.resolve("ville nanterre")
'fr-nanterre'
>>> index.resolve("nantere")
Traceback (most recent call last):
...
graphkit.graph.names.UnknownNameError: no entity named 'nantere'; closest: Nanterre (fr-nanterre)
>>> index.resolve("lyon")
Traceback (most recent call last):
...
graphkit.graph.names.UnknownNameError: no entity named 'lyon'
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from dataclasses import dataclass

from graphkit.graph.packed import PackedMap
from graphkit.model import vocab
from graphkit.text.fold import normalise

log = logging.getLogger("graphkit.graph.names")


AUTHORITIES = frozenset(vocab.AUTHORITY_KINDS)
ACTORS = frozenset(vocab.ACTOR_KINDS)
PLACES = frozenset({"Country", "Subdivision", "City", "MacroRegion"})

# When one name fits several entities of the expected kinds, the first kind here wins.
KIND_RANK = {
    "Country": 0,
    "FrenchAuthority": 1,
    "ForeignAuthority": 1,
    "Network": 2,
    "Embassy": 2,
    "Organisation": 3,
    "CountryGroup": 4,
    "ThematicGroup": 4,
    "Programme": 4,
    "Event": 4,
    "Concept": 4,
    "Subdivision": 5,
    "City": 5,
    "MacroRegion": 5,
    "Person": 6,
}
KIND_WORDS = {
    "Country": "a country",
    "FrenchAuthority": "a French authority",
    "ForeignAuthority": "an authority abroad",
    "Network": "a network",
    "Embassy": "an embassy",
    "Organisation": "an organisation",
    "CountryGroup": "a country group",
    "ThematicGroup": "a thematic group",
    "Programme": "a programme",
    "Event": "an event",
    "Concept": "a theme",
    "Subdivision": "a province or region",
    "City": "a city",
    "MacroRegion": "a macro-region",
    "Person": "a person",
}


@dataclass(frozen=True)
class Expect:
    """The kinds of entity a command or parameter takes, and how to say it.

    >>> FRENCH_AUTHORITY.what
    'a French authority'
    """

    kinds: frozenset[str]
    what: str
    plural: str

    def __contains__(self, kind: str) -> bool:
        return kind in self.kinds


FRENCH_AUTHORITY = Expect(
    frozenset({"FrenchAuthority"}), "a French authority", "French authorities"
)
AUTHORITY = Expect(AUTHORITIES, "a local authority", "local authorities")
ACTOR = Expect(ACTORS, "an actor (authority, network, embassy or organisation)", "actors")
COUNTRY = Expect(frozenset({"Country"}), "a country", "countries")
TERRITORY = Expect(
    frozenset({"Country", "MacroRegion"}), "a country or a macro-region", "countries or regions"
)
MACRO_REGION = Expect(frozenset({"MacroRegion"}), "a macro-region", "macro-regions")
THEME = Expect(frozenset({"Concept"}), "a theme", "themes")


def shown(name: str, width: int = 80) -> str:
    """A name as an error message quotes it: cut after ``width`` characters.

    >>> shown("x" * 100)[-3:], len(shown("x" * 100))
    ('xx…', 81)
    """
    return name if len(name) <= width else name[:width] + "…"


class UnknownNameError(LookupError):
    """No entity, or more than one, answers to a name; the message lists the closest."""

    def __init__(self, message: str, candidates: list[tuple[str, str]]):
        super().__init__(message)
        self.candidates = candidates  # (id, label)


class WrongKindError(UnknownNameError):
    """The name is an entity, but not of the kind the command expects."""

    def __init__(self, message: str, candidates: list[tuple[str, str]], entity: str):
        super().__init__(message, candidates)
        self.entity = entity  # the id the name does fit


def _joined(ids: set[str] | list[str]) -> str:
    """Ids sorted and joined by ``|`` (most keys name one entity: no sort then).

    >>> _joined({"b", "a"}), _joined(["c"])
    ('a|b', 'c')
    """
    if len(ids) == 1:
        return next(iter(ids))
    return "|".join(sorted(ids))


class NameIndex:
    """Ids and labels of entities, searchable without case or accents."""

    def __init__(
        self,
        names: dict[str, list[str]],
        priority: dict[str, int] | None = None,
        by_lang: dict[str, dict[str, str]] | None = None,
        kinds: dict[str, str] | None = None,
        seated: dict[str, list[str]] | None = None,
    ):
        # Packed maps, not dicts: the index is cached with the build and read by every command.
        self.labels = PackedMap(
            (eid, labels[0] if labels else eid) for eid, labels in names.items()
        )
        self.priority = PackedMap((eid, str(rank)) for eid, rank in (priority or {}).items())
        # language -> id -> its label in that language
        self.by_lang = {lang: PackedMap(m.items()) for lang, m in (by_lang or {}).items()}
        self.kinds = PackedMap((kinds or {}).items())
        # place -> the actors seated there
        self.seated = PackedMap((p, _joined(a)) for p, a in (seated or {}).items())
        # each distinct text folded once (labels repeat: a city and its authority, languages)
        folded = {t: normalise(t) for t in {*names, *(x for ls in names.values() for x in ls)}}
        by_key: dict[str, set[str]] = defaultdict(set)
        for eid, labels in names.items():
            by_key[folded[eid]].add(eid)
            for label in labels:
                by_key[folded[label]].add(eid)
        self._by_key = PackedMap((key, _joined(eids)) for key, eids in by_key.items())

    def to_plain(self) -> tuple[dict, dict]:
        """The index as plain data: a JSON document and arrays (see :mod:`graphkit.graph.cache`).

        >>> index = NameIndex({"ar-moron": ["Morón"]}, {"ar-moron": 0}, {"fr": {"ar-moron": "Morón"}})
        >>> NameIndex.from_plain(*index.to_plain()).resolve("MORON")
        'ar-moron'
        """
        arrays = self.labels.to_arrays("labels") | self.priority.to_arrays("priority")
        arrays |= self._by_key.to_arrays("by_key") | self.kinds.to_arrays("kinds")
        arrays |= self.seated.to_arrays("seated")
        for i, m in enumerate(self.by_lang.values()):
            arrays |= m.to_arrays(f"lang{i}")
        return {"languages": list(self.by_lang)}, arrays

    @classmethod
    def from_plain(cls, doc: dict, arrays) -> NameIndex:
        """The index written by :meth:`to_plain`."""
        index = cls.__new__(cls)
        index.labels = PackedMap.from_arrays(arrays, "labels")
        index.priority = PackedMap.from_arrays(arrays, "priority")
        index._by_key = PackedMap.from_arrays(arrays, "by_key")
        index.kinds = PackedMap.from_arrays(arrays, "kinds")
        index.seated = PackedMap.from_arrays(arrays, "seated")
        index.by_lang = {
            str(lang): PackedMap.from_arrays(arrays, f"lang{i}")
            for i, lang in enumerate(doc["languages"])
        }
        return index

    def _ids(self, key: str) -> list[str]:
        found = self._by_key.get(key)
        return found.split("|") if found else []

    def kind(self, eid: str) -> str:
        """The kind (class name, e.g. ``Country``) of an entity, "" if unknown."""
        return self.kinds.get(eid, "")

    def _rank(self, eid: str) -> int:
        if eid in self.kinds:
            return KIND_RANK.get(self.kinds[eid], len(KIND_RANK))
        return int(self.priority.get(eid, "0"))

    def _fits(self, eid: str, expect: Expect | None) -> bool:
        return expect is None or self.kind(eid) in expect

    def _named(self, eid: str) -> str:
        return f"{self.labels.get(eid, eid)} ({eid})"

    def resolve(self, name: str, expect: Expect | None = None) -> str:
        """The id of the one entity of the ``expect``-ed kinds called ``name`` (any kind if
        None), by the rule in the module's docstring; raise :class:`UnknownNameError`
        (:class:`WrongKindError` for an entity of another kind) otherwise.

        >>> index = NameIndex(
        ...     {"country-br": ["Brésil"], "city-fr-nice": ["Nice"], "fr-nice": ["Nice Métropole"]},
        ...     kinds={"country-br": "Country", "city-fr-nice": "City", "fr-nice": "FrenchAuthority"},
        ...     seated={"city-fr-nice": ["fr-nice"]})
        >>> index.resolve("br"), index.resolve("nice"), index.resolve("nice", FRENCH_AUTHORITY)
        ('country-br', 'city-fr-nice', 'fr-nice')
        >>> index.resolve("Brésil", FRENCH_AUTHORITY)
        Traceback (most recent call last):
        ...
        graphkit.graph.names.WrongKindError: 'Brésil' is a country, Brésil (country-br), not a French authority
        """
        what = expect.what if expect else "an entity"
        text = (name or "").strip()
        key = normalise(text)
        if not key:
            raise UnknownNameError(f"empty name; expected {what}", [])
        if text in self.labels and self._fits(text, expect):
            return text
        code = f"country-{text.lower()}"
        if re.fullmatch(r"[A-Za-z]{2}", text) and code in self.labels:
            if self._fits(code, expect):
                return code
        exact = self._ids(key)
        if exact:
            right = [e for e in exact if self._fits(e, expect)]
            if right:
                return self._pick(right, name, what)
            if expect is not None and expect.kinds & ACTORS:
                seated = {
                    a
                    for e in exact
                    for a in (self.seated.get(e) or "").split("|")
                    if a and self._fits(a, expect)
                }
                if seated:
                    found = self._pick(sorted(seated), name, what)
                    log.info("%s → %s", name, self.labels.get(found, found))
                    return found
            wrong = min(exact, key=lambda e: (self._rank(e), e))
            kind = KIND_WORDS.get(self.kind(wrong), "an entity")
            near = self._closest(key, expect)
            listed = ", ".join(self._named(i) for i in near)
            raise WrongKindError(
                f"'{shown(name)}' is {kind}, {self._named(wrong)}, not {what}"
                + (f"; closest {expect.plural}: {listed}" if listed else ""),
                [(i, self.labels[i]) for i in near],
                wrong,
            )
        # Every typed word in one label ("geroudet" finds "Patrick Géroudet"), or the start
        # of a label ("bord" finds "Bordeaux").
        words = set(key.split())
        found = {
            eid
            for k, eids in self._by_key.items()
            if words <= set(k.split()) or (len(key) >= 4 and k.startswith(key))
            for eid in eids.split("|")
            if self._fits(eid, expect)
        }
        if found:
            chosen = self._pick(sorted(found), name, what)
            log.info("%s → %s", name, self.labels.get(chosen, chosen))
            return chosen
        near = self._closest(key, expect)
        listed = ", ".join(self._named(i) for i in near)
        nothing = "no entity" if expect is None else "no " + what.split(" ", 1)[1]
        nothing = nothing.replace(" or a ", " or ").replace(" or an ", " or ")
        raise UnknownNameError(
            f"{nothing} named '{shown(name)}'" + (f"; closest: {listed}" if listed else ""),
            [(i, self.labels[i]) for i in near],
        )

    def _pick(self, ids: list[str], name: str, what: str) -> str:
        if len(ids) == 1:
            return ids[0]
        # Seated actors and label prefixes: authorities before other actors.
        best = min(self._rank(e) for e in ids)
        first = sorted(e for e in ids if self._rank(e) == best)
        if len(first) == 1:
            return first[0]
        listed = ", ".join(self._named(i) for i in first[:8])
        raise UnknownNameError(
            f"'{shown(name)}' is ambiguous; it names {listed}",
            [(i, self.labels[i]) for i in first[:8]],
        )

    def _closest(self, key: str, expect: Expect | None, n: int = 5) -> list[str]:
        """Entities of the right kind whose name is plausibly what was meant: a word of it
        starts like a typed word (4 letters, or the whole word) or is spelt within a letter
        or two of it, or the whole name is. Nothing rather than unrelated names."""
        from rapidfuzz import fuzz, process

        typed = [w for w in key.split() if len(w) >= 3]
        keys = [
            k
            for k, eids in self._by_key.items()
            if any(self._fits(e, expect) for e in eids.split("|"))
        ]
        by_word: dict[str, list[str]] = defaultdict(list)
        for k in keys:
            for word in set(k.split()):
                by_word[word].append(k)
        score: dict[str, float] = {}
        for k, s, _ in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=75, limit=20):
            score[k] = s
        for w in typed:
            words = {
                x: s
                for x, s, _ in process.extract(
                    w, list(by_word), scorer=fuzz.ratio, score_cutoff=75, limit=20
                )
            }
            for x in by_word:
                if x.startswith(w[:4]) and len(x) >= 3 and (len(w) >= 4 or x == w):
                    words[x] = max(words.get(x, 0.0), 80.0 + (x == w) * 20)
            for x, s in words.items():
                for k in by_word[x]:
                    score[k] = max(score.get(k, 0.0), s - len(k) / 100)
        ids: list[str] = []
        for k in sorted(score, key=lambda k: (-score[k], k)):
            for eid in self._ids(k):
                if eid not in ids and self._fits(eid, expect):
                    ids.append(eid)
        return ids[:n]
