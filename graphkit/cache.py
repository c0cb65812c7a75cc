"""Results derived from a build (the name index, the matchers' projection), cached on disk
beside that build's store so that a new process does not recompute them.

A cache file lives in the build's store folder, which a rebuild replaces whole, and it
records the build id it was made from: it never outlives its build. Graphs built in
memory keep their cache in the process only.

The files are plain data that cannot run code: a NumPy ``.npz`` archive of plain arrays
(read without pickle, each array's declared size checked against the archive before it
is read), one of which holds a JSON document saying the format version, the build id and
the key. Every member carries the archive's CRC-32, checked as it is read. A file that
fails any check (damaged, made by another build or another graphkit) is recomputed, with
one line on standard error.
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
import json
import sys
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np

from .files import atomic_open
from .store import store_dir

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

T = TypeVar("T")
# Raised whenever what is cached changes shape, so that a build made by an older graphkit
# recomputes its caches instead of misreading them.
FORMAT = 3
_DOC = "doc"  # the archive member holding the JSON document


class Plain(Protocol):
    """A value that can be written as plain data: a JSON document and named arrays."""

    def to_plain(self) -> tuple[dict, dict[str, np.ndarray]]: ...

    @classmethod
    def from_plain(cls, doc: dict, arrays: Mapping[str, np.ndarray]) -> Any: ...


class DamagedCache(ValueError):
    """A cache file that is not what this graphkit writes for this build."""


def _file(kg: KnowledgeGraph, key: str) -> Path | None:
    if kg.path is None or not kg.meta.get("id"):
        return None
    digest = hashlib.sha256(f"{FORMAT} {key}".encode()).hexdigest()[:16]
    folder = getattr(kg, "version_dir", None) or store_dir(kg.path)
    return Path(folder) / "cache" / f"{digest}.npz"


def cached(kg: KnowledgeGraph, key: str, compute: Callable[[], T], kind: type | None = None) -> T:
    """``compute()`` once per build and key: from memory, else from disk, else computed.

    ``kind`` is the class of the value (one with ``to_plain``/``from_plain``); without it
    the value is kept in memory only.
    """
    memo = kg.__dict__.setdefault("_cache", {})
    if key in memo:
        return memo[key]
    path = _file(kg, key) if kind is not None else None
    value = None
    if path is not None and path.exists():
        try:
            doc, arrays = read_plain(path, kg.meta["id"], key)
            value = kind.from_plain(doc, arrays)
        except Exception as err:  # damaged in any way: recomputed (nothing in it can run)
            print(
                f"graphkit: the cached {key.split()[0]} in {path.parent} could not be used "
                f"({err}); recomputing it",
                file=sys.stderr,
            )
            value = None
    if value is None:
        value = compute()
        if path is not None:
            try:
                write_plain(path, kg.meta["id"], key, *value.to_plain())
            except OSError:
                pass  # a read-only build folder: the cache only saves time, never correctness
    memo[key] = value
    return value


def write_plain(
    path: str | Path, build: str, key: str, doc: dict, arrays: Mapping[str, np.ndarray]
) -> None:
    """Write ``doc`` (JSON) and ``arrays`` (no object arrays) to ``path``, atomically.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "c.npz"
    >>> write_plain(f, "b1", "k", {"n": 1}, {"x": np.arange(3)})
    >>> doc, arrays = read_plain(f, "b1", "k"); doc, arrays["x"].tolist()
    ({'n': 1}, [0, 1, 2])
    """
    if _DOC in arrays or any(a.dtype.hasobject for a in arrays.values()):
        raise ValueError("plain arrays only, none named 'doc'")
    body = json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode()
    head = {"format": FORMAT, "build": build, "key": key}
    text = json.dumps(head).encode() + b"\n" + body
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with atomic_open(path, "wb") as f:
        np.savez(f, **{_DOC: np.frombuffer(text, dtype=np.uint8)}, **arrays)


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> np.ndarray:
    with zf.open(info) as f:
        version = np.lib.format.read_magic(f)
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            raise DamagedCache(f"array format {version}")
        if dtype.hasobject:
            raise DamagedCache("an object array")
        size = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
        if size > info.file_size:  # a damaged header must not make us allocate terabytes
            raise DamagedCache(f"{info.filename} is shorter than it says")
        data = f.read(size)  # reading to the end checks the member's CRC-32 (BadZipFile)
        if f.read(1):
            raise DamagedCache(f"{info.filename} is longer than it says")
    if len(data) != size:
        raise DamagedCache(f"{info.filename} is truncated")
    return np.frombuffer(data, dtype=dtype).reshape(shape, order="F" if fortran else "C")


def read_plain(path: str | Path, build: str, key: str) -> tuple[dict, dict[str, np.ndarray]]:
    """The document and arrays written by :func:`write_plain` for ``build`` and ``key``.

    Raises :class:`DamagedCache` (or OSError) if the file is not exactly that.
    """
    try:
        with zipfile.ZipFile(path) as zf:
            arrays = {
                info.filename.removesuffix(".npy"): _read_member(zf, info) for info in zf.infolist()
            }
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise DamagedCache(str(err) or type(err).__name__) from None
    text = arrays.pop(_DOC, None)
    if text is None or text.dtype != np.uint8:
        raise DamagedCache("no document")
    head_bytes, _, body = text.tobytes().partition(b"\n")
    try:
        head = json.loads(head_bytes)
    except ValueError:
        raise DamagedCache("unreadable header") from None
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        raise DamagedCache(f"format {head.get('format') if isinstance(head, dict) else '?'}")
    if head.get("build") != build or head.get("key") != key:
        raise DamagedCache("made from another build")
    return json.loads(body), arrays


def pack_strings(strings: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Strings as one UTF-8 byte array and their end offsets (in characters).

    >>> unpack_strings(*pack_strings(["Morón", "", "a"]))
    ['Morón', '', 'a']
    """
    ends = np.cumsum([len(s) for s in strings], dtype=np.int64)
    return np.frombuffer("".join(strings).encode(), dtype=np.uint8), ends


def unpack_strings(blob: np.ndarray, ends: np.ndarray) -> list[str]:
    """The strings packed by :func:`pack_strings`."""
    text = blob.tobytes().decode()
    bounds = ends.tolist()
    if bounds and bounds[-1] != len(text):
        raise DamagedCache("string offsets do not fit their text")
    return [text[a:b] for a, b in zip([0, *bounds[:-1]], bounds, strict=True)]


def pack_rows(rows: list, width: int, prefix: str) -> tuple[dict, dict[str, np.ndarray]]:
    """Rows of ``width`` strings as, per column, its distinct values and an array of codes.

    Far quicker to read back than JSON rows: a national graph's 42,000 statement rows
    took 0.29 s to parse as JSON.

    >>> doc, arrays = pack_rows([("a", "x"), ("b", "x")], 2, "r")
    >>> unpack_rows(doc, arrays, "r")
    [('a', 'x'), ('b', 'x')]
    """
    doc, arrays = [], {}
    for c in range(width):
        codes: dict[str, int] = {}
        column = [codes.setdefault(row[c], len(codes)) for row in rows]
        doc.append(list(codes))
        arrays[f"{prefix}.{c}"] = np.array(column, dtype=np.int32)
    return {"columns": doc}, arrays


def unpack_rows(doc: dict, arrays: Mapping[str, np.ndarray], prefix: str) -> list[tuple]:
    """The rows packed by :func:`pack_rows`; ValueError if they do not fit."""
    columns = []
    for c, values in enumerate(doc["columns"]):
        codes = arrays[f"{prefix}.{c}"]
        if len(codes) and (codes.min() < 0 or codes.max() >= len(values)):
            raise DamagedCache(f"{prefix}: codes outside their values")
        columns.append(np.array(values, dtype=object)[codes].tolist())
    if len({len(c) for c in columns}) > 1:
        raise DamagedCache(f"{prefix}: columns of different lengths")
    return list(zip(*columns, strict=True))
