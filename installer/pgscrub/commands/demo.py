"""pgscrub demo: the scenario on a throwaway PostgreSQL. Owned by the demo-data work (issue 7)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from pgscrub.commands.common import app, out, run_command
from pgscrub.demo import story
from pgscrub.demo.generator import DEFAULT_SEED


class RichScreen:
    def say(self, text: str) -> None:
        out.print(text, markup=False)

    def progress(self, poll, running) -> None:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.fields[rate]}"), TimeRemainingColumn(), console=out) as bars:
            tasks: dict[str, int] = {}
            started = time.perf_counter()
            while True:
                alive = running()
                for name, done, total, status in poll():
                    if name not in tasks:
                        tasks[name] = bars.add_task(name, total=max(total, 1), rate="")
                    rate = f"{done / (time.perf_counter() - started):,.0f} rows/s" if done else status
                    bars.update(tasks[name], completed=done, total=max(total, done, 1), rate=rate)
                if not alive:
                    break
                time.sleep(0.2)

    def validation(self, rows) -> None:
        missed = [r for r in rows if r[3] == "MISSED"]
        table = Table(title=f"Validation: {len(rows)} columns checked in every schema, {len(missed)} MISSED",
                      title_justify="left")
        for heading in ("Table.Column", "Rows checked", "Real PII remaining", "Status", "Reason"):
            table.add_column(heading)
        shown = missed + [r for r in rows if r[3] != "MISSED"][:max(0, 12 - len(missed))]
        for column, checked, remaining, status, reason in shown:
            style = "bold red" if status == "MISSED" else "green"
            table.add_row(column, f"{checked:,}", f"{remaining:,}", f"[{style}]{status}[/]", reason)
        if len(rows) > len(shown):
            table.caption = f"... and {len(rows) - len(shown)} more Clean columns"
        out.print(table)


@app.command()
def demo(scale: Annotated[float, typer.Option("--scale", min=0.0001, max=10,
                                              help="Size of the fintech database: 1 = 2M users, 8M orders.")] = 0.01,
         seed: Annotated[int, typer.Option("--seed", help="Seed of the generated data.")] = DEFAULT_SEED,
         reports: Annotated[Path, typer.Option("--reports", help="Folder for the HTML reports.",
                                               file_okay=False)] = Path("reports")):
    """No DSN needed: a throwaway PostgreSQL, the scenario's fintech data, the whole pipeline."""
    def body():
        first, second = story.tell(RichScreen(), scale=scale, seed=seed, reports=reports)
        missed = ", ".join(f"{column} ({remaining:,} real values)" for column, remaining in first.missed)
        out.print(f"week 1: MISSED {missed}; report {first.report}", markup=False)
        out.print(f"week 2: clean, zero real PII left; report {second.report}", markup=False)
    run_command(body)
