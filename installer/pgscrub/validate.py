"""Step 4: prove that no real PII is left (anon.validate), as plain functions on a connection."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import psycopg

from pgscrub import installer


@dataclass(frozen=True)
class ColumnResult:
    schema: str
    table: str
    column: str
    rows_checked: int
    real_pii_remaining: int
    status: str          # 'Clean' or 'MISSED'
    reason: str | None

    @property
    def missed(self) -> bool:
        return self.status == "MISSED"


@dataclass(frozen=True)
class ValidationResult:
    run_id: int
    run_status: str
    columns: list[ColumnResult]

    @property
    def missed(self) -> list[ColumnResult]:
        return [c for c in self.columns if c.missed]

    @property
    def clean(self) -> bool:
        return not self.missed

    @property
    def real_pii_remaining(self) -> int:
        return sum(c.real_pii_remaining for c in self.columns)

    def as_dict(self) -> dict:
        return {"run_id": self.run_id, "run_status": self.run_status, "clean": self.clean,
                "missed_columns": len(self.missed), "real_pii_remaining": self.real_pii_remaining,
                "columns": [asdict(c) for c in self.columns]}


def validate(conn: psycopg.Connection, run_id: int | None = None) -> ValidationResult:
    """Check every column of every schema (anon.validate); MISSED rows come first.

    Commits (validation rows, the run's status, dropping fingerprints when clean, the alert's
    NOTIFY) unless the caller's transaction is still open.
    """
    installer.require_installed(conn)
    with conn.transaction():
        rows = conn.execute(
            "SELECT run_id, schema_name, table_name, column_name, rows_checked, real_pii_remaining,"
            "       status, reason FROM anon.validate(%s)", (run_id,)).fetchall()
        validated_run, status = conn.execute(
            "SELECT run_id, status FROM anon.runs WHERE run_id = coalesce(%s, (SELECT max(run_id) FROM anon.runs))",
            (run_id,)).fetchone()
    return ValidationResult(validated_run, status, [ColumnResult(*row[1:]) for row in rows])
