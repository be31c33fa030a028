"""Every command that needs the anon schema says, in one line and a hint, that pgscrub is
not installed, instead of a raw `schema "anon" does not exist`."""

from __future__ import annotations

import pytest
from psycopg.conninfo import conninfo_to_dict

import support

COMMANDS = [
    ["scan"], ["rules", "propose"], ["rules", "approve"], ["rules", "export"],
    ["rules", "import", "{rules_file}"], ["rules", "import", "--dry-run", "{rules_file}"],
    ["run"], ["run", "--dry-run"], ["run", "--jobs", "2"], ["validate"], ["unlock"], ["unlock", "--force"],
    ["upgrade"], ["report", "-o", "{report_file}"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_commands_needing_the_schema_say_pgscrub_is_not_installed(empty_db, tmp_path, command):
    rules_file = tmp_path / "anon-rules.yaml"
    rules_file.write_text("version: 1\nrules: []\n")
    args = [a.format(rules_file=rules_file, report_file=tmp_path / "report.html") for a in command]
    result = support.cli(*args, dsn=empty_db)
    assert result.returncode == 2, result.stdout + result.stderr
    database = conninfo_to_dict(empty_db)["dbname"]
    assert result.stderr.splitlines() == [f"error: pgscrub is not installed in this database ({database})",
                                          "hint: run pgscrub install"], result.stderr
    assert support.scalar(empty_db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'anon'") == 0


def test_status_still_reports_a_database_without_pgscrub(empty_db):
    result = support.cli("status", dsn=empty_db)
    assert result.returncode == 0, result.stderr
    assert "not installed" in result.stdout
