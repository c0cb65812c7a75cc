"""Serve the build as a read-only SPARQL 1.1 Protocol endpoint, every query bounded.

The engine is the ``oxigraph`` program from PyPI (a dependency of graphkit), run as
``oxigraph serve-read-only``: the same engine and version line as the embedded store,
GET and POST queries, results as JSON, XML, CSV or TSV and graphs as Turtle, N-Triples,
RDF/XML… by content negotiation. Its own time limit does not stop every query (an
``ORDER BY`` over a cartesian product sorted on for minutes with gigabytes), so it never
faces clients: :func:`serving` puts a front in Python on the served address
(:mod:`graphkit.sparql.serve_front`: Host check, SERVICE and updates refused, answers capped) over
a pool of engine processes on private loopback ports (:mod:`graphkit.sparql.serve_pool`: the
process of a query past its deadline, or past the memory bound, is killed and replaced),
each engine bounded by :mod:`graphkit.sparql.sandbox` (memory, no outgoing connection).

:func:`serving` first copies the build into a private store laid out as ``graphkit push``
lays out a remote store (data in :data:`~graphkit.sparql.remote.DATA_GRAPH`, ontology and
thesaurus in their own graphs), so that a rebuild never pulls the store from under the
server and :class:`~graphkit.sparql.remote.RemoteGraph` works the same against both; plain
queries see every graph merged as their default graph, as ``graphkit sparql`` does. The
copy lives in :func:`copies_folder`, named after the serving process, so that one left by
a ``kill -9`` is removed at the next start (:func:`remove_stale_copies`).
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from graphkit.sparql.remote import DATA_GRAPH, EndpointError, http
from graphkit.sparql.sandbox import child_setup

if TYPE_CHECKING:
    from graphkit.graph.handle import Graph as Graph

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30
DEFAULT_MAX_MEMORY_MB = 2048  # the engines' summed resident memory
DEFAULT_MAX_RESPONSE_MB = 100
DEFAULT_WORKERS = 4  # queries run at once, each in its own engine process
# Virtual memory an engine reserves beyond what it uses (thread stacks, allocator arenas,
# RocksDB): 0.4 GB measured idle; RLIMIT_AS = the memory bound + this.
ADDRESS_SPACE_SLACK = 1024 * 1024 * 1024


class ServeError(RuntimeError):
    """The server could not be started; the message is one line."""


class PortInUseError(ServeError):
    """Something already listens on the port."""


def oxigraph_program() -> str:
    """The ``oxigraph`` server program installed beside this Python (PyPI package ``oxigraph``).

    Raises :class:`ServeError` if it is missing or of another version line than pyoxigraph
    (the two must read the same store format).

    >>> Path(oxigraph_program()).name.startswith("oxigraph")
    True
    """
    here = Path(sys.executable).parent / ("oxigraph.exe" if sys.platform == "win32" else "oxigraph")
    program = str(here) if here.exists() else shutil.which("oxigraph")
    if program is None:
        raise ServeError("the oxigraph server is not installed: pip install 'oxigraph>=0.5,<0.6'")
    out = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30)
    found = re.search(r"(\d+)\.(\d+)\.\d+", out.stdout)
    wanted = ox.__version__.split(".")[:2]
    if not found or list(found.groups()) != wanted:
        raise ServeError(
            f"{program} is {out.stdout.strip() or 'unknown'}, but pyoxigraph is "
            f"{ox.__version__}: install oxigraph {'.'.join(wanted)}.x"
        )
    return program


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def free_port(host: str = DEFAULT_HOST) -> int:
    """A TCP port nothing listens on at the moment, for tests and benchmarks.

    >>> 0 < free_port() < 65536
    True
    """
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        s.bind((host.strip("[]"), 0))
        return s.getsockname()[1]


def _family(host: str) -> socket.AddressFamily:
    return socket.AF_INET6 if ":" in host else socket.AF_INET


def _check_port(host: str, port: int) -> None:
    # On Unix the server binds with SO_REUSEADDR too, so this fails exactly when it would.
    with socket.socket(_family(host), socket.SOCK_STREAM) as s:
        if sys.platform != "win32":  # there it would allow taking over a port in use
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host.strip("[]"), port))
        except OSError as err:
            if err.errno == errno.EADDRINUSE:
                raise PortInUseError(
                    f"port {port} on {host} is already in use: stop what listens there or "
                    "choose another --port"
                ) from None
            raise ServeError(f"cannot listen on {host}:{port}: {err.strerror}") from None


class Endpoint:
    """One Oxigraph server process on ``host:port``; a context manager that stops it.

    ``args`` are the server's own (``["serve", "--location", DIR]`` for a writable store);
    ``address_space`` (bytes) caps the process's virtual memory (``RLIMIT_AS``, Linux).
    """

    def __init__(
        self,
        args: list[str],
        host: str = DEFAULT_HOST,
        port: int = DEFAULT_PORT,
        address_space: int | None = None,
        no_connect: bool = False,
    ):
        self.args, self.host, self.port = args, host, port
        self.address_space, self.no_connect = address_space, no_connect
        bracketed = f"[{host.strip('[]')}]" if ":" in host else host
        self.bind = f"{bracketed}:{port}"
        self.url = f"http://{self.bind}"
        self.query_url, self.store_url = f"{self.url}/query", f"{self.url}/store"
        self.update_url = f"{self.url}/update"
        self.process: subprocess.Popen | None = None
        self._log = None

    def launch(self) -> None:
        """Start the server process without waiting for it to answer."""
        _check_port(self.host, self.port)
        command = [oxigraph_program(), *self.args, "--bind", self.bind]
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            preexec_fn=child_setup(self.address_space, self.no_connect),
        )

    def answers(self) -> bool:
        """Whether the server answers a query now (and is ours, not a squatter on the port)."""
        with contextlib.suppress(EndpointError):
            http(f"{self.query_url}?query=ASK%7B%7D", timeout=5)
            return self.process is not None and self.process.poll() is None
        return False

    def start(self, wait: float = 60.0) -> Endpoint:
        """Start the server and return once it answers queries (:class:`ServeError` if not)."""
        self.launch()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self.failure()
                self.stop()
                raise error
            if self.answers():
                return self
            time.sleep(0.05)
        self.stop()
        raise ServeError(f"the oxigraph server did not answer on {self.url} within {wait:.0f} s")

    def failure(self) -> ServeError:
        """Why the process stopped, from its output, as one line."""
        lines = []
        if self._log:
            self._log.seek(0)
            lines = self._log.read().decode("utf-8", "replace").strip().splitlines()
        first = next((x for x in lines if x.startswith("Error")), lines[0] if lines else "")
        if "Address already in use" in first or "os error 98" in first:
            return PortInUseError(f"port {self.port} on {self.host} is already in use")
        return ServeError(f"the oxigraph server stopped at once: {first or 'no message'}")

    def wait(self) -> int:
        """Block until the server stops; its exit code."""
        return self.process.wait() if self.process else 0

    def stop(self) -> None:
        """Stop the server (politely, then not)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self._log:
            self._log.close()
            self._log = None

    def __enter__(self) -> Endpoint:
        return self if self.process else self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def stage(
    kg: Graph, folder: str | Path, graph_iri: str = DATA_GRAPH, personal_data: bool = True
) -> int:
    """Copy ``kg`` into a new store in ``folder``, laid out as ``push`` lays it; quads copied.

    >>> import graphkit, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     stage(graphkit.from_tables("tests/fixtures/mini"), d) > 0
    True
    """
    from graphkit.sparql.push import dataset_quads

    store = ox.Store(str(folder))
    store.bulk_extend(dataset_quads(kg, graph_iri, personal_data))
    store.flush()
    count = len(store)
    del store  # releases the store's lock for the server
    return count


def copies_folder() -> Path:
    """Where ``serve`` keeps its private copies: ``graphkit-serve-UID`` in the temporary
    folder, private to the user (:class:`ServeError` if someone else made it).

    >>> copies_folder().name.startswith("graphkit-serve")
    True
    """
    uid = os.getuid() if hasattr(os, "getuid") else 0
    folder = Path(tempfile.gettempdir()) / f"graphkit-serve-{uid}"
    with contextlib.suppress(FileExistsError):
        folder.mkdir(mode=0o700)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != uid):
        raise ServeError(f"{folder} is not a folder of yours: remove it, then start again")
    return folder


def _started(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, Linux), None if it is not running."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[19].decode()
    except FileNotFoundError:
        return None
    except (OSError, IndexError):  # no /proc: whether it runs, without its start time
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return "?"


def remove_stale_copies(folder: Path | None = None) -> list[Path]:
    """Remove the copies left by ``serve`` processes that are gone (``kill -9``, a crash).

    A copy is named ``PID-START-RANDOM`` after the process that made it; it is stale when
    that process no longer runs (or the PID now belongs to a later process).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "999999999-1-x").mkdir()
    ...     [p.name for p in remove_stale_copies(Path(d))]
    ['999999999-1-x']
    """
    folder = folder or copies_folder()
    removed = []
    for copy in folder.iterdir():
        pid, _, rest = copy.name.partition("-")
        start = rest.partition("-")[0]
        if not pid.isdigit():
            continue
        running = _started(int(pid))
        if running is None or running not in ("?", start):
            shutil.rmtree(copy, ignore_errors=True)
            removed.append(copy)
    return removed


class Server:
    """What :func:`serving` yields: the guarded endpoint's URLs, ``wait()`` and the pool."""

    def __init__(self, front, pool, host: str, port: int):
        self.front, self.pool, self.host, self.port = front, pool, host, port
        bracketed = f"[{host.strip('[]')}]" if ":" in host else host
        self.url = f"http://{bracketed}:{port}"
        self.query_url, self.store_url = f"{self.url}/query", f"{self.url}/store"
        self.update_url = f"{self.url}/update"

    def wait(self) -> int:
        """Block until the server stops: 0 if it was asked to, 1 if its engine failed."""
        self.pool.done.wait()
        return 1 if self.pool.failed else 0


def default_hosts(host: str) -> set[str]:
    """The names a ``Host`` header may give: the address served, and the loopback names.

    >>> sorted(default_hosts("127.0.0.1"))
    ['127.0.0.1', '[::1]', 'localhost']
    """
    bracketed = f"[{host.strip('[]')}]" if ":" in host else host
    return {bracketed.lower(), "localhost", "127.0.0.1", "[::1]"}


@contextlib.contextmanager
def serving(
    kg: Graph,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = DEFAULT_TIMEOUT,
    graph_iri: str = DATA_GRAPH,
    personal_data: bool = True,
    *,
    allow_hosts: tuple[str, ...] = (),
    allow_services: tuple[str, ...] = (),
    max_memory_mb: int = DEFAULT_MAX_MEMORY_MB,
    max_response_mb: int = DEFAULT_MAX_RESPONSE_MB,
    workers: int = DEFAULT_WORKERS,
) -> Iterator[Server]:
    """Serve ``kg`` read-only on ``host:port`` while the block runs, every query bounded.

    A query stops at ``timeout`` s, the engines' summed resident memory stays under
    ``max_memory_mb`` (the query that passes it is stopped), an answer stops at
    ``max_response_mb``; ``Host`` must be one of :func:`default_hosts` or ``allow_hosts``;
    ``SERVICE`` may only call ``allow_services``; ``workers`` queries run at once (each in
    its own Oxigraph process: see :mod:`graphkit.sparql.serve_pool` and :mod:`graphkit.sparql.serve_front`).
    ``personal_data=False`` serves the graph without people (as ``export`` leaves them out).

    Raises :class:`PortInUseError` if the port is taken, :class:`ServeError` otherwise.

    >>> import graphkit
    >>> from graphkit.sparql.remote import RemoteGraph
    >>> with serving(graphkit.from_tables("tests/fixtures/mini"), port=free_port()) as ep:
    ...     RemoteGraph(ep.query_url).resolve("nanterre")
    'fr-nanterre'
    """
    from graphkit.sparql.query_guard import services
    from graphkit.sparql.serve_front import Front, Settings
    from graphkit.sparql.serve_pool import Pool

    _check_port(host, port)  # before copying anything
    services("ASK { SERVICE <urn:x:y> { } }")  # loads the parser now, not on a first query
    oxigraph_program()
    folder = copies_folder()
    remove_stale_copies(folder)
    me = os.getpid()
    copy = Path(tempfile.mkdtemp(prefix=f"{me}-{_started(me)}-", dir=folder))
    try:
        stage(kg, copy / "store", graph_iri, personal_data)
        max_memory = max_memory_mb * 1024 * 1024
        args = ["serve-read-only", "--location", str(copy / "store"), "--union-default-graph"]
        # The engine's own limit is a backstop: the pool stops a query at `timeout`.
        args += ["--timeout-s", str(int(timeout) + 10)]

        def worker() -> Endpoint:
            # The address-space cap is a backstop too: the pool watches resident memory.
            space = max_memory + ADDRESS_SPACE_SLACK
            return Endpoint(
                args,
                "127.0.0.1",
                free_port("127.0.0.1"),
                address_space=space,
                no_connect=not allow_services,  # no SERVICE allowed: no connection at all
            )

        pool = Pool(worker, workers, max_memory)
        try:
            pool.start()
        except RuntimeError as err:
            raise ServeError(str(err)) from None
        hosts = default_hosts(host) | {h.strip().lower() for h in allow_hosts}
        settings = Settings(
            pool,
            hosts,
            port,
            float(timeout),
            tuple(allow_services),
            max_response_mb * 1024 * 1024,
            max_memory,
        )
        try:
            front = Front((host.strip("[]"), port), settings)
        except OSError as err:
            pool.stop()
            if err.errno == errno.EADDRINUSE:
                raise PortInUseError(f"port {port} on {host} is already in use") from None
            raise ServeError(f"cannot listen on {host}:{port}: {err.strerror}") from None
        thread = threading.Thread(target=front.serve_forever, name="graphkit-serve", daemon=True)
        thread.start()
        try:
            yield Server(front, pool, host, port)
        finally:
            front.shutdown()
            front.server_close()
            pool.stop()
    finally:
        shutil.rmtree(copy, ignore_errors=True)
