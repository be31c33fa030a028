"""Helpers for the tests: sample databases, CLI runs, small queries."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from pgscrub.secret import DEMO_SECRET

REPO = Path(__file__).resolve().parent.parent
SQL_TESTS = REPO / "sql" / "tests"


def sample_data_dir() -> Path:
    """../shared/data (or $PGSCRUB_SAMPLE_DATA): the public sample databases."""
    path = Path(os.environ.get("PGSCRUB_SAMPLE_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        message = f"sample databases not found at {path} (set PGSCRUB_SAMPLE_DATA)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def connect(dsn: str, *, secret: str | None = DEMO_SECRET, autocommit: bool = True) -> psycopg.Connection:
    """A test connection; the secret goes in the startup packet like the CLI does it."""
    options = {}
    if secret is not None:
        options["options"] = "-c anon.secret=" + secret.replace("\\", "\\\\").replace(" ", "\\ ")
    return psycopg.connect(dsn, autocommit=autocommit, **options)


def scalar(dsn_or_conn, query: str, params=None):
    if isinstance(dsn_or_conn, psycopg.Connection):
        return dsn_or_conn.execute(query, params).fetchone()[0]
    with connect(dsn_or_conn) as conn:
        return conn.execute(query, params).fetchone()[0]


def cli(*args: str, dsn: str | None = None, secret: str | None = DEMO_SECRET,
        env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real `pgscrub` command in a subprocess and return its result."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    if secret is not None:
        full_env["PGSCRUB_SECRET"] = secret
    full_env["COLUMNS"] = "200"
    full_env.update(env or {})
    command = [sys.executable, "-m", "pgscrub", *args]
    if dsn is not None:
        command += ["--dsn", dsn]
    return subprocess.run(command, capture_output=True, text=True, env=full_env, cwd=cwd,
                          timeout=1800)
