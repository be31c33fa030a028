"""pgscrub report. Owned by the report work (issue 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pgscrub.commands.common import Dsn, app, not_yet


@app.command()
def report(dsn: Dsn = None,
           output: Annotated[Optional[Path], typer.Option("-o", "--output", help="FILE.html, .md or .json")] = None,
           junit: Annotated[Optional[Path], typer.Option("--junit", help="Also write JUnit XML here.")] = None,
           run_id: Annotated[str, typer.Option("--run", help="latest or a run id")] = "latest"):
    """Write the audit report (HTML, Markdown or JSON; JUnit XML with --junit)."""
    not_yet("report")
