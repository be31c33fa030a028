"""pgscrub lint: catch unreviewed PII columns and stale rules in migration files, before merge.

Reads SQL migrations in the order their tool applies them (sources), follows what each
statement does to the schema (follow, schema, query), then compares the result with the rules
file (check) using the scan's column-name hints (hints). No database needed. docs/lint.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pgscrub.errors import PgscrubError
from pgscrub.lint import rules_file, sources
from pgscrub.lint.check import check
from pgscrub.lint.findings import STALE_RULE, SYNTAX_ERROR, UNREVIEWED, Collector, Finding
from pgscrub.lint.follow import Follower
from pgscrub.lint.schema import Schema

DEFAULT_RULES = Path("anon-rules.yaml")
FAIL_LEVELS = ("HIGH", "MEDIUM")


@dataclass
class LintReport:
    files: list[Path]
    skipped: list[sources.Skipped]
    rules_path: Path | None
    rule_count: int
    fail_on: str
    findings: list[Finding]

    def count(self, code: str) -> int:
        return sum(1 for f in self.findings if f.code == code)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning")

    @property
    def exit_code(self) -> int:
        """1: PII without a rule or a stale rule; else 2: a file could not be parsed; else 0."""
        if self.count(UNREVIEWED) or self.count(STALE_RULE):
            return 1
        return 2 if self.count(SYNTAX_ERROR) else 0


def default_rules_path() -> Path | None:
    """./anon-rules.yaml when it exists (what `pgscrub rules export > anon-rules.yaml` writes)."""
    return DEFAULT_RULES if DEFAULT_RULES.is_file() else None


def lint(paths: list[Path], rules: Path | None = None, fail_on: str = "HIGH") -> LintReport:
    """Lint migration files or folders against a rules file (None: no rules at all)."""
    fail_on = fail_on.upper()
    if fail_on not in FAIL_LEVELS:
        raise PgscrubError(f"--fail-on must be one of {', '.join(FAIL_LEVELS).lower()}, not {fail_on.lower()}")
    rule_set = rules_file.load(rules) if rules is not None else rules_file.no_rules()
    files, skipped = sources.collect(paths)
    if not files:
        raise PgscrubError(f"no .sql files in {', '.join(str(p) for p in paths)}",
                           "pass migration files or the folders that hold them")
    schema, collector = Schema(), Collector()
    follower = Follower(schema, collector)
    for path in files:
        follower.follow(sources.read(path))
    check(schema, rule_set, collector, fail_on)
    order = {path: index for index, path in enumerate(files)}
    findings = sorted(collector.findings,
                      key=lambda f: (order.get(f.path, len(order)), f.line or 0))
    return LintReport(files, skipped, rules, len(rule_set.rules), fail_on, findings)
