"""The staging gate with real connections: a locked database refuses the application, ends
its open sessions, and opens again exactly as before; `pgscrub unlock` and `--force`; a
failing pipeline keeps the gate locked and alerts through NOTIFY and a Slack-style webhook
(a local http.server)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

import support
from pgscrub import alerts


@pytest.fixture
def app_role(server):
    """A login role for 'the application', dropped afterwards."""
    name = f"app_{support.scalar(server.admin_dsn, 'SELECT pg_backend_pid()')}"
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
    yield name
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        # a test may have granted it CONNECT on a database (a shared object): revoke that too
        admin.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(name)))
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(name)))


def connect_as(dsn: str, role: str) -> psycopg.Connection:
    return psycopg.connect(make_conninfo(dsn, user=role), autocommit=True)


EFFECTIVE_PRIVILEGES = """
    SELECT array_agg(format('%s:%s:%s', a.grantee::regrole, a.privilege_type, a.is_grantable) ORDER BY 1)
      FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d', d.datdba))) AS a
     WHERE d.datname = current_database()"""


def test_locked_database_refuses_the_application_until_a_clean_unlock(conn, db, app_role):
    before = support.scalar(conn, EFFECTIVE_PRIVILEGES)
    open_session = connect_as(db, app_role)
    conn.execute("SELECT anon.gate_lock(%s::name[])", ([app_role],))

    with pytest.raises(psycopg.OperationalError, match="not permitted to log in|permission denied"):
        connect_as(db, app_role)
    with pytest.raises(psycopg.OperationalError):
        open_session.execute("SELECT 1")          # its session was ended
    locked_status = support.cli("status", dsn=db)
    assert "gate:      locked" in locked_status.stdout

    conn.execute("INSERT INTO anon.runs (pgscrub_version, status) VALUES ('test', 'missed')")
    refused = support.cli("unlock", dsn=db)
    assert refused.returncode == 2
    assert "stays locked: the latest run" in refused.stderr and "--force" in refused.stderr

    conn.execute("UPDATE anon.runs SET status = 'clean'")
    unlocked = support.cli("unlock", dsn=db)
    assert unlocked.returncode == 0, unlocked.stderr
    with connect_as(db, app_role) as again:
        assert again.execute("SELECT current_user").fetchone()[0] == app_role
    # The default privileges (a NULL datacl) come back as the same privileges, spelled out.
    assert support.scalar(conn, EFFECTIVE_PRIVILEGES) == before


def test_forced_unlock_is_recorded(conn, db, app_role):
    conn.execute("SELECT anon.gate_lock(%s::name[])", ([app_role],))
    conn.execute("INSERT INTO anon.runs (pgscrub_version, status) VALUES ('test', 'missed')")
    forced = support.cli("unlock", "--force", "--reason", "demo for the auditor", dsn=db)
    assert forced.returncode == 0, forced.stderr
    assert "recorded" in forced.stderr
    event, actor, detail = conn.execute(
        "SELECT event, actor, detail FROM anon.gate_events ORDER BY happened_at DESC LIMIT 1").fetchone()
    assert (event, actor) == ("forced_unlock", "postgres")
    assert detail["reason"] == "demo for the auditor" and detail["run_status"] == "missed"
    with connect_as(db, app_role):
        pass


def test_forced_unlock_of_an_open_gate_says_only_what_happened(conn, db):
    before = support.scalar(conn, "SELECT count(*) FROM anon.gate_events")
    result = support.cli("unlock", "--force", "--reason", "just in case", dsn=db)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"the gate of {conninfo_to_dict(db)['dbname']} is not locked; nothing to do"
    assert "recorded" not in result.stderr and result.stderr == ""
    assert support.scalar(conn, "SELECT count(*) FROM anon.gate_events") == before


class Webhook:
    """A local Slack-style endpoint that records what it receives."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                received.append((self.headers["Content-Type"], json.loads(self.rfile.read(length))))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/staging"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.close()


def test_failed_pipeline_stays_locked_and_alerts(conn, db, app_role, webhook, tmp_path):
    broken = tmp_path / "broken_dump"
    broken.mkdir()
    (broken / "toc.dat").write_bytes(b"not a table of contents")
    with support.connect(db) as listener:
        listener.execute("LISTEN anon_alerts")
        failed = support.cli("pipeline", "--restore", str(broken), "--app-role", app_role,
                             "--webhook", webhook.url, dsn=db)
        notes = list(listener.notifies(timeout=10, stop_after=1))
    assert failed.returncode == 2
    assert "restore" in failed.stderr and "the gate stays locked" in failed.stderr
    assert support.scalar(conn, "SELECT state FROM anon.gate") == "locked"
    with pytest.raises(psycopg.OperationalError):
        connect_as(db, app_role)

    payload = json.loads(notes[0].payload)
    assert payload["event"] == "pipeline_failed" and payload["step"] == "restore" and payload["gate"] == "locked"
    content_type, message = webhook.received[0]
    assert content_type == "application/json"
    assert message["pgscrub"] == payload
    assert message["text"].startswith(":rotating_light: pgscrub: pipeline_failed on " + conninfo_to_dict(db)["dbname"])
    conn.execute("SELECT anon.gate_unlock(true, 'test cleanup')")


def test_alert_summary_names_columns_not_values():
    payload = {"event": "validation_missed", "database": "staging", "run_id": 4, "gate": "locked",
               "missed_columns": 1, "real_pii_remaining": 45000,
               "columns": [{"table": "messaging.email_logs", "column": "recipient", "real_pii_remaining": 45000}]}
    assert alerts.summary(payload) == (
        ":rotating_light: pgscrub: validation of staging (run 4) MISSED 1 column(s), 45000 real PII "
        "value(s) remaining: messaging.email_logs.recipient; staging stays locked")


def test_unreachable_webhook_is_an_oserror(webhook):
    webhook.close()
    with pytest.raises(OSError):
        alerts.post_webhook(webhook.url, {"event": "x"}, timeout=2)
