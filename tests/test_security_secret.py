"""Attack: read the masking secret back. PostgreSQL Anonymizer kept its salt in a setting
saved with ALTER DATABASE, readable by anyone; statements carrying it end up in the server
log, pg_stat_activity and pg_stat_statements. pgscrub's secret travels only in the startup
packet, so a whole pipeline under `log_statement = 'all'` must leave no trace of it."""

from __future__ import annotations

import secrets

import psycopg
import pytest

from pgscrub import connection
from pgscrub.cluster import ThrowawayCluster

import support

PII_TABLE = """
    CREATE TABLE customers (id int PRIMARY KEY, email text, phone text, full_name text);
    INSERT INTO customers
    SELECT i, 'person' || i || '@example.com', '+44 20 7946 ' || lpad(i::text, 4, '0'), 'Jane Doe'
      FROM generate_series(1, 40) i;
"""


@pytest.fixture(scope="module")
def logging_cluster():
    settings = {"log_statement": "all", "log_min_duration_statement": "0", "log_connections": "on",
                "log_disconnections": "on", "log_min_error_statement": "info"}
    with ThrowawayCluster(settings) as cluster:
        yield cluster


def _anon_table_texts(conn) -> str:
    tables = conn.execute("""
        SELECT format('%I.%I', schemaname, tablename) FROM pg_tables WHERE schemaname = 'anon'""").fetchall()
    texts = [conn.execute(f"SELECT coalesce(string_agg(t::text, ' '), '') FROM {name} t").fetchone()[0]
             for (name,) in tables]
    return " ".join(texts)


def test_a_whole_pipeline_leaves_no_trace_of_the_secret(logging_cluster, tmp_path):
    secret = "canary-" + secrets.token_hex(16)
    admin = logging_cluster.dsn("postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute("CREATE DATABASE secretdb")
    dsn = logging_cluster.dsn("secretdb")
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(PII_TABLE)
    report = tmp_path / "report.json"
    result = support.cli("pipeline", "--auto-approve", "--report", str(report), dsn=dsn, secret=secret)
    assert result.returncode == 0, result.stdout + result.stderr
    assert secret not in result.stdout + result.stderr
    assert secret not in report.read_text()

    # A session holding the secret, and another one looking at it from outside.
    with connection.connect(dsn, secret=secret) as holder, psycopg.connect(dsn, autocommit=True) as other:
        assert holder.execute("SHOW anon.secret").fetchone()[0] == secret   # it did reach the session
        holder.execute("SELECT anon.require_secret()")
        holder_pid = holder.info.backend_pid
        activity = other.execute("SELECT string_agg(coalesce(query, '') || ' ' || application_name, ' ')"
                                 "  FROM pg_stat_activity WHERE pid = %s", (holder_pid,)).fetchone()[0]
        assert "anon.require_secret" in activity and secret not in activity
        seen = other.execute("SELECT string_agg(name || '=' || coalesce(setting, ''), ' ') FROM pg_settings"
                             " WHERE name LIKE 'anon.%%'").fetchone()[0] or ""
        assert secret not in seen
        saved = other.execute("SELECT coalesce(string_agg(array_to_string(setconfig, ' '), ' '), '')"
                              "  FROM pg_db_role_setting").fetchone()[0]
        assert secret not in saved
        files = other.execute("SELECT coalesce(string_agg(name || '=' || setting, ' '), '') FROM pg_file_settings"
                              ).fetchone()[0]
        assert secret not in files
        assert secret not in _anon_table_texts(other)
        assert other.execute("SELECT count(*) FROM anon.runs WHERE status = 'clean'").fetchone()[0] == 1

    log = logging_cluster.log_path.read_text(errors="replace")
    assert "anon.run_all" in log and "anon.scan" in log, "the log must really hold every statement"
    assert secret not in log
