"""Work spread over the machine's cores: a list cut in contiguous chunks, each chunk handled
by a forked process that shares the parent's memory (the projection is not copied), the
results put back in order. Results equal those of one process; one core, a short list, a
process with other threads running, or a system without ``fork`` runs in this process.

>>> spread(lambda chunk: [x * x for x in chunk], list(range(10)), workers=2, least=1)
[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

_JOB: Callable | None = None  # the function of the current spread, inherited by the fork
_IN_WORKER = False  # set in a forked worker


def cores() -> int:
    """The cores this process may run on.

    >>> cores() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def in_worker() -> bool:
    """True in a worker forked by :func:`spread` (the cores are then shared out already).

    >>> in_worker()
    False
    """
    return _IN_WORKER


def _run(chunk: Sequence) -> list:
    global _IN_WORKER
    assert _JOB is not None
    _IN_WORKER = True
    return _JOB(chunk)


def spread(
    job: Callable[[Sequence[T]], list[R]],
    items: Sequence[T],
    workers: int | None = None,
    least: int = 500,
) -> list[R]:
    """``job(items)``, computed as ``job(chunk)`` for one chunk per worker, concatenated.

    ``job`` must return one list per chunk, in the chunk's order, and depend on nothing but
    its chunk (and what the parent holds). Below ``least`` items per worker it is not worth
    a process."""
    global _JOB
    workers = min(workers or cores(), max(1, len(items) // least))
    # A fork copies the locks other threads may hold at that instant (a browser driver, a
    # server): with any other Python thread alive, the work stays in this process.
    alone = threading.active_count() == 1
    if workers <= 1 or not alone or "fork" not in multiprocessing.get_all_start_methods():
        return job(items)
    size = -(-len(items) // workers)
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(len(chunks)) as pool:
            parts = pool.map(_run, chunks)
    finally:
        _JOB = None
    return [r for part in parts for r in part]
