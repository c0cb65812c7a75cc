"""A frozen, sorted ``str → str`` mapping packed into two strings and two offset arrays.

The name index and the labels are read by every command from a cache file beside the
build. As dicts, a world-scale graph's 1.7 million keys took 5 s to unpickle; packed, they
load as four arrays whatever their number, and a lookup is a binary search (about 20 µs).

>>> m = PackedMap({"fr-nanterre": "Nanterre", "ar-moron": "Morón"}.items())
>>> m["ar-moron"], m.get("nowhere"), len(m), list(m)
('Morón', None, 2, ['ar-moron', 'fr-nanterre'])
>>> list(m._unpacked()), list(PackedMap([])._unpacked())
([('ar-moron', 'Morón'), ('fr-nanterre', 'Nanterre')], [])
"""

from __future__ import annotations

import bisect
import itertools
import operator
from array import array
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where used: a query that needs no name index skips NumPy
    import numpy as np

UNPACK_AFTER = 1000


class _Strings:
    """The i-th string of a packed text, as a sequence ``bisect`` can search."""

    def __init__(self, text: str, ends: array):
        self.text, self.ends = text, ends

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:
        return self.text[self.ends[i - 1] if i else 0 : self.ends[i]]


def _pack(strings: list[str]) -> tuple[str, array]:
    return "".join(strings), array("q", itertools.accumulate(map(len, strings)))


class PackedMap(Mapping[str, str]):
    """A read-only mapping built once from (key, value) pairs with unique keys."""

    def __init__(self, items: Iterable[tuple[str, str]]):
        # Sorted by key alone (C-level string comparisons: a national graph's maps of
        # 170,000 pairs took 1.4 s each sorted as tuples and packed in a Python loop).
        pairs = sorted(items, key=operator.itemgetter(0))
        keys = [k for k, _ in pairs]
        if any(map(operator.eq, keys, itertools.islice(keys, 1, None))):
            twice = next(a for a, b in zip(keys, keys[1:], strict=False) if a == b)
            raise ValueError(f"duplicate key {twice!r}")
        self._keys = _Strings(*_pack(keys))
        self._values = _Strings(*_pack([v for _, v in pairs]))

        self._forget()

    def _forget(self) -> None:
        self._seen: dict[str, str | None] = {}
        self._whole = False  # once many keys are asked for, the map is unpacked into _seen

    def to_arrays(self, prefix: str) -> dict[str, np.ndarray]:
        """The map as four plain arrays named ``prefix.…`` (see :mod:`graphkit.graph.cache`).

        >>> m = PackedMap([("b", "é"), ("a", "x")])
        >>> dict(PackedMap.from_arrays(m.to_arrays("m"), "m"))
        {'a': 'x', 'b': 'é'}
        """
        import numpy as np

        out = {}
        for part, strings in (("keys", self._keys), ("values", self._values)):
            out[f"{prefix}.{part}"] = np.frombuffer(strings.text.encode(), dtype=np.uint8)
            out[f"{prefix}.{part}_ends"] = np.frombuffer(strings.ends, dtype=np.int64)
        return out

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], prefix: str) -> PackedMap:
        """The map written by :meth:`to_arrays`; ValueError if the arrays do not fit."""
        import numpy as np

        m = cls.__new__(cls)
        parts = []
        for part in ("keys", "values"):
            text = str(memoryview(arrays[f"{prefix}.{part}"]), "utf-8")  # no copy first
            ends = array("q")
            offsets = np.ascontiguousarray(arrays[f"{prefix}.{part}_ends"], dtype=np.int64)
            ends.frombytes(memoryview(offsets).cast("B"))
            if (ends and ends[-1] != len(text)) or (not ends and text):
                raise ValueError(f"{prefix}.{part}: offsets do not fit the text")
            parts.append(_Strings(text, ends))
        if len(parts[0]) != len(parts[1]):
            raise ValueError(f"{prefix}: {len(parts[0])} keys but {len(parts[1])} values")
        m._keys, m._values = parts
        m._forget()
        return m

    def get(self, key: str, default: str | None = None) -> str | None:
        """The value of ``key``, else ``default``.

        A few lookups (a command's ten answers) binary-search the packed keys; past
        ``UNPACK_AFTER`` the whole map is unpacked into a dict, which a matcher labelling
        thousands of actors pays once.
        """
        if key not in self._seen and not self._whole:
            if len(self._seen) >= UNPACK_AFTER:
                self._seen, self._whole = dict(self._unpacked()), True
            else:
                i = bisect.bisect_left(self._keys, key) if isinstance(key, str) else len(self)
                found = i < len(self._keys) and self._keys[i] == key
                self._seen[key] = self._values[i] if found else None
        value = self._seen.get(key)
        return default if value is None else value

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (self._keys[i] for i in range(len(self._keys)))

    def __len__(self) -> int:
        return len(self._keys)

    def _unpacked(self) -> Iterator[tuple[str, str]]:
        # Slices in one comprehension each: a method call per string took 7 µs a key.
        out = []
        for strings in (self._keys, self._values):
            ends = strings.ends.tolist()
            text = strings.text
            starts = [0, *ends[:-1]] if ends else []
            out.append([text[a:b] for a, b in zip(starts, ends, strict=True)])
        return zip(*out, strict=True)

    def items(self) -> Iterator[tuple[str, str]]:  # type: ignore[override]
        """(key, value) pairs in key order."""
        return ((self._keys[i], self._values[i]) for i in range(len(self._keys)))
