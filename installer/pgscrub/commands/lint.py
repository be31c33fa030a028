"""pgscrub lint (issue 8): unreviewed PII columns and stale rules in migration files."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from pgscrub.commands.common import app, run_command
from pgscrub.lint import default_rules_path, lint as lint_files
from pgscrub.lint.output import render


class Format(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class FailOn(str, Enum):
    high = "high"
    medium = "medium"


@app.command()
def lint(
    paths: Annotated[list[Path], typer.Argument(
        help="Migration files or folders (*.sql, recursively; Flyway, sqitch, Alembic and "
             "numbered layouts are read in the order their tool applies them).",
        show_default=False, metavar="PATH")],
    rules: Annotated[Optional[Path], typer.Option(
        "--rules", help="Rules YAML from `pgscrub rules export`; default: ./anon-rules.yaml if present.",
        show_default=False, dir_okay=False)] = None,
    output_format: Annotated[Format, typer.Option(
        "--format", help="Readable text, JSON, or GitHub workflow-command annotations.")] = Format.text,
    fail_on: Annotated[FailOn, typer.Option(
        "--fail-on", help="Lowest sensitivity that fails the run; below it, columns are "
                          "warnings.")] = FailOn.high,
):
    """Flag new PII-looking columns without a rule, and stale rules, in SQL migration files.

    Needs no database. Exit codes: 0 clean (warnings allowed); 1 PII without a rule, or a stale rule; 2 a statement could not be parsed and nothing else failed, or bad input.

    Docs: docs/lint.md.
    """
    report = run_command(lambda: lint_files(paths, rules or default_rules_path(), fail_on.value))
    typer.echo(render(report, output_format.value), nl=False)
    raise typer.Exit(report.exit_code)
