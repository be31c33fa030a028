"""`pgscrub demo`: the scenario (../shared/SCENARIO.md) told on a throwaway PostgreSQL.

Production is the generated fintech database. Every week staging is a fresh copy of it:
  week 1  the rules were proposed before anyone scanned the forgotten `messaging` schema;
          masking runs, and validation, which checks every column of every schema against
          the original values, finds messaging.email_logs.recipient MISSED.
  week 2  the scan now classifies messaging too; the same pipeline ends clean.
The steps go through their SQL contracts (docs/internals.md), so psql users see the same.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import psycopg
from psycopg import sql

from pgscrub import connection, installer, report, scan
from pgscrub.cluster import ThrowawayCluster
from pgscrub.demo.generator import DEFAULT_SEED, generate
from pgscrub.errors import PgscrubError
from pgscrub.secret import DEMO_SECRET

FORGOTTEN = ("messaging", "email_logs", "recipient")


class Screen(Protocol):
    """What the story shows; pgscrub.commands.demo draws it with rich."""

    def say(self, text: str) -> None: ...
    def progress(self, poll: Callable[[], list[tuple[str, int, int, str]]], running: Callable[[], bool]) -> None: ...
    def validation(self, rows: list[tuple]) -> None: ...


@dataclass
class Week:
    name: str
    run_id: int | None = None
    missed: list[tuple[str, str, str, int]] = field(default_factory=list)
    report: Path | None = None


def _scan(conn: psycopg.Connection) -> None:
    """The scan, drawn as `pgscrub scan` draws it (HIGH and MEDIUM tables, LOW counted)."""
    from pgscrub.commands import scan as scan_command
    scan_command.render(scan.scan(conn))


def _forget_messaging(conn: psycopg.Connection) -> int:
    """The week-1 state: the team's rules predate any scan of the messaging schema."""
    with conn.transaction():
        conn.execute("DELETE FROM anon.findings WHERE schema_name = 'messaging'")
        return conn.execute("DELETE FROM anon.scanned_columns WHERE schema_name = 'messaging'").rowcount


def _rules(conn: psycopg.Connection, screen: Screen) -> None:
    with conn.transaction():
        proposed = conn.execute("SELECT anon.propose_rules()").fetchone()[0]
        approved = conn.execute("SELECT anon.approve_rules()").fetchone()[0]
    screen.say(f"rules: {proposed} proposed from the findings, {approved} approved (demo: auto-approve)")


def _mask(dsn: str, conn: psycopg.Connection, screen: Screen) -> int:
    """CALL anon.run_all() on its own connection; progress bars read the ledger meanwhile."""
    failure: list[BaseException] = []

    def call() -> None:
        try:
            with connection.connect(dsn, secret=DEMO_SECRET, application_name="pgscrub demo run") as run_conn:
                run_conn.execute("CALL anon.run_all()")
        except BaseException as exc:   # re-raised in the caller's thread
            failure.append(exc)

    before = conn.execute("SELECT coalesce(max(run_id), 0) FROM anon.runs").fetchone()[0]
    worker = threading.Thread(target=call, name="pgscrub-demo-run")
    worker.start()

    def poll() -> list[tuple[str, int, int, str]]:
        return conn.execute(
            """SELECT format('%%I.%%I', schema_name, table_name), rows_done, rows_total, status
                 FROM anon.run_tables WHERE run_id > %s ORDER BY position""", (before,)).fetchall()

    screen.progress(poll, worker.is_alive)
    worker.join()
    if failure:
        raise failure[0]
    return conn.execute("SELECT max(run_id) FROM anon.runs").fetchone()[0]


def _validate(conn: psycopg.Connection, run_id: int, screen: Screen) -> list[tuple]:
    conn.execute("SELECT count(*) FROM anon.validate()").fetchone()
    rows = conn.execute(
        """SELECT format('%%I.%%I.%%I', schema_name, table_name, column_name), rows_checked,
                  real_pii_remaining, status, coalesce(reason, '')
             FROM anon.validation WHERE run_id = %s
            ORDER BY status = 'Clean', real_pii_remaining DESC, 1""", (run_id,)).fetchall()
    screen.validation(rows)
    return rows


def _report(conn: psycopg.Connection, run_id: int, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    report.write(conn, path, run=run_id)
    return path


def _week(cluster: ThrowawayCluster, name: str, template: str, screen: Screen, reports: Path,
          forget_messaging: bool) -> Week:
    week = Week(name)
    with psycopg.connect(cluster.dsn(), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(sql.Identifier(name), sql.Identifier(template)))
    dsn = cluster.dsn(name)
    with connection.connect(dsn, secret=DEMO_SECRET, application_name="pgscrub demo") as conn:
        screen.say(installer.install(conn))
        _scan(conn)
        if forget_messaging:
            forgotten = _forget_messaging(conn)
            screen.say(f"week 1 replays the team's history: their rules were proposed before anyone scanned "
                       f"the messaging schema ({forgotten} columns nobody classified)")
        _rules(conn, screen)
        week.run_id = _mask(dsn, conn, screen)
        rows = _validate(conn, week.run_id, screen)
        week.missed = [(r[0], r[2]) for r in rows if r[3] == "MISSED"]
        week.report = _report(conn, week.run_id, reports / f"pgscrub-demo-{name}.html")
        screen.say(f"report: {week.report}")
    return week


def tell(screen: Screen, *, scale: float = 0.01, seed: int = DEFAULT_SEED,
         reports: Path = Path("reports")) -> tuple[Week, Week]:
    """The whole story; raises PgscrubError when it does not end as the scenario says."""
    screen.say("masking secret: the built-in DEMO secret (pgscrub.secret.DEMO_SECRET). It is published "
               "and protects nothing: never use it on real data.")
    with ThrowawayCluster() as cluster:
        screen.say("started a throwaway PostgreSQL (removed when the demo ends)")
        with psycopg.connect(cluster.dsn(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE production")
        with psycopg.connect(cluster.dsn("production"), autocommit=True) as conn:
            started = time.perf_counter()
            generate(conn, scale=scale, seed=seed)
            users = conn.execute("SELECT count(*) FROM public.users").fetchone()[0]
            orders = conn.execute("SELECT count(*) FROM public.orders").fetchone()[0]
        screen.say(f"production: the scenario's fintech database at scale {scale}: 45 tables, {users:,} users, "
                   f"{orders:,} orders ({time.perf_counter() - started:.0f}s)")
        screen.say("week 1: staging = a fresh copy of production")
        first = _week(cluster, "staging_week1", "production", screen, reports, forget_messaging=True)
        screen.say("week 2: a new copy; the scan now classifies the messaging schema too")
        second = _week(cluster, "staging_week2", "production", screen, reports, forget_messaging=False)
    forgotten = ".".join(FORGOTTEN)
    if forgotten not in {column for column, _ in first.missed}:
        raise PgscrubError(f"week 1 should have found {forgotten} MISSED, but validation reported "
                           f"{[c for c, _ in first.missed] or 'nothing'}", "this is a bug in pgscrub")
    if second.missed:
        raise PgscrubError(f"week 2 should be clean, but validation MISSED {[c for c, _ in second.missed]}",
                           "this is a bug in pgscrub")
    return first, second
