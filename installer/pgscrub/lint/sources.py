"""Which migration files to read, in which order, and their text.

A directory is ordered the way its migration tool would apply it:
- sqitch: the order of sqitch.plan (deploy/ scripts only; reworked changes read
  deploy/<name>@<tag>.sql for their earlier versions);
- Flyway: V<version>__<name>.sql by version (1 < 1.1 < 2 < 10), then R__ repeatables by name;
  U (undo) scripts and callbacks are skipped;
- Alembic offline SQL (`alembic upgrade --sql`): files chained by their
  "-- Running upgrade <from> -> <to>" comments;
- anything else: natural order of the relative paths (2_x.sql before 10_x.sql), skipping
  rollback scripts (*.down.sql, down.sql) and the down section of dbmate files.
Files named on the command line are read in the order given.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from pgscrub.errors import PgscrubError
from pgscrub.lint.findings import CANNOT_SEE, ENCODING

FLYWAY = re.compile(r"^(?P<prefix>[VUR])(?P<version>\d+(?:[._]\d+)*)?__(?P<name>.*)\.sql$")
ALEMBIC_STEP = re.compile(r"^-- Running upgrade (?P<old>[^\s,]*(?:, [^\s,]+)*) -> (?P<new>[0-9A-Za-z_]+)", re.M)
DBMATE_DOWN = re.compile(r"^--\s*migrate:down\b", re.M)
COPY_FROM_STDIN = re.compile(r"^\s*COPY\b[^;]*\bFROM\s+STDIN\b[^;]*;\s*$", re.I)
PSQL_INCLUDE = re.compile(r"^\\(i|ir|include|include_relative)\s+(?P<file>\S+)")


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass
class Source:
    path: Path
    text: str               # psql-only lines blanked, so offsets still give the right line
    notes: list[tuple[int, str, str]]   # (line, finding code, warning) found while reading


def natural_key(path: Path) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", path.as_posix()) if part]


def _is_rollback(path: Path) -> bool:
    stem = path.name[:-4].lower()
    return stem == "down" or stem.endswith((".down", "_down", "-down"))


def _sqitch_plan(directory: Path) -> Path | None:
    for root in (directory, directory.parent):
        if (root / "sqitch.plan").is_file() and (directory == root or directory.name == "deploy"):
            return root / "sqitch.plan"
    return None


def sqitch_order(plan: Path) -> tuple[list[Path], list[Skipped]]:
    """deploy scripts in plan order; a reworked change's earlier versions are name@tag.sql."""
    changes: list[str] = []          # change names and "@tag" markers, in plan order
    for raw in plan.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("%"):
            continue
        token = line.split()[0]
        changes.append(token.lstrip("+"))
    deploy = plan.parent / "deploy"
    ordered = []
    for index, name in enumerate(changes):
        if name.startswith("@") or name.startswith("-"):
            continue
        script = deploy / f"{name}.sql"
        if name in changes[index + 1:]:
            next_tag = next((c for c in changes[index + 1:] if c.startswith("@")), None)
            if next_tag:
                script = deploy / f"{name}{next_tag}.sql"
        ordered.append(script)
    missing = [p for p in ordered if not p.is_file()]
    if missing:
        raise PgscrubError(f"{plan} names {missing[0].relative_to(plan.parent)}, which does not exist",
                           "lint the sqitch project as it is committed (sqitch.plan and deploy/)")
    extra = sorted(set(deploy.rglob("*.sql")) - set(ordered), key=natural_key)
    return ordered, [Skipped(p, "not in sqitch.plan") for p in extra]


def flyway_order(files: list[Path]) -> tuple[list[Path], list[Skipped]]:
    versioned, repeatable, skipped = [], [], []
    for path in files:
        match = FLYWAY.match(path.name)
        if match and match["prefix"] == "V" and match["version"]:
            version = tuple(int(n) for n in re.split(r"[._]", match["version"]))
            versioned.append((version, path))
        elif match and match["prefix"] == "R" and not match["version"]:
            repeatable.append((match["name"], path))
        elif match and match["prefix"] == "U":
            skipped.append(Skipped(path, "Flyway undo script"))
        else:
            skipped.append(Skipped(path, "not a Flyway migration name (V<version>__<name>.sql)"))
    return [p for _, p in sorted(versioned)] + [p for _, p in sorted(repeatable)], skipped


def alembic_order(files: list[Path], texts: dict[Path, str]) -> list[Path] | None:
    """Files of `alembic upgrade --sql` chained by revision; None if they are not all such."""
    steps = {}
    for path in files:
        found = ALEMBIC_STEP.findall(texts[path])
        if not found:
            return None
        steps[path] = (found[0][0], found[-1][1])
    produced = {new for _, new in steps.values()}
    ordered: list[Path] = []
    heads = sorted((p for p, (old, _) in steps.items() if old not in produced), key=natural_key)
    while heads:
        path = heads.pop(0)
        ordered.append(path)
        heads += sorted((p for p, (old, _) in steps.items()
                         if old == steps[path][1] and p not in ordered), key=natural_key)
    return ordered + sorted(set(files) - set(ordered), key=natural_key)


def directory_order(directory: Path) -> tuple[list[Path], list[Skipped]]:
    plan = _sqitch_plan(directory)
    if plan:
        return sqitch_order(plan)
    files = sorted((p for p in directory.rglob("*.sql") if p.is_file()), key=natural_key)
    if any((m := FLYWAY.match(p.name)) and m["prefix"] == "V" for p in files):
        return flyway_order(files)
    forward = [p for p in files if not _is_rollback(p)]
    skipped = [Skipped(p, "rollback script") for p in files if _is_rollback(p)]
    texts = {p: read_bytes(p).decode("utf-8", "replace") for p in forward}
    chained = alembic_order(forward, texts) if forward else None
    return (chained or forward), skipped


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise PgscrubError(f"cannot read {path}: {exc.strerror}") from None


def collect(paths: list[Path]) -> tuple[list[Path], list[Skipped]]:
    """The files to lint, in order, and the ones deliberately left out."""
    ordered: list[Path] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            files, left_out = directory_order(path)
            skipped += left_out
        elif path.is_file():
            files = [path]
        else:
            raise PgscrubError(f"{path}: no such file or directory",
                               "pass migration files or the folders that hold them")
        ordered += [f for f in files if f not in ordered]
    return ordered, skipped


def decode(data: bytes) -> tuple[str, str | None]:
    """Text of a file, and a warning when it was not UTF-8."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16 file (byte order mark): read as UTF-16"
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, (f"not valid UTF-8 (first bad byte on line {line}): read as {label}; "
                      "make sure psql's client_encoding matches when it runs")
    raise AssertionError("latin-1 decodes every byte")


def psql_only_lines(text: str) -> tuple[str, list[tuple[int, str, str]]]:
    """Blank what psql (not the server) reads: meta-commands, COPY data, dbmate down sections."""
    lines = text.split("\n")
    notes = []
    in_copy = False
    for number, line in enumerate(lines):
        if in_copy:
            in_copy = line.rstrip("\r") != "\\."
            lines[number] = ""
        elif line.lstrip().startswith("\\"):
            include = PSQL_INCLUDE.match(line.lstrip())
            if include:
                notes.append((number + 1, CANNOT_SEE, f"psql includes {include['file']} here: "
                                          "lint that file too, in the same run"))
            lines[number] = ""
        elif COPY_FROM_STDIN.match(line):
            in_copy = True
    text = "\n".join(lines)
    down = DBMATE_DOWN.search(text)
    if down:
        text = text[:down.start()] + re.sub(r"[^\n]", "", text[down.start():])
    return text, notes


def read(path: Path) -> Source:
    text, encoding_note = decode(read_bytes(path))
    text, notes = psql_only_lines(text)
    if encoding_note:
        notes.insert(0, (1, ENCODING, encoding_note))
    return Source(path, text, notes)
