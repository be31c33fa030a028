"""The `pgscrub` command. Each command family lives in pgscrub.commands.<name>."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from pgscrub import __version__
# Importing registers the commands; this order is the order of `pgscrub --help`.
from pgscrub.commands import install, scan, rules, run, validate, report, lint, demo  # noqa: F401,I001
from pgscrub.commands.common import app, err, out


@app.callback(invoke_without_command=True)
def _version(version: Annotated[bool, typer.Option("--version", help="Print the version.")] = False):
    if version:
        out.print(f"pgscrub {__version__}")
        raise typer.Exit(0)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
