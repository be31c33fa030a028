"""pgscrub install / upgrade / uninstall / status against a real server."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import psycopg
import pytest

from pgscrub import __version__, installer
from pgscrub.errors import PgscrubError
from pgscrub.locks import RUN_LOCK

import support


def anon_schema_dump(server, dsn: str) -> str:
    """The anon schema as pg_dump sees it, without the lines that differ between dumps."""
    result = subprocess.run([server.tool("pg_dump"), "--schema-only", "--schema=anon", "-d", dsn],
                            capture_output=True, text=True, check=True)
    lines = [line for line in result.stdout.splitlines()
             if not line.startswith(("-- Dumped", "\\restrict", "\\unrestrict"))]
    return "\n".join(lines)


def test_install_creates_schema_and_records_version(empty_db):
    with support.connect(empty_db) as conn:
        message = installer.install(conn)
        assert "installed pgscrub" in message
        assert support.scalar(conn, "SELECT version FROM anon.installation") == __version__
        assert support.scalar(conn, "SELECT count(*) FROM anon.dictionary WHERE kind = 'first_name'") > 1000
        assert support.scalar(conn, "SELECT count(*) FROM anon.column_hints") > 10
        assert support.scalar(conn, "SELECT state FROM anon.gate") == "unlocked"


def test_install_is_idempotent(db):
    with support.connect(db) as conn:
        before = support.scalar(conn, "SELECT installed_at FROM anon.installation")
        assert "nothing to do" in installer.install(conn)
        assert support.scalar(conn, "SELECT installed_at FROM anon.installation") == before
        assert support.scalar(conn, "SELECT count(*) FROM anon.installation_history") == 1


def test_install_refuses_a_foreign_anon_schema(empty_db):
    with support.connect(empty_db) as conn:
        conn.execute("CREATE SCHEMA anon")
        conn.execute("CREATE TABLE anon.keep_me (x int)")
        with pytest.raises(PgscrubError, match="not created by pgscrub") as caught:
            installer.install(conn)
        assert "rename" in caught.value.hint
        assert support.scalar(conn, "SELECT to_regclass('anon.keep_me') IS NOT NULL")


def test_install_refuses_an_anon_schema_owned_by_an_extension(empty_db):
    # PostgreSQL Anonymizer's extension owns a schema named anon; any extension-owned
    # schema is refused the same way.
    with support.connect(empty_db) as conn:
        conn.execute("CREATE EXTENSION pgcrypto")
        conn.execute("CREATE SCHEMA anon")
        conn.execute("ALTER EXTENSION pgcrypto ADD SCHEMA anon")
        with pytest.raises(PgscrubError, match="belongs to the extension 'pgcrypto'"):
            installer.install(conn)


def test_install_uses_an_existing_pgcrypto_where_it_is(empty_db):
    with support.connect(empty_db) as conn:
        conn.execute("CREATE SCHEMA crypto")
        conn.execute("CREATE EXTENSION pgcrypto SCHEMA crypto")
        installer.install(conn)
        assert support.scalar(conn, "SELECT pgcrypto_schema FROM anon.installation") == "crypto"
        assert support.scalar(conn, "SELECT length(anon.keyed_hash('d', 'v'))") == 32


def test_install_refuses_a_role_without_create_privilege(server, empty_db):
    with support.connect(empty_db) as conn:
        conn.execute("DROP ROLE IF EXISTS pgscrub_weak")
        conn.execute("CREATE ROLE pgscrub_weak LOGIN")
        conn.execute("CREATE EXTENSION pgcrypto")
    weak_dsn = psycopg.conninfo.make_conninfo(empty_db, user="pgscrub_weak")
    try:
        with support.connect(weak_dsn) as conn:
            with pytest.raises(PgscrubError, match="may not create schemas") as caught:
                installer.install(conn)
            assert "GRANT CREATE ON DATABASE" in caught.value.hint
    finally:
        server.drop_database(empty_db)
        with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
            conn.execute("DROP ROLE pgscrub_weak")


def _preflight(**changes) -> installer.Preflight:
    base = dict(server_version_num=150000, server_version="15.0", role="r", database="d",
                superuser=True, can_create_schema=True, anon_exists=False, anon_extension=None,
                installed_version=None, pgcrypto_schema=None, pgcrypto_available=True)
    return installer.Preflight(**{**base, **changes})


def test_refusal_messages_for_old_servers_and_missing_pgcrypto():
    with pytest.raises(PgscrubError, match="13.9 is too old: pgscrub needs 14"):
        installer._refuse_unsupported(_preflight(server_version_num=130009, server_version="13.9"))
    with pytest.raises(PgscrubError, match="pgcrypto extension is not available") as caught:
        installer._refuse_unsupported(_preflight(pgcrypto_available=False))
    assert "contrib" in caught.value.hint


def test_upgrade_from_previous_release_equals_fresh_install_and_keeps_rules(server, empty_db, db):
    with support.connect(empty_db) as conn:
        installer.install(conn, release="0.1.0")
        assert support.scalar(conn, "SELECT version FROM anon.installation") == "0.1.0"
        conn.execute("""INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, params, origin, reviewed)
                        VALUES ('public', 'users', 'email', 'email', '{"keep_domain": true}', 'manual', true)""")
        message = installer.upgrade(conn)
        assert f"0.1.0 -> {__version__}" in message
        assert support.scalar(conn, "SELECT version FROM anon.installation") == __version__
        assert support.scalar(conn, "SELECT count(*) FROM anon.rules WHERE column_name = 'email' AND reviewed") == 1
        assert support.scalar(conn, "SELECT array_agg(action ORDER BY happened_at)::text FROM anon.installation_history") \
            == "{install,upgrade}"
    upgraded, fresh = anon_schema_dump(server, empty_db), anon_schema_dump(server, db)
    assert upgraded == fresh, "an upgraded anon schema must dump exactly like a fresh install"


def test_upgrade_at_current_version_is_a_no_op(db):
    with support.connect(db) as conn:
        assert "already up to date" in installer.upgrade(conn)


def test_uninstall_removes_everything_it_created(db):
    with support.connect(db) as conn:
        installer.uninstall(conn)
        assert support.scalar(conn, "SELECT count(*) FROM pg_namespace WHERE nspname = 'anon'") == 0
        assert support.scalar(conn, "SELECT count(*) FROM pg_extension WHERE extname = 'pgcrypto'") == 0
        assert support.scalar(conn, """SELECT count(*) FROM pg_event_trigger WHERE evtname LIKE 'anon%'""") == 0
        assert "nothing to do" in installer.uninstall(conn)


def test_uninstall_refuses_while_a_run_holds_the_lock(db):
    with support.connect(db) as holder, support.connect(db) as conn:
        holder.execute("SELECT pg_advisory_lock(%s, %s)", RUN_LOCK)
        with pytest.raises(PgscrubError, match="masking run is in progress"):
            installer.uninstall(conn)
        assert support.scalar(conn, "SELECT count(*) FROM pg_namespace WHERE nspname = 'anon'") == 1


def test_uninstall_refuses_while_the_gate_is_locked(db):
    with support.connect(db) as conn:
        conn.execute("UPDATE anon.gate SET state = 'locked'")
        with pytest.raises(PgscrubError, match="gate is locked"):
            installer.uninstall(conn)


def test_status_command_reports_version_rules_and_gate(db):
    result = support.cli("status", dsn=db)
    assert result.returncode == 0, result.stderr
    assert f"pgscrub:   {__version__}" in result.stdout
    assert "rules:     0 (0 reviewed)" in result.stdout
    assert "gate:      unlocked" in result.stdout


def test_cli_never_prints_the_password(server):
    dsn = "postgresql://someone:TopSecretPassw0rd@127.0.0.1:1/nowhere?connect_timeout=2"
    result = support.cli("status", dsn=dsn)
    assert result.returncode == 2
    assert "cannot connect" in result.stderr
    assert "TopSecretPassw0rd" not in result.stdout + result.stderr


def test_cli_without_dsn_or_environment_says_what_to_do():
    result = support.cli("status")
    assert result.returncode == 2
    assert "no database given" in result.stderr and "--dsn" in result.stderr


def test_wheel_ships_the_sql_and_installs_from_it(server, empty_db, tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(support.REPO)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("pgscrub-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "pgscrub/sql/tables/rules.sql" in names
    assert not any(name.startswith("pgscrub/sql/tests/") for name in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Outside the source tree, with only the unpacked wheel on the path for pgscrub.
    code = ("import sys; sys.path.insert(0, sys.argv[1]); import pgscrub.sqlsource as s, pgscrub.installer as i, psycopg;"
            "assert str(s.sql_root()).startswith(sys.argv[1]), s.sql_root();"
            "c = psycopg.connect(sys.argv[2], autocommit=True); print(i.install(c))")
    result = subprocess.run([sys.executable, "-c", code, str(site), empty_db],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"installed pgscrub \S+", result.stdout)
