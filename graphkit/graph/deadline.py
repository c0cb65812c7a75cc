"""Run a piece of work under a time limit, in a way Ctrl-C can always interrupt.

Oxigraph cannot cancel a running query, but it releases the GIL while it evaluates one.
So the work runs in a worker thread and the caller's thread waits for it: a deadline or a
Ctrl-C reaches the caller at once, and the caller (the command line) ends the process —
the only way to stop the query. A library user who catches :class:`TimeLimit` must know
that the worker runs on in the background until its query ends.

>>> within(5, lambda: 6 * 7)
42
>>> import time
>>> within(0.05, lambda: time.sleep(1))
Traceback (most recent call last):
...
graphkit.graph.deadline.TimeLimit: still running after 0.05 s
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class TimeLimit(TimeoutError):
    """The work did not finish in time (it may still be running in its worker thread)."""


def within(seconds: float | None, work: Callable[[], T]) -> T:
    """``work()``'s result, or its exception, if it ends within ``seconds`` (None or 0: no
    limit); raise :class:`TimeLimit` otherwise. KeyboardInterrupt reaches the caller at once.
    """
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["value"] = work()
        except BaseException as err:  # SystemExit too: re-raised in the caller's thread
            outcome["error"] = err

    worker = threading.Thread(target=run, name="graphkit-work", daemon=True)
    worker.start()
    # Short joins: a signal (Ctrl-C) is handled between them even where a long wait would
    # not be interrupted.
    limit = seconds if seconds and seconds > 0 else None
    waited = 0.0
    while worker.is_alive():
        step = 0.1 if limit is None else min(0.1, max(limit - waited, 0.0))
        worker.join(step)
        waited += step
        if limit is not None and waited >= limit and worker.is_alive():
            raise TimeLimit(f"still running after {seconds:g} s")
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]
