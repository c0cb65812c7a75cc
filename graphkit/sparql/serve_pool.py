"""A pool of Oxigraph server processes that answer one query at a time, each killed when its
query runs past its deadline or the pool passes its memory bound, and replaced at once.

Why processes, and why kill: the Oxigraph server's own time limit does not stop every query
(an ``ORDER BY`` over a cartesian product sorts on for minutes, holding gigabytes, after its
client has left; a streaming answer keeps streaming), and nothing inside a process can stop
a query that is allocating. A process per running query makes the kill exact: only the query
that overran is stopped, the others carry on in their own processes. Every worker opens the
same read-only private copy of the build (Oxigraph allows several read-only openers).

One supervising thread owns the processes: it starts them (Linux ties a child's
parent-death signal to the thread that started it, so a short-lived request thread must
not), reads each one's resident memory from ``/proc/PID/status`` every :data:`POLL` s,
kills the worker of an overdue query or, when the pool's total passes the bound, the
largest worker, and starts replacements. Each worker also runs under an address-space
limit (``RLIMIT_AS``) as a backstop should the thread be late.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from dataclasses import dataclass, field

POLL = 0.05  # s between two memory readings: at most a few tens of MB of growth unseen
START_WAIT = 60.0  # s a new worker has to answer before the pool gives up on it
FAILURES = 5  # workers failing to start in a row before the pool stops


def resident_bytes(pid: int) -> int:
    """The resident memory of process ``pid`` in bytes (``VmRSS``), 0 if it is gone.

    >>> import os
    >>> resident_bytes(os.getpid()) > 0
    True
    """
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return 0
    return 0


@dataclass(eq=False)
class Job:
    """One query on one worker: its deadline (monotonic), and why it was stopped, if it was."""

    worker: object
    deadline: float
    stopped: str | None = None  # "time" or "memory" once the supervisor has killed it


@dataclass(eq=False)
class Worker:
    """One Oxigraph server process (an :class:`~graphkit.sparql.serve.Endpoint`) and its state."""

    endpoint: object
    started: float = field(default_factory=time.monotonic)
    ready: bool = False
    job: Job | None = None
    dead: bool = False

    @property
    def pid(self) -> int:
        process = self.endpoint.process
        return process.pid if process else 0


class Pool:
    """``size`` workers made by ``make()`` (an unstarted Endpoint), supervised as above.

    ``max_memory`` bounds the workers' summed resident memory, in bytes.
    """

    def __init__(self, make, size: int, max_memory: int):
        self.make, self.size, self.max_memory = make, size, max_memory
        self.idle: queue.Queue[Worker] = queue.Queue()
        self.workers: list[Worker] = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.failed: str | None = None
        self.done = threading.Event()  # set when the supervisor has stopped
        self.kills = {"time": 0, "memory": 0, "cut": 0, "died": 0}
        self.peak = 0  # the highest summed resident memory seen, bytes
        self._up = threading.Event()
        self._discard: list[Worker] = []
        self._thread = threading.Thread(target=self._run, name="graphkit-serve-pool", daemon=True)

    # -- used by request threads ---------------------------------------------------------
    def start(self) -> Pool:
        """Start the workers; return once all answer (:class:`RuntimeError` if they cannot)."""
        self._thread.start()
        self._up.wait()
        if self.failed:
            self.stop()
            raise RuntimeError(self.failed)
        return self

    def checkout(self, deadline: float) -> Job | None:
        """An idle worker for a query due by ``deadline``, or None if none frees up in time."""
        while not self.stopping.is_set():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            try:
                worker = self.idle.get(timeout=min(remaining, 0.5))
            except queue.Empty:
                continue
            with self.lock:
                if worker.dead or worker.job is not None:
                    continue
                worker.job = job = Job(worker, deadline)
                return job
        return None

    def checkin(self, job: Job, healthy: bool = True) -> None:
        """The query is over; the worker goes back to the idle ones (or is replaced if it
        was stopped, or ``healthy`` is False: e.g. its answer was cut short)."""
        worker = job.worker
        with self.lock:
            worker.job = None
            if worker.dead:
                return
            if not healthy or job.stopped:
                self._retire(worker, None if job.stopped else "cut")
                return
        self.idle.put(worker)

    def stop(self) -> None:
        """Stop the supervisor and every worker."""
        self.stopping.set()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(30)

    def pids(self) -> list[int]:
        """The worker processes now running (for tests and measurements)."""
        with self.lock:
            return [w.pid for w in self.workers if not w.dead and w.pid]

    def resident(self) -> int:
        """The workers' summed resident memory now, in bytes."""
        return sum(resident_bytes(pid) for pid in self.pids())

    # -- the supervising thread ----------------------------------------------------------
    def _retire(self, worker: Worker, reason: str | None) -> None:
        # Under self.lock. The supervisor thread kills and replaces it on its next tick.
        if not worker.dead:
            worker.dead = True
            if reason:
                self.kills[reason] += 1
            self._discard.append(worker)

    def _kill(self, worker: Worker) -> None:
        process = worker.endpoint.process
        if process and process.poll() is None:
            process.kill()
            with contextlib.suppress(Exception):
                process.wait(10)
        worker.endpoint.stop()

    def _launch(self) -> Worker | None:
        endpoint = self.make()
        try:
            endpoint.launch()
        except Exception as err:  # a port taken meanwhile, the program gone…
            self.failed = str(err)
            return None
        return Worker(endpoint)

    def _run(self) -> None:
        failures = 0  # workers in a row that could not start
        try:
            while not self.stopping.is_set():
                with self.lock:
                    self.workers = [w for w in self.workers if not w.dead]
                    missing = self.size - len(self.workers)
                for _ in range(missing):
                    worker = self._launch()
                    if worker is None:
                        failures += 1
                        break
                    with self.lock:
                        self.workers.append(worker)
                ready, failed = self._watch_starting()
                failures = 0 if ready else failures + failed
                if failures >= FAILURES:
                    self.failed = f"the oxigraph server could not be started: {self.failed}"
                    break
                self._enforce()
                if not self._up.is_set() and self.workers and all(w.ready for w in self.workers):
                    self._up.set()
                time.sleep(POLL)
        finally:
            self._up.set()
            self.stopping.set()
            with self.lock:
                everyone, self.workers = self.workers + self._discard, []
                self._discard = []
                for worker in everyone:
                    worker.dead = True
            for worker in everyone:
                self._kill(worker)
            self.done.set()

    def _watch_starting(self) -> tuple[int, int]:
        ready = failed = 0
        for worker in list(self.workers):
            if worker.ready or worker.dead:
                continue
            process = worker.endpoint.process
            if process is None or process.poll() is not None:
                self.failed = str(worker.endpoint.failure())
            elif worker.endpoint.answers():
                worker.ready = True
                ready += 1
                self.idle.put(worker)
                continue
            elif time.monotonic() - worker.started > START_WAIT:
                self.failed = f"it did not answer within {START_WAIT:.0f} s"
            else:
                continue
            failed += 1
            with self.lock:
                self._retire(worker, None)
        return ready, failed

    def _enforce(self) -> None:
        now = time.monotonic()
        total, sizes = 0, []
        with self.lock:
            workers = [w for w in self.workers if not w.dead]
        for worker in workers:
            process = worker.endpoint.process
            if worker.ready and (process is None or process.poll() is not None):
                with self.lock:  # died by itself (its RLIMIT_AS, a crash)
                    if worker.job and not worker.job.stopped:
                        worker.job.stopped = "memory"
                    self._retire(worker, "died")
                continue
            size = resident_bytes(worker.pid)
            total += size
            sizes.append((size, worker))
            with self.lock:
                job = worker.job
                if job is not None and job.stopped is None and now > job.deadline:
                    job.stopped = "time"
                    self._retire(worker, "time")
        self.peak = max(self.peak, total)
        if total > self.max_memory and sizes:
            # The largest process is the query that grew; an idle one is recycled too.
            size, worker = max(sizes, key=lambda pair: (pair[1].job is not None, pair[0]))
            with self.lock:
                if worker.job is not None and worker.job.stopped is None:
                    worker.job.stopped = "memory"
                self._retire(worker, "memory")
        with self.lock:
            gone, self._discard = self._discard, []
        for worker in gone:  # killed at once: this is what frees the memory and the core
            self._kill(worker)
