"""The evidence behind each cell of the projection, kept as a few flat arrays.

A national graph has some 140,000 pieces of evidence. As Python objects they took 1.1 s
to unpickle on every command; as arrays they load at once (from the build's cache file,
see :mod:`graphkit.graph.cache`), and an :class:`Evidence` is
made only for the cells a matcher asks about (the pairs it explains).

>>> table = EvidenceTable.from_cells(
...     {("fr-a", "theme:eau"): [Evidence("interest", "fr-a-eau")]}, ["fr-a"], ["theme:eau"]
... )
>>> table.get(("fr-a", "theme:eau"))
[Evidence(kind='interest', via='fr-a-eau', status='active', strength=1.0)]
>>> table.get(("fr-a", "theme:dechets"), [])
[]
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Evidence:
    """Why an actor holds a feature: the statement (``via``), its kind and status."""

    kind: str  # interest, expertise, partnership, membership, participation, broader, country
    via: str  # the statement id (or the narrower theme, for "broader")
    status: str = "active"
    strength: float = 1.0


Cell = tuple[str, str]  # (actor id, feature)


class EvidenceTable(Mapping[Cell, list[Evidence]]):
    """(actor, feature) → its evidence, strongest first; stored as sorted arrays."""

    def __init__(
        self,
        actors: list[str],
        features: list[str],
        keys: np.ndarray,
        offsets: np.ndarray,
        columns: dict[str, np.ndarray],
        words: list[str],
    ):
        self.actors, self.features = actors, features
        self.keys, self.offsets = keys, offsets  # cell key = row × len(features) + column
        self.columns = columns  # kind, via, status (indexes into words), strength
        self.words = words
        self._index_names()

    def _index_names(self) -> None:
        self._row = {a: i for i, a in enumerate(self.actors)}
        self._col = {f: j for j, f in enumerate(self.features)}
        self._seen: dict[Cell, list[Evidence]] = {}
        self._lists: dict[str, list] | None = None

    @classmethod
    def from_cells(
        cls, cells: Mapping[Cell, list[Evidence]], actors: list[str], features: list[str]
    ) -> EvidenceTable:
        """Pack ``cells`` (every actor and feature in them must be listed)."""
        row = {a: i for i, a in enumerate(actors)}
        col = {f: j for j, f in enumerate(features)}
        ordered = sorted((row[a] * len(features) + col[f], evs) for (a, f), evs in cells.items())
        words: dict[str, int] = {}
        kinds, vias, statuses, strengths, offsets = [], [], [], [], [0]
        for _, evs in ordered:
            for e in evs:
                kinds.append(words.setdefault(e.kind, len(words)))
                vias.append(words.setdefault(e.via, len(words)))
                statuses.append(words.setdefault(e.status, len(words)))
                strengths.append(e.strength)
            offsets.append(len(kinds))
        return cls(
            actors,
            features,
            np.array([k for k, _ in ordered], dtype=np.int64),
            np.array(offsets, dtype=np.int64),
            {
                "kind": np.array(kinds, dtype=np.int32),
                "via": np.array(vias, dtype=np.int32),
                "status": np.array(statuses, dtype=np.int32),
                "strength": np.array(strengths, dtype=np.float64),
            },
            list(words),
        )

    def to_plain(self, prefix: str = "evidence") -> dict[str, np.ndarray]:
        """The table as plain arrays named ``prefix.…`` (the actors and features are the
        projection's, written by it).

        >>> t = EvidenceTable.from_cells({("a", "f"): [Evidence("interest", "s")]}, ["a"], ["f"])
        >>> EvidenceTable.from_plain(t.to_plain(), ["a"], ["f"]).get(("a", "f"))
        [Evidence(kind='interest', via='s', status='active', strength=1.0)]
        """
        from graphkit.files.plain import pack_strings

        blob, ends = pack_strings(self.words)
        out = {f"{prefix}.keys": self.keys, f"{prefix}.offsets": self.offsets}
        out |= {f"{prefix}.{k}": v for k, v in self.columns.items()}
        return out | {f"{prefix}.words": blob, f"{prefix}.word_ends": ends}

    @classmethod
    def from_plain(
        cls, arrays, actors: list[str], features: list[str], prefix: str = "evidence"
    ) -> EvidenceTable:
        """The table written by :meth:`to_plain`; ValueError if its arrays do not fit."""
        from graphkit.files.plain import unpack_strings

        keys, offsets = arrays[f"{prefix}.keys"], arrays[f"{prefix}.offsets"]
        columns = {k: arrays[f"{prefix}.{k}"] for k in ("kind", "via", "status", "strength")}
        words = unpack_strings(arrays[f"{prefix}.words"], arrays[f"{prefix}.word_ends"])
        n = int(offsets[-1]) if len(offsets) else -1
        if len(offsets) != len(keys) + 1 or any(len(c) != n for c in columns.values()):
            raise ValueError("evidence arrays of different lengths")
        if len(keys) and (keys.min() < 0 or keys.max() >= len(actors) * len(features)):
            raise ValueError("evidence for cells outside the projection")
        for k in ("kind", "via", "status"):
            if n and (columns[k].min() < 0 or columns[k].max() >= len(words)):
                raise ValueError("evidence naming words it does not hold")
        return cls(actors, features, keys, offsets, columns, words)

    def _index(self, cell: Cell) -> int | None:
        i, j = self._row.get(cell[0]), self._col.get(cell[1])
        if i is None or j is None:
            return None
        key = i * len(self.features) + j
        at = int(np.searchsorted(self.keys, key))
        return at if at < len(self.keys) and self.keys[at] == key else None

    def __getitem__(self, cell: Cell) -> list[Evidence]:
        # Explaining one pair reads a cell some thirty times: each is unpacked once.
        found = self._seen.get(cell)
        if found is not None:
            return found
        at = self._index(cell)
        if at is None:
            raise KeyError(cell)
        if self._lists is None:
            self._lists = {k: v.tolist() for k, v in self.columns.items()}
        w, c, span = self.words, self._lists, self.offsets[at : at + 2].tolist()
        found = [
            Evidence(w[c["kind"][n]], w[c["via"][n]], w[c["status"][n]], c["strength"][n])
            for n in range(*span)
        ]
        self._seen[cell] = found
        return found

    def get(self, cell: Cell, default: list[Evidence] | None = None) -> list[Evidence] | None:
        """The evidence of ``cell``, else ``default`` (without Mapping's exception path)."""
        found = self._seen.get(cell)
        if found is None and self._index(cell) is not None:
            found = self[cell]
        return default if found is None else found

    def __contains__(self, cell: object) -> bool:
        return isinstance(cell, tuple) and len(cell) == 2 and self._index(cell) is not None

    def __iter__(self) -> Iterator[Cell]:
        width = len(self.features)
        for key in self.keys.tolist():
            yield self.actors[key // width], self.features[key % width]

    def __len__(self) -> int:
        return len(self.keys)
