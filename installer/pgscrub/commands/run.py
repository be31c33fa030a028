"""pgscrub run (step 3). Owned by the run work (issue 10)."""

from __future__ import annotations

from typing import Annotated

import typer

from pgscrub.commands.common import Dsn, SecretFile, app, not_yet


@app.command()
def run(dsn: Dsn = None, secret_file: SecretFile = None,
        jobs: Annotated[int, typer.Option("--jobs", min=1, help="Parallel connections.")] = 1,
        dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the SQL per table; change nothing.")] = False):
    """Step 3: apply the reviewed rules, table by table, with progress bars."""
    not_yet("run")
