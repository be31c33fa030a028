"""The `pgscrub` command: thin Typer wrappers over functions that take a connection.

Exit codes: 0 success; 1 the check found a problem (PII left, lint findings, a failed
gate); 2 the command could not do what was asked (bad input, no server, refused).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import psycopg
import typer
from rich.console import Console

from pgscrub import __version__, connection, installer
from pgscrub.errors import PgscrubError
from pgscrub.secret import load_secret

# Tracebacks with locals could print a secret or a row: never show them.
app = typer.Typer(help="pgscrub: find, mask and prove the absence of personal data in a staging "
                  "copy of a PostgreSQL database.\n\nEvery command takes --dsn, else the libpq "
                  "environment (PGHOST, PGDATABASE, ...). Exit codes: 0 success, 1 PII or a "
                  "problem found, 2 could not run. Docs: docs/usage.md.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)
rules_app = typer.Typer(help="Step 2: masking rules as reviewable YAML.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

Dsn = Annotated[Optional[str], typer.Option(
    "--dsn", help="Connection string (URL or key=value); default: libpq environment.",
    show_default=False)]
SecretFile = Annotated[Optional[Path], typer.Option(
    "--secret-file", help="File holding the masking secret; default: $PGSCRUB_SECRET.",
    show_default=False, dir_okay=False)]
JsonFlag = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]


def fail(exc: Exception) -> None:
    """Print one line (and a hint) for a known failure, then exit non-zero."""
    if isinstance(exc, PgscrubError):
        err.print(f"[bold red]error:[/] {exc.message}", markup=True)
        if exc.hint:
            err.print(f"hint: {exc.hint}", markup=False)
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, psycopg.Error):
        # Only the server's primary message and hint: never the statement or its parameters.
        diag = exc.diag
        err.print(f"[bold red]error:[/] {diag.message_primary or type(exc).__name__}", markup=True)
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


def _connect(dsn: str | None, secret_file: Path | None = None, *, need_secret: bool = False):
    secret = load_secret(secret_file) if need_secret else None
    return connection.connect(dsn, secret=secret)


@app.callback(invoke_without_command=True)
def _version(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False):
    if version:
        out.print(f"pgscrub {__version__}")
        raise typer.Exit(0)


# -- installer ---------------------------------------------------------------------------
@app.command()
def install(dsn: Dsn = None):
    """Create pgcrypto (if missing) and the anon schema, in one transaction."""
    def body():
        with _connect(dsn) as conn:
            out.print(installer.install(conn))
    run_command(body)


@app.command()
def upgrade(dsn: Dsn = None):
    """Apply the upgrade scripts in order; rules and history are kept."""
    def body():
        with _connect(dsn) as conn:
            out.print(installer.upgrade(conn))
    run_command(body)


@app.command()
def uninstall(dsn: Dsn = None):
    """Remove the anon schema and everything install created (refused during a run)."""
    def body():
        with _connect(dsn) as conn:
            out.print(installer.uninstall(conn))
    run_command(body)


@app.command()
def status(dsn: Dsn = None, as_json: JsonFlag = False):
    """Installed version, rule count, last run and gate state."""
    def body():
        with _connect(dsn) as conn:
            info = installer.status(conn)
        if as_json:
            out.print_json(json.dumps(info))
            return
        from pgscrub.render import status_lines
        for line in status_lines(info):
            out.print(line, markup=False)
    run_command(body)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
