"""Render a lint report: readable text, JSON, or GitHub workflow-command annotations."""

from __future__ import annotations

import json

from pgscrub.lint import LintReport
from pgscrub.lint.findings import REVIEW, STALE_RULE, SYNTAX_ERROR, UNREVIEWED, Finding
from pgscrub.lint.rules_file import to_yaml

def render(report: LintReport, output_format: str) -> str:
    return {"text": text, "json": as_json, "github": github}[output_format](report)


def _where(finding: Finding) -> str:
    if finding.path is None:
        return ""
    return f"{finding.path}:{finding.line}: " if finding.line else f"{finding.path}: "


def _group_skipped(report: LintReport) -> dict[str, list]:
    groups: dict[str, list] = {}
    for skipped in report.skipped:
        groups.setdefault(skipped.reason, []).append(skipped.path)
    return groups


def _suggestion_title(finding: Finding) -> str:
    return "replace the rule with" if finding.code == STALE_RULE else "suggested rule"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(report: LintReport) -> str:
    rules = (f"{_plural(report.rule_count, 'rule')} from {report.rules_path}" if report.rules_path
             else "no rules file")
    parts = [_plural(report.count(UNREVIEWED), "unreviewed PII column"),
             _plural(report.count(STALE_RULE), "stale rule"),
             _plural(report.count(SYNTAX_ERROR), "syntax error"),
             _plural(report.warnings, "warning")]
    return f"pgscrub lint: {_plural(len(report.files), 'file')}, {rules}: {', '.join(parts)}"


def text(report: LintReport) -> str:
    lines = []
    for finding in report.findings:
        lines.append(f"{_where(finding)}{finding.severity}: {finding.message} [{finding.code}]")
        if finding.suggestion:
            lines.append(f"    {_suggestion_title(finding)} (review, then paste under `rules:`):")
            lines += ["    " + line for line in to_yaml(finding.suggestion).splitlines()]
    for reason, paths in _group_skipped(report).items():
        shown = ", ".join(str(p) for p in paths[:3]) + (", ..." if len(paths) > 3 else "")
        lines.append(f"skipped {_plural(len(paths), 'file')} ({reason}): {shown}")
    if lines:
        lines.append("")
    lines.append(summary(report))
    if report.rules_path is None:
        lines.append("hint: without a rules file every PII-looking column is reported; "
                     "pass --rules FILE (written by: pgscrub rules export > anon-rules.yaml)")
    elif report.count(UNREVIEWED) or report.count(REVIEW):
        lines.append(f"hint: add a rule to {report.rules_path} for each column above; "
                     "`strategy: keep` records a column reviewed as not PII")
    return "\n".join(lines) + "\n"


def as_json(report: LintReport) -> str:
    return json.dumps({
        "files": [p.as_posix() for p in report.files],
        "skipped": [{"path": s.path.as_posix(), "reason": s.reason} for s in report.skipped],
        "rules_file": report.rules_path.as_posix() if report.rules_path else None,
        "rules": report.rule_count,
        "fail_on": report.fail_on,
        "findings": [f.as_dict() for f in report.findings],
        "counts": {code: report.count(code) for code in (UNREVIEWED, STALE_RULE, SYNTAX_ERROR)}
                  | {"warnings": report.warnings},
        "exit_code": report.exit_code,
    }, indent=2, default=str) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(report: LintReport) -> str:
    """::error file=...,line=...,title=...::message (GitHub Actions workflow commands)."""
    lines = []
    for finding in report.findings:
        message = finding.message
        if finding.suggestion:
            message += f"\n\n{_suggestion_title(finding)}:\n" + to_yaml(finding.suggestion)
        properties = []
        if finding.path is not None:
            properties.append(f"file={_escape_property(finding.path.as_posix())}")
            if finding.line:
                properties.append(f"line={finding.line}")
        properties.append(f"title={_escape_property('pgscrub lint: ' + finding.code)}")
        lines.append(f"::{finding.severity} {','.join(properties)}::{_escape_data(message.rstrip())}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"
