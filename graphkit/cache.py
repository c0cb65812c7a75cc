"""Results derived from a build (the name index, the matchers' projection), cached on disk
beside that build's store so that a new process does not recompute them.

A cache file lives in the build's store folder, which a rebuild replaces whole, and it
records the build id it was made from: it never outlives its build. Graphs built in
memory keep their cache in the process only.

>>> import graphkit
>>> kg = graphkit.from_tables("tests/fixtures/mini")
>>> cached(kg, "answer", lambda: 42)
42
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .store import store_dir

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

T = TypeVar("T")
# Raised whenever what is cached changes shape, so that a build made by an older graphkit
# recomputes its caches instead of unpickling objects this code no longer understands.
FORMAT = 3


def _file(kg: KnowledgeGraph, key: str) -> Path | None:
    if kg.path is None or not kg.meta.get("id"):
        return None
    digest = hashlib.sha256(f"{FORMAT} {key}".encode()).hexdigest()[:16]
    return store_dir(kg.path) / "cache" / f"{digest}.pickle"


def cached(kg: KnowledgeGraph, key: str, compute: Callable[[], T]) -> T:
    """``compute()`` once per build and key: from memory, else from disk, else computed."""
    memo = kg.__dict__.setdefault("_cache", {})
    if key in memo:
        return memo[key]
    path = _file(kg, key)
    value = None
    if path is not None and path.exists():
        with open(path, "rb") as f:
            build_id, value = pickle.load(f)
        if build_id != kg.meta["id"]:
            value = None
    if value is None:
        value = compute()
        if path is not None:
            _save(path, (kg.meta["id"], value))
    memo[key] = value
    return value


def _save(path: Path, payload: object) -> None:
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(payload, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only build folder: the cache only saves time, never correctness
