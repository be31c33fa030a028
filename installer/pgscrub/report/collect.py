"""Everything the report shows, read from the anon catalog in one consistent snapshot.

The result is a plain dict of JSON types (the JSON report is exactly this, see
docs/report-schema.json); the renderers only format it. Nothing here reads user tables:
examples come from anon.run_examples, whose "before" side the run already masked
partially (anon.partial) and whose "after" side is the masked value.
"""

from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import psycopg
from psycopg import pq
from psycopg.rows import dict_row

from pgscrub import __version__, installer
from pgscrub.errors import PgscrubError

SCHEMA_VERSION = 1
SENSITIVITIES = ("HIGH", "MEDIUM", "LOW")
# Pipeline order for the steps recorded in anon.runs.steps; other names follow alphabetically.
STEP_ORDER = ("restore", "scan", "rules", "propose", "approve", "preflight", "fingerprints",
              "mask", "run", "check_foreign_keys", "refresh_matviews", "validate", "gate", "report")


def collect(conn: psycopg.Connection, run: str | int = "latest") -> dict:
    """The report of one run ("latest" or a run id) as JSON-ready data."""
    run_id = _parse_run(run)
    own_transaction = conn.info.transaction_status == pq.TransactionStatus.IDLE
    with conn.transaction():
        if own_transaction:
            # One snapshot for every query, even while another run is writing; read only.
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        with conn.cursor(row_factory=dict_row) as cur:
            _require_installed(cur)
            run_row = _run(cur, run_id)
            columns = _validated_columns(cur, run_row["run_id"])
            report = {
                "schema_version": SCHEMA_VERSION,
                "generated": _generated(cur),
                "database": _database(cur),
                "run": _run_details(cur, run_row),
                "findings": _findings(cur),
                "rules": _rules(cur, run_row["run_id"]),
                "validation": _validation(columns, run_row["run_id"]),
                "gate": _gate(cur, run_row),
            }
    report["summary"] = _summary(report)
    return report


def _parse_run(run: str | int) -> int | None:
    if run == "latest":
        return None
    try:
        run_id = int(run)
    except (TypeError, ValueError):
        run_id = 0
    if run_id <= 0:
        raise PgscrubError(f"--run must be 'latest' or a run id (a positive number), not {run!r}",
                           "list the runs with: SELECT run_id, status, started_at FROM anon.runs")
    return run_id


def _require_installed(cur: psycopg.Cursor) -> None:
    installer.require_installed(cur.connection)
    cur.execute("SELECT pg_catalog.to_regclass('anon.report') IS NOT NULL AS installed")
    if not cur.fetchone()["installed"]:
        raise PgscrubError("the pgscrub installed in this database is too old to report (no view anon.report)",
                           "run pgscrub upgrade, then a pipeline run")


def _run(cur: psycopg.Cursor, run_id: int | None) -> dict:
    cur.execute("""
        SELECT * FROM anon.runs
         WHERE run_id = COALESCE(%(run_id)s, (SELECT max(run_id) FROM anon.runs))""",
                {"run_id": run_id})
    row = cur.fetchone()
    if row is None and run_id is None:
        raise PgscrubError("no run is recorded in this database yet, so there is nothing to report",
                           "run pgscrub pipeline, or CALL anon.run_all() and SELECT anon.validate()")
    if row is None:
        raise PgscrubError(f"there is no run {run_id} in this database",
                           "list the runs with: SELECT run_id, status, started_at FROM anon.runs")
    return row


def _generated(cur: psycopg.Cursor) -> dict:
    cur.execute("SELECT session_user AS by")
    return {"at": _iso(datetime.now(timezone.utc)), "by": cur.fetchone()["by"],
            "pgscrub_version": __version__}


def _database(cur: psycopg.Cursor) -> dict:
    cur.execute("""
        SELECT pg_catalog.current_database() AS name,
               pg_catalog.current_setting('server_version') AS server_version,
               pg_catalog.version() AS server_version_full,
               i.version AS pgscrub_installed_version,
               i.installed_at, i.watcher_installed
          FROM anon.installation AS i""")
    row = cur.fetchone()
    row["installed_at"] = _iso(row["installed_at"])
    return row


def _run_details(cur: psycopg.Cursor, run: dict) -> dict:
    cur.execute("""
        SELECT schema_name AS schema, table_name AS table, position, status, method, method_reason,
               rows_total, rows_done,
               extract(epoch FROM finished_at - started_at)::float8 AS seconds, error
          FROM anon.run_tables WHERE run_id = %s ORDER BY position, schema_name, table_name""",
                (run["run_id"],))
    tables = cur.fetchall()
    seconds = None
    if run["finished_at"] is not None:
        seconds = (run["finished_at"] - run["started_at"]).total_seconds()
    return {
        "run_id": run["run_id"], "status": run["status"], "mode": run["mode"],
        "batch_size": run["batch_size"], "rules_sha256": run["rules_sha256"],
        "pgscrub_version": run["pgscrub_version"], "run_by": run["run_by"],
        "client": run["client"], "started_at": _iso(run["started_at"]),
        "finished_at": _iso(run["finished_at"]), "seconds": seconds,
        "steps": _steps(run["steps"]), "rows_processed": run["rows_processed"],
        "error": run["error"], "tables": tables,
    }


def _steps(steps: dict) -> list[dict]:
    def order(name: str) -> tuple[int, str]:
        return (STEP_ORDER.index(name) if name in STEP_ORDER else len(STEP_ORDER), name)
    return [{"name": name, "seconds": _number(steps[name])} for name in sorted(steps, key=order)]


def _findings(cur: psycopg.Cursor) -> dict:
    cur.execute("""
        SELECT schema_name AS schema, table_name AS table, column_name AS column,
               column_type, detector, found_in, json_paths, sensitivity,
               confidence::float8 AS confidence, matched, sampled, scanned_at
          FROM anon.findings
         ORDER BY array_position(ARRAY['HIGH', 'MEDIUM', 'LOW'], sensitivity),
                  confidence DESC, schema_name, table_name, column_name, detector""")
    rows = cur.fetchall()
    for row in rows:
        row["scanned_at"] = _iso(row["scanned_at"])
    cur.execute("""
        SELECT count(*) FILTER (WHERE sensitivity = 'LOW') AS without_pii,
               count(*) AS classified,
               count(*) FILTER (WHERE skipped_reason IS NOT NULL) AS skipped
          FROM anon.scanned_columns""")
    counts = cur.fetchone()
    groups = [{"sensitivity": level, "findings": [r for r in rows if r["sensitivity"] == level]}
              for level in SENSITIVITIES]
    return {"groups": groups, "columns_classified": counts["classified"],
            "columns_without_pii": counts["without_pii"], "columns_skipped": counts["skipped"]}


def _rules(cur: psycopg.Cursor, run_id: int) -> list[dict]:
    cur.execute("""
        SELECT r.rule_id, r.schema_name AS schema, r.table_name AS table,
               r.column_name AS column, r.json_path, r.strategy, r.params, r.sensitivity,
               r.domain, r.origin, r.reviewed, r.reviewed_by, r.reviewed_at, r.note,
               COALESCE((SELECT json_agg(json_build_object(
                                             'before', CASE WHEN NOT leaky THEN e.before_partial END,
                                             'before_withheld', leaky,
                                             'after', e.after_value)
                                         ORDER BY e.ordinal)
                           FROM anon.run_examples AS e
                          -- A safety net: a "before" side in which the detectors still find
                          -- PII (a partial of a whole JSON document, say) is not shown.
                          CROSS JOIN LATERAL (SELECT EXISTS (SELECT FROM anon.pii_tokens(e.before_partial))
                                                     AS leaky) AS check_before
                          WHERE e.run_id = %s
                            AND r.json_path = (SELECT min(o.json_path) FROM anon.rules AS o
                                                WHERE (o.schema_name, o.table_name, o.column_name)
                                                      = (r.schema_name, r.table_name, r.column_name))
                            AND (e.schema_name, e.table_name, e.column_name)
                                = (r.schema_name, r.table_name, r.column_name)),
                        '[]') AS examples
          FROM anon.rules AS r
         ORDER BY r.strategy = 'keep', array_position(ARRAY['HIGH', 'MEDIUM', 'LOW'], r.sensitivity),
                  r.schema_name, r.table_name, r.column_name, r.json_path""", (run_id,))
    rows = cur.fetchall()
    for row in rows:
        row["reviewed_at"] = _iso(row["reviewed_at"])
    return rows


def _validated_columns(cur: psycopg.Cursor, run_id: int) -> list[dict]:
    """The view anon.report for this run; the setting is reset so a caller's transaction keeps none."""
    cur.execute("SELECT pg_catalog.set_config('anon.report_run', %s, true)", (str(run_id),))
    cur.execute("""
        SELECT schema_name AS schema, table_name AS table, column_name AS column,
               status, real_pii_remaining, rows_checked, reason, sensitivity, detectors,
               confidence::float8 AS confidence, strategies, pending_change,
               previous_run_id, previous_status, previous_real_pii_remaining
          FROM anon.report""")
    rows = cur.fetchall()
    cur.execute("SELECT pg_catalog.set_config('anon.report_run', '', true)")
    return rows


def _validation(columns: list[dict], run_id: int) -> dict:
    previous_run_id = next((c["previous_run_id"] for c in columns), None)
    rows = []
    for column in columns:
        previous_run = column.pop("previous_run_id")
        previous_status = column.pop("previous_status")
        previous_remaining = column.pop("previous_real_pii_remaining")
        column["previous"] = None if previous_run is None or previous_status is None else {
            "status": previous_status, "real_pii_remaining": previous_remaining}
        rows.append(column)
    return {"run_id": run_id, "previous_run_id": previous_run_id, "columns": rows}


def _gate(cur: psycopg.Cursor, run: dict) -> dict:
    cur.execute("SELECT state, app_roles, changed_at, changed_by FROM anon.gate")
    gate = cur.fetchone()
    gate["changed_at"] = _iso(gate["changed_at"])
    # This run's events: those tagged with it, and untagged ones (forced unlocks, alerts)
    # between its start and the next run's start.
    cur.execute("""
        SELECT happened_at, event, actor, run_id, detail FROM anon.gate_events
         WHERE run_id = %(run_id)s
            OR (run_id IS NULL AND happened_at >= %(started_at)s
                AND happened_at < COALESCE((SELECT min(started_at) FROM anon.runs
                                             WHERE run_id > %(run_id)s), 'infinity'))
         ORDER BY happened_at""", {"run_id": run["run_id"], "started_at": run["started_at"]})
    events = cur.fetchall()
    for event in events:
        event["happened_at"] = _iso(event["happened_at"])
    # Unresolved means the column still exists: entries the watcher kept for columns or
    # tables dropped since are not shown.
    cur.execute("""
        SELECT p.schema_name AS schema, p.table_name AS table, p.column_name AS column,
               p.column_type, p.change, p.command_tag, p.detected_at
          FROM anon.pending_columns AS p
         WHERE EXISTS (SELECT FROM pg_catalog.pg_attribute AS a
                        WHERE a.attrelid = pg_catalog.to_regclass(
                                  pg_catalog.format('%I.%I', p.schema_name, p.table_name))
                          AND a.attname = p.column_name AND NOT a.attisdropped)
         ORDER BY p.detected_at, p.schema_name, p.table_name, p.column_name""")
    pending = cur.fetchall()
    for column in pending:
        column["detected_at"] = _iso(column["detected_at"])
    return {**gate, "events": events, "pending_columns": pending}


def _summary(report: dict) -> dict:
    columns = report["validation"]["columns"]
    missed = [c for c in columns if c["status"] == "MISSED"]
    validated = [c for c in columns if c["status"] is not None]
    pii_columns = {(f["schema"], f["table"], f["column"])
                   for group in report["findings"]["groups"] if group["sensitivity"] != "LOW"
                   for f in group["findings"]}
    if missed:
        verdict = "missed"
    elif report["run"]["status"] == "failed":
        verdict = "failed"
    elif not validated or len(validated) < len(columns):
        verdict = "not_validated"
    else:
        verdict = "clean"
    return {
        "verdict": verdict,
        "columns_validated": len(validated),
        "columns_missed": len(missed),
        "columns_not_validated": len(columns) - len(validated),
        "real_pii_remaining": sum(c["real_pii_remaining"] or 0 for c in columns),
        "pii_columns": len(pii_columns),
        "pii_tables": len({(schema, table) for schema, table, _ in pii_columns}),
        "rules": len(report["rules"]),
        "rules_reviewed": sum(1 for r in report["rules"] if r["reviewed"]),
        "pending_columns": len(report["gate"]["pending_columns"]),
        "gate": report["gate"]["state"],
    }


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _number(value) -> float | None:
    if value is None:
        return None
    return float(value) if isinstance(value, (int, float, Decimal)) else None
