"""pgscrub scan (step 1). Owned by the scan work (issue 3)."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.table import Table

from pgscrub import scan as scan_step
from pgscrub.commands.common import Dsn, JsonFlag, app, connect, out, run_command


def _table(title: str, findings: list[scan_step.Finding]) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    table.add_column("Table.Column", no_wrap=True)
    table.add_column("Pattern")
    table.add_column("Confidence", no_wrap=True)
    table.add_column("Examples (partial)", overflow="fold")
    for finding in findings:
        table.add_row(finding.display_column, finding.pattern, finding.confidence_text,
                      ", ".join(finding.examples))
    return table


def render(result: scan_step.ScanResult) -> None:
    """HIGH and MEDIUM as tables, LOW as a count, then what could not be read."""
    pii_columns = result.columns_by_sensitivity["HIGH"] + result.columns_by_sensitivity["MEDIUM"]
    out.print(f"PII in {pii_columns} columns of {result.tables_with_pii} tables "
              f"(HIGH {result.columns_by_sensitivity['HIGH']}, MEDIUM {result.columns_by_sensitivity['MEDIUM']}); "
              f"{result.columns_by_sensitivity['LOW']} columns without PII (LOW), of {result.columns} scanned.",
              markup=False)
    for sensitivity, title in (("HIGH", "HIGH: must mask"), ("MEDIUM", "MEDIUM: review")):
        findings = result.at(sensitivity)
        if findings:
            out.print(_table(title, findings))
    if result.skipped:
        out.print(f"Skipped {len(result.skipped)} columns (not classified; scan again once readable):",
                  markup=False)
        for skipped in result.skipped:
            out.print(f"  {skipped.display_column}: {skipped.reason}", markup=False)
    for column, note in result.notes:
        out.print(f"Note: {column}: {note}", markup=False)


@app.command()
def scan(dsn: Dsn = None, as_json: JsonFlag = False,
         full: Annotated[bool, typer.Option("--full", help="Classify every column again, not only new or retyped ones.")] = False,
         sample_size: Annotated[int, typer.Option("--sample-size", min=1, max=100000,
                                                  help="Non-empty values sampled per column.")] = 100):
    """Step 1: sample every column and report PII by sensitivity (HIGH, MEDIUM; LOW counted)."""
    def body():
        with connect(dsn) as conn:
            result = scan_step.scan(conn, full=full, sample_size=sample_size)
        if as_json:
            out.print_json(json.dumps(result.as_json()))
        else:
            render(result)
    run_command(body)
