"""pgscrub lint end to end: the real command on real-looking migration sets (tests/migrations).

No database: lint reads files only. The acceptance cases run `pgscrub` in a subprocess; the
others call the same Typer app in-process (typer.testing), which is much faster here.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import support
from pgscrub.cli import app

SETS = Path(__file__).parent / "migrations"


@pytest.fixture
def copy_set(tmp_path):
    """copy_set('name') -> a writable copy of tests/migrations/name."""
    def copy(name: str) -> Path:
        return Path(shutil.copytree(SETS / name, tmp_path / name))
    return copy


def lint(*args: str, cwd: Path, subprocess: bool = False) -> tuple[int, str, str]:
    if subprocess:
        result = support.cli("lint", *args, cwd=cwd)
        return result.returncode, result.stdout, result.stderr
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        result = CliRunner().invoke(app, ["lint", *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def lint_json(*args: str, cwd: Path, subprocess: bool = False) -> dict:
    code, out, err = lint(*args, "--format", "json", cwd=cwd, subprocess=subprocess)
    report = json.loads(out)
    assert report["exit_code"] == code, err
    return report


def errors(report: dict) -> list[dict]:
    return [f for f in report["findings"] if f["severity"] == "error"]


def test_clean_flyway_history_passes_and_says_what_it_read():
    code, out, err = lint("db/migration", "--fail-on", "medium", cwd=SETS / "flyway_clean", subprocess=True)
    assert code == 0, out + err
    assert "6 files, 16 rules from anon-rules.yaml: 0 unreviewed PII columns, 0 stale rules" in out
    assert "skipped 1 file (Flyway undo script): db/migration/U2__orders.sql" in out


def test_clean_history_fails_when_read_in_plain_string_order():
    """V10 renames what V2 creates: the version-aware order is what makes the history clean."""
    folder = SETS / "flyway_clean"
    files = sorted(str(p.relative_to(folder)) for p in (folder / "db/migration").glob("V*.sql"))
    assert files.index("db/migration/V10__audit_and_notifications.sql") < files.index("db/migration/V2__orders.sql")
    report = lint_json(*files, cwd=folder)
    assert report["exit_code"] == 1
    assert {f["code"] for f in errors(report)} == {"stale-rule"}


def test_new_pii_column_without_rule_fails_at_its_line(copy_set):
    folder = copy_set("alembic_backup_email")
    report = lint_json("migrations", cwd=folder, subprocess=True)
    assert report["exit_code"] == 1
    [finding] = errors(report)
    assert finding["code"] == "unreviewed-pii"
    assert (finding["path"], finding["line"]) == ("migrations/sql/5e9f3a7b6c21_add_backup_email.sql", 5)
    assert (finding["table"], finding["column"], finding["kind"], finding["sensitivity"]) == \
        ("public.users", "backup_email", "email", "HIGH")
    # Alembic's revision chain, not the file names, gives the order.
    assert [Path(p).name[:12] for p in report["files"]] == \
        ["3f2a1c9d8b7e", "a81d4e6f02c3", "07b5c2e9d1fa", "5e9f3a7b6c21"]

    # The suggested rule, pasted from the text output under `rules:`, makes the history pass.
    _, out, _ = lint("migrations", cwd=folder)
    pasted = [line[4:] for line in out.splitlines() if line.startswith("      ")]
    rules = folder / "anon-rules.yaml"
    rules.write_text(rules.read_text() + "\n".join(pasted) + "\n")
    code, out, err = lint("migrations", cwd=folder)
    assert code == 0, out + err


def test_text_output_shows_file_line_and_a_rule_to_paste():
    code, out, _ = lint("migrations", cwd=SETS / "alembic_backup_email")
    assert code == 1
    assert out.startswith("migrations/sql/5e9f3a7b6c21_add_backup_email.sql:5: error: "
                          "public.users.backup_email (varchar(255)) is created here")
    assert "      - table: public.users\n        column: backup_email\n        strategy: email\n" in out
    assert "1 unreviewed PII column, 0 stale rules" in out


def test_renamed_masked_column_is_a_stale_rule_with_the_fix(copy_set):
    folder = copy_set("sqitch_renamed_masked")
    report = lint_json(".", cwd=folder, subprocess=True)
    assert report["exit_code"] == 1
    [finding] = errors(report)
    assert finding["code"] == "stale-rule"
    assert (finding["path"], finding["line"]) == ("deploy/rename_phone.sql", 7)
    assert finding["rule_line"] == 25
    assert "ledger.users.phone is renamed to ledger.users.mobile_phone" in finding["message"]
    # Only deploy scripts, in plan order; the reworked change's first version is name@tag.
    assert report["files"] == [f"deploy/{name}.sql" for name in
                               ("appschema", "users", "orders", "users_view@v1.0", "rename_phone", "users_view")]

    # Replacing the rule with the suggested one makes it pass.
    rules = folder / "anon-rules.yaml"
    document = yaml.safe_load(rules.read_text())
    document["rules"] = [r for r in document["rules"] if r["column"] != "phone"] + finding["suggestion"]
    rules.write_text(yaml.safe_dump(document, sort_keys=False))
    code, out, err = lint(".", cwd=folder)
    assert code == 0, out + err


def test_pointing_at_the_sqitch_deploy_folder_uses_the_plan_too():
    report = lint_json("deploy", cwd=SETS / "sqitch_renamed_masked")
    assert report["files"][3] == "deploy/users_view@v1.0.sql"
    assert [f["code"] for f in errors(report)] == ["stale-rule"]


def test_github_format_is_one_workflow_command_per_finding():
    code, out, _ = lint("migrations", "--format", "github", cwd=SETS / "numbered_tricky", subprocess=True)
    assert code == 1
    commands = [line for line in out.splitlines() if line.startswith("::")]
    assert all(re.match(r"^::(error|warning) file=[^,:]+,line=\d+,title=pgscrub lint%3A [a-z-]+::\S", c)
               for c in commands), commands
    assert "::error file=migrations/10_loyalty.up.sql,line=8,title=pgscrub lint%3A syntax-error::" in out
    backup = next(c for c in commands if "contact_phone" in c)
    assert "\n" not in backup and "%0A  - table: public.legacy_contacts%0A" in backup


def test_tricky_inputs_are_reported_and_the_rest_still_checked():
    report = lint_json("migrations", cwd=SETS / "numbered_tricky")
    found = {(f["code"], f["path"].rsplit("/", 1)[-1], f["line"]) for f in report["findings"]}
    assert found == {
        ("unreviewed-pii", "2_profiles.up.sql", 6),        # inside a DO block
        ("cannot-see", "2_profiles.up.sql", 11),           # function with EXECUTE
        ("encoding", "9_legacy_import.up.sql", 1),         # Windows-1252
        ("unreviewed-pii", "9_legacy_import.up.sql", 13),  # after psql's \set and COPY data
        ("syntax-error", "10_loyalty.up.sql", 8),
        ("unreviewed-pii", "10_loyalty.up.sql", 10),       # after the syntax error
    }
    assert [Path(p).name for p in report["files"]] == \
        ["1_init.up.sql", "2_profiles.up.sql", "9_legacy_import.up.sql", "10_loyalty.up.sql"]
    assert {Path(s["path"]).name for s in report["skipped"]} == \
        {"1_init.down.sql", "2_profiles.down.sql", "9_legacy_import.down.sql", "10_loyalty.down.sql"}


def test_syntax_error_alone_exits_2(tmp_path):
    (tmp_path / "001_ok.sql").write_text("CREATE TABLE t (id int);\n")
    (tmp_path / "002_broken.sql").write_text("CREATE TABLE u (id int);\nALTER TABLE t ADD COLUM x int;\n")
    code, out, _ = lint(".", cwd=tmp_path)
    assert code == 2
    assert "002_broken.sql:2: error: syntax error at or near" in out


def test_default_rules_file_is_read_from_the_current_directory():
    code, out, _ = lint("migrations", cwd=SETS / "alembic_backup_email")
    assert "4 rules from anon-rules.yaml" in out
    assert code == 1


def test_without_rules_every_pii_column_is_reported(tmp_path):
    shutil.copytree(SETS / "alembic_backup_email" / "migrations", tmp_path / "migrations")
    report = lint_json("migrations", cwd=tmp_path)
    assert report["rules_file"] is None
    assert {f["column"] for f in errors(report)} == \
        {"email", "full_name", "password_hash", "backup_email", "shipping_address"}
    code, out, _ = lint("migrations", cwd=tmp_path)
    assert "hint: without a rules file every PII-looking column is reported" in out


def test_fail_on_medium_turns_review_warnings_into_failures(tmp_path):
    (tmp_path / "V1__cities.sql").write_text("CREATE TABLE branches (id int, city text);\n")
    assert lint(".", cwd=tmp_path)[0] == 0
    code, out, _ = lint(".", "--fail-on", "medium", cwd=tmp_path)
    assert code == 1
    assert "public.branches.city (text) is created here: its name looks like location (MEDIUM)" in out


def test_explicit_rules_option_and_keep_decisions(tmp_path):
    (tmp_path / "V1__t.sql").write_text("CREATE TABLE t (id int, email text, contact_name text);\n")
    rules = tmp_path / "reviewed.yaml"
    rules.write_text("version: 1\nrules:\n"
                     "  - {table: public.t, column: email, strategy: keep}\n"
                     "  - {table: public.t, column: contact_name, strategy: person_name}\n")
    code, out, err = lint(".", "--rules", "reviewed.yaml", cwd=tmp_path)
    assert code == 0, out + err


@pytest.mark.parametrize("content, message", [
    ("version: 1\nrules:\n  - table: public.t\n    column: a\n    strategy: keep\n    colour: red\n",
     "rules.yaml:3: unknown key colour"),
    ("version: 1\nrules:\n  - table: public.t\n    strategy: keep\n", "rules.yaml:3: rule without column"),
    ("version: 2\nrules: []\n", "rules.yaml:1: unsupported version 2"),
    ("version: 1\nrules:\n  - table: [oops\n", "rules.yaml:4: not valid YAML"),
])
def test_bad_rules_file_is_a_clear_error(tmp_path, content, message):
    (tmp_path / "V1__t.sql").write_text("CREATE TABLE t (a int);\n")
    (tmp_path / "rules.yaml").write_text(content)
    code, out, err = lint(".", "--rules", "rules.yaml", cwd=tmp_path)
    assert code == 2
    assert message in err
    assert "hint:" in err


def test_missing_path_and_empty_folder_are_clear_errors(tmp_path):
    code, _, err = lint("nowhere", cwd=tmp_path)
    assert code == 2 and "nowhere: no such file or directory" in err
    (tmp_path / "empty").mkdir()
    code, _, err = lint("empty", cwd=tmp_path)
    assert code == 2 and "no .sql files in empty" in err


def test_lint_takes_no_dsn(tmp_path):
    (tmp_path / "V1__t.sql").write_text("CREATE TABLE t (a int);\n")
    code, _, err = lint(".", "--dsn", "postgresql://nowhere/db", cwd=tmp_path)
    assert code == 2 and "No such option: --dsn" in err
