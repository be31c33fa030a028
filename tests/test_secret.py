"""The masking secret: never stored, never in a statement, invisible to other sessions."""

from __future__ import annotations

import psycopg
import pytest

from pgscrub import connection
from pgscrub.errors import PgscrubError
from pgscrub.secret import DEMO_SECRET, load_secret

import support

SECRET = "s3cr3t with spaces\\and-backslash-0123456789"


def test_secret_reaches_the_session_through_the_startup_packet(db):
    with connection.connect(db, secret=SECRET) as conn:
        assert support.scalar(conn, "SELECT current_setting('anon.secret')") == SECRET


def test_another_session_cannot_read_the_secret(db):
    with connection.connect(db, secret=SECRET) as owner, support.connect(db, secret=None) as other:
        owner_pid = owner.info.backend_pid
        owner.execute("SELECT anon.require_secret()")
        assert other.execute("SELECT current_setting('anon.secret', true)").fetchone()[0] is None
        settings = other.execute("SELECT count(*) FROM pg_settings WHERE name = 'anon.secret'").fetchone()[0]
        assert settings == 0
        activity = other.execute("SELECT coalesce(string_agg(query, ' '), '') FROM pg_stat_activity WHERE pid = %s",
                                 (owner_pid,)).fetchone()[0]
        assert SECRET not in activity


def test_a_secret_stored_with_alter_database_is_refused(db):
    dbname = psycopg.conninfo.conninfo_to_dict(db)["dbname"]
    with support.connect(db, secret=None) as conn:
        conn.execute(psycopg.sql.SQL("ALTER DATABASE {} SET anon.secret = 'stored-in-the-catalog-1234'")
                     .format(psycopg.sql.Identifier(dbname)))
    try:
        with support.connect(db) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege) as caught:
                conn.execute("SELECT anon.require_secret()")
            assert "stored in the catalog" in caught.value.diag.message_primary
            assert "RESET anon.secret" in caught.value.diag.message_hint
    finally:
        with support.connect(db, secret=None) as conn:
            conn.execute(psycopg.sql.SQL("ALTER DATABASE {} RESET anon.secret")
                         .format(psycopg.sql.Identifier(dbname)))


def test_no_secret_is_a_clear_error_not_an_empty_key(db):
    with support.connect(db, secret=None) as conn:
        with pytest.raises(psycopg.errors.InvalidParameterValue) as caught:
            conn.execute("SELECT anon.require_secret()")
        assert caught.value.diag.message_primary == "no masking secret in this session"
        assert "PGOPTIONS" in caught.value.diag.message_hint
        conn.execute("SET anon.secret = ''")
        with pytest.raises(psycopg.errors.CheckViolation):
            conn.execute("SELECT anon.keyed_hash('email', 'jane@example.com')")


def test_load_secret_prefers_the_file_and_refuses_short_or_missing(tmp_path, monkeypatch):
    monkeypatch.delenv("PGSCRUB_SECRET", raising=False)
    with pytest.raises(PgscrubError, match="no masking secret") as caught:
        load_secret()
    assert "PGSCRUB_SECRET" in caught.value.hint and "--secret-file" in caught.value.hint
    key = tmp_path / "key"
    key.write_text(DEMO_SECRET + "\n")
    monkeypatch.setenv("PGSCRUB_SECRET", "x" * 40)
    assert load_secret(key) == DEMO_SECRET
    key.write_text("short\n")
    with pytest.raises(PgscrubError, match="shorter than 16"):
        load_secret(key)
    with pytest.raises(PgscrubError, match="cannot read the secret file"):
        load_secret(tmp_path / "missing")


def test_a_non_superuser_passes_the_secret_check(server, db):
    with support.connect(db, secret=None) as conn:
        conn.execute("DROP ROLE IF EXISTS pgscrub_plain")
        conn.execute("CREATE ROLE pgscrub_plain LOGIN")
        conn.execute("GRANT USAGE ON SCHEMA anon TO pgscrub_plain")
    plain = psycopg.conninfo.make_conninfo(db, user="pgscrub_plain")
    try:
        with support.connect(plain) as conn:
            conn.execute("SELECT anon.require_secret()")
    finally:
        server.drop_database(db)
        with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
            conn.execute("DROP ROLE pgscrub_plain")


def test_a_secret_in_the_server_configuration_is_refused(server, db):
    if server.cluster is None:
        pytest.skip("needs the throwaway cluster's configuration file")
    conf = server.cluster.datadir / "postgresql.auto.conf"
    with support.connect(db) as conn:  # the placeholder must exist for ALTER SYSTEM
        conn.execute("ALTER SYSTEM SET anon.secret = 'in-the-config-file-0123456789'")
    try:
        with support.connect(db) as conn:
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="server configuration"):
                conn.execute("SELECT anon.require_secret()")
    finally:
        with support.connect(db) as conn:
            conn.execute("ALTER SYSTEM RESET anon.secret")
        assert "anon.secret" not in conf.read_text()
