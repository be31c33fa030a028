"""The SQL that makes up the anon schema: where it lives, in which order it runs.

Layout (see docs/internals.md):
  tables/           run once, at install; later changes go into upgrades/anon--A--B.sql
  functions/ procedures/ views/ event_triggers/
                    "routines": re-applied on every install and upgrade, so their files
                    must be re-runnable (CREATE OR REPLACE; views and event triggers are
                    dropped by the installer first)
  upgrades/         anon--A--B.sql, table changes from release A to release B
  releases/         anon--X.sql, the frozen complete install script of an earlier release
  data/             data files the installer loads (column-name hints)

A file may start with `-- requires: other.sql` lines naming files of its folder
that must run first (tables it references, functions its SQL-standard body calls).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pgscrub.errors import PgscrubError

ROUTINE_DIRS = ("functions", "procedures", "views", "event_triggers")
PGCRYPTO_PLACEHOLDER = "@extschema:pgcrypto@"
UPGRADE_NAME = re.compile(r"^anon--(?P<old>[0-9.]+)--(?P<new>[0-9.]+)\.sql$")
RELEASE_NAME = re.compile(r"^anon--(?P<version>[0-9.]+)\.sql$")


@cache
def sql_root() -> Path:
    """The shipped copy inside the wheel, else the source tree's sql/ (editable installs)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "sql", here.parent.parent / "sql"):
        if (candidate / "tables").is_dir():
            return candidate
    raise PgscrubError(
        "the pgscrub SQL files are missing from this installation",
        "reinstall the package (pip install --force-reinstall pgscrub)",
    )


@dataclass(frozen=True)
class SqlFile:
    path: Path

    @property
    def name(self) -> str:
        return f"{self.path.parent.name}/{self.path.name}"

    def text(self, pgcrypto_schema: str) -> str:
        return self.path.read_text(encoding="utf-8").replace(
            PGCRYPTO_PLACEHOLDER, quote_ident(pgcrypto_schema))


def quote_ident(name: str) -> str:
    """Quote an identifier the way PostgreSQL's quote_ident does (always quoted here)."""
    return '"' + name.replace('"', '""') + '"'


def _requires(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^--\s*requires:\s*(.+)$", line)
        if match:
            names += [n.strip() for n in match.group(1).split(",") if n.strip()]
    return names


def _ordered(base: Path, folder: str) -> list[SqlFile]:
    """folder/*.sql, each after the files of the same folder it `-- requires:`, else alphabetical.

    SQL-standard function bodies are bound when created, so a function that calls
    another must come after it (check_function_bodies does not defer them).
    """
    paths = {p.name: p for p in sorted((base / folder).glob("*.sql"))}
    ordered: list[Path] = []
    visiting: set[str] = set()

    def visit(name: str) -> None:
        if paths[name] in ordered:
            return
        if name in visiting:
            raise PgscrubError(f"{folder}/{name}: circular '-- requires:'")
        visiting.add(name)
        for dep in _requires(paths[name]):
            dep_folder, _, dep_name = dep.rpartition("/")
            if dep_folder and dep_folder != folder:
                continue  # an earlier folder: already loaded by then
            if dep_name not in paths:
                raise PgscrubError(f"{folder}/{name} requires {dep}, which does not exist")
            visit(dep_name)
        ordered.append(paths[name])

    for name in paths:
        visit(name)
    return [SqlFile(p) for p in ordered]


def table_files(root: Path | None = None) -> list[SqlFile]:
    return _ordered(root or sql_root(), "tables")


def routine_files(root: Path | None = None) -> list[SqlFile]:
    base = root or sql_root()
    return [f for folder in ROUTINE_DIRS for f in _ordered(base, folder)]


def upgrade_path(installed: str, target: str, root: Path | None = None) -> list[SqlFile]:
    """The chain of upgrade scripts from `installed` to `target`."""
    steps = {}
    for path in sorted(((root or sql_root()) / "upgrades").glob("anon--*.sql")):
        match = UPGRADE_NAME.match(path.name)
        if match:
            steps[match["old"]] = (match["new"], path)
    chain, version = [], installed
    while version != target:
        if version not in steps:
            raise PgscrubError(
                f"no upgrade path from version {installed} to {target} (stuck at {version})",
                "upgrade through the intermediate pgscrub releases, or uninstall and install again "
                "after exporting the rules (pgscrub rules export)",
            )
        version, path = steps[version]
        chain.append(SqlFile(path))
    return chain


def release_script(version: str, root: Path | None = None) -> SqlFile:
    """The frozen complete install script of an earlier release (used by upgrade tests)."""
    path = (root or sql_root()) / "releases" / f"anon--{version}.sql"
    if not path.exists():
        raise PgscrubError(f"no frozen install script for release {version}")
    return SqlFile(path)


def bundle(root: Path | None = None) -> str:
    """The complete install script of the current tree, as frozen into releases/ at a release."""
    parts = ["-- pgscrub: complete install script (generated by pgscrub.sqlsource.bundle)\n"]
    for sql_file in table_files(root) + routine_files(root):
        parts.append(f"\n-- ==== {sql_file.name}\n")
        parts.append(sql_file.path.read_text(encoding="utf-8"))
    return "".join(parts)


if __name__ == "__main__":  # python -m pgscrub.sqlsource > sql/releases/anon--X.sql
    print(bundle(), end="")
