"""pgscrub report. Owned by the report work (issue 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pgscrub import report as report_module
from pgscrub.commands.common import Dsn, app, connect, out, run_command


@app.command()
def report(dsn: Dsn = None,
           output: Annotated[Optional[Path], typer.Option(
               "-o", "--output", help="FILE.html, .md or .json (format from the extension).",
               dir_okay=False)] = None,
           junit: Annotated[Optional[Path], typer.Option(
               "--junit", help="Also write JUnit XML here: one test per validated column.",
               dir_okay=False)] = None,
           run_id: Annotated[str, typer.Option("--run", help="latest or a run id")] = "latest"):
    """Write the audit report (HTML, Markdown or JSON; JUnit XML with --junit).

    Exit code 1 when the run's validation found real PII remaining (the files are still
    written), 0 otherwise.
    """
    def body():
        with connect(dsn) as conn:
            summary = report_module.write(conn, output, run=run_id, junit=junit)
        written = " and ".join(str(p) for p in (output, junit) if p is not None)
        out.print(f"run {summary['run_id']}: {summary['verdict'].replace('_', ' ')} "
                  f"({summary['columns_validated']} columns validated, "
                  f"{summary['columns_missed']} MISSED); wrote {written}", markup=False)
        if summary["verdict"] == "missed":
            raise typer.Exit(1)
    run_command(body)
