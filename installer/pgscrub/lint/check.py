"""Compare the schema the migrations build with the rules file.

Two kinds of failure:
- unreviewed PII: a column the files add, rename, retype or copy looks like PII (name and type
  heuristics, or it copies a column that is masked or looks like PII) and no rule names it,
  not even a `keep` decision;
- stale rule: a rule names a column the files drop or rename (or whose table they drop,
  rename or move), so `pgscrub rules import` and the masking run would no longer find it.
Columns are judged in their final state: one added and dropped again is no finding.
"""

from __future__ import annotations

from dataclasses import dataclass

from pgscrub.lint import hints
from pgscrub.lint.findings import RETYPED_UNDER_RULE, REVIEW, STALE_RULE, UNREVIEWED, Collector
from pgscrub.lint.rules_file import RuleSet, qualified_name
from pgscrub.lint.schema import Column, ColumnKey, Removal, Schema
from pgscrub.strategies import strategy_for_kind

REMOVAL_PHRASES = {
    "renamed": "is renamed to {now}",
    "table renamed": "becomes {now} (its table is renamed)",
    "table moved": "becomes {now} (its table moves to another schema)",
    "dropped": "is dropped",
    "table dropped": "is dropped with its table",
    "table replaced": "is gone: its table is created again without it",
    "renamed, then dropped": "is renamed and later dropped",
}
# Kinds whose masked value must be the same wherever the input appears, so joins hold.
CONSISTENT_KINDS = frozenset({"email", "phone", "national_id", "iban", "bank_account", "card_number"})


@dataclass(frozen=True)
class Verdict:
    kind: str | None
    sensitivity: str
    reason: str
    entries: tuple[dict, ...]


def column_name(key: ColumnKey) -> str:
    return f"{qualified_name(key[0], key[1])}.{key[2]}"


def check(schema: Schema, rules: RuleSet, collector: Collector, fail_on: str) -> None:
    covered = _stale_rules(schema, rules, collector)
    for table in schema.tables.values():
        if table.kind == "partition":
            continue
        for column in table.columns.values():
            if column not in covered:
                _check_column(column, rules, collector, fail_on)


def _removal(schema: Schema, key: ColumnKey) -> Removal | None:
    """What made a ruled column disappear, if the files show it."""
    table = schema.tables.get(key[:2])
    if table is not None and key[2] in table.columns:
        return None
    if key in schema.column_removals:
        return schema.column_removals[key]
    if table is None:
        return schema.table_removals.get(key[:2])
    return None


def _stale_rules(schema: Schema, rules: RuleSet, collector: Collector) -> set[Column]:
    """Report rules whose column is gone; return the columns their suggested fix covers."""
    covered: set[Column] = set()
    for rule in rules.rules:
        removal = _removal(schema, rule.key)
        if removal is None:
            continue
        column = removal.column
        if column is not None and not column.alive:          # renamed, then dropped later
            later = schema.column_removals.get(column.key, removal)
            removal, column = Removal(later.location, "renamed, then dropped", table=later.table), None
        now: ColumnKey | None = None
        if column is not None:
            now = column.key
            covered.add(column)
        elif removal.table is not None and removal.table.alive and "dropped" not in removal.how:
            now = (removal.table.schema, removal.table.name, rule.column)
            known = removal.table.columns.get(rule.column)
            if known:
                covered.add(known)
        where = f"{rules.path}:{rule.line}"
        what = REMOVAL_PHRASES[removal.how].format(now=column_name(now) if now else "")
        if now:
            message = (f"stale rule ({where}): {column_name(rule.key)} {what} here; "
                       "update the rule so it names the new column")
            suggestion = [{**rule.entry, "table": qualified_name(now[0], now[1]), "column": now[2]}]
        else:
            message = (f"stale rule ({where}): {column_name(rule.key)} {what} here; "
                       "remove the rule (or keep the column)")
            suggestion = None
        collector.add(STALE_RULE, "error", removal.location.path, removal.location.line, message,
                      table=qualified_name(rule.schema, rule.table), column=rule.column,
                      suggestion=suggestion, rule_line=rule.line)
    return covered


def _check_column(column: Column, rules: RuleSet, collector: Collector, fail_on: str) -> None:
    ruled = rules.for_column(column.key)
    where = column.since
    if ruled:
        masking = [r for r in ruled if r.strategy != "keep"]
        if (column.change == "retyped" and masking
                and column.previous_family not in (None, "unknown", column.family)):
            collector.add(RETYPED_UNDER_RULE, "warning", where.path, where.line,
                          f"{column_name(column.key)} changes type from {column.previous_type} to "
                          f"{column.type} here; check that strategy {masking[0].strategy} "
                          f"({rules.path}:{masking[0].line}) still fits",
                          table=qualified_name(*column.key[:2]), column=column.name)
        return
    verdict = _verdict(column, rules, depth=0)
    if verdict is None:
        return
    failing = hints.SENSITIVITY_ORDER[verdict.sensitivity] >= hints.SENSITIVITY_ORDER[fail_on]
    collector.add(
        UNREVIEWED if failing else REVIEW, "error" if failing else "warning", where.path, where.line,
        f"{column_name(column.key)} ({column.type}) {_what_happened(column)}: {verdict.reason} "
        f"({verdict.sensitivity}) and no rule covers it",
        table=qualified_name(*column.key[:2]), column=column.name, kind=verdict.kind,
        sensitivity=verdict.sensitivity, suggestion=list(verdict.entries))


def _what_happened(column: Column) -> str:
    if column.change == "retyped":
        return f"changes type from {column.previous_type} here"
    if column.change == "renamed":
        return "gets this name here"
    return "is created here"


def _verdict(column: Column, rules: RuleSet, depth: int) -> Verdict | None:
    own = hints.guess(column.name, column.family, column.type)
    verdict = None
    if own is not None:
        entry = {"table": qualified_name(*column.key[:2]), "column": column.name,
                 "strategy": strategy_for_kind(own.kind), "sensitivity": own.sensitivity}
        if own.kind in CONSISTENT_KINDS:
            entry["domain"] = own.kind
        verdict = Verdict(own.kind, own.sensitivity, own.reason, (entry,))
    source = column.source
    if source is None or depth > 20:
        return verdict
    if column.table.kind == "matview" and column.source_how == "copied":
        return None      # refreshed from its source after masking: the source's rule covers it
    inherited = _inherited(column, source, rules, depth)
    if inherited is False:
        return None      # the source was reviewed as not PII
    if inherited is None and column.source_how == "references" and column.family in ("integer", "uuid"):
        return None      # a surrogate key: the personal data is in the referenced row
    if inherited is None or (verdict is not None and hints.SENSITIVITY_ORDER[verdict.sensitivity]
                             > hints.SENSITIVITY_ORDER[inherited.sensitivity]):
        return verdict
    return inherited


def _inherited(column: Column, source: Column, rules: RuleSet, depth: int) -> Verdict | None | bool:
    """What a copy (or foreign key) gets from its source column; False: reviewed as not PII."""
    how = "copies" if column.source_how == "copied" else "references"
    ruled = rules.for_column(source.key)
    masking = [r for r in ruled if r.strategy != "keep"]
    if masking:
        entries = tuple({**r.entry, "table": qualified_name(*column.key[:2]), "column": column.name}
                        for r in masking)
        sensitivity = str(masking[0].entry.get("sensitivity", "HIGH")).upper()
        if sensitivity not in hints.SENSITIVITY_ORDER:
            sensitivity = "HIGH"
        source_guess = hints.guess(source.name, source.family)
        return Verdict(source_guess.kind if source_guess else None, sensitivity,
                       f"it {how} {column_name(source.key)}, which rule {rules.path}:{masking[0].line} masks",
                       entries)
    if ruled:
        return False
    upstream = _verdict(source, rules, depth + 1)
    if upstream is None:
        return None
    entries = tuple({**e, "table": qualified_name(*column.key[:2]), "column": column.name}
                    for e in upstream.entries)
    return Verdict(upstream.kind, upstream.sensitivity,
                   f"it {how} {column_name(source.key)}, which looks like "
                   f"{(upstream.kind or 'PII').replace('_', ' ')}", entries)
