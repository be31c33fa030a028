"""A private, throwaway PostgreSQL for tests, `pgscrub demo` and `make bench`.

initdb + pg_ctl on a free port with its own socket directory, from the server binaries
found on this machine. initdb refuses to run as root, so as root the cluster runs as the
`postgres` OS user in a directory it owns. A reaper process removes the cluster if this
process dies without cleaning up (SIGKILL included), so nothing is left behind.
Where no binaries exist but Docker does, testcontainers' PostgreSQL is the fallback.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from pgscrub.errors import PgscrubError

DEFAULT_SETTINGS = {
    "listen_addresses": "",
    "fsync": "off",               # throwaway data: durability buys nothing here
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "shared_buffers": "256MB",
    "max_wal_size": "4GB",
    "max_connections": "60",
    "log_min_messages": "warning",
    "log_line_prefix": "%m [%p] %q%u@%d ",
}
SERVICE_USER = "postgres"


def find_bindir() -> Path | None:
    """pg_config --bindir, else the newest Debian-style /usr/lib/postgresql/N/bin."""
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, check=True)
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.CalledProcessError):
            pass
    versioned = sorted(glob.glob("/usr/lib/postgresql/*/bin") + glob.glob("/usr/pgsql-*/bin"),
                       key=lambda p: int("".join(c for c in p if c.isdigit()) or 0), reverse=True)
    candidates += [Path(p) for p in versioned]
    for bindir in candidates:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _run_as_prefix() -> list[str]:
    if os.geteuid() != 0:
        return []
    try:
        pwd.getpwnam(SERVICE_USER)
    except KeyError as exc:
        raise PgscrubError(
            "running as root, and there is no 'postgres' OS user to run initdb as",
            "create one (useradd --system postgres), run as a normal user, or pass a DSN",
        ) from exc
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", SERVICE_USER, "--"]
    return ["su", SERVICE_USER, "-s", "/bin/sh", "-c", '"$0" "$@"']


class ThrowawayCluster:
    """Use as a context manager; `dsn(dbname)` gives a libpq URL for the superuser."""

    def __init__(self, settings: dict[str, str] | None = None):
        self.settings = {**DEFAULT_SETTINGS, **(settings or {})}
        self.bindir: Path | None = None
        self.base: Path | None = None
        self.port: int | None = None
        self._reaper: subprocess.Popen | None = None
        self._container = None
        self._external_dsn: str | None = None

    # -- lifecycle -------------------------------------------------------------------
    def start(self) -> "ThrowawayCluster":
        self.bindir = find_bindir()
        if self.bindir is None:
            return self._start_container()
        prefix = _run_as_prefix()
        self.base = Path(tempfile.mkdtemp(prefix="pgscrub-pg-"))
        if prefix:
            owner = pwd.getpwnam(SERVICE_USER)
            os.chown(self.base, owner.pw_uid, owner.pw_gid)
        self.base.chmod(0o700)
        self._start_reaper(prefix)
        try:
            self._pg(prefix, "initdb", "-D", str(self.datadir), "-U", "postgres", "-A", "trust",
                     "-E", "UTF8", "--locale=C", "--no-sync")
            self.port = free_port()
            options = [f"-p {self.port}", f"-k {self.base}"]
            options += [f"-c {k}='{v}'" for k, v in self.settings.items()]
            self._pg(prefix, "pg_ctl", "start", "-w", "-t", "60", "-D", str(self.datadir),
                     "-l", str(self.log_path), "-o", " ".join(options))
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        if self._container is not None:
            self._container.stop()
            self._container = None
        if self.base is not None:
            if (self.datadir / "postmaster.pid").exists():
                subprocess.run(_run_as_prefix() + [str(self.bindir / "pg_ctl"), "stop", "-D",
                                                   str(self.datadir), "-m", "immediate"],
                               capture_output=True)
            shutil.rmtree(self.base, ignore_errors=True)
            self.base = None
        if self._reaper is not None:
            self._reaper.stdin.close()
            self._reaper.wait(timeout=30)
            self._reaper = None

    def __enter__(self) -> "ThrowawayCluster":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- access ----------------------------------------------------------------------
    @property
    def datadir(self) -> Path:
        return self.base / "data"

    @property
    def log_path(self) -> Path:
        return self.base / "server.log"

    def dsn(self, dbname: str = "postgres") -> str:
        if self._external_dsn:
            from psycopg.conninfo import conninfo_to_dict, make_conninfo
            return make_conninfo(**{**conninfo_to_dict(self._external_dsn), "dbname": dbname})
        return f"host={self.base} port={self.port} user=postgres dbname={dbname}"

    def pg_ctl(self, *args: str) -> subprocess.CompletedProcess:
        """Run pg_ctl against this cluster (tests use it for `stop -m immediate` and `start`)."""
        return self._pg(_run_as_prefix(), "pg_ctl", *args, "-D", str(self.datadir))

    def restart(self, mode: str = "fast") -> None:
        options = [f"-p {self.port}", f"-k {self.base}"] + [f"-c {k}='{v}'" for k, v in self.settings.items()]
        self._pg(_run_as_prefix(), "pg_ctl", "stop", "-D", str(self.datadir), "-m", mode)
        self._pg(_run_as_prefix(), "pg_ctl", "start", "-w", "-t", "60", "-D", str(self.datadir),
                 "-l", str(self.log_path), "-o", " ".join(options))

    def tool(self, name: str) -> str:
        """Path of a client program (pg_restore, psql, pg_dump) matching the server."""
        if self.bindir and (self.bindir / name).exists():
            return str(self.bindir / name)
        found = shutil.which(name)
        if not found:
            raise PgscrubError(f"{name} not found", "install the PostgreSQL client programs")
        return found

    # -- internals -------------------------------------------------------------------
    def _pg(self, prefix: list[str], program: str, *args: str) -> subprocess.CompletedProcess:
        result = subprocess.run(prefix + [str(self.bindir / program), *args],
                                capture_output=True, text=True, cwd=self.base)
        if result.returncode != 0:
            detail = (result.stderr or result.stdout).strip().splitlines()
            log_tail = ""
            if self.base and self.log_path.exists():
                log_tail = " | ".join(self.log_path.read_text(errors="replace").splitlines()[-5:])
            raise PgscrubError(f"{program} failed: {detail[-1] if detail else result.returncode}",
                               f"server log: {log_tail}" if log_tail else None)
        return result

    def _start_reaper(self, prefix: list[str]) -> None:
        # A separate session, so Ctrl-C in the terminal reaches us, not the reaper.
        self._reaper = subprocess.Popen(
            [sys.executable, "-m", "pgscrub.cluster_reaper", str(self.bindir), str(self.base),
             *prefix],
            stdin=subprocess.PIPE, start_new_session=True,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})

    def _start_container(self) -> "ThrowawayCluster":
        if shutil.which("docker") is None or subprocess.run(
                ["docker", "info"], capture_output=True).returncode != 0:
            raise PgscrubError(
                "no PostgreSQL server binaries found (initdb, pg_ctl) and no Docker engine",
                "install the server (Debian: apt-get install postgresql), or pass an existing "
                "server with --dsn / PGSCRUB_TEST_DSN",
            )
        try:
            from testcontainers.postgres import PostgresContainer
        except ImportError as exc:
            raise PgscrubError("Docker is available but testcontainers is not installed",
                               "pip install 'pgscrub[test]', or install PostgreSQL") from exc
        self._container = PostgresContainer("postgres:16", driver=None).start()
        self._external_dsn = self._container.get_connection_url()
        return self
