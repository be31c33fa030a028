"""pgscrub install | upgrade | uninstall | status."""

from __future__ import annotations

import json

from pgscrub import installer
from pgscrub.commands.common import Dsn, JsonFlag, app, connect, out, run_command
from pgscrub.render import status_lines


@app.command()
def install(dsn: Dsn = None):
    """Create pgcrypto (if missing) and the anon schema, in one transaction."""
    def body():
        with connect(dsn) as conn:
            out.print(installer.install(conn), markup=False)
    run_command(body)


@app.command()
def upgrade(dsn: Dsn = None):
    """Apply the upgrade scripts in order; rules and history are kept."""
    def body():
        with connect(dsn) as conn:
            out.print(installer.upgrade(conn), markup=False)
    run_command(body)


@app.command()
def uninstall(dsn: Dsn = None):
    """Remove the anon schema and everything install created (refused during a run)."""
    def body():
        with connect(dsn) as conn:
            out.print(installer.uninstall(conn), markup=False)
    run_command(body)


@app.command()
def status(dsn: Dsn = None, as_json: JsonFlag = False):
    """Installed version, rule count, last run and gate state."""
    def body():
        with connect(dsn) as conn:
            info = installer.status(conn)
        if as_json:
            out.print_json(json.dumps(info))
            return
        for line in status_lines(info):
            out.print(line, markup=False)
    run_command(body)
