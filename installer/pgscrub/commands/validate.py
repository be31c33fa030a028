"""pgscrub validate | pipeline | unlock (steps 4-5)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import psycopg
import typer
from rich.table import Table

from pgscrub import gate, pipeline as pipeline_step, validate as validate_step
from pgscrub.alerts import WEBHOOK_ENV
from pgscrub.commands.common import Dsn, JsonFlag, SecretFile, app, connect, err, out, run_command
from pgscrub.errors import PgscrubError
from pgscrub.secret import load_secret


@app.command()
def validate(dsn: Dsn = None, secret_file: SecretFile = None, as_json: JsonFlag = False,
             run_id: Annotated[Optional[int], typer.Option("--run", help="Run to validate; default: the latest.",
                                                           show_default=False)] = None):
    """Step 4: re-check every column of every schema; exit 1 when real PII remains."""
    def body():
        with connect(dsn, secret_file, need_secret=True) as conn:
            result = validate_step.validate(conn, run_id)
        if as_json:
            out.print_json(json.dumps(result.as_dict()))
        else:
            _print_validation(result)
        if not result.clean:
            raise typer.Exit(1)
    run_command(body)


def _print_validation(result: validate_step.ValidationResult) -> None:
    if result.missed:
        table = Table(title=f"MISSED (run {result.run_id})", title_justify="left")
        for heading in ("table", "column", "rows checked", "real PII remaining", "why"):
            table.add_column(heading, overflow="fold")
        for column in result.missed:
            table.add_row(f"{column.schema}.{column.table}", column.column, str(column.rows_checked),
                          str(column.real_pii_remaining), column.reason or "")
        out.print(table)
    verdict = "[bold green]Clean[/]" if result.clean else "[bold red]MISSED[/]"
    out.print(f"{verdict}: {len(result.columns)} column(s) checked, {len(result.missed)} MISSED, "
              f"{result.real_pii_remaining} real PII value(s) remaining (run {result.run_id}: "
              f"{result.run_status})", markup=True)


AppRoles = Annotated[Optional[list[str]], typer.Option(
    "--app-role", help="Application role to make NOLOGIN while locked (repeat; default: those of the last lock).",
    show_default=False)]


@app.command()
def pipeline(dsn: Dsn = None, secret_file: SecretFile = None,
             restore: Annotated[Optional[Path], typer.Option("--restore", help="pg_restore this dump first (directory or custom format).")] = None,
             auto_approve: Annotated[bool, typer.Option("--auto-approve", help="Approve proposed rules unattended.")] = False,
             jobs: Annotated[int, typer.Option(
                 "--jobs", min=1, help="Parallel jobs for pg_restore and for masking (tables at once, "
                 "big tables split into key ranges).")] = 1,
             app_roles: AppRoles = None,
             webhook: Annotated[Optional[str], typer.Option("--webhook", help=f"Slack-style webhook URL for alerts; default: ${WEBHOOK_ENV}.", show_default=False)] = None,
             report: Annotated[Optional[Path], typer.Option("--report", help="Where to write the audit report.", show_default=False)] = None):
    """All steps unattended, with the staging gate: scan, rules, run, validate, report, unlock."""
    def body():
        secret = load_secret(secret_file)
        result = pipeline_step.pipeline(
            dsn, secret=secret, restore=restore, auto_approve=auto_approve, jobs=jobs, app_roles=app_roles,
            webhook=webhook, report_path=report, echo=lambda line: out.print(line, markup=False))
        out.print(f"[bold green]Clean[/]: {result.database} validated clean (run {result.run_id}) "
                  "and unlocked", markup=True)
    run_command(body)


@app.command()
def unlock(dsn: Dsn = None,
           force: Annotated[bool, typer.Option("--force", help="Lift the gate even if the latest run is not clean (recorded).")] = False,
           reason: Annotated[Optional[str], typer.Option("--reason", help="Why, for the record (anon.gate_events).", show_default=False)] = None):
    """Lift the staging gate by hand: after a clean validation, or with --force (recorded)."""
    def body():
        with connect(dsn) as conn:
            try:
                done = gate.unlock(conn, force=force, reason=reason)
            except psycopg.errors.ObjectNotInPrerequisiteState:   # the gate refused: not clean yet
                if not force:
                    err.print("the gate opens by itself when the pipeline validates clean; "
                              "pgscrub unlock --force lifts it anyway (recorded)", markup=False)
                raise
        out.print(done.message, markup=False)
        if done.forced:
            err.print("warning: forced unlock recorded in anon.gate_events", markup=False)
    run_command(body)
