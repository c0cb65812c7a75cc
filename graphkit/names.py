"""Find an entity by id or label, ignoring case and accents ("moron" finds "Morón").

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
>>> index.resolve("nanter")
Traceback (most recent call last):
...
graphkit.names.UnknownNameError: no entity named 'nanter'; closest: Nanterre (fr-nanterre)
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict

from .packed import PackedMap

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lower-case, accent-free, punctuation folded to single spaces."""
    if text.isascii():  # most labels: nothing to decompose
        return _NON_WORD.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return _NON_WORD.sub(" ", decomposed.translate(_NO_MARKS)).strip()


class _MarkStripper(dict):
    """A str.translate table deleting combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


# Letters that carry their "accent" in the letter itself, so that no decomposition strips it.
_NO_MARKS = _MarkStripper(
    {ord(k): v for k, v in zip("œæøłđðı", ["oe", "ae", "o", "l", "d", "d", "i"], strict=True)}
)


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


class NameIndex:
    """Ids and labels of entities, searchable without case or accents."""

    def __init__(
        self,
        names: dict[str, list[str]],
        priority: dict[str, int] | None = None,
        by_lang: dict[str, dict[str, str]] | None = None,
    ):
        # Packed maps, not dicts: the index is cached with the build and read by every command.
        self.labels = PackedMap(
            (eid, labels[0] if labels else eid) for eid, labels in names.items()
        )
        self.priority = PackedMap((eid, str(rank)) for eid, rank in (priority or {}).items())
        # language -> id -> its label in that language
        self.by_lang = {lang: PackedMap(m.items()) for lang, m in (by_lang or {}).items()}
        by_key: dict[str, set[str]] = defaultdict(set)
        for eid, labels in names.items():
            by_key[normalise(eid)].add(eid)
            for label in labels:
                by_key[normalise(label)].add(eid)
        self._by_key = PackedMap((key, "|".join(sorted(eids))) for key, eids in by_key.items())

    def to_plain(self) -> tuple[dict, dict]:
        """The index as plain data: a JSON document and arrays (see :mod:`graphkit.cache`).

        >>> index = NameIndex({"ar-moron": ["Morón"]}, {"ar-moron": 0}, {"fr": {"ar-moron": "Morón"}})
        >>> NameIndex.from_plain(*index.to_plain()).resolve("MORON")
        'ar-moron'
        """
        arrays = self.labels.to_arrays("labels") | self.priority.to_arrays("priority")
        arrays |= self._by_key.to_arrays("by_key")
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
        index.by_lang = {
            str(lang): PackedMap.from_arrays(arrays, f"lang{i}")
            for i, lang in enumerate(doc["languages"])
        }
        return index

    def _ids(self, key: str) -> list[str]:
        found = self._by_key.get(key)
        return found.split("|") if found else []

    def _rank(self, eid: str) -> int:
        return int(self.priority.get(eid, "0"))

    def resolve(self, name: str) -> str:
        """The id of the one entity called ``name``; raise :class:`UnknownNameError` otherwise."""
        if name in self.labels:
            return name
        found = set(self._ids(normalise(name)))
        if len(found) == 1:
            return next(iter(found))
        if not found:
            # Every typed word in one label: "geroudet" finds "Patrick Géroudet".
            words = set(normalise(name).split())
            found = {
                eid
                for key, eids in self._by_key.items()
                if words and words <= set(key.split())
                for eid in eids.split("|")
            }
        if found:
            best = min(self._rank(e) for e in found)
            first = sorted(e for e in found if self._rank(e) == best)
            if len(first) == 1:
                return first[0]
            return self._fail(f"'{shown(name)}' is ambiguous; it names", first[:8])
        close = difflib.get_close_matches(normalise(name), list(self._by_key), n=8, cutoff=0.6)
        starts = [k for k in self._by_key if k.startswith(normalise(name))] if name else []
        ids: list[str] = []
        for key in starts + close:
            for eid in self._ids(key):
                if eid not in ids:
                    ids.append(eid)
        return self._fail(f"no entity named '{shown(name)}'; closest:", ids[:5])

    def _fail(self, message: str, ids: list[str]) -> str:
        listed = ", ".join(f"{self.labels[i]} ({i})" for i in ids) or "none"
        raise UnknownNameError(f"{message} {listed}", [(i, self.labels[i]) for i in ids])
