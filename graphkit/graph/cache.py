"""Results derived from a build (the name index, the matchers' projection), cached on disk
beside that build's store so that a new process does not recompute them.

A cache file lives in the build's store folder, which a rebuild replaces whole, and it
records the build id it was made from: it never outlives its build. Graphs built in
memory keep their cache in the process only.

The files are plain data that cannot run code (:mod:`graphkit.files.plain`: NumPy arrays
and JSON in an ``.npz``, read without pickle), whose head names the format version, the
build id and the key, and whose every member's CRC-32 is checked as it is read. A file
that fails any check (damaged, made by another build or another graphkit) is recomputed,
with one line on standard error.
A value is cached on disk only if its class says how to turn it into plain data
(``to_plain``/``from_plain``, see :class:`Plain`); the class is named by the caller,
never by the file.

>>> import graphkit
>>> kg = graphkit.from_tables("tests/fixtures/mini")
>>> cached(kg, "answer", lambda: 42)
42
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np

from graphkit.files.plain import read_plain, write_plain
from graphkit.graph.store import store_dir

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

T = TypeVar("T")
# Raised whenever what is cached changes shape, so that a build made by an older graphkit
# recomputes its caches instead of misreading them.
FORMAT = 5


class Plain(Protocol):
    """A value that can be written as plain data: a JSON document and named arrays."""

    def to_plain(self) -> tuple[dict, dict[str, np.ndarray]]: ...

    @classmethod
    def from_plain(cls, doc: dict, arrays: Mapping[str, np.ndarray]) -> Any: ...


def _file(kg: Graph, key: str) -> Path | None:
    if kg.path is None or not kg.meta.get("id"):
        return None
    return cache_file(getattr(kg, "version_dir", None) or store_dir(kg.path), key)


def cache_file(version_dir: str | Path, key: str) -> Path:
    """Where the cache ``key`` of the build version in ``version_dir`` is kept."""
    digest = hashlib.sha256(f"{FORMAT} {key}".encode()).hexdigest()[:16]
    return Path(version_dir) / "cache" / f"{digest}.npz"


def _head(kg: Graph, key: str) -> dict:
    return {"format": FORMAT, "build": kg.meta["id"], "key": key}


def write_cache(version_dir: str | Path, build_id: str, key: str, value: Plain) -> None:
    """Write ``value`` as the cache ``key`` of the build ``build_id`` being made in
    ``version_dir`` (what :func:`cached` reads once the build is opened).

    >>> import tempfile
    >>> from graphkit.graph.names import NameIndex
    >>> folder = tempfile.mkdtemp()
    >>> write_cache(folder, "b1", "names", NameIndex({"fr-a": ["A"]}))
    >>> cache_file(folder, "names").exists()
    True
    """
    head = {"format": FORMAT, "build": build_id, "key": key}
    write_plain(cache_file(version_dir, key), head, *value.to_plain())


def cached(
    kg: Graph,
    key: str,
    compute: Callable[[], T],
    kind: type | None = None,
    built: bool = False,
) -> T:
    """``compute()`` once per build and key: from memory, else from disk, else computed.

    ``kind`` is the class of the value (one with ``to_plain``/``from_plain``); without it
    the value is kept in memory only. ``built``: the build writes this cache, so its
    absence (outside the build itself) is said on standard error as its damage is.
    """
    memo = kg.__dict__.setdefault("_cache", {})
    if key in memo:
        return memo[key]
    path = _file(kg, key) if kind is not None else None
    value = None
    exists = path is not None and path.exists()
    if path is not None and not exists and built and not kg.__dict__.get("_building"):
        print(
            f"graphkit: the cached {key.split()[0]} of {kg.path} is missing; recomputing it",
            file=sys.stderr,
        )
    if exists:
        try:
            doc, arrays = read_plain(path, _head(kg, key))
            value = kind.from_plain(doc, arrays)
        except Exception as err:  # damaged in any way: recomputed (nothing in it can run)
            print(
                f"graphkit: the cached {key.split()[0]} of {kg.path} could not be used "
                f"({err}); recomputing it",
                file=sys.stderr,
            )
            value = None
    if value is None:
        value = compute()
        if path is not None:
            try:
                write_plain(path, _head(kg, key), *value.to_plain())
            except OSError:
                pass  # a read-only build folder: the cache only saves time, never correctness
    memo[key] = value
    return value
