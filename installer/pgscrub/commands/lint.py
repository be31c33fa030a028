"""pgscrub lint. Owned by the lint work (issue 8)."""

from __future__ import annotations

from pathlib import Path

from pgscrub.commands.common import app, not_yet


@app.command()
def lint(paths: list[Path]):
    """Flag new PII-looking columns without a rule in SQL migration files."""
    not_yet("lint")
