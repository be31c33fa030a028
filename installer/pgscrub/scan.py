"""Step 1: find personal data by sampling what is stored (anon.scan).

`scan()` runs `anon.scan()` in the database and returns what it found as plain data:
one Finding per column and detector, plus the counts the CLI summary needs. Values
never leave the database: examples are partially masked there (anon.partial).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import psycopg

from pgscrub import installer
from pgscrub.errors import PgscrubError

SENSITIVITIES = ("HIGH", "MEDIUM", "LOW")
WHERE = {"text": "in free text", "json": "in JSON", "array": "in array elements", "xml": "in XML text"}


def _text(value) -> str:
    """Text from the server; an SQL_ASCII database returns bytes that need not be UTF-8."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", errors="replace")
    return value


def display_column(schema: str, table: str, column: str) -> str:
    """Table.Column as users read it: the schema only when it is not public."""
    def ident(name: str) -> str:
        plain = name.isidentifier() and name == name.lower() and name.isascii()
        return name if plain else '"' + name.replace('"', '""') + '"'
    parts = ([] if schema == "public" else [schema]) + [table, column]
    return ".".join(ident(part) for part in parts)


@dataclass
class Finding:
    schema: str
    table: str
    column: str
    detector: str
    column_type: str
    sampled: int
    matched: int
    confidence: float
    sensitivity: str
    found_in: str
    json_paths: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def display_column(self) -> str:
        return display_column(self.schema, self.table, self.column)

    @property
    def pattern(self) -> str:
        """What was found, and where: "email in JSON $.contact.email"."""
        if self.found_in == "name":
            return f"{self.detector} (column name only)"
        text = self.detector
        if self.found_in in WHERE:
            text += " " + WHERE[self.found_in]
        if self.json_paths:
            text += " " + ", ".join(self.json_paths[:2])
            if len(self.json_paths) > 2:
                text += f" (+{len(self.json_paths) - 2} paths)"
        return text

    @property
    def confidence_text(self) -> str:
        """As the report says it: "34% of samples"."""
        if self.found_in == "name":
            return "no values" if self.sampled == 0 else f"0 of {self.sampled} values confirm"
        return f"{round(self.confidence * 100)}% of samples"

    def as_json(self) -> dict:
        return {**asdict(self), "display_column": self.display_column, "pattern": self.pattern,
                "confidence_text": self.confidence_text}


@dataclass
class Skipped:
    schema: str
    table: str
    column: str
    reason: str

    @property
    def display_column(self) -> str:
        return display_column(self.schema, self.table, self.column)


@dataclass
class ScanResult:
    findings: list[Finding]
    columns: int                      # every column classified, PII or not
    columns_by_sensitivity: dict[str, int]
    tables_with_pii: int              # tables with a HIGH or MEDIUM column
    skipped: list[Skipped]
    notes: list[tuple[str, str]]      # (Table.Column, note), e.g. invalid UTF-8

    def at(self, sensitivity: str) -> list[Finding]:
        return [f for f in self.findings if f.sensitivity == sensitivity]

    def as_json(self) -> dict:
        return {
            "summary": {"columns": self.columns, "tables_with_pii": self.tables_with_pii,
                        **{s.lower(): n for s, n in self.columns_by_sensitivity.items()},
                        "skipped": len(self.skipped)},
            "findings": [f.as_json() for f in self.findings if f.sensitivity != "LOW"],
            "low": [f.as_json() for f in self.at("LOW")],
            "skipped": [{**asdict(s), "display_column": s.display_column} for s in self.skipped],
            "notes": [{"column": column, "note": note} for column, note in self.notes],
        }


def scan(conn: psycopg.Connection, *, full: bool = False, sample_size: int = 100) -> ScanResult:
    """Run anon.scan() (incremental unless full) and read back what it found."""
    if sample_size < 1:
        raise PgscrubError("--sample-size must be at least 1", "the default, 100, is enough for most columns")
    installer.require_installed(conn)
    if conn.execute("SELECT pg_catalog.to_regprocedure('anon.scan(integer, boolean)')").fetchone()[0] is None:
        raise PgscrubError("the pgscrub installed in this database is too old to scan", "run pgscrub upgrade")
    with conn.transaction():
        rows = conn.execute(
            "SELECT schema_name, table_name, column_name, detector, column_type, sampled, matched,"
            " confidence, sensitivity, found_in, json_paths, examples FROM anon.scan(%s, %s)",
            (sample_size, full)).fetchall()
    findings = [Finding(*(_text(v) for v in r[:5]), r[5], r[6], float(r[7]), _text(r[8]), _text(r[9]),
                        [_text(p) for p in r[10]], [_text(e) for e in r[11]]) for r in rows]
    counts = dict((_text(s), n) for s, n in conn.execute(
        "SELECT sensitivity, count(*) FROM anon.scanned_columns WHERE skipped_reason IS NULL"
        " GROUP BY sensitivity").fetchall())
    tables = conn.execute(
        "SELECT count(DISTINCT (schema_name, table_name)) FROM anon.scanned_columns"
        " WHERE sensitivity IN ('HIGH', 'MEDIUM') AND skipped_reason IS NULL").fetchone()[0]
    skipped = [Skipped(*(_text(v) for v in row)) for row in conn.execute(
        "SELECT schema_name, table_name, column_name, skipped_reason FROM anon.scanned_columns"
        " WHERE skipped_reason IS NOT NULL ORDER BY 1, 2, 3").fetchall()]
    notes = [(display_column(*(_text(v) for v in row[:3])), _text(row[3])) for row in conn.execute(
        "SELECT schema_name, table_name, column_name, note FROM anon.scanned_columns"
        " WHERE note IS NOT NULL ORDER BY 1, 2, 3").fetchall()]
    by_sensitivity = {s: counts.get(s, 0) for s in SENSITIVITIES}
    return ScanResult(findings, sum(by_sensitivity.values()), by_sensitivity, tables, skipped, notes)
