"""pgscrub demo. Owned by the demo-data work (issue 7)."""

from __future__ import annotations

from pgscrub.commands.common import app, not_yet


@app.command()
def demo():
    """No DSN needed: a throwaway PostgreSQL, the scenario's fintech data, the whole pipeline."""
    not_yet("demo")
