"""The cyclic garbage collector paused around work that makes millions of short-lived
lists, dicts and tuples (checking tables, building a graph): each of its passes walks
everything alive, and at national scale they took a third of the tables' check and some
2 s of a build's CPU. Reference counting still frees what is dropped; only garbage in
cycles waits for the collector to be back on.

>>> import gc
>>> with paused_gc():
...     gc.isenabled()
False
>>> gc.isenabled()
True
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc(pause: bool = True) -> Iterator[None]:
    """The collector off inside (if ``pause``), back as it was after, whatever happens."""
    was = gc.isenabled()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
