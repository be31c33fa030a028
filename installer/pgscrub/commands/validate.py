"""pgscrub validate | pipeline | unlock (steps 4-5). Owned by the validation work (issue 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pgscrub.commands.common import Dsn, JsonFlag, SecretFile, app, not_yet


@app.command()
def validate(dsn: Dsn = None, secret_file: SecretFile = None, as_json: JsonFlag = False):
    """Step 4: re-check every column of every schema; exit 1 when real PII remains."""
    not_yet("validate")


@app.command()
def pipeline(dsn: Dsn = None, secret_file: SecretFile = None,
             restore: Annotated[Optional[Path], typer.Option("--restore", help="pg_restore this dump first.")] = None,
             auto_approve: Annotated[bool, typer.Option("--auto-approve", help="Approve proposed rules unattended.")] = False,
             jobs: Annotated[int, typer.Option("--jobs", min=1)] = 1):
    """All steps unattended, with the staging gate: scan, rules, run, validate, report, unlock."""
    not_yet("pipeline")


@app.command()
def unlock(dsn: Dsn = None,
           force: Annotated[bool, typer.Option("--force", help="Required: lifting the gate by hand is recorded.")] = False):
    """Lift the staging gate by hand (recorded in anon.gate_events)."""
    not_yet("unlock")
