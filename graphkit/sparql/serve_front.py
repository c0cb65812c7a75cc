"""The HTTP front of ``graphkit serve``: the only thing that listens on the served address.

It checks each request, then hands it to a worker of a :class:`~graphkit.sparql.serve_pool.Pool`
(Oxigraph server processes on private loopback ports) and copies the answer back:

- the ``Host`` header must name this server (DNS rebinding: a page of another site that
  resolves its own name to 127.0.0.1 must not read the graph), else 403;
- ``/update`` and any write to ``/store`` get 403 "The server is read-only" (so ``LOAD`` and
  every update are refused before an engine sees them);
- a query is read from the URL, the form or the body as the SPARQL 1.1 Protocol allows,
  its line breaks normalised, checked by :func:`graphkit.sparql.query_guard.check_query`
  (``SERVICE`` only to the endpoints allowed; an unparsable query gets 400), and sent on
  re-encoded by the front, so the engine runs exactly the text that was checked;
- a query past its deadline or past the memory bound has its worker killed by the pool: if
  the answer has not started, the client gets 503 and a one-line reason; answers are held
  back until complete or :data:`HOLD` bytes long, so a small answer is never cut after a
  200. A longer answer is streamed (chunked); if it is stopped mid-way (time, memory, or
  past ``max_response`` bytes) the connection is closed without the final chunk, so the
  client sees a broken transfer, never a complete-looking truncated answer.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from graphkit.sparql.query_guard import QueryRefused, UnparsableQuery, check_query, normalise
from graphkit.sparql.serve_pool import POLL, Pool

HOLD = 256 * 1024  # bytes of an answer held back so that a failure can still be a status
CHUNK = 64 * 1024
MAX_BODY = 1024 * 1024  # the largest request body accepted (a query is a few kilobytes)
MAX_CONNECTIONS = 64
IDLE = 60  # s a client connection may stay silent
FORM = "application/x-www-form-urlencoded"
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")


class Settings:
    """What the front enforces; see :func:`graphkit.sparql.serve.serving`."""

    def __init__(
        self,
        pool: Pool,
        hosts: set[str],
        port: int,
        timeout: float,
        services: tuple[str, ...],
        max_response: int,
        max_memory: int,
    ):
        self.pool, self.hosts, self.port, self.timeout = pool, hosts, port, timeout
        self.services, self.max_response, self.max_memory = services, max_response, max_memory


def host_allowed(header: str | None, hosts: set[str], port: int) -> bool:
    """Whether a ``Host`` header names one of ``hosts`` (on ``port``, or with no port).

    >>> host_allowed("localhost:7878", {"localhost"}, 7878)
    True
    >>> host_allowed("evil.example:7878", {"localhost"}, 7878), host_allowed(None, {"x"}, 1)
    (False, False)
    >>> host_allowed("[::1]:7878", {"[::1]"}, 7878), host_allowed("LOCALHOST", {"localhost"}, 1)
    (True, True)
    """
    if not header:
        return False
    header = header.strip().lower()
    name, _, given = header.rpartition(":") if not header.endswith("]") else (header, "", "")
    if not name or (name.startswith("[") and not name.endswith("]")):
        name, given = header, ""
    if given and given != str(port):
        return False
    return name in hosts


class Front(ThreadingHTTPServer):
    """A threaded HTTP server with a cap on open connections."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], settings: Settings):
        self.address_family = socket.AF_INET6 if ":" in address[0] else socket.AF_INET
        self.settings = settings
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(address, Handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(
                    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; "
                    b"charset=utf-8\r\nContent-Length: 21\r\nConnection: close\r\n\r\n"
                    b"too many connections\n"
                )
            except OSError:
                pass
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # answers go out in large chunks; no 40 ms waits
    timeout = IDLE
    server_version = "graphkit-serve"
    server: Front

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass  # quiet, as the Oxigraph server is

    # every method goes through the same checks
    def do_GET(self):
        self._handle()

    def do_HEAD(self):
        self._handle()

    def do_POST(self):
        self._handle()

    def do_PUT(self):
        self._handle()

    def do_DELETE(self):
        self._handle()

    def do_PATCH(self):
        self._handle()

    def do_OPTIONS(self):
        self._handle()

    def _plain(self, status: int, message: str, close: bool = False) -> None:
        body = message.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _body(self) -> bytes | None:
        length = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self._plain(411, "send the request body with a Content-Length", close=True)
            return None
        try:
            size = int(length or 0)
        except ValueError:
            self._plain(400, "invalid Content-Length", close=True)
            return None
        if size > MAX_BODY:
            self._plain(413, f"request body over {MAX_BODY // 1024} KB", close=True)
            return None
        return self.rfile.read(size) if size else b""

    def _handle(self) -> None:
        settings = self.server.settings
        received = time.monotonic()
        if not host_allowed(self.headers.get("Host"), settings.hosts, settings.port):
            body = self._body()  # read it so the connection stays in step
            if body is not None:
                self._plain(
                    403,
                    f"Host {self.headers.get('Host', '(none)')!r} is not served here "
                    "(graphkit serve --allow-host NAME allows another name)",
                )
            return
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path
        body = self._body()
        if body is None:
            return
        if path == "/update" or (path.startswith("/store") and self.command not in ("GET", "HEAD")):
            self._plain(403, "The server is read-only")
            return
        if path == "/query" and self.command in ("GET", "POST"):
            forward = self._query(parts.query, body)
            if forward is None:
                return
            method, target, data, headers = "POST", "/query", forward, {"Content-Type": FORM}
        elif (path == "/" or path.startswith("/store")) and self.command in ("GET", "HEAD"):
            method, target, data, headers = self.command, self.path, None, {}
        else:
            self._plain(404, f"{self.command} {path} is not supported by this server")
            return
        if self.headers.get("Accept"):
            headers["Accept"] = self.headers["Accept"]
        self._proxy(method, target, data, headers, received + settings.timeout)

    def _query(self, url_query: str, body: bytes) -> bytes | None:
        """The form to send the worker, or None once an error has been answered."""
        try:
            params = urllib.parse.parse_qsl(url_query, keep_blank_values=True, errors="strict")
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if self.command == "POST" and kind == FORM:
                params += urllib.parse.parse_qsl(
                    body.decode("utf-8"), keep_blank_values=True, errors="strict"
                )
            elif self.command == "POST" and kind == "application/sparql-query":
                params.append(("query", body.decode("utf-8")))
            elif self.command == "POST":
                self._plain(415, f"unsupported Content-Type {kind or '(none)'}")
                return None
        except UnicodeDecodeError:
            self._plain(400, "the request is not valid UTF-8")
            return None
        queries = [v for k, v in params if k == "query"]
        if len(queries) > 1:
            self._plain(400, "more than one query in the request")
            return None
        if queries:
            text = normalise(queries[0])
            try:
                check_query(text, self.server.settings.services)
            except QueryRefused as err:
                self._plain(403, str(err))
                return None
            except UnparsableQuery as err:
                self._plain(400, str(err))
                return None
            params = [(k, text if k == "query" else v) for k, v in params]
        return urllib.parse.urlencode(params).encode("ascii")

    def _proxy(self, method: str, target: str, data, headers: dict, deadline: float) -> None:
        settings = self.server.settings
        job = settings.pool.checkout(deadline)
        if job is None:
            self._plain(503, f"no engine free within the {settings.timeout:g} s limit; retry")
            return
        endpoint = job.worker.endpoint
        connection = http.client.HTTPConnection(endpoint.host, endpoint.port, timeout=None)
        healthy, committed = True, False
        try:
            try:
                connection.request(method, target, body=data, headers=headers)
                response = connection.getresponse()
                held, complete = self._hold(response)
            except (OSError, http.client.HTTPException):
                held, complete, response = None, False, None
            if response is None or (not complete and job.stopped):
                self._stopped(job)
                return
            passed = [
                (k, v)
                for k, v in response.getheaders()
                if k.lower() not in ("content-length", "transfer-encoding", "connection", "server")
            ]
            self.send_response(response.status)
            for k, v in passed:
                self.send_header(k, v)
            if complete:
                self.send_header("Content-Length", str(len(held)))
                self.end_headers()
                if method != "HEAD":
                    self.wfile.write(held)
                return
            committed = True
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            sent = self._chunk(held)
            while True:
                if sent > settings.max_response:
                    healthy = False
                    raise ConnectionAbortedError("answer over the size limit")
                try:  # whole chunks: the engine writes pieces of about 1.5 KB
                    piece = response.read(CHUNK)
                except (OSError, http.client.HTTPException):
                    piece = None
                if piece is None or (not piece and job.stopped):
                    raise ConnectionAbortedError("stopped mid-answer")
                if not piece:
                    break
                sent += self._chunk(piece)
            self.wfile.write(b"0\r\n\r\n")
        except (ConnectionAbortedError, OSError):
            healthy = False
            if committed:  # no final chunk: the client sees a broken transfer
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        finally:
            connection.close()
            settings.pool.checkin(job, healthy)

    def _hold(self, response) -> tuple[bytes, bool]:
        """Read the start of an answer: (bytes, whether that is all of it)."""
        held = bytearray()
        while len(held) < HOLD:
            piece = response.read1(CHUNK)
            if not piece:
                return bytes(held), True
            held += piece
        return bytes(held), False

    def _chunk(self, data: bytes) -> int:
        if data:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        return len(data)

    def _stopped(self, job) -> None:
        settings = self.server.settings
        for _ in range(10):  # a worker that died by itself is classified on the next tick
            if job.stopped:
                break
            time.sleep(POLL)
        if job.stopped == "time":
            message = f"query stopped: it ran past the time limit of {settings.timeout:g} s"
        elif job.stopped == "memory":
            limit = settings.max_memory // (1024 * 1024)
            message = f"query stopped: the engine passed the memory limit of {limit} MB"
        else:
            message = "query stopped: the engine failed; retry"
        self._plain(503, message)
