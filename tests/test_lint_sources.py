"""Which files lint reads, in which order, and how it reads their text."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from pgscrub.errors import PgscrubError
from pgscrub.lint import sources


def touch(folder: Path, *names: str) -> None:
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("SELECT 1;\n")


def names(paths) -> list[str]:
    return [p.name for p in paths]


def test_flyway_versions_sort_as_numbers_and_repeatables_come_last(tmp_path):
    touch(tmp_path, "V2__b.sql", "V10__j.sql", "V1__a.sql", "V1.1__a1.sql", "V1_2__a2.sql",
          "V1.10__a10.sql", "R__views.sql", "R__functions.sql", "U2__undo_b.sql",
          "sub/V3__c.sql", "afterMigrate.sql")
    files, skipped = sources.directory_order(tmp_path)
    assert names(files) == ["V1__a.sql", "V1.1__a1.sql", "V1_2__a2.sql", "V1.10__a10.sql",
                            "V2__b.sql", "V3__c.sql", "V10__j.sql",
                            "R__functions.sql", "R__views.sql"]
    assert {(s.path.name, s.reason.split(" (")[0]) for s in skipped} == {
        ("U2__undo_b.sql", "Flyway undo script"),
        ("afterMigrate.sql", "not a Flyway migration name")}


def test_plain_numbered_files_sort_naturally_without_rollbacks(tmp_path):
    touch(tmp_path, "10_x.up.sql", "2_b.up.sql", "1_a.up.sql", "1_a.down.sql", "2_b.down.sql",
          "2024-01-05-000000_users/up.sql", "2024-01-05-000000_users/down.sql")
    files, skipped = sources.directory_order(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in files] == \
        ["1_a.up.sql", "2_b.up.sql", "10_x.up.sql", "2024-01-05-000000_users/up.sql"]
    assert sorted(names(s.path for s in skipped)) == ["1_a.down.sql", "2_b.down.sql", "down.sql"]


def test_sqitch_plan_order_with_a_reworked_change(tmp_path):
    (tmp_path / "sqitch.plan").write_text(
        "%syntax-version=1.0.0\n%project=p\n\n"
        "schema 2024-01-01T00:00:00Z A <a@example.com> # first\n"
        "users [schema] 2024-01-02T00:00:00Z A <a@example.com> # # in a note\n"
        "@v1 2024-01-03T00:00:00Z A <a@example.com>\n"
        "alpha 2024-01-04T00:00:00Z A <a@example.com>\n"
        "users [users@v1] 2024-01-05T00:00:00Z A <a@example.com> # reworked\n")
    touch(tmp_path, "deploy/schema.sql", "deploy/users@v1.sql", "deploy/users.sql",
          "deploy/alpha.sql", "deploy/zeta_unplanned.sql", "revert/users.sql", "verify/users.sql")
    files, skipped = sources.directory_order(tmp_path)
    assert names(files) == ["schema.sql", "users@v1.sql", "alpha.sql", "users.sql"]
    assert [(s.path.name, s.reason) for s in skipped] == [("zeta_unplanned.sql", "not in sqitch.plan")]
    assert names(sources.directory_order(tmp_path / "deploy")[0]) == names(files)


def test_sqitch_plan_naming_a_missing_script_is_an_error(tmp_path):
    (tmp_path / "sqitch.plan").write_text("%project=p\nusers 2024-01-02T00:00:00Z A <a@example.com>\n")
    (tmp_path / "deploy").mkdir()
    with pytest.raises(PgscrubError, match="names deploy/users.sql, which does not exist"):
        sources.directory_order(tmp_path)


def test_alembic_offline_files_follow_the_revision_chain(tmp_path):
    steps = {"ccc_third.sql": ("bbb", "ccc"), "aaa_first.sql": ("", "aaa"), "bbb_second.sql": ("aaa", "bbb")}
    for name, (old, new) in steps.items():
        (tmp_path / name).write_text(f"BEGIN;\n\n-- Running upgrade {old} -> {new}\n\nSELECT 1;\n")
    files, _ = sources.directory_order(tmp_path)
    assert names(files) == ["aaa_first.sql", "bbb_second.sql", "ccc_third.sql"]


def test_command_line_files_keep_their_order_and_duplicates_are_read_once(tmp_path):
    touch(tmp_path, "b.sql", "a.sql")
    files, _ = sources.collect([tmp_path / "b.sql", tmp_path, tmp_path / "a.sql"])
    assert names(files) == ["b.sql", "a.sql"]


@pytest.mark.parametrize("data, text, note", [
    ("-- café\n".encode("utf-8"), "-- café\n", None),
    (codecs.BOM_UTF8 + b"SELECT 1;\n", "SELECT 1;\n", None),
    (b"SELECT 1;\n-- Stra\xdfe \x80\n", "SELECT 1;\n-- Straße €\n",
     "not valid UTF-8 (first bad byte on line 2): read as Windows-1252"),
    (b"-- \x81\n", "-- \x81\n", "not valid UTF-8 (first bad byte on line 1): read as Latin-1"),
    ("SELECT 'é';\n".encode("utf-16"), "SELECT 'é';\n", "UTF-16 file (byte order mark)"),
])
def test_files_that_are_not_utf8_are_read_with_a_warning(data, text, note):
    decoded, warning = sources.decode(data)
    assert decoded == text
    assert (warning is None) if note is None else warning.startswith(note)


def test_psql_only_lines_are_blanked_keeping_line_numbers():
    text = ("\\set ON_ERROR_STOP on\n"
            "COPY t (a, b) FROM stdin;\n"
            "1\tx;y\n"
            "\\.\n"
            "\\i other.sql\n"
            "ALTER TABLE t ADD COLUMN c int;\n"
            "-- migrate:down\n"
            "ALTER TABLE t DROP COLUMN c;\n")
    blanked, notes = sources.psql_only_lines(text)
    assert blanked.split("\n") == ["", "COPY t (a, b) FROM stdin;", "", "", "",
                                   "ALTER TABLE t ADD COLUMN c int;", "", "", ""]
    assert notes == [(5, "cannot-see", "psql includes other.sql here: lint that file too, in the same run")]


def test_windows_line_endings_keep_lines_and_end_copy_data():
    text = "COPY t (a) FROM stdin;\r\nx\r\n\\.\r\nALTER TABLE t ADD COLUMN c int;\r\n"
    blanked, _ = sources.psql_only_lines(text)
    assert blanked.split("\n")[3] == "ALTER TABLE t ADD COLUMN c int;\r"
