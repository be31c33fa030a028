"""What lint reports: one record per problem, whatever the output format."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Codes, and whether they make the run fail.
UNREVIEWED = "unreviewed-pii"        # a new/renamed/retyped column looks like PII, no rule
STALE_RULE = "stale-rule"            # a rule names a column the migrations drop or rename
SYNTAX_ERROR = "syntax-error"        # a statement could not be parsed (the rest of the file is read)
CANNOT_SEE = "cannot-see"            # DO blocks, EXECUTE, SELECT * of unknown tables, psql \i
ENCODING = "encoding"                # the file is not UTF-8
RETYPED_UNDER_RULE = "retyped-under-rule"
REVIEW = "review"                    # looks like PII below the --fail-on level


@dataclass
class Finding:
    code: str
    severity: str                    # "error" or "warning"
    path: Path | None
    line: int | None
    message: str
    table: str | None = None         # schema.table, quoted like quote_ident
    column: str | None = None
    kind: str | None = None
    sensitivity: str | None = None
    suggestion: list[dict] | None = None   # rule entries to paste into the rules file
    rule_line: int | None = None           # the rule this is about, in the rules file

    def as_dict(self) -> dict:
        data = {k: v for k, v in vars(self).items() if v is not None}
        if self.path is not None:
            data["path"] = self.path.as_posix()
        return data


class Collector:
    """Where the parts of lint put what they find, in the order they find it."""

    def __init__(self):
        self.findings: list[Finding] = []

    def add(self, code: str, severity: str, path: Path | None, line: int | None, message: str,
            **details) -> None:
        self.findings.append(Finding(code, severity, path, line, message, **details))

    def warn(self, path: Path | None, line: int | None, message: str, code: str = CANNOT_SEE) -> None:
        self.add(code, "warning", path, line, message)
