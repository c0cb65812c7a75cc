"""One function run in a forked child process, beside the parent's own work.

The build computes its name index in a child while the parent computes the projection and
Oxigraph's bulk loader indexes the store: three CPU-bound parts on as many cores. A fork
shares the parent's memory (the rows both caches are made from) without copying or
pickling it; the child hands its result back as a file. Where ``os.fork`` is missing, the
function runs in the calling process, when it is waited for.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp()) / "done"
>>> child = Forked(lambda: out.write_text("yes"))
>>> child.wait(), out.read_text()
(True, 'yes')
>>> Forked(lambda: 1 / 0, quiet=True).wait()
False
>>> Forked(lambda: out.write_text("here"), run_here=True).wait(), out.read_text()
(True, 'here')
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from collections.abc import Callable


class Forked:
    """``fn()`` started in a forked child (now); :meth:`wait` says whether it succeeded,
    :meth:`stop` ends it early. ``quiet``: a failure's traceback is not printed.
    ``run_here``: no child, ``fn()`` runs in this process when waited for."""

    def __init__(self, fn: Callable[[], object], quiet: bool = False, run_here: bool = False):
        self.fn, self.quiet = fn, quiet
        self.pid: int | None = None
        self.ok: bool | None = None
        if run_here or not hasattr(os, "fork"):
            return
        sys.stderr.flush()
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:  # the child: run, say how it went by the exit code, never return
            os._exit(0 if self._run() else 1)
        self.pid = pid

    def _run(self) -> bool:
        try:
            self.fn()
            return True
        except BaseException:
            if not self.quiet:
                traceback.print_exc()
                sys.stderr.flush()
            return False

    def wait(self) -> bool:
        """Wait for the function to end; True if it returned without an error."""
        if self.ok is None:
            if self.pid is None:
                self.ok = self._run()
            else:
                _, status = os.waitpid(self.pid, 0)
                self.ok, self.pid = os.waitstatus_to_exitcode(status) == 0, None
        return self.ok

    def stop(self) -> None:
        """End the child if it still runs (the parent failed), and reap it."""
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid, self.ok = None, False
