"""Serve the build as a read-only SPARQL 1.1 Protocol endpoint with the Oxigraph server.

The engine is the ``oxigraph`` program from PyPI (a dependency of graphkit), run as
``oxigraph serve-read-only``: the same engine and version line as the embedded store,
GET and POST queries, results as JSON, XML, CSV or TSV and graphs as Turtle, N-Triples,
RDF/XML… by content negotiation, updates refused (HTTP 403 "The server is read-only"), and
a time limit after which the server cancels the query (``--timeout-s``).

:func:`serving` first copies the build into a private store laid out as ``graphkit push``
lays out a remote store (data in :data:`~graphkit.remote.DATA_GRAPH`, ontology and
thesaurus in their own graphs), so that a rebuild never pulls the store from under the
server and :class:`~graphkit.remote.RemoteGraph` works the same against both; plain
queries see every graph merged as their default graph, as ``graphkit sparql`` does.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .remote import DATA_GRAPH, EndpointError, http

if TYPE_CHECKING:
    from .graph import KnowledgeGraph

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30


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

    ``args`` are the server's own (``["serve", "--location", DIR]`` for a writable store).
    """

    def __init__(self, args: list[str], host: str = DEFAULT_HOST, port: int = DEFAULT_PORT):
        self.args, self.host, self.port = args, host, port
        bracketed = f"[{host.strip('[]')}]" if ":" in host else host
        self.bind = f"{bracketed}:{port}"
        self.url = f"http://{self.bind}"
        self.query_url, self.store_url = f"{self.url}/query", f"{self.url}/store"
        self.update_url = f"{self.url}/update"
        self.process: subprocess.Popen | None = None
        self._log = None

    def start(self, wait: float = 60.0) -> Endpoint:
        """Start the server and return once it answers queries (:class:`ServeError` if not)."""
        _check_port(self.host, self.port)
        command = [oxigraph_program(), *self.args, "--bind", self.bind]
        self._log = log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            preexec_fn=_parent_death_hook(),
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                error = self._failure(log)
                self.stop()
                raise error
            with contextlib.suppress(EndpointError):
                http(f"{self.query_url}?query=ASK%7B%7D", timeout=5)
                if self.process.poll() is None:  # ours answered, not a squatter on the port
                    return self
            time.sleep(0.05)
        self.stop()
        raise ServeError(f"the oxigraph server did not answer on {self.url} within {wait:.0f} s")

    def _failure(self, log) -> ServeError:
        log.seek(0)
        lines = log.read().decode("utf-8", "replace").strip().splitlines()
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


def _parent_death_hook():
    """On Linux, a function for the child that asks the kernel to stop it if graphkit dies
    without cleaning up (PR_SET_PDEATHSIG); prepared here, as the child may not import."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes
    import signal

    try:
        prctl = ctypes.CDLL("libc.so.6", use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    sigterm = int(signal.SIGTERM)
    return lambda: prctl(1, sigterm)


def stage(
    kg: KnowledgeGraph, folder: str | Path, graph_iri: str = DATA_GRAPH, personal_data: bool = True
) -> int:
    """Copy ``kg`` into a new store in ``folder``, laid out as ``push`` lays it; quads copied.

    >>> import graphkit, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     stage(graphkit.from_tables("tests/fixtures/mini"), d) > 0
    True
    """
    from .push import dataset_quads

    store = ox.Store(str(folder))
    store.bulk_extend(dataset_quads(kg, graph_iri, personal_data))
    store.flush()
    count = len(store)
    del store  # releases the store's lock for the server
    return count


@contextlib.contextmanager
def serving(
    kg: KnowledgeGraph,
    host: str = DEFAULT_HOST,
    port: int = DEFAULT_PORT,
    timeout: int = DEFAULT_TIMEOUT,
    graph_iri: str = DATA_GRAPH,
    personal_data: bool = True,
) -> Iterator[Endpoint]:
    """Serve ``kg`` read-only on ``host:port`` while the block runs; queries stop at ``timeout`` s.

    ``personal_data=False`` serves the graph without people (as ``export`` leaves them out).

    Raises :class:`PortInUseError` if the port is taken, :class:`ServeError` otherwise.

    >>> import graphkit
    >>> from graphkit.remote import RemoteGraph
    >>> with serving(graphkit.from_tables("tests/fixtures/mini"), port=free_port()) as ep:
    ...     RemoteGraph(ep.query_url).resolve("nanterre")
    'fr-nanterre'
    """
    _check_port(host, port)  # before copying anything
    with tempfile.TemporaryDirectory(prefix="graphkit-serve-") as tmp:
        stage(kg, Path(tmp) / "store", graph_iri, personal_data)
        args = ["serve-read-only", "--location", str(Path(tmp) / "store")]
        args += ["--union-default-graph", "--timeout-s", str(int(timeout))]
        with Endpoint(args, host, port) as endpoint:
            yield endpoint
