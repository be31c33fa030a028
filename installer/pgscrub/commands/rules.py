"""pgscrub rules propose | export | import (step 2). Owned by the rules work (issue 4)."""

from __future__ import annotations

from pathlib import Path

from pgscrub.commands.common import Dsn, not_yet, rules_app


@rules_app.command("propose")
def propose(dsn: Dsn = None):
    """Turn HIGH and MEDIUM findings into proposed rules (manual rules are kept)."""
    not_yet("rules propose")


@rules_app.command("export")
def export(dsn: Dsn = None):
    """Write the rules as YAML to stdout, in a stable order."""
    not_yet("rules export")


@rules_app.command("import")
def import_(file: Path, dsn: Dsn = None):
    """Validate a rules YAML file, show the diff, and apply it."""
    not_yet("rules import")
