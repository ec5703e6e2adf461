"""A private PostgreSQL server for a benchmark that restarts its database.

Restarting the machine's shared cluster would break everyone else's connections (other
test runs included), so the fault test gets a cluster of its own: initdb in a temporary
folder, run as the `postgres` system user on a free port of 127.0.0.1, restarted with
`pg_ctl restart` (what `pg_ctlcluster … restart` does for a packaged cluster).
"""

import glob
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not found:
        raise RuntimeError("PostgreSQL server binaries (/usr/lib/postgresql/*/bin) not found")
    return Path(found[-1]).parent


class PrivatePostgres:
    def __init__(self, port: int):
        self.port = port
        self.bin = _bin_dir()
        self.root = Path(tempfile.mkdtemp(prefix="portal-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def _as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["runuser", "-u", "postgres", "--", *args],
            check=check,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def _pg_ctl(self, *args: str) -> None:
        self._as_postgres(
            str(self.bin / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-o",
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1",
            "-w",
            *args,
        )

    def start(self) -> None:
        shutil.chown(self.root, "postgres", "postgres")
        os.chmod(self.root, 0o700)
        self._as_postgres(
            str(self.bin / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
            "--encoding", "UTF8", "--locale", "C.UTF-8",
        )  # fmt: skip
        self._pg_ctl("start")
        self._as_postgres(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "portal"
        )

    def restart(self) -> float:
        """Restart the server (fast shutdown: open connections are cut); seconds it took."""
        started = time.monotonic()
        self._pg_ctl("-m", "fast", "restart")
        return time.monotonic() - started

    def stop(self) -> None:
        if self.data.exists():
            self._as_postgres(
                str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop",
                check=False,
            )  # fmt: skip
        shutil.rmtree(self.root, ignore_errors=True)
