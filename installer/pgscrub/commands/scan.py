"""pgscrub scan (step 1). Owned by the scan work (issue 3)."""

from __future__ import annotations

from pgscrub.commands.common import Dsn, JsonFlag, SecretFile, app, not_yet


@app.command()
def scan(dsn: Dsn = None, secret_file: SecretFile = None, as_json: JsonFlag = False):
    """Step 1: sample every column and report PII by sensitivity."""
    not_yet("scan")
