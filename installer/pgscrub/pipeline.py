"""`pgscrub pipeline`: every step unattended, with the staging gate locked around them.

    [restore] -> install/upgrade -> lock -> scan -> rules -> run -> validate -> report -> unlock

The gate is locked before anything reads or changes data and lifted only when validation is
clean. Any failure (an unexpected one too), and any MISSED column, leaves it locked and raises
an alert (NOTIFY anon_alerts, and the webhook when one is configured). When nothing is left to
mask, the latest run is validated again; when there is no run at all to validate (no reviewed
rule applies to any table), the pipeline stops at step run: nothing proves the data clean. With --restore, a missing target
database is created with CONNECT revoked before pg_restore writes anything into it; an
existing one is locked first and restored with --clean.
"""

from __future__ import annotations

import getpass
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgscrub import __version__, alerts, connection, gate, installer, report
from pgscrub import run as mask_step
from pgscrub.cluster import find_bindir
from pgscrub.errors import PgscrubError
from pgscrub.validate import ValidationResult, validate

Echo = Callable[[str], None]


@dataclass
class PipelineResult:
    database: str
    run_id: int | None
    validation: ValidationResult | None
    report: str | None
    unlocked: bool


class _Stopped(Exception):
    """A step failed; carries the step name for the alert."""

    def __init__(self, step: str, error: Exception):
        super().__init__(step)
        self.step = step
        self.error = error


def pipeline(dsn: str | None, *, secret: str, restore: Path | None = None, auto_approve: bool = False,
             jobs: int = 1, app_roles: Sequence[str] | None = None, webhook: str | None = None,
             report_path: Path | None = None, echo: Echo = lambda line: None) -> PipelineResult:
    """Run every step; returns when staging is clean and unlocked, raises PgscrubError otherwise
    (exit code 1 when PII remains or rules await review, 2 when a step failed)."""
    new_database = False
    if restore is not None:
        _check_dump(restore)
        new_database = _prepare_new_target(dsn, echo)
        if new_database:
            _pg_restore(dsn, restore, jobs=jobs, clean=False, echo=echo)
    with connection.connect(dsn, secret=secret) as conn:
        database = conn.info.dbname
        echo(_ensure_installed(conn))
        locked = gate.lock(conn, app_roles, new_database=new_database)
        echo(_lock_line(locked))
        run_id = None
        try:
            if restore is not None and not new_database:
                _step("restore", lambda: _pg_restore(dsn, restore, jobs=jobs, clean=True, echo=echo))
            _step("scan", lambda: echo(_scan(conn)))
            _step("rules", lambda: echo(_rules(conn, auto_approve)))
            run_id = _step("run", lambda: _mask(conn, dsn, secret, jobs, echo))
            result = _step("validate", lambda: validate(conn, run_id))
            echo(f"validate: run {result.run_id}: {len(result.columns)} column(s) checked, "
                 f"{len(result.missed)} MISSED, {result.real_pii_remaining} real PII value(s) remaining")
            report = _step("report", lambda: _write_report(conn, result.run_id, report_path, echo))
            if result.clean:
                echo(f"unlock: {_step('unlock', lambda: gate.unlock(conn))}")
        except _Stopped as stopped:
            payload = _alert_failure(conn, stopped, run_id)
            _forward(webhook, payload, echo)
            error = stopped.error
            if isinstance(error, PgscrubError):
                raise PgscrubError(f"{stopped.step}: {error.message}; the gate stays locked",
                                   error.hint, error.exit_code) from error
            if isinstance(error, psycopg.Error):
                hint = "fix the cause and run pgscrub pipeline again (or pgscrub unlock --force, recorded)"
            else:
                hint = ("this is a bug in pgscrub, please report it; staging stays locked until a pipeline "
                        "validates clean (or pgscrub unlock --force, recorded)")
            raise PgscrubError(f"{stopped.step} failed: {_primary(error)}; the gate stays locked",
                               hint) from error
        if not result.clean:
            _forward(webhook, alerts.latest_alert(conn, result.run_id), echo)
            raise PgscrubError(
                f"validation MISSED {len(result.missed)} column(s) in {database}; the gate stays locked",
                "see pgscrub validate (or SELECT * FROM anon.validation WHERE status = 'MISSED'), fix the "
                "rules or the data, then run pgscrub pipeline again", exit_code=1)
        return PipelineResult(database, result.run_id, result, report, True)


def _step(name: str, body):
    """Run one step; any failure, expected or not, stops the pipeline with the gate locked."""
    try:
        return body()
    except Exception as exc:   # noqa: BLE001 - an unexpected error must still alert and keep the gate
        raise _Stopped(name, exc) from exc


def _primary(error: Exception) -> str:
    """One line saying what went wrong (never a statement or its parameters)."""
    if isinstance(error, psycopg.Error):
        text = error.diag.message_primary or str(error)
    elif isinstance(error, PgscrubError):
        text = error.message
    else:
        text = f"{type(error).__name__}: {error}"
    lines = text.strip().splitlines()
    return lines[0] if lines else type(error).__name__


def _alert_failure(conn: psycopg.Connection, stopped: _Stopped, run_id: int | None) -> dict:
    detail = {"step": stopped.step, "error": _primary(stopped.error)}
    try:
        if conn.info.transaction_status == psycopg.pq.TransactionStatus.INERROR:
            conn.rollback()
        return alerts.raise_alert(conn, "pipeline_failed", run_id, detail)
    except psycopg.Error:
        # The database is unreachable: the webhook still hears about it.
        return {"event": "pipeline_failed", "database": conn.info.dbname, "run_id": run_id,
                "gate": "locked", **detail}


def _forward(webhook: str | None, payload: dict | None, echo: Echo) -> None:
    url = alerts.webhook_url(webhook)
    if not url or not payload:
        return
    try:
        alerts.post_webhook(url, payload)
        echo("alert: sent to the webhook")
    except (OSError, ValueError) as exc:   # ValueError: not an http(s) URL
        echo(f"warning: could not send the alert to the webhook: {exc}")


# -- steps ------------------------------------------------------------------------------

def _ensure_installed(conn: psycopg.Connection) -> str:
    pre = installer.preflight(conn)
    if pre.installed_version is None:
        return installer.install(conn)
    if pre.installed_version != __version__:
        return installer.upgrade(conn)
    return f"install: pgscrub {__version__} is installed"


def _lock_line(locked: dict) -> str:
    roles = ", ".join(locked.get("app_roles") or []) or "none listed"
    line = f"lock: CONNECT revoked on {locked['database']}; application roles NOLOGIN: {roles}"
    if locked.get("sessions_ended"):
        line += f"; {locked['sessions_ended']} application session(s) ended"
    if locked.get("other_sessions"):
        line += f"; {locked['other_sessions']} other session(s) still connected"
    return line


def _scan(conn: psycopg.Connection) -> str:
    """Incremental scan; the line counts the columns this scan classified, then every PII column."""
    since = conn.execute("SELECT pg_catalog.clock_timestamp()").fetchone()[0]
    conn.execute("SELECT count(*) FROM anon.scan()")
    new, new_pii, pii, unreadable, columns = conn.execute(
        "SELECT count(*) FILTER (WHERE classified_at >= %(since)s),"
        "       count(*) FILTER (WHERE classified_at >= %(since)s AND sensitivity <> 'LOW'"
        "                          AND skipped_reason IS NULL),"
        "       count(*) FILTER (WHERE sensitivity <> 'LOW' AND skipped_reason IS NULL),"
        "       count(*) FILTER (WHERE skipped_reason IS NOT NULL),"
        "       count(*)"
        "  FROM anon.scanned_columns", {"since": since}).fetchone()
    line = (f"scan: {new} new or changed column(s) classified ({new_pii} with PII); "
            f"{pii} of {columns} column(s) hold PII (HIGH or MEDIUM)")
    if unreadable:
        line += f"; {unreadable} could not be read (pgscrub scan lists them)"
    return line


def _rules(conn: psycopg.Connection, auto_approve: bool) -> str:
    with conn.transaction():
        proposed = conn.execute("SELECT anon.propose_rules()").fetchone()[0]
        approved = conn.execute("SELECT anon.approve_rules()").fetchone()[0] if auto_approve else 0
    waiting = conn.execute(
        "SELECT format('%I.%I.%I', schema_name, table_name, column_name)"
        "       || CASE WHEN json_path <> '' THEN ' ' || json_path ELSE '' END || ': ' || strategy"
        "  FROM anon.rules WHERE NOT reviewed ORDER BY schema_name, table_name, column_name, json_path").fetchall()
    if waiting:
        listed = "\n  ".join(row[0] for row in waiting)
        raise PgscrubError(
            f"{len(waiting)} rule(s) await review:\n  {listed}",
            "review them (pgscrub rules export > rules.yaml; edit; pgscrub rules import rules.yaml), "
            "or run the pipeline with --auto-approve", exit_code=1)
    return f"rules: {proposed} proposed" + (f", {approved} approved automatically" if auto_approve else "")


def _mask(conn: psycopg.Connection, dsn: str | None, secret: str, jobs: int, echo: Echo) -> int:
    """Mask; returns the run to validate: this one, or the latest when nothing was left to mask."""
    if jobs > 1:
        # N worker connections: tables at once, big batched tables split into key ranges.
        run_id = mask_step.run(dsn, secret, jobs=jobs).run_id
    else:
        run_id = _run_all(conn)
    if run_id is not None:
        status, rows = conn.execute("SELECT status, rows_processed FROM anon.runs WHERE run_id = %s",
                                    (run_id,)).fetchone()
        echo(f"run: run {run_id} {status}, {rows} row(s) masked")
        return run_id
    latest = conn.execute("SELECT max(run_id) FROM anon.runs").fetchone()[0]
    if latest is None:
        raise PgscrubError(
            "nothing to mask (no table has a reviewed rule to apply) and no masking run to validate",
            "nothing proves the data clean, so the gate cannot open by itself: check pgscrub scan and "
            "pgscrub rules export; if the database really holds no PII, lift the gate with "
            "pgscrub unlock --force --reason TEXT (recorded)")
    echo(f"run: nothing left to mask (every reviewed rule is applied); validating the latest run, {latest}, again")
    return latest


def _run_all(conn: psycopg.Connection) -> int | None:
    """CALL anon.run_all(); the run it started or resumed, None when there was nothing to mask."""
    before, unfinished = conn.execute(
        "SELECT max(run_id), max(run_id) FILTER (WHERE status IN ('running', 'failed')) FROM anon.runs").fetchone()
    conn.execute("CALL anon.run_all()")
    after = conn.execute("SELECT max(run_id) FROM anon.runs").fetchone()[0]
    if after is not None and (before is None or after > before or after == unfinished):
        return after
    return None


def _write_report(conn: psycopg.Connection, run_id: int, path: Path | None, echo: Echo) -> str | None:
    """The audit report, MISSED or clean (the auditor reads both), when asked for (--report)."""
    if path is None:
        echo(f"report: pgscrub report --run {run_id} -o FILE.html writes it (or pass --report)")
        return None
    report.write(conn, path, run=run_id)
    echo(f"report: {path}")
    return str(path)


# -- restore ----------------------------------------------------------------------------

def _check_dump(dump: Path) -> None:
    if dump.is_dir():
        if not (dump / "toc.dat").exists():
            raise PgscrubError(f"{dump} is a directory but not a pg_dump directory-format archive (no toc.dat)",
                               "pass the directory written by pg_dump -Fd, or a pg_dump -Fc file")
        return
    if not dump.is_file():
        raise PgscrubError(f"the dump {dump} does not exist", "pass a pg_dump -Fd directory or a -Fc file")
    with dump.open("rb") as handle:
        head = handle.read(512)
    if not head.startswith(b"PGDMP") and head[257:262] != b"ustar":
        raise PgscrubError(
            f"{dump} is not a pg_dump archive (plain SQL dumps cannot be restored by pg_restore)",
            "restore it yourself (psql -f) and run pgscrub pipeline without --restore, "
            "or dump with pg_dump -Fc / -Fd")


def _target_params(dsn: str | None) -> dict:
    conninfo = connection.resolve_conninfo(dsn)
    params = conninfo_to_dict(conninfo) if conninfo else {}
    params.setdefault("dbname", os.environ.get("PGDATABASE") or params.get("user")
                      or os.environ.get("PGUSER") or getpass.getuser())
    return params


def _prepare_new_target(dsn: str | None, echo: Echo) -> bool:
    """Create the target with CONNECT revoked when it does not exist; True if created."""
    params = _target_params(dsn)
    database = params["dbname"]
    with connection.connect(make_conninfo(**{**params, "dbname": "postgres"})) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (database,)).fetchone():
            return False
        try:
            admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(database)))
        except psycopg.errors.InsufficientPrivilege as exc:
            raise PgscrubError(f"database {database} does not exist and role {admin.info.user} may not create it",
                               "create it first (createdb), or run as a role with CREATEDB") from exc
        # Nobody but us until validation passes: the gate records this as its previous state.
        admin.execute(sql.SQL("REVOKE CONNECT ON DATABASE {} FROM PUBLIC").format(sql.Identifier(database)))
    echo(f"restore: created database {database}, CONNECT revoked")
    return True


def _pg_restore_program() -> str:
    bindir = find_bindir()
    if bindir and (bindir / "pg_restore").exists():
        return str(bindir / "pg_restore")
    found = shutil.which("pg_restore")
    if not found:
        raise PgscrubError("pg_restore not found", "install the PostgreSQL client programs")
    return found


def _pg_restore(dsn: str | None, dump: Path, *, jobs: int, clean: bool, echo: Echo) -> None:
    params = _target_params(dsn)
    env = dict(os.environ)
    password = params.pop("password", None)
    if password:
        env["PGPASSWORD"] = password   # never on the command line, where ps shows it
    command = [_pg_restore_program(), "--no-owner", "--jobs", str(jobs), "--dbname", make_conninfo(**params)]
    if clean:
        command += ["--clean", "--if-exists"]
    result = subprocess.run(command + [str(dump)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        errors = [line for line in result.stderr.splitlines() if line.startswith("pg_restore: error:")]
        first = re.sub(r': "[^"]*"', ': "…"', errors[0] if errors else result.stderr.strip()[:300])
        raise PgscrubError(f"pg_restore failed ({len(errors)} error(s)); the first: {first}",
                           f"run pg_restore on {dump} yourself to see every message")
    echo(f"restore: {dump} restored into {params['dbname']}")
