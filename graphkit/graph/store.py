"""The persistent build: a Turtle file and, beside it, an on-disk Oxigraph store.

``build/graph.ttl`` is kept with ``build/graph.oxigraph`` (the store and ``build.json``).
Each build is written whole into its own hidden version folder beside them
(``build/.graph.oxigraph.<id>/``: the store, build.json, the Turtle, the caches), and
switched in by one atomic rename: ``graph.oxigraph`` is a symbolic link to the live
version, replaced by ``os.replace``, and ``graph.ttl`` a link to ``graph.oxigraph/graph.ttl``.
A kill at any moment leaves the old build or the new one, whole. Readers resolve the link
once and hold a shared lock on that version's ``reading.lock`` while they run, so a later
build removes an old version only when nobody reads it. Two builds into the same place
take turns (an exclusive lock on ``.graph.ttl.lock``), and each removes the leftovers of
builds killed before it. Query commands open the store read-only.

>>> store_dir("build/graph.ttl").as_posix()
'build/graph.oxigraph'
"""

from __future__ import annotations

import contextlib
import functools
import itertools
import json
import os
import re
import shutil
import signal
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import pyoxigraph as ox

from graphkit.files.atomic import disk_full, write_atomic
from graphkit.model import vocab

if TYPE_CHECKING:
    from graphkit.graph.to_rdf import Term

DEFAULT_GRAPH_PATH = Path("build") / "graph.ttl"
META = "build.json"
TURTLE = "graph.ttl"
READERS = "reading.lock"  # readers hold it shared; a build removing the version, exclusive


class NoBuildError(FileNotFoundError):
    """Raised when a query command is pointed at a path where nothing was built."""


class BuildError(Exception):
    """A build that could not be written or read back; the message says what to do."""


def store_dir(graph_path: str | Path) -> Path:
    """The folder (a link to the live version) that holds the store of ``graph_path``."""
    return Path(graph_path).with_suffix(".oxigraph")


def _checkpoint(step: str) -> None:
    # For the tests of atomicity only: GRAPHKIT_TEST_KILL_AT=step kills the build there.
    if os.environ.get("GRAPHKIT_TEST_KILL_AT") == step:
        os.kill(os.getpid(), signal.SIGKILL)


def _check_target(target: Path) -> None:
    if target.suffix != ".ttl":
        raise BuildError(
            f"--out {target}: give the Turtle file to write, ending in .ttl "
            f"(e.g. {target.parent / 'graph.ttl'}); its store is kept beside it"
        )
    if target.is_dir() and not target.is_symlink():
        raise BuildError(f"--out {target} is a folder: give a file, e.g. {target / 'graph.ttl'}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BuildError(
            f"--out {target}: cannot make the folder {target.parent} ({err.strerror}); "
            "give a path in a folder you can write"
        ) from None
    if not os.access(target.parent, os.W_OK):
        raise BuildError(f"--out {target}: the folder {target.parent} is not writable")


@contextlib.contextmanager
def _build_lock(target: Path) -> Iterator[None]:
    """Hold the exclusive lock of builds into ``target``; wait (saying so) if another has it."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no locking
        yield
        return
    fd = os.open(target.parent / f".{target.name}.lock", os.O_RDWR | os.O_CREAT, 0o666)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(
                f"graphkit: another build into {target} is running; waiting for it to finish",
                file=sys.stderr,
            )
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _live_version(link: Path) -> str | None:
    try:
        return os.readlink(link)
    except OSError:  # missing, or a folder of an older graphkit
        return None


def _remove_leftovers(target: Path, keep: set[str]) -> None:
    """Remove the versions, links and temporary files of earlier (killed) builds of
    ``target``, except the live version and ``keep``; versions being read are left."""
    link = store_dir(target)
    keep = keep | {f".{target.name}.lock"}
    live = _live_version(link)
    if live:
        keep.add(live)
    prefixes = (f".{link.name}.", f".{target.name}.")
    for entry in target.parent.iterdir():
        if entry.name in keep or not entry.name.startswith(prefixes):
            continue
        if entry.is_dir() and not entry.is_symlink():
            _remove_version(entry)
        else:
            entry.unlink(missing_ok=True)


def _remove_version(folder: Path) -> None:
    try:
        import fcntl

        fd = os.open(folder / READERS, os.O_RDONLY)
    except (ImportError, OSError):  # no lock file: killed before any reader could open it
        shutil.rmtree(folder, ignore_errors=True)
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return  # someone reads it: a later build removes it
    try:
        shutil.rmtree(folder, ignore_errors=True)  # readers coming now find it gone, look again
    finally:
        os.close(fd)


def _switch(version: Path, target: Path) -> None:
    """Make ``version`` the live build of ``target`` in one rename."""
    link = store_dir(target)
    if link.is_dir() and not link.is_symlink():  # the folder of an older graphkit: set aside
        link.rename(target.parent / f".{link.name}.legacy-{uuid.uuid4().hex[:12]}")
    fresh = target.parent / f".{link.name}.link-{uuid.uuid4().hex[:12]}"
    os.symlink(version.name, fresh)
    os.replace(fresh, link)  # the switch
    _checkpoint("after-switch")
    turtle = f"{link.name}/{TURTLE}"
    if not (target.is_symlink() and os.readlink(target) == turtle):
        fresh = target.parent / f".{target.name}.link-{uuid.uuid4().hex[:12]}"
        os.symlink(turtle, fresh)
        os.replace(fresh, target)


def write_build(
    triples: Iterable[tuple[str, str, Term]],
    graph_path: str | Path,
    meanwhile: Callable[[Path, str], Callable[[], None] | None] | None = None,
    quads: Iterable[ox.Quad] = (),
    seen: Callable[[list], None] | None = None,
) -> dict:
    """Load ``triples`` (plain terms, see :func:`graphkit.graph.to_rdf.plain_triples`; the
    default graph) and ``quads`` (pyoxigraph quads, any graph) into a new store and write
    the Turtle file, then switch both in. ``seen(chunk)`` is called with each chunk of
    triples as it is written. ``meanwhile(version_dir, build_id)`` is called once they
    are all written (it may start a process), and what it returns runs in this thread
    while the bulk loader indexes the quads in its own (an error in either stops the
    build); both may write the build's caches into ``version_dir``.

    Returns the build's metadata (``id``, ``triples``, ``created``), also saved as build.json.
    Raises :class:`BuildError` (the previous build kept) when ``graph_path`` is not a
    ``.ttl`` file in a writable folder, or when the disk fills up.
    """
    target = Path(graph_path)
    _check_target(target)
    with _build_lock(target):
        build_id = uuid.uuid4().hex
        version = target.parent / f".{store_dir(target).name}.{build_id}"
        _remove_leftovers(target, set())
        try:
            version.mkdir()
            write_atomic(version / READERS, b"")
            # The triples are written as Turtle text, chunk by chunk, to the Turtle file and
            # to Oxigraph's bulk loader through a pipe: it parses them while the next chunk
            # is made (quicker than bulk_extend pulling Python objects, and than reading
            # the file once written). The quads of named graphs (a few thousand) follow in
            # the same stream as TriG, and are appended to the file as plain triples.
            store = ox.Store(str(version / "store"))
            loader = _PipedLoad(store)
            try:
                with open(version / TURTLE, "wb") as out:
                    tee = _Tee(out, loader)
                    for chunk in _written_as_turtle(triples, tee):
                        if seen is not None:
                            seen(chunk)
                    more = list(quads)
                    _turtle_chunk(more, out)
                    loader.write(_trig(more))
                loader.close_input()
                _checkpoint("turtle-written")
                during = meanwhile(version, build_id) if meanwhile is not None else None
                if during is not None:
                    during()
            except BaseException:
                loader.finish(quiet=True)  # this error, not what a cut stream made the loader say
                raise
            loader.finish()
            store.optimize()
            meta = {
                "id": build_id,
                "triples": len(store),
                "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            }
            write_atomic(version / META, json.dumps(meta, indent=2))
            store.flush()
            del store
            _checkpoint("before-switch")
            _switch(version, target)
        except BaseException as err:
            if _live_version(store_dir(target)) != version.name:
                shutil.rmtree(version, ignore_errors=True)
            if isinstance(err, OSError | RuntimeError) and disk_full(err):
                raise BuildError(
                    f"the disk holding {target.parent} is full: free some space and run "
                    "`graphkit build` again (the previous build is kept)"
                ) from None
            raise
        _remove_leftovers(target, {version.name})
    return meta


class _PipedLoad:
    """Oxigraph's bulk loader reading TriG from a pipe in a thread of its own (it runs in
    Rust, without the GIL, so it parses and indexes while Python makes the next triples).

    :meth:`write` sends text; :meth:`close_input` ends it; :meth:`finish` waits for the
    loader and raises its error, if any. A loader that stopped early (an error) closes
    its end, so a write then fails at once instead of waiting on a full pipe.
    """

    def __init__(self, store: ox.Store):
        self._read_fd, write_fd = os.pipe()
        _widen(write_fd)
        self._writer: BinaryIO | None = os.fdopen(write_fd, "wb")
        self._failed: list[BaseException] = []
        self._thread = threading.Thread(target=self._load, args=(store,), name="bulk-load")
        self._thread.daemon = True
        self._thread.start()

    def _load(self, store: ox.Store) -> None:
        # The loader opens the pipe by its path where the system has one, so that it reads
        # without taking the GIL for each read (a Python file object needs it every time).
        by_path = _fd_path(self._read_fd)
        try:
            if by_path is not None:
                store.bulk_load(path=by_path, format=ox.RdfFormat.TRIG)
            else:
                with os.fdopen(os.dup(self._read_fd), "rb") as reader:
                    store.bulk_load(input=reader, format=ox.RdfFormat.TRIG)
        except BaseException as err:  # re-raised in the building thread by finish()
            self._failed.append(err)
        finally:
            os.close(self._read_fd)  # the last reader gone: a write fails at once

    def write(self, data: bytes) -> None:
        try:
            self._writer.write(data)
        except BrokenPipeError:  # the loader stopped: its own error says why
            self.finish()
            raise

    def close_input(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            try:
                writer.close()
            except BrokenPipeError:
                self.finish()
                raise

    def finish(self, quiet: bool = False) -> None:
        """End the input (if not yet), wait for the loader, and raise its error (unless
        ``quiet``)."""
        if self._writer is not None:
            writer, self._writer = self._writer, None
            with contextlib.suppress(BrokenPipeError):
                writer.close()
        self._thread.join()
        if self._failed and not quiet:
            raise self._failed[0]


def _fd_path(fd: int) -> str | None:
    """A path that opens the open file ``fd`` again (Linux, macOS), or None."""
    path = f"/dev/fd/{fd}"
    return path if os.path.exists(path) else None


def _widen(fd: int, size: int = 1 << 20) -> None:
    """Give a pipe a larger buffer where the system allows it (Linux: 64 KB by default), so
    that the writer does not wait on the loader every few lines."""
    try:
        import fcntl

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), size)
    except (ImportError, OSError):
        pass  # another system, or a lower limit: the default buffer works too


class _Tee:
    """Writes to the Turtle file and to the loader alike."""

    def __init__(self, out: BinaryIO, loader: _PipedLoad):
        self.out, self.loader = out, loader

    def write(self, data: bytes) -> None:
        self.out.write(data)
        self.loader.write(data)

    def writelines(self, lines: Iterable[bytes]) -> None:
        self.write(b"".join(lines))


def _trig(quads: list[ox.Quad]) -> bytes:
    """Quads as TriG, for the loader (named graphs kept, prefixes declared again)."""
    return ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=vocab.PREFIXES)


TURTLE_CHUNK = 50_000
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r'["\\\n\r]')


def _quoted(value: str) -> str:
    """A literal's value between double quotes, escaped as N-Triples and Turtle want.

    >>> print(_quoted('a "b"'))
    "a \\"b\\""
    """
    return '"' + (value.translate(_ESCAPES) if _NEEDS_ESCAPE.search(value) else value) + '"'


# A local name written after a prefix: the safe part of Turtle's PN_LOCAL, else <IRI>.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]*)")
_BY_NAMESPACE = {iri: prefix for prefix, iri in vocab.PREFIXES.items()}


def _turtle_iri(iri: str) -> str:
    """An IRI as Turtle writes it: ``prefix:local`` when it can, else ``<iri>``.

    >>> _turtle_iri(vocab.iri("fr-a")), _turtle_iri("http://e.org/a b")
    ('gkd:fr-a', '<http://e.org/a b>')
    """
    cut = max(iri.rfind("/"), iri.rfind("#")) + 1
    prefix = _BY_NAMESPACE.get(iri[:cut])
    if prefix is not None and _LOCAL.fullmatch(iri, cut):
        return f"{prefix}:{iri[cut:]}"
    return f"<{iri}>"


class _TurtleTerms(dict):
    """Objects and predicates as Turtle writes them, each worked out once."""

    def __missing__(self, term: str) -> str:
        text = "a" if term == vocab.RDF_TYPE else _turtle_iri(term)
        if len(self) < 1_000_000:  # bounded: entity references at world scale
            self[term] = text
        return text


@functools.cache
def _turtle_tail(tail: str) -> str:
    return "^^" + _turtle_iri(tail[3:-1]) if tail.startswith("^^") else tail


def _turtle_text(triples: list[tuple[str, str, Term]], terms: _TurtleTerms) -> str:
    """Plain triples as Turtle statements (prefixes declared elsewhere), one subject's
    consecutive triples joined with ``;``."""
    parts: list[str] = []
    previous = None
    for s, p, o in triples:
        obj = terms[o] if type(o) is str else _quoted(o[0]) + _turtle_tail(o[1])
        if s == previous:
            parts.append(f" ;\n\t{terms[p]} {obj}")
        else:
            if previous is not None:
                parts.append(" .\n")
            parts.append(f"{_turtle_iri(s)} {terms[p]} {obj}")
            previous = s
    if previous is not None:
        parts.append(" .\n")
    return "".join(parts)


def _written_as_turtle(
    triples: Iterable[tuple[str, str, Term]], out: BinaryIO
) -> Iterator[list[tuple[str, str, Term]]]:
    """Pass plain ``triples`` through in chunks, writing them to ``out`` as Turtle on the way.

    Turtle is written from the triples, chunk by chunk, rather than dumped from the store
    afterwards: reading 670,000 triples back out of RocksDB took 4.6 s.

    >>> import io
    >>> t = (vocab.iri("a"), vocab.RDFS_LABEL, ("A", "@fr"))
    >>> out = io.BytesIO()
    >>> [x == [t] for x in _written_as_turtle([t], out)]
    [True]
    >>> out.getvalue().decode().splitlines()[-1]
    'gkd:a rdfs:label "A"@fr .'
    """
    import sys

    from tqdm import tqdm

    out.writelines(f"@prefix {p}: <{iri}> .\n".encode() for p, iri in vocab.PREFIXES.items())
    terms = _TurtleTerms()
    source = iter(triples)
    with tqdm(desc="triples", unit=" triples", disable=not sys.stderr.isatty(), leave=False) as bar:
        while chunk := list(itertools.islice(source, TURTLE_CHUNK)):
            out.write(_turtle_text(chunk, terms).encode())
            yield chunk
            bar.update(len(chunk))


def _turtle_chunk(quads: list[ox.Quad], out: BinaryIO) -> None:
    """Quads (named graphs written as plain triples) as Turtle, prefixes declared elsewhere."""
    items = [q if isinstance(q.graph_name, ox.DefaultGraph) else q.triple for q in quads]
    text = ox.serialize(items, format=ox.RdfFormat.TURTLE, prefixes=vocab.PREFIXES)
    # Each call writes a whole document; the prefixes were declared once at the top.
    body = text.split(b"\n")
    start = 0
    while start < len(body) and body[start].startswith(b"@prefix "):
        start += 1
    out.write(b"\n".join(body[start:]))


def _read_lock(folder: Path) -> int | None:
    """Take a shared lock on the version ``folder``; None if it has no lock file."""
    try:
        import fcntl

        fd = os.open(folder / READERS, os.O_RDONLY)
    except (ImportError, OSError):
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)  # a build holds it exclusively only while removing
    return fd


def open_version(
    graph_path: str | Path = DEFAULT_GRAPH_PATH,
) -> tuple[ox.Store, dict, Path, int | None]:
    """Open the live version of a build read-only: its store, metadata, folder and the
    descriptor of its reading lock (None for a build of an older graphkit).

    The version stays readable as long as the lock is held, whatever builds follow: close
    the descriptor when done with the store.
    Raises :class:`NoBuildError` if ``graph_path`` was never built, :class:`BuildError`
    if what is there is damaged.
    """
    link = store_dir(graph_path)
    for _ in range(10):  # a build may remove the version between our steps: look again
        try:
            folder = link.resolve(strict=True)
        except OSError:
            folder = None
        if folder is None or not (folder / META).exists():
            raise NoBuildError(f"no graph built at {graph_path}: run `graphkit build` first")
        fd = _read_lock(folder)
        if (folder / META).exists():
            break
        if fd is not None:
            os.close(fd)
    else:
        raise BuildError(f"{graph_path} keeps changing under us: try again")
    try:
        try:
            meta = json.loads((folder / META).read_text())
            if not isinstance(meta, dict) or not isinstance(meta.get("id", ""), str):
                raise ValueError("not a build description")
        except (OSError, ValueError) as err:
            raise BuildError(
                f"{link / META} is damaged ({err}): run `graphkit build` again"
            ) from None
        try:
            store = ox.Store.read_only(str(folder / "store"))
        except (OSError, RuntimeError, ValueError) as err:
            raise BuildError(
                f"the store in {link} cannot be opened ({first_line(err)}): "
                "run `graphkit build` again"
            ) from None
    except BaseException:
        if fd is not None:
            os.close(fd)
        raise
    return store, meta, folder, fd


def first_line(err: BaseException, width: int = 200) -> str:
    """The first line of an error's message, cut to ``width`` characters.

    >>> first_line(RuntimeError("Corruption: bad block\\nmore"))
    'Corruption: bad block'
    """
    text = (str(err) or type(err).__name__).splitlines()[0]
    return text if len(text) <= width else text[: width - 1] + "…"


def open_store(graph_path: str | Path = DEFAULT_GRAPH_PATH) -> tuple[ox.Store, dict]:
    """Open a build's store read-only, with its metadata.

    Raises :class:`NoBuildError` if ``graph_path`` was never built.
    """
    store, meta, _, fd = open_version(graph_path)
    if fd is not None:
        os.close(fd)
    return store, meta
