"""A connection error names the target libpq actually tried: from --dsn, from the PG*
environment, or libpq's defaults (the OS user, a database of the same name), never with
'?' for what it filled in and never with the password."""

from __future__ import annotations

import getpass
import socket

import support


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_target_from_the_environment_names_what_libpq_used():
    port = unused_port()
    result = support.cli("scan", env={"PGHOST": "127.0.0.1", "PGPORT": str(port)})
    assert result.returncode == 2
    error = result.stderr.splitlines()[0]
    user = getpass.getuser()
    assert error.startswith(f"error: cannot connect to {user}@127.0.0.1:{port}/{user}: "), error
    assert "?" not in error


def test_user_and_database_from_the_environment():
    port = unused_port()
    result = support.cli("validate", env={"PGHOST": "127.0.0.1", "PGPORT": str(port), "PGUSER": "alice",
                                          "PGDATABASE": "shop", "PGPASSWORD": "sekret-pw"})
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot connect to alice@127.0.0.1:{port}/shop: ")
    assert "sekret-pw" not in result.stderr


def test_target_from_the_dsn_never_shows_the_password():
    port = unused_port()
    result = support.cli("rules", "export", dsn=f"postgresql://bob:sekret-pw@127.0.0.1:{port}/app")
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot connect to bob@127.0.0.1:{port}/app: ")
    assert "sekret-pw" not in result.stderr and "hint: " in result.stderr
