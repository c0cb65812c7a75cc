"""The persistent build: a Turtle file and, beside it, an on-disk Oxigraph store.

``build/graph.ttl`` is kept with ``build/graph.oxigraph/`` (the store and ``build.json``).
A build is written in a temporary folder next to its target and swapped in whole, so a
failed build never leaves half a graph behind. Query commands open the store read-only.

>>> store_dir("build/graph.ttl").as_posix()
'build/graph.oxigraph'
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import uuid
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from . import vocab

DEFAULT_GRAPH_PATH = Path("build") / "graph.ttl"
META = "build.json"


class NoBuildError(FileNotFoundError):
    """Raised when a query command is pointed at a path where nothing was built."""


def store_dir(graph_path: str | Path) -> Path:
    """The folder that holds the store of the build written to ``graph_path``."""
    return Path(graph_path).with_suffix(".oxigraph")


def progress(items: Iterable, what: str, total: int | None = None) -> Iterable:
    """``items`` with a progress bar on a terminal (none when output is piped or in CI).

    >>> list(progress([1, 2], "rows"))
    [1, 2]
    """
    import sys

    from tqdm import tqdm

    return tqdm(
        items,
        desc=what,
        unit=" " + what,
        total=total,
        disable=not sys.stderr.isatty(),
        miniters=10_000,
        mininterval=0.5,
        leave=False,
    )


def write_build(quads: Iterable[ox.Quad], graph_path: str | Path) -> dict:
    """Load ``quads`` into a new store and write the Turtle file, then swap both into place.

    Returns the build's metadata (``id``, ``triples``, ``created``), also saved as build.json.
    """
    target = Path(graph_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        store = ox.Store(str(tmp / "store"))
        store.bulk_extend(progress(quads, "triples"))
        store.optimize()
        with open(tmp / "graph.ttl", "wb") as out:
            # One Turtle document per graph, one after the other: Oxigraph writes each
            # without a Python object per triple, and the file parses as their union.
            for graph in [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]:
                store.dump(
                    out, format=ox.RdfFormat.TURTLE, from_graph=graph, prefixes=vocab.PREFIXES
                )
        meta = {
            "id": uuid.uuid4().hex,
            "triples": len(store),
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        }
        (tmp / META).write_text(json.dumps(meta, indent=2))
        store.flush()
        del store
        _swap_in(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return meta


def _swap_in(tmp: Path, target: Path) -> None:
    final = store_dir(target)
    staged = tmp / "staged"
    staged.mkdir()
    (tmp / "store").rename(staged / "store")
    (tmp / META).rename(staged / META)
    old = tmp / "old"
    if final.exists():
        final.rename(old)
    staged.rename(final)
    os.replace(tmp / "graph.ttl", target)


def open_store(graph_path: str | Path = DEFAULT_GRAPH_PATH) -> tuple[ox.Store, dict]:
    """Open a build's store read-only, with its metadata.

    Raises :class:`NoBuildError` if ``graph_path`` was never built.
    """
    folder = store_dir(graph_path)
    if not (folder / META).exists():
        raise NoBuildError(f"no graph built at {graph_path}: run `graphkit build` first")
    meta = json.loads((folder / META).read_text())
    return ox.Store.read_only(str(folder / "store")), meta
