"""pgscrub run (step 3): mask with progress bars, or print the plan with --dry-run."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, TextColumn

from pgscrub import rules, run as run_step
from pgscrub.commands.common import Dsn, SecretFile, app, err, out, run_command
from pgscrub.errors import PgscrubError
from pgscrub.secret import load_secret

NOTHING_TO_MASK = "nothing to mask: no table has a reviewed rule left to apply"


@app.command()
def run(dsn: Dsn = None, secret_file: SecretFile = None,
        jobs: Annotated[int, typer.Option("--jobs", min=1, help="Parallel connections: tables at once, "
                                          "and big batched tables split into key ranges.")] = 1,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the SQL and row counts per table; "
                                              "change nothing.")] = False,
        mode: Annotated[str, typer.Option("--mode", help="rewrite: one rewrite per table where possible "
                                          "(fastest, locks each table while it runs); batched: "
                                          "batches of --batch-size rows with short locks.")] = "rewrite",
        batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Rows per batch and commit.")]
        = run_step.DEFAULT_BATCH_SIZE):
    """Step 3: apply the reviewed rules, table by table, with progress bars.

    Exit code 1 when nothing is masked because the rules still await review.
    """
    def body():
        secret = load_secret(secret_file)
        if dry_run:
            result = run_step.run(dsn, secret, dry_run=True, mode=mode)
            print_plan(result.plan)
        else:
            with ProgressBars() as bars:
                result = run_step.run(dsn, secret, jobs=jobs, batch_size=batch_size, mode=mode,
                                      on_progress=bars.update)
            if result.run_id is not None:
                done = sum(1 for t in result.tables if t.phase == "done")
                out.print(f"masking run {result.run_id} {result.status}: {result.rows:,} rows in {done} tables, "
                          f"{result.seconds:.1f} s", markup=False)
        check_review(result, masked_nothing=not result.plan if dry_run else result.run_id is None)
    run_command(body)


def check_review(result: run_step.RunResult, *, masked_nothing: bool) -> None:
    """Nothing to mask is success, unless it is because rules await review (exit 1)."""
    waiting = result.awaiting_review
    if masked_nothing and waiting:
        raise PgscrubError(f"{NOTHING_TO_MASK}; {waiting} rule(s) await review", rules.REVIEW_HINT, exit_code=1)
    if masked_nothing:
        out.print(NOTHING_TO_MASK, markup=False)
    elif waiting:
        err.print(f"warning: {waiting} rule(s) await review (a run does not apply them); {rules.REVIEW_HINT}",
                  markup=False)


def print_plan(plan: list[run_step.TablePlan]) -> None:
    if not plan:
        return
    for table in plan:
        why = f" ({table.reason})" if table.reason else ""
        out.print(f"-- {table.position}. {table.name}: {table.rows:,} rows, {table.method}{why}; "
                  f"columns {', '.join(table.columns)}", markup=False)
        out.print(table.sql + ";\n", markup=False)
    out.print(f"-- {len(plan)} tables, {sum(t.rows for t in plan):,} rows; nothing was changed", markup=False)


class ProgressBars:
    """A rich progress bar per table, fed from anon.progress."""

    def __init__(self):
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TextColumn("{task.fields[rows]}"),
            TextColumn("{task.fields[rate]}"), TextColumn("{task.fields[eta]}"), TextColumn("{task.fields[elapsed]}"),
            console=out, transient=False)
        self.tasks: dict[str, int] = {}

    def __enter__(self) -> "ProgressBars":
        self.progress.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.progress.stop()

    def update(self, tables: list[run_step.TableProgress]) -> None:
        for table in tables:
            # A rewrite commits all its rows at once: show a pulsing bar until then.
            total = None if table.phase in ("pending", "rewriting") else max(table.rows_total, table.rows_done, 1)
            fields = dict(
                rows=f"{table.rows_done:,}/{table.rows_total:,} rows",
                rate=f"{table.rows_per_second:,.0f} rows/s" if table.rows_per_second else "",
                eta=f"ETA {table.eta_seconds:,.0f} s" if table.eta_seconds else table.phase,
                elapsed=f"{table.elapsed_seconds:,.1f} s" if table.elapsed_seconds is not None else "")
            description = escape(f"{table.name} [{table.method}]")
            if table.name not in self.tasks:
                self.tasks[table.name] = self.progress.add_task(description, total=total,
                                                                 completed=table.rows_done, **fields)
            self.progress.update(self.tasks[table.name], total=total, completed=table.rows_done, **fields)
