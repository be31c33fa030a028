"""What every command shares: the Typer apps, options, consoles and error handling."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import psycopg
import typer
from rich.console import Console

from pgscrub import connection
from pgscrub.errors import PgscrubError
from pgscrub.secret import load_secret

# Tracebacks with locals could print a secret or a row: never show them.
app = typer.Typer(
    help="pgscrub: find, mask and prove the absence of personal data in a staging copy of a "
         "PostgreSQL database.\n\nEvery command that reads a database takes --dsn, else the libpq "
         "environment (PGHOST, PGDATABASE, ...); lint and demo need none. The masking secret comes "
         "from --secret-file or $PGSCRUB_SECRET. Exit codes: 0 success (scan reports the PII it "
         "finds and exits 0), 1 PII left or a problem found, 2 could not run. "
         "Docs: docs/usage.md.",
    no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
rules_app = typer.Typer(help="Step 2: masking rules, reviewable as YAML.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Dsn = Annotated[Optional[str], typer.Option(
    "--dsn", help="Connection string (URL or key=value); default: libpq environment.",
    show_default=False)]
SecretFile = Annotated[Optional[Path], typer.Option(
    "--secret-file", help="File holding the masking secret; default: $PGSCRUB_SECRET.",
    show_default=False, dir_okay=False)]
JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output on stdout.")]


def fail(exc: Exception) -> None:
    """Print one line (and a hint) for a known failure, then exit non-zero."""
    if isinstance(exc, PgscrubError):
        err.print(f"[bold red]error:[/] {exc.message}", markup=True, highlight=False)
        if exc.hint:
            err.print(f"hint: {exc.hint}", markup=False)
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, psycopg.Error):
        # Only the server's primary message and hint: never the statement or its parameters.
        diag = exc.diag
        message = diag.message_primary or str(exc).strip().splitlines()[0]
        err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
        if diag.message_hint:
            err.print(f"hint: {diag.message_hint}", markup=False)
        raise typer.Exit(2)
    raise exc


def run_command(body):
    """Call body(), turning known failures into a message and an exit code."""
    try:
        return body()
    except (PgscrubError, psycopg.Error) as exc:
        fail(exc)


def connect(dsn: str | None, secret_file: Path | None = None, *, need_secret: bool = False,
            autocommit: bool = True) -> psycopg.Connection:
    """A connection for a command; with need_secret, the session carries the masking secret."""
    secret = load_secret(secret_file) if need_secret else None
    return connection.connect(dsn, secret=secret, autocommit=autocommit)


def not_yet(command: str) -> None:
    """Placeholder while a command is being built; removed when its issue lands."""
    fail(PgscrubError(f"`pgscrub {command}` is not implemented yet"))
