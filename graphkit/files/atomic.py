"""Writing files and folders whole or not at all: every writer of graphkit goes through here.

A file is written to a temporary file in the same folder, flushed to disk, then renamed
over its target in one step (``os.replace``), so a reader sees the old file or the new
one, never half of one, and a kill leaves at most a hidden ``.NAME.*.tmp`` beside it.
New files get the permissions ``open()`` would give them (``0666`` less the umask), not
the private ``0600`` of :func:`tempfile.mkstemp`, so another user can read what one built.

>>> import tempfile
>>> target = Path(tempfile.mkdtemp()) / "x.txt"
>>> _ = write_atomic(target, "ok"); target.read_text(), [p.name for p in target.parent.iterdir()]
('ok', ['x.txt'])
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def umask() -> int:
    """The process's umask (read without changing it for good).

    >>> 0 <= umask() <= 0o777
    True
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _temp_beside(target: Path, suffix: str = ".tmp") -> Path:
    return target.parent / f".{target.name}.{uuid.uuid4().hex[:12]}{suffix}"


@contextlib.contextmanager
def atomic_open(
    path: str | Path, mode: str = "w", encoding: str | None = "utf-8", newline: str | None = None
) -> Iterator[IO]:
    """Open a temporary file beside ``path`` for writing; on success rename it to ``path``.

    On any error (or a kill) the target is left as it was and the temporary file removed.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "t.csv"
    >>> with atomic_open(target) as f:
    ...     _ = f.write("a,b\\n")
    >>> target.read_text()
    'a,b\\n'
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    # O_EXCL on a fresh name; 0o666 is filtered by the umask, as open() does.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    binary = "b" in mode
    try:
        with os.fdopen(
            fd, "wb" if binary else "w", encoding=None if binary else encoding, newline=newline
        ) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_atomic(path: str | Path, payload: bytes | str, encoding: str = "utf-8") -> Path:
    """Write ``payload`` (bytes, or text in ``encoding``) to ``path`` whole or not at all."""
    data = payload.encode(encoding) if isinstance(payload, str) else payload
    with atomic_open(path, "wb") as f:
        f.write(data)
    return Path(path)


def replace_folder(staged: str | Path, target: str | Path) -> None:
    """Put the folder ``staged`` in the place of ``target`` (a folder, or nothing).

    Two folders cannot be exchanged by one rename, so the old one is first renamed aside
    (``.NAME.old-…``), the new one renamed in, the old one removed; if the second rename
    fails the old folder is put back. A kill between the two renames leaves the old folder
    whole under its aside name, which :func:`restore_aside` puts back. Builds of the graph
    avoid even that window with a symbolic link (see :mod:`graphkit.graph.store`).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> (root / "new").mkdir(); (root / "new" / "a").write_text("1")
    1
    >>> replace_folder(root / "new", root / "data"); sorted(p.name for p in root.iterdir())
    ['data']
    """
    staged, target = Path(staged), Path(target)
    if not target.exists() and not target.is_symlink():
        staged.rename(target)
        return
    aside = target.parent / f".{target.name}.old-{uuid.uuid4().hex[:12]}"
    target.rename(aside)
    try:
        staged.rename(target)
    except BaseException:
        aside.rename(target)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def restore_aside(target: str | Path) -> None:
    """If ``target`` is missing but a folder set aside by :func:`replace_folder` is there
    (a kill between its two renames), put it back; remove other leftovers."""
    target = Path(target)
    asides = sorted(target.parent.glob(f".{glob.escape(target.name)}.old-*"))
    for aside in asides:
        if not target.exists():
            aside.rename(target)
        else:
            shutil.rmtree(aside, ignore_errors=True)


def disk_full(err: BaseException) -> bool:
    """True if ``err`` says the disk (or the user's quota) is full.

    >>> disk_full(OSError(errno.ENOSPC, "No space left on device"))
    True
    """
    if isinstance(err, OSError) and err.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "No space left on device" in str(err)
