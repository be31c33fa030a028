"""Runs every pgTAP file in sql/tests/ against a fresh database with pgscrub installed.

The installer's placeholder @extschema:pgcrypto@ works in test files too.
Each file is a plan of pgTAP assertions inside BEGIN ... ROLLBACK; a file passes when
psql succeeds, the plan count is met and no assertion is `not ok`.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

import support
from pgscrub.sqlsource import PGCRYPTO_PLACEHOLDER, quote_ident

PGTAP_FILES = sorted(support.SQL_TESTS.glob("*.sql"))


@pytest.fixture
def tap_db(server, db):
    with support.connect(db, secret=None) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pgtap")
    return db


@pytest.mark.parametrize("path", PGTAP_FILES, ids=[p.stem for p in PGTAP_FILES])
def test_pgtap_file(server, tap_db, path):
    env = {**os.environ, "PGOPTIONS": f"-c anon.secret={support.DEMO_SECRET} -c client_min_messages=warning"}
    pgcrypto_schema = support.scalar(tap_db, "SELECT pgcrypto_schema FROM anon.installation")
    script = path.read_text(encoding="utf-8").replace(PGCRYPTO_PLACEHOLDER, quote_ident(pgcrypto_schema))
    result = subprocess.run(
        [server.tool("psql"), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", tap_db],
        input=script, capture_output=True, text=True, env=env, timeout=900)
    output = result.stdout
    assert result.returncode == 0, f"psql failed on {path.name}:\n{result.stderr}\n{output[-3000:]}"
    plan = re.search(r"^1\.\.(\d+)$", output, re.M)
    assert plan, f"{path.name} printed no plan:\n{output[-2000:]}"
    failures = [line for line in output.splitlines() if line.startswith("not ok")]
    passed = [line for line in output.splitlines() if re.match(r"^ok \d+", line)]
    assert not failures, f"{path.name}:\n" + "\n".join(failures) + "\n" + output[-3000:]
    assert len(passed) == int(plan.group(1)), f"{path.name}: planned {plan.group(1)}, ran {len(passed)}"
