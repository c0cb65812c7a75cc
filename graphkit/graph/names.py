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
from collections.abc import Callable
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


class NotAThemeError(LookupError):
    """The name given as a theme resolves to something else."""


def resolve_theme(kg, name: str) -> str:
    """The thesaurus id of a theme given by id or label (any language, no accents needed).

    Raises :class:`NotAThemeError` if ``name`` names something that is not a theme.

    >>> import graphkit
    >>> resolve_theme(graphkit.from_tables("data"), "gestion des dechets")
    'dechets'
    """
    from graphkit.model.ontology_files import theme_ids

    if name.strip() in theme_ids():  # an id names itself first: no need of the name index
        return name.strip()
    try:
        found = kg.resolve(name, THEME)
    except WrongKindError as err:
        raise NotAThemeError(str(err)) from None
    if found not in theme_ids():
        raise NotAThemeError(f"'{name}' is {kg.label(found)} ({found}), not a theme")
    return found


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
        # key -> its one id, or the set of them (most keys name one entity: no set made)
        by_key: dict[str, str | set[str]] = {}
        for eid, labels in names.items():
            for key in (folded[eid], *(folded[label] for label in labels)):
                had = by_key.setdefault(key, eid)
                if had is not eid and had != eid:
                    if type(had) is str:
                        by_key[key] = {had, eid}
                    else:
                        had.add(eid)
        self._by_key = PackedMap(
            (key, eids if type(eids) is str else _joined(eids)) for key, eids in by_key.items()
        )

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

    # Where the word index comes from: a build's handle reads it from the build's cache
    # (:data:`graphkit.graph.handle.WORDS_KEY`), only when a name is not found at once.
    words_from: Callable[[], WordIndex] | None = None

    def _words(self) -> WordIndex:
        found = self.__dict__.get("_word_index")
        if found is None:
            made = self.words_from() if self.words_from is not None else self.word_index()
            found = self.__dict__["_word_index"] = made.attach(self._by_key)
        return found

    def word_index(self) -> WordIndex:
        """The :class:`WordIndex` of these names (made from them: a build caches it)."""
        return WordIndex.build(self._by_key, self.kinds)

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
        index = self._words()
        hits = index.with_all_words(key.split())
        if len(key) >= 4:
            hits = hits | index.starting_with(key)
        found = {
            eid for i in sorted(hits) for eid in index.eids(i).split("|") if self._fits(eid, expect)
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
        index = self._words()
        # Names (and their words) that name an entity of the right kind, from the index.
        keys = index.keys_of(expect)
        word_list = index.words_of(expect)
        score: dict[str, float] = {}
        for k, s, _ in process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=75, limit=20):
            score[k] = s
        for w in typed:
            words = {
                x: s
                for x, s, _ in process.extract(
                    w, word_list, scorer=fuzz.ratio, score_cutoff=75, limit=20
                )
            }
            for x in index.words_starting(w[:4], expect):
                if len(x) >= 3 and (len(w) >= 4 or x == w):
                    words[x] = max(words.get(x, 0.0), 80.0 + (x == w) * 20)
            for x, s in words.items():
                for k in index.keys_with_word(x, expect):
                    score[k] = max(score.get(k, 0.0), s - len(k) / 100)
        ids: list[str] = []
        for k in sorted(score, key=lambda k: (-score[k], k)):
            for eid in self._ids(k):
                if eid not in ids and self._fits(eid, expect):
                    ids.append(eid)
        return ids[:n]


class WordIndex:
    """The normalised names of a :class:`NameIndex` by word and by kind, so that finding
    a name by its words, by its start or by its spelling ("did you mean") looks up what
    fits instead of reading every name (4 s at national scale).

    Name i is the i-th key of the index's sorted name map; ``mask[i]`` has a bit for the
    kind of each entity it names (``bits``: the kinds in bit order); each word lists the
    names it is in, and ``word_mask`` is the union of their masks.

    >>> index = NameIndex({"fr-nice": ["Ville de Nice"], "city-fr-nice": ["Nice"]},
    ...     kinds={"fr-nice": "FrenchAuthority", "city-fr-nice": "City"})
    >>> words = index._words()
    >>> [words.key(i) for i in sorted(words.with_all_words(["nice", "fr"]))]
    ['city fr nice', 'fr nice']
    >>> [words.key(i) for i in sorted(words.starting_with("vill"))]
    ['ville de nice']
    >>> words.keys_of(FRENCH_AUTHORITY), words.words_of(FRENCH_AUTHORITY)
    (['fr nice', 'ville de nice'], ['de', 'fr', 'nice', 'ville'])
    """

    def __init__(
        self, names: PackedMap, bits: list[str], mask, words: PackedMap, offsets, keys, word_mask
    ):
        self.names, self.bits = names, bits
        self.mask, self.words, self.offsets = mask, words, offsets
        self.word_keys, self.word_mask = keys, word_mask
        self._key_list: list[str] | None = None
        self._word_list: list[str] | None = None

    @classmethod
    def build(cls, names: PackedMap, kinds: PackedMap) -> WordIndex:
        """The word index of ``names`` (normalised name -> ids joined by ``|``)."""
        import numpy as np

        # Both maps unpacked once: a lookup per id in the packed maps took most of 1 s at S1.
        pairs = list(names._unpacked())
        kind_of = dict(kinds._unpacked())
        bits = sorted({kind_of.get(e, "") for _, eids in pairs for e in eids.split("|")})
        bit = {k: 1 << i for i, k in enumerate(bits)}
        none = bit.get("", 0)
        masks: list[int] = []
        containing: dict[str, list[int]] = defaultdict(list)
        for i, (k, eids) in enumerate(pairs):
            if "|" in eids:
                m = 0
                for e in eids.split("|"):
                    m |= bit[kind_of.get(e, "")]
            else:
                kind = kind_of.get(eids)
                m = none if kind is None else bit[kind]
            masks.append(m)
            for word in set(k.split()):  # each name once per word; listed in name order
                containing[word].append(i)
        mask = np.array(masks, dtype=np.int64)
        ordered = sorted(containing)
        lengths = [len(containing[w]) for w in ordered]
        offsets = np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64)
        flat = np.fromiter(
            (i for w in ordered for i in containing[w]), dtype=np.int64, count=int(offsets[-1])
        )
        if len(ordered):  # every word is in one name at least: no empty segment
            word_mask = np.bitwise_or.reduceat(mask[flat], offsets[:-1]).astype(np.int64)
        else:
            word_mask = np.zeros(0, dtype=np.int64)
        words = PackedMap((w, str(n)) for n, w in enumerate(ordered))
        return cls(names, bits, mask, words, offsets, flat, word_mask)

    def to_plain(self) -> tuple[dict, dict]:
        """The index as plain data (see :mod:`graphkit.graph.cache`); the names are the
        name index's own, cached with it.

        >>> index = NameIndex({"fr-nice": ["Ville de Nice"]}, kinds={"fr-nice": "FrenchAuthority"})
        >>> again = WordIndex.from_plain(*index.word_index().to_plain()).attach(index._by_key)
        >>> again.keys_of(FRENCH_AUTHORITY)
        ['fr nice', 'ville de nice']
        """
        return {"kind_bits": self.bits, "names": len(self.mask)}, self.words.to_arrays("words") | {
            "mask": self.mask,
            "offsets": self.offsets,
            "keys": self.word_keys,
            "word_mask": self.word_mask,
        }

    @classmethod
    def from_plain(cls, doc: dict, arrays) -> WordIndex:
        """The index written by :meth:`to_plain`; ValueError if its arrays do not fit."""
        words = PackedMap.from_arrays(arrays, "words")
        mask, offsets = arrays["mask"], arrays["offsets"]
        keys, word_mask = arrays["keys"], arrays["word_mask"]
        size = int(doc["names"])
        if len(mask) != size or len(offsets) != len(words) + 1 or len(word_mask) != len(words):
            raise ValueError("a word index of other names")
        if len(keys) != (int(offsets[-1]) if len(offsets) else 0) or (
            len(keys) and (keys.min() < 0 or keys.max() >= size)
        ):
            raise ValueError("word entries outside the names")
        return cls(None, [str(b) for b in doc["kind_bits"]], mask, words, offsets, keys, word_mask)

    def attach(self, names: PackedMap) -> WordIndex:
        """Read the names from ``names`` (the name index's); ValueError if they are not as
        many as the index was made for."""
        if len(names) != len(self.mask):
            raise ValueError("a word index of other names")
        self.names = names
        return self

    def _expect_bits(self, expect: Expect | None) -> int:
        if expect is None:
            return -1  # every kind, and names of entities of no known kind
        return sum(1 << i for i, k in enumerate(self.bits) if k in expect)

    def key(self, i: int) -> str:
        return self.names._keys[i]

    def eids(self, i: int) -> str:
        return self.names._values[i]

    def _all_keys(self) -> list[str]:
        if self._key_list is None:
            self._key_list = [k for k, _ in self.names._unpacked()]
        return self._key_list

    def _all_words(self) -> list[str]:
        if self._word_list is None:
            self._word_list = [w for w, _ in self.words._unpacked()]
        return self._word_list

    def _postings(self, word: str) -> list[int]:
        n = self.words.get(word)
        if n is None:
            return []
        n = int(n)
        return self.word_keys[self.offsets[n] : self.offsets[n + 1]].tolist()

    def with_all_words(self, words: list[str]) -> set[int]:
        """The names holding every one of ``words``."""
        found: set[int] | None = None
        for w in sorted(set(words), key=lambda w: len(self._postings(w))):
            hits = set(self._postings(w))
            found = hits if found is None else found & hits
            if not found:
                return set()
        return found or set()

    def starting_with(self, prefix: str) -> set[int]:
        """The names that start with ``prefix``."""
        import bisect

        keys = self.names._keys
        lo = bisect.bisect_left(keys, prefix)
        hi = bisect.bisect_left(keys, prefix + "\U0010ffff")
        return set(range(lo, hi))

    def keys_of(self, expect: Expect | None) -> list[str]:
        """The names of an entity of the ``expect``-ed kinds, in order."""
        import numpy as np

        keys = self._all_keys()
        fit = np.flatnonzero(self.mask & self._expect_bits(expect)).tolist()
        return [keys[i] for i in fit]

    def words_of(self, expect: Expect | None) -> list[str]:
        """The words of those names, in order."""
        import numpy as np

        words = self._all_words()
        fit = np.flatnonzero(self.word_mask & self._expect_bits(expect)).tolist()
        return [words[i] for i in fit]

    def words_starting(self, prefix: str, expect: Expect | None) -> list[str]:
        """The words of those names that start with ``prefix``."""
        import bisect

        keys = self.words._keys
        lo = bisect.bisect_left(keys, prefix)
        hi = bisect.bisect_left(keys, prefix + "\U0010ffff")
        bits = self._expect_bits(expect)
        return [keys[n] for n in range(lo, hi) if int(self.word_mask[n]) & bits]

    def keys_with_word(self, word: str, expect: Expect | None) -> list[str]:
        """The names of the right kinds that hold ``word``."""
        bits = self._expect_bits(expect)
        return [self.key(i) for i in self._postings(word) if int(self.mask[i]) & bits]
