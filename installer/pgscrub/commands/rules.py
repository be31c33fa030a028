"""pgscrub rules propose | approve | export | import (step 2)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pgscrub import rules
from pgscrub.commands.common import Dsn, connect, out, rules_app, run_command


@rules_app.command("propose")
def propose(dsn: Dsn = None):
    """Turn HIGH and MEDIUM findings into proposed rules (reviewed, manual and keep rules are kept)."""
    def body():
        with connect(dsn) as conn:
            count = rules.propose(conn)
        out.print(f"proposed {count} rule(s); review them: pgscrub rules export > anon-rules.yaml, "
                  "edit, pgscrub rules import anon-rules.yaml")
    run_command(body)


@rules_app.command("approve")
def approve(dsn: Dsn = None,
            reviewer: Annotated[Optional[str], typer.Option(
                "--reviewer", help="Recorded as the reviewer; default: the database user.")] = None):
    """Mark every proposed rule reviewed without editing it (what pipeline --auto-approve does)."""
    def body():
        with connect(dsn) as conn:
            count = rules.approve(conn, reviewer)
        out.print(f"approved {count} proposed rule(s)")
    run_command(body)


@rules_app.command("export")
def export(dsn: Dsn = None):
    """Write the rules as YAML to stdout, in a stable order (pgscrub rules export > anon-rules.yaml)."""
    def body():
        with connect(dsn) as conn:
            out.file.write(rules.export_yaml(conn))
    run_command(body)


@rules_app.command("import")
def import_(file: Annotated[Path, typer.Argument(help="Rules YAML file (as written by export).")],
            dsn: Dsn = None,
            dry_run: Annotated[bool, typer.Option("--dry-run", help="Validate and show the diff; change nothing.")] = False):
    """Validate a rules YAML file (errors at file:line), show the diff, and apply it.

    The file is the reviewed rule set: its rules become reviewed, rules missing from it are deleted.
    """
    def body():
        with connect(dsn) as conn:
            result = rules.import_yaml(conn, file, dry_run=dry_run)
        for line in result.diff_lines():
            out.print(line, markup=False)
        if result.unchanged:
            out.print(f"{file}: no change")
        else:
            counts = (f"{len(result.added)} added, {len(result.changed)} changed, {len(result.removed)} removed, "
                      f"{len(result.newly_reviewed)} newly reviewed")
            out.print(f"{file}: {counts}" + ("" if result.applied else " (dry run: nothing changed)"))
    run_command(body)
