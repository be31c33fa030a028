"""Time every pgscrub step on the scenario's database, at scale S and at 0.1 x S.

For each scale: a throwaway PostgreSQL sized for 2 cores / 24 GiB, the demo database
(pgscrub.demo.generate), a copy of it for the floor, then the real `pgscrub` CLI for scan,
run, validate and report (each in its own process, whose peak RSS is recorded). The floor is
the naive masking a DBA would write first: one `UPDATE t SET col = md5(col), ...` per table
over the same columns, on the untouched copy, in the same cluster. Results go to
bench/results.json; the targets come from the issues (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql
from rich.console import Console
from rich.table import Table

from pgscrub import demo
from pgscrub.cluster import ThrowawayCluster
from pgscrub.secret import DEMO_SECRET

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results.json"
console = Console(highlight=False)

# 2 cores, 24 GiB: the machine of the scenario and of this project's CI.
CLUSTER_SETTINGS = {
    "shared_buffers": "4GB",
    "effective_cache_size": "16GB",
    "work_mem": "64MB",
    "maintenance_work_mem": "1GB",
    "max_worker_processes": "4",
    "max_parallel_workers": "2",
    "max_parallel_workers_per_gather": "2",
    "max_parallel_maintenance_workers": "2",
    "max_wal_size": "16GB",
    "checkpoint_timeout": "30min",
    "wal_compression": "on",
}

TARGETS = {  # (description, value key, limit) from issues 3, 5 and 10
    "scan_seconds": ("scan < 10 s", 10.0),
    "run_seconds": ("masking <= 60 s", 60.0),
    "run_to_floor": ("one job no slower than the md5 floor", 1.0),
    "users_seconds": ("2M users x 4 PII columns <= 25 s", 25.0),
    "validate_seconds": ("validation <= 60 s", 60.0),
}


@dataclass
class Step:
    name: str
    seconds: float | None = None
    rows: int | None = None
    peak_rss_mb: float | None = None
    error: str | None = None

    @property
    def rows_per_second(self) -> float | None:
        if self.seconds and self.rows:
            return self.rows / self.seconds
        return None


@dataclass
class ScaleResult:
    scale: float
    total_rows: int = 0
    masked_rows: int = 0
    steps: list[Step] = field(default_factory=list)
    floor_seconds: float | None = None
    floor_columns: list[str] = field(default_factory=list)
    users_seconds: float | None = None
    run_steps: dict = field(default_factory=dict)        # anon.runs.steps: step -> seconds
    run_tables: list[dict] = field(default_factory=list)  # per masked table: mask and capture

    def step(self, name: str) -> Step | None:
        return next((s for s in self.steps if s.name == name), None)

    def seconds(self, name: str) -> float | None:
        found = self.step(name)
        return found.seconds if found and not found.error else None

    @property
    def run_to_floor(self) -> float | None:
        run = self.seconds("run")
        return run / self.floor_seconds if run and self.floor_seconds else None

    @property
    def run_us_per_row(self) -> float | None:
        run = self.seconds("run")
        return run * 1e6 / self.masked_rows if run and self.masked_rows else None


def _cli(step: Step, dsn: str, *args: str) -> subprocess.CompletedProcess | None:
    """Run `pgscrub ARGS --dsn DSN` and record seconds and peak RSS; None when it failed."""
    env = {**os.environ, "PGSCRUB_SECRET": DEMO_SECRET, "COLUMNS": "160"}
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "pgscrub", *args, "--dsn", dsn],
                                stdout=out, stderr=err, text=True, env=env)
        _, status, usage = os.wait4(proc.pid, 0)       # this process's own peak RSS
        proc.returncode = os.waitstatus_to_exitcode(status)
        step.seconds = time.perf_counter() - started
        step.peak_rss_mb = round(usage.ru_maxrss / 1024, 1)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1):      # 1: validate found PII, still a measurement
        step.error = (stderr.strip().splitlines() or [f"exit {proc.returncode}"])[0][:200]
        return None
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def _count_rows(conn: psycopg.Connection) -> int:
    return conn.execute("""SELECT coalesce(sum(c.reltuples), 0)::bigint FROM pg_class c
                             JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE c.relkind = 'r' AND n.nspname IN ('public', 'messaging')""").fetchone()[0]


def _ruled_columns(conn: psycopg.Connection) -> dict[tuple[str, str], list[str]]:
    """Reviewed, non-keep rules by table; the demo manifest when no rules exist yet."""
    found: dict[tuple[str, str], list[str]] = {}
    has_rules = conn.execute("SELECT to_regclass('anon.rules') IS NOT NULL").fetchone()[0]
    rows = conn.execute("""SELECT DISTINCT schema_name, table_name, column_name FROM anon.rules
                            WHERE reviewed AND strategy <> 'keep' ORDER BY 1, 2, 3""").fetchall() if has_rules else []
    if not rows:
        rows = sorted(demo.pii_columns())
    for schema, table, column in rows:
        found.setdefault((schema, table), []).append(column)
    return found


def _floor(conn: psycopg.Connection, columns: dict[tuple[str, str], list[str]], result: ScaleResult) -> None:
    """One naive UPDATE ... SET col = md5(col), ... per table, on the untouched copy.

    CHECK constraints (users.email must contain '@') are dropped first, untimed: the naive
    script would not pass them, and they cost nothing to evaluate.
    """
    checks = conn.execute("""SELECT conrelid::regclass::text, conname FROM pg_constraint
                              WHERE contype = 'c' AND conrelid <> 0
                                AND connamespace IN ('public'::regnamespace, 'messaging'::regnamespace)""").fetchall()
    for table, name in checks:
        conn.execute(sql.SQL("ALTER TABLE {} DROP CONSTRAINT {}").format(sql.SQL(table), sql.Identifier(name)))
    total = 0.0
    for (schema, table), names in columns.items():
        assignments = []
        for name in names:
            kind, length = conn.execute(
                """SELECT format_type(a.atttypid, NULL), nullif(a.atttypmod, -1) - 4 FROM pg_attribute a
                    WHERE a.attrelid = %s::regclass AND a.attname = %s""",
                (f'"{schema}"."{table}"', name)).fetchone()
            col = sql.Identifier(name)
            if kind in ("text", "character varying"):
                value = sql.SQL("left(md5({}), {})").format(col, sql.Literal(length)) if length else sql.SQL("md5({})").format(col)
            elif kind == "jsonb":
                value = sql.SQL("to_jsonb(md5({}::text))").format(col)
            else:
                continue                      # inet, date: no md5 equivalent of the same type
            assignments.append(sql.SQL("{} = {}").format(col, value))
            result.floor_columns.append(f"{schema}.{table}.{name}")
        if assignments:
            started = time.perf_counter()
            conn.execute(sql.SQL("UPDATE {} SET {}").format(sql.Identifier(schema, table),
                                                           sql.SQL(", ").join(assignments)))
            total += time.perf_counter() - started
    result.floor_seconds = total


def bench_scale(scale: float, jobs: int, workdir: Path, parallel_jobs: int = 0) -> ScaleResult:
    """Every step at one scale; with parallel_jobs, also `run --jobs N` on a copy of the data."""
    result = ScaleResult(scale)
    console.print(f"[bold]scale {scale}[/]: starting a throwaway PostgreSQL")
    with ThrowawayCluster(CLUSTER_SETTINGS) as cluster:
        with psycopg.connect(cluster.dsn(), autocommit=True) as admin:
            admin.execute("CREATE DATABASE bench")
        dsn = cluster.dsn("bench")
        generate = Step("generate")
        with psycopg.connect(dsn, autocommit=True) as conn:
            started = time.perf_counter()
            demo.generate(conn, scale=scale, progress=lambda s, sec: console.print(f"  generate: {s} {sec:.1f}s"))
            generate.seconds = time.perf_counter() - started
            result.total_rows = generate.rows = _count_rows(conn)
        result.steps.append(generate)
        with psycopg.connect(cluster.dsn(), autocommit=True) as admin:
            console.print("  copying the database for the floor")
            admin.execute("CREATE DATABASE floor TEMPLATE bench")
            if parallel_jobs:
                admin.execute("CREATE DATABASE parallel TEMPLATE bench")

        install = Step("install")
        _cli(install, dsn, "install")
        result.steps.append(install)
        for name, args in (("scan", ("scan", "--json")), ("rules", ("rules", "propose"))):
            step = Step(name, rows=result.total_rows if name == "scan" else None)
            result.steps.append(step)
            _cli(step, dsn, *args)
            console.print(f"  {name}: " + (f"{step.seconds:.1f}s" if not step.error else f"unavailable ({step.error})"))
        with psycopg.connect(dsn, autocommit=True) as conn:
            try:
                conn.execute("SELECT anon.approve_rules()")
            except psycopg.Error as exc:
                console.print(f"  approve: unavailable ({exc.diag.message_primary})")
            columns = _ruled_columns(conn)
        with psycopg.connect(dsn, autocommit=True) as conn:
            result.masked_rows = sum(conn.execute(sql.SQL("SELECT count(*) FROM {}").format(
                sql.Identifier(schema, table))).fetchone()[0] for schema, table in columns)
        for name, args in (("run", ("run", "--jobs", str(jobs))), ("validate", ("validate", "--json")),
                           ("report", ("report", "-o", str(workdir / f"report-{scale}.html")))):
            step = Step(name, rows={"run": result.masked_rows, "validate": result.total_rows}.get(name))
            result.steps.append(step)
            _cli(step, dsn, *args)
            console.print(f"  {name}: " + (f"{step.seconds:.1f}s" if not step.error else f"unavailable ({step.error})"))
        with psycopg.connect(dsn, autocommit=True) as conn:
            _run_breakdown(conn, result)
        console.print("  floor: naive md5 UPDATE on the copy")
        with psycopg.connect(cluster.dsn("floor"), autocommit=True) as conn:
            _floor(conn, columns, result)
        if parallel_jobs:
            _parallel_run(cluster.dsn("parallel"), parallel_jobs, result)
    return result


def _parallel_run(dsn: str, jobs: int, result: ScaleResult) -> None:
    """The same run on a copy of the data with `--jobs N`: N tables masked at once."""
    console.print(f"  run --jobs {jobs} on another copy")
    setup = Step("setup")
    for args in (("install",), ("scan", "--json"), ("rules", "propose")):
        _cli(setup, dsn, *args)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SELECT anon.approve_rules()")
    step = Step(f"run --jobs {jobs}", rows=result.masked_rows)
    result.steps.append(step)
    _cli(step, dsn, "run", "--jobs", str(jobs))
    console.print(f"  run --jobs {jobs}: " + (f"{step.seconds:.1f}s" if not step.error else f"unavailable ({step.error})"))


def _run_breakdown(conn: psycopg.Connection, result: ScaleResult) -> None:
    """Where the run's time went: its steps, and per table the masking and the capture."""
    run = conn.execute("SELECT run_id, steps FROM anon.runs ORDER BY run_id DESC LIMIT 1").fetchone()
    if run is None:
        return
    result.run_steps = run[1]
    rows = conn.execute(
        """SELECT t.schema_name || '.' || t.table_name, t.method, t.rows_total,
                  extract(epoch FROM t.finished_at - t.started_at)::float, c.seconds::float, c.fingerprints
             FROM anon.run_tables t
             LEFT JOIN anon.fingerprint_captures c USING (run_id, schema_name, table_name)
            WHERE t.run_id = %s ORDER BY 4 DESC NULLS LAST""", (run[0],)).fetchall()
    result.run_tables = [dict(zip(("table", "method", "rows", "seconds", "capture_seconds", "fingerprints"), row))
                         for row in rows]
    users = next((t for t in result.run_tables if t["table"] == "public.users"), None)
    result.users_seconds = users["seconds"] if users else None
    console.print("  run steps: " + ", ".join(f"{k} {float(v):.1f}s" for k, v in result.run_steps.items()))
    for table in result.run_tables[:5]:
        console.print(f"    {table['table']}: {table['seconds'] or 0:.1f}s ({table['method']}, {table['rows']:,} rows;"
                      f" capture {table['capture_seconds'] or 0:.1f}s, {table['fingerprints'] or 0:,} fingerprints)")


def render(results: list[ScaleResult]) -> None:
    table = Table(title="pgscrub benchmark (seconds, rows/s, peak RSS of the CLI process)", title_justify="left")
    table.add_column("step")
    for result in results:
        table.add_column(f"{result.scale}x s", justify="right")
        table.add_column(f"{result.scale}x rows/s", justify="right")
        table.add_column(f"{result.scale}x RSS MB", justify="right")
    names = [s.name for s in results[0].steps]
    for name in names:
        cells = []
        for result in results:
            step = result.step(name)
            if step is None or step.error:
                cells += ["n/a", "", ""]
            else:
                rate = step.rows_per_second
                cells += [f"{step.seconds:.1f}", f"{rate:,.0f}" if rate else "",
                          f"{step.peak_rss_mb:.0f}" if step.peak_rss_mb and name != "generate" else ""]
        table.add_row(name, *cells)
    table.add_row("md5 floor", *[c for r in results for c in
                                          (f"{r.floor_seconds:.1f}" if r.floor_seconds else "n/a",
                                           f"{r.masked_rows / r.floor_seconds:,.0f}" if r.floor_seconds else "", "")])
    console.print(table)
    for line in verdicts(results):
        console.print(line)


def verdicts(results: list[ScaleResult]) -> list[str]:
    """One line per target: the measured value and pass/FAIL/n/a."""
    full = results[0]
    lines = []

    def verdict(label: str, value: float | None, limit: float, unit: str = "s") -> None:
        if value is None:
            lines.append(f"  n/a   {label}: not measured (step unavailable)")
        else:
            lines.append(f"  {'pass' if value <= limit else 'FAIL'}  {label}: {value:.2f}{unit}")

    for result in results:
        verdict(f"scan < 10 s at {result.scale}x", result.seconds("scan"), 10.0)
    verdict(f"masking <= 60 s at {full.scale}x, one job", full.seconds("run"), 60.0)
    for step in full.steps:
        if step.name.startswith("run --jobs"):
            verdict(f"masking <= 60 s at {full.scale}x, {step.name}", full.seconds(step.name), 60.0)
    verdict("run / md5 floor <= 1 (one job)", full.run_to_floor, 1.0, "x")
    verdict("users (4 PII columns) <= 25 s", full.users_seconds, 25.0)
    verdict(f"validation <= 60 s at {full.scale}x", full.seconds("validate"), 60.0)
    if len(results) > 1 and full.run_us_per_row and results[1].run_us_per_row:
        verdict(f"cost per row {full.scale}x / {results[1].scale}x <= 1.2",
                full.run_us_per_row / results[1].run_us_per_row, 1.2, "x")
    else:
        lines.append("  n/a   cost per row 1x / 0.1x: not measured")
    return lines


def _machine() -> dict:
    with open("/proc/meminfo") as handle:
        mem_kb = int(handle.readline().split()[1])
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                            cwd=REPO).stdout.strip()
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kb / 1024 / 1024, 1),
            "python": platform.python_version(), "commit": commit,
            "load_average_at_start": os.getloadavg()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="full scale (default 1: 2M users, 8M orders)")
    parser.add_argument("--small", type=float, default=None, help="the comparison scale (default 0.1 x --scale; 0 to skip)")
    parser.add_argument("--jobs", type=int, default=1, help="pgscrub run --jobs (default 1)")
    parser.add_argument("--parallel-jobs", type=int, default=2,
                        help="at the full scale, also run --jobs N on a copy (default 2, the cores; 0 to skip)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    small = round(args.scale * 0.1, 6) if args.small is None else args.small
    machine = _machine()
    workdir = REPO / ".tmp" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    results = [bench_scale(args.scale, args.jobs, workdir, args.parallel_jobs)]
    if small:
        results.append(bench_scale(small, args.jobs, workdir))
    render(results)
    payload = {
        "machine": machine,
        "finished_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "cluster_settings": CLUSTER_SETTINGS,
        "jobs": args.jobs,
        "parallel_jobs": args.parallel_jobs,
        "scales": [{**{k: v for k, v in asdict(r).items() if k != "steps"},
                    "steps": [{**asdict(s), "rows_per_second": s.rows_per_second} for s in r.steps],
                    "run_to_floor": r.run_to_floor, "run_us_per_row": r.run_us_per_row}
                   for r in results],
        "verdicts": [line.strip() for line in verdicts(results)],
    }
    args.output.write_text(json.dumps(payload, indent=2) + "\n")
    console.print(f"wrote {args.output.relative_to(REPO) if args.output.is_relative_to(REPO) else args.output}")
