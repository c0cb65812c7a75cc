"""Start Virtuoso Open Source (Debian's ``virtuoso-opensource``) for the tests: a temporary
database folder, its own ``virtuoso.ini``, free loopback ports, a DBA password of our own."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from graphkit.sparql.serve import free_port

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
DisableTcpSocket = 0
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = .
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2
MaxQueryMem = 500M

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {dir}/www
MaxClientConnections = 10
DavRoot = DAV
EnabledDavVSP = 0
HTTPProxyEnabled = 0
ServerThreads = 10
MaxKeepAlives = 10
KeepAliveTimeout = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
; the defaults cut answers at 10,000 rows and stop queries at 60 s: not what a copy of the
; build should do
ResultSetMaxRows = 1000000
MaxSortedTopRows = 1000000
MaxQueryCostEstimationTime = 0
MaxQueryExecutionTime = 0
"""


def program() -> str | None:
    """The Virtuoso server program, if installed."""
    return shutil.which("virtuoso-t")


class Virtuoso:
    """A Virtuoso server in ``folder`` on loopback, DBA password ``password``, until stop()."""

    def __init__(self, folder: Path, password: str):
        self.folder, self.password = Path(folder), password
        self.sql_port, self.http_port = free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.http_port}"
        self.sparql_url = f"{self.url}/sparql"
        self.store_url = f"{self.url}/sparql-graph-crud-auth"  # the Graph Store, digest auth
        self.process: subprocess.Popen | None = None

    def _run(self, *extra: str) -> subprocess.Popen:
        command = [program(), "+configfile", str(self.folder / "virtuoso.ini"), "+foreground"]
        log = open(self.folder / "console.log", "ab")  # noqa: SIM115 - the child holds it
        return subprocess.Popen(
            [*command, *extra], cwd=self.folder, stdout=log, stderr=log, stdin=subprocess.DEVNULL
        )

    def start(self, wait: float = 180.0) -> Virtuoso:
        (self.folder / "www").mkdir(parents=True, exist_ok=True)
        ini = INI.format(dir=self.folder, sql=self.sql_port, http=self.http_port)
        (self.folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
        # Virtuoso sets the DBA password of a new database in a run of its own, then exits.
        first = self._run("+pwdold", "dba", "+pwddba", self.password)
        if first.wait(wait) != 0:
            raise RuntimeError(f"virtuoso could not set its password: {self.log()}")
        self.process = self._run()
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"virtuoso stopped: {self.log()}")
            try:
                with urllib.request.urlopen(f"{self.sparql_url}?query=ASK%7B%7D", timeout=5):
                    return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"virtuoso did not answer within {wait:.0f} s: {self.log()}")

    def log(self) -> str:
        path = self.folder / "console.log"
        return path.read_text("utf-8", "replace")[-500:] if path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
