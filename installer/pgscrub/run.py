"""Step 3: mask the database with the reviewed rules (anon.run_begin / run_table / run_finish).

The work happens in PostgreSQL; this module orchestrates it on one or more connections
and reads progress from the ledger (anon.progress). With jobs=N, N worker connections
each run `CALL anon.run_table(...)` on one table, or on one key range of a big batched
table, while the main connection holds the run lock, polls progress and finishes the run.
Everything is committed step by step in the database, so an interrupted run resumes
where it stopped the next time `run` (or `CALL anon.run_all()`) is called.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import psycopg

from pgscrub import connection, installer, rules
from pgscrub.errors import PgscrubError

MODES = ("rewrite", "batched")
DEFAULT_BATCH_SIZE = 10_000


@dataclass(frozen=True)
class TablePlan:
    """What a run would do to one table (anon.plan_run), as the dry run prints it."""
    position: int
    schema: str
    table: str
    method: str
    reason: str | None
    columns: list[str]
    rows: int
    sql: str

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass(frozen=True)
class TableProgress:
    """One row of anon.progress."""
    position: int
    schema: str
    table: str
    method: str
    phase: str
    rows_total: int
    rows_done: int
    rows_per_second: float | None
    eta_seconds: float | None
    elapsed_seconds: float | None
    error: str | None

    @property
    def name(self) -> str:
        return f"{self.schema}.{self.table}"


@dataclass
class RunResult:
    run_id: int | None
    status: str
    rows: int = 0
    seconds: float = 0.0
    tables: list[TableProgress] = field(default_factory=list)
    plan: list[TablePlan] = field(default_factory=list)
    dry_run: bool = False
    awaiting_review: int = 0      # rules not reviewed yet: not applied


ProgressCallback = Callable[[list[TableProgress]], None]


def plan(conn: psycopg.Connection, *, mode: str = "rewrite") -> list[TablePlan]:
    """The plan of a run with exact row counts; changes nothing (raises on a rule that cannot apply)."""
    _check_mode(mode)
    rows = conn.execute(
        """SELECT "position", schema_name, table_name, method, reason, columns, rows_total, masking_sql
             FROM anon.plan_run(%s, NULL, true)""", (mode,)).fetchall()
    return [TablePlan(*row) for row in rows]


def progress(conn: psycopg.Connection) -> list[TableProgress]:
    """Per-table progress of the current or latest run."""
    rows = conn.execute(
        """SELECT "position", schema_name, table_name, method, phase, rows_total, rows_done,
                  rows_per_second, eta_seconds, elapsed_seconds, error
             FROM anon.progress""").fetchall()
    return [TableProgress(r[0], r[1], r[2], r[3], r[4], r[5], r[6],
                          None if r[7] is None else float(r[7]),
                          None if r[8] is None else float(r[8]),
                          None if r[9] is None else float(r[9]), r[10]) for r in rows]


def run(dsn: str | None, secret: str, *, jobs: int = 1, dry_run: bool = False,
        batch_size: int = DEFAULT_BATCH_SIZE, mode: str = "rewrite",
        on_progress: ProgressCallback | None = None, poll_seconds: float = 0.5) -> RunResult:
    """Mask every table with reviewed rules (or, with dry_run, only plan it)."""
    _check_mode(mode)
    if jobs < 1 or batch_size < 1:
        raise PgscrubError("--jobs and --batch-size must be 1 or more")
    with connection.connect(dsn, secret=secret) as main:
        installer.require_installed(main)
        if dry_run:
            return RunResult(run_id=None, status="dry-run", plan=plan(main, mode=mode), dry_run=True,
                             awaiting_review=rules.awaiting_review(main))
        started = time.monotonic()
        try:
            run_id = main.execute("SELECT anon.run_begin(%s, %s, %s)", (mode, batch_size, jobs)).fetchone()[0]
            if run_id is None:
                return RunResult(run_id=None, status="nothing to mask", awaiting_review=rules.awaiting_review(main))
            _mask(dsn, secret, main, run_id, jobs, on_progress, poll_seconds)
            main.execute("CALL anon.run_finish(%s)", (run_id,))
        except BaseException:
            _release(main)
            raise
        status, rows = main.execute("SELECT status, rows_processed FROM anon.runs WHERE run_id = %s",
                                    (run_id,)).fetchone()
        tables = progress(main)
        if on_progress:
            on_progress(tables)
        return RunResult(run_id=run_id, status=status, rows=rows, tables=tables,
                         seconds=time.monotonic() - started, awaiting_review=rules.awaiting_review(main))


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise PgscrubError(f"unknown mode {mode!r}", "use --mode rewrite (the default) or --mode batched")


def _work_items(conn: psycopg.Connection, run_id: int) -> list[tuple[int, int | None]]:
    """(table oid, key range or None for the whole table), parents first."""
    return conn.execute(
        """SELECT t.relid, g.range_no
             FROM anon.run_tables t
             LEFT JOIN anon.run_ranges g
               ON (g.run_id, g.schema_name, g.table_name) = (t.run_id, t.schema_name, t.table_name)
              AND NOT g.done
              AND (SELECT count(*) FROM anon.run_ranges a
                    WHERE (a.run_id, a.schema_name, a.table_name) = (t.run_id, t.schema_name, t.table_name)) > 1
            WHERE t.run_id = %s AND t.status NOT IN ('done', 'skipped')
            ORDER BY t."position", t.schema_name, t.table_name, g.range_no""", (run_id,)).fetchall()


def _mask(dsn: str | None, secret: str, main: psycopg.Connection, run_id: int, jobs: int,
          on_progress: ProgressCallback | None, poll_seconds: float) -> None:
    """Run the work items on `jobs` worker connections, reporting progress until all are done."""
    items = _work_items(main, run_id)
    local = threading.local()
    workers: list[psycopg.Connection] = []
    lock = threading.Lock()

    def worker_connection() -> psycopg.Connection:
        if not hasattr(local, "conn"):
            local.conn = connection.connect(dsn, secret=secret, application_name="pgscrub run worker")
            with lock:
                workers.append(local.conn)
        return local.conn

    def do(item: tuple[int, int | None]) -> None:
        relid, range_no = item
        worker_connection().execute("CALL anon.run_table(%s::oid::regclass, %s, %s)", (relid, run_id, range_no))

    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="pgscrub-run")
    futures: list[Future] = []
    try:
        futures = [pool.submit(do, item) for item in items]
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=poll_seconds, return_when=FIRST_EXCEPTION)
            if on_progress:
                on_progress(progress(main))
            for future in done:
                future.result()  # raises the first failure
    except BaseException:
        for future in futures:
            future.cancel()
        with lock:
            for conn in workers:
                conn.cancel()
        raise
    finally:
        pool.shutdown(wait=True)
        for conn in workers:
            conn.close()


def _release(main: psycopg.Connection) -> None:
    """After a failure: let go of the run lock so that the next run can resume."""
    if main.closed:
        return
    try:
        main.execute("SELECT anon.run_unlock()")
    except psycopg.Error:
        pass  # the connection is gone: so is its lock
