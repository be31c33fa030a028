"""Step 2: masking rules. Proposal and approval run in SQL (anon.propose_rules,
anon.approve_rules); here the rules become reviewable code: a YAML file exported in a
stable order, and imported back with a diff and an error at file:line for every
problem (the format is in docs/internals.md; `pgscrub lint` reads it too).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import yaml

from pgscrub import installer
from pgscrub.errors import PgscrubError

VERSION = 1
HEADER = "# pgscrub rules: review changes to this file like code\n"
RULE_KEYS = ("table", "column", "json_path", "strategy", "params", "sensitivity", "domain")
REQUIRED_KEYS = ("table", "column", "strategy")
SENSITIVITIES = ("HIGH", "MEDIUM", "LOW")
# What makes two rules different (review metadata is not part of a rule).
COMPARED = ("strategy", "params", "sensitivity", "domain")


def propose(conn: psycopg.Connection) -> int:
    """Turn HIGH/MEDIUM findings into proposed rules; returns how many were added or changed."""
    installer.require_installed(conn)
    return conn.execute("SELECT anon.propose_rules()").fetchone()[0]


def approve(conn: psycopg.Connection, reviewer: str | None = None) -> int:
    """Mark every proposed rule reviewed (what --auto-approve does); returns how many."""
    installer.require_installed(conn)
    if reviewer is None:
        return conn.execute("SELECT anon.approve_rules()").fetchone()[0]
    return conn.execute("SELECT anon.approve_rules(%s)", (reviewer,)).fetchone()[0]


REVIEW_HINT = ("review them: pgscrub rules export > anon-rules.yaml, edit, pgscrub rules import anon-rules.yaml; "
               "or approve them as proposed: pgscrub rules approve (SELECT anon.approve_rules())")


def awaiting_review(conn: psycopg.Connection) -> int:
    """How many rules are proposed but not reviewed (a run does not apply them)."""
    return conn.execute("SELECT count(*) FROM anon.rules WHERE NOT reviewed").fetchone()[0]


@dataclass(frozen=True)
class Rule:
    schema: str
    table: str
    column: str
    json_path: str
    strategy: str
    params: dict
    sensitivity: str
    domain: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.schema, self.table, self.column, self.json_path)

    @property
    def label(self) -> str:
        path = f" {self.json_path}" if self.json_path else ""
        return f"{_qualified(self.schema, self.table)}.{_quote_ident(self.column)}{path}"


def _quote_ident(name: str) -> str:
    """Like quote_ident, for messages (keywords are left bare; the export uses the server's)."""
    if name and (name[0].islower() or name[0] == "_") and all(
            c.islower() or c.isdigit() or c in "_$" for c in name) and name.isascii():
        return name
    return '"' + name.replace('"', '""') + '"'


def _qualified(schema: str, table: str) -> str:
    return f"{_quote_ident(schema)}.{_quote_ident(table)}"


def _split_qualified(text: str) -> tuple[str, str] | None:
    """'public.users', '"My Schema"."T.1"', 'users' (public) -> (schema, table); None if malformed."""
    parts, current, quoted, i = [], "", False, 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == '"' and text[i + 1:i + 2] == '"':
                current += '"'
                i += 1
            elif char == '"':
                quoted = False
            else:
                current += char
        elif char == '"':
            quoted = True
        elif char == ".":
            parts.append(current)
            current = ""
        else:
            current += char.lower()
        i += 1
    parts.append(current)
    if quoted or not all(parts) or len(parts) > 2:
        return None
    return ("public", parts[0]) if len(parts) == 1 else (parts[0], parts[1])


def current_rules(conn: psycopg.Connection) -> list[Rule]:
    rows = conn.execute("""
        SELECT schema_name, table_name, column_name, json_path, strategy, params, sensitivity,
               COALESCE(domain, strategy)
          FROM anon.rules
         ORDER BY schema_name COLLATE "C", table_name COLLATE "C", column_name COLLATE "C", json_path COLLATE "C"
    """).fetchall()
    return [Rule(*row) for row in rows]


class _FlowDict(dict):
    """params are written inline ({injective: true}) so that a rule reads on few lines."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _FlowDict, lambda dumper, data: dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True))


def export_yaml(conn: psycopg.Connection) -> str:
    """Every rule as YAML, ordered by schema, table, column and path, so diffs read well."""
    installer.require_installed(conn)
    entries = []
    for rule in current_rules(conn):
        table = conn.execute("SELECT quote_ident(%s) || '.' || quote_ident(%s)", (rule.schema, rule.table)).fetchone()[0]
        entry = {"table": table, "column": rule.column}
        if rule.json_path:
            entry["json_path"] = rule.json_path
        entry.update(strategy=rule.strategy, params=_FlowDict(sorted(rule.params.items())),
                     sensitivity=rule.sensitivity, domain=rule.domain)
        entries.append(entry)
    body = yaml.dump({"version": VERSION, "rules": entries}, Dumper=_Dumper, sort_keys=False,
                     allow_unicode=True, default_flow_style=False, width=120)
    return HEADER + body


@dataclass
class ImportResult:
    added: list[Rule] = field(default_factory=list)
    removed: list[Rule] = field(default_factory=list)
    changed: list[tuple[Rule, Rule]] = field(default_factory=list)
    newly_reviewed: list[Rule] = field(default_factory=list)
    applied: bool = False

    def diff_lines(self) -> list[str]:
        lines = [f"+ {r.label}: {r.strategy}{_params_text(r.params)}" for r in self.added]
        lines += [f"- {r.label}: {r.strategy}" for r in self.removed]
        for old, new in self.changed:
            changes = [f"{name} {_field_text(old, name)} -> {_field_text(new, name)}"
                       for name in COMPARED if getattr(old, name) != getattr(new, name)]
            lines.append(f"~ {new.label}: " + "; ".join(changes))
        lines += [f"= {r.label}: {r.strategy} (now reviewed)" for r in self.newly_reviewed]
        return lines

    @property
    def unchanged(self) -> bool:
        return not (self.added or self.removed or self.changed or self.newly_reviewed)


def _params_text(params: dict) -> str:
    return f" {json.dumps(params, sort_keys=True)}" if params else ""


def _field_text(rule: Rule, name: str) -> str:
    value = getattr(rule, name)
    return json.dumps(value, sort_keys=True) if isinstance(value, dict) else str(value)


class _Problems:
    """Every problem of a file, each at its line, raised together."""

    def __init__(self, path: Path):
        self.path = path
        self.items: list[tuple[int, str]] = []

    def add(self, node: yaml.Node | None, message: str) -> None:
        line = node.start_mark.line + 1 if node is not None else 1
        self.items.append((line, message))

    def raise_if_any(self) -> None:
        if self.items:
            lines = [f"{self.path}:{line}: {message}" for line, message in sorted(self.items)]
            raise PgscrubError("\n".join(lines), f"fix {self.path} and import it again; nothing was changed")


def _mapping_items(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {key.value: (key, value) for key, value in node.value if isinstance(key, yaml.ScalarNode)}


def _read(path: Path) -> tuple[yaml.Node, object]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PgscrubError(f"cannot read {path}: {exc.strerror}", "pass the path of a rules YAML file") from exc
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PgscrubError(f"{path}:{line}: not valid YAML: {problem}",
                           "fix the syntax (pgscrub rules export shows the expected layout)") from exc


def _scalars(node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for child in node.value:
            yield from _scalars(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def parse_file(conn: psycopg.Connection, path: Path) -> list[Rule]:
    """The rules of a YAML file, validated against the database; raises with file:line errors."""
    root, data = _read(path)
    problems = _Problems(path)
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        problems.add(root, "expected a mapping with 'version' and 'rules'")
        problems.raise_if_any()
    top = _mapping_items(root)
    for name, (key_node, _) in top.items():
        if name not in ("version", "rules"):
            problems.add(key_node, f"unknown key '{name}' (expected version and rules)")
    if data.get("version") != VERSION:
        problems.add(top.get("version", (root, root))[1], f"version must be {VERSION}")
    rules_node = top.get("rules", (None, None))[1]
    if not isinstance(rules_node, yaml.SequenceNode) or not isinstance(data.get("rules"), list):
        problems.add(rules_node or root, "'rules' must be a list of rules")
        problems.raise_if_any()
    for scalar in _scalars(rules_node):
        if "\x00" in scalar.value:
            problems.add(scalar, "contains a NUL character (\\0), which PostgreSQL text cannot hold")
    problems.raise_if_any()
    rules: list[Rule] = []
    seen: dict[tuple, int] = {}
    for node, entry in zip(rules_node.value, data["rules"]):
        rule = _parse_rule(conn, node, entry, problems)
        if rule is None:
            continue
        if rule.key in seen:
            problems.add(node, f"{rule.label} is already ruled at line {seen[rule.key]}")
        seen[rule.key] = node.start_mark.line + 1
        rules.append(rule)
    problems.raise_if_any()
    return rules


def _parse_rule(conn: psycopg.Connection, node: yaml.Node, entry: object, problems: _Problems) -> Rule | None:
    if not isinstance(node, yaml.MappingNode) or not isinstance(entry, dict):
        problems.add(node, "a rule must be a mapping (table, column, strategy, ...)")
        return None
    items = _mapping_items(node)
    before = len(problems.items)
    for name, (key_node, _) in items.items():
        if name not in RULE_KEYS:
            problems.add(key_node, f"unknown key '{name}' (keys: {', '.join(RULE_KEYS)})")
    for name in REQUIRED_KEYS:
        if name not in entry:
            problems.add(node, f"the rule has no '{name}'")
    for name in ("table", "column", "strategy", "json_path", "sensitivity", "domain"):
        if name in entry and not isinstance(entry[name], str):
            problems.add(items[name][1], f"'{name}' must be a string")
    params = entry.get("params") or {}
    if not isinstance(params, dict):
        problems.add(items["params"][1], "'params' must be a mapping ({} for none)")
    if len(problems.items) > before:
        return None

    where = lambda name: items[name][1] if name in items else node  # noqa: E731
    qualified = _split_qualified(entry["table"])
    if qualified is None:
        problems.add(where("table"), f"'{entry['table']}' is not schema.table")
        return None
    schema, table = qualified
    column = entry["column"]
    json_path = entry.get("json_path") or ""
    sensitivity = entry.get("sensitivity", "HIGH")
    strategy = entry["strategy"]
    rule = Rule(schema, table, column, json_path, strategy, params, sensitivity, entry.get("domain") or strategy)

    exists = conn.execute("""
        SELECT c.oid IS NOT NULL,
               EXISTS (SELECT FROM pg_catalog.pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = %s AND a.attnum > 0 AND NOT a.attisdropped)
          FROM (SELECT 1) AS one
          LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = %s
          LEFT JOIN pg_catalog.pg_class c ON c.relnamespace = n.oid AND c.relname = %s
                                          AND c.relkind IN ('r', 'p', 'm', 'f')""",
                          (column, schema, table)).fetchone()
    if not exists[0]:
        problems.add(where("table"), f"unknown table {_qualified(schema, table)}")
    elif not exists[1]:
        problems.add(where("column"), f"unknown column {column} in {_qualified(schema, table)}")
    if sensitivity not in SENSITIVITIES:
        problems.add(where("sensitivity"), f"sensitivity must be one of {', '.join(SENSITIVITIES)}")
    for param, message in conn.execute("SELECT param, message FROM anon.rule_param_errors(%s, %s::jsonb)",
                                       (strategy, json.dumps(params))).fetchall():
        if param is None:
            target = where("strategy")
        else:
            target = next((k for k, _ in items["params"][1].value if getattr(k, "value", None) == param),
                          where("params")) if "params" in items else node
        problems.add(target, message)
    if json_path:
        try:
            with conn.transaction():
                conn.execute("SELECT anon.rule_json_path(%s)", (json_path,))
        except psycopg.Error as exc:
            problems.add(where("json_path"), exc.diag.message_primary or "invalid json_path")
    return rule


def import_yaml(conn: psycopg.Connection, path: Path | str, *, dry_run: bool = False) -> ImportResult:
    """Validate a rules file, compute its diff with the database and (unless dry_run) apply it.

    The file is the reviewed rule set: its rules become reviewed (origin 'imported' when
    new or changed), rules missing from it are deleted. Everything happens in one
    transaction; any problem leaves the rules as they were.
    """
    installer.require_installed(conn)
    path = Path(path)
    wanted = parse_file(conn, path)
    existing = {rule.key: rule for rule in current_rules(conn)}
    reviewed = {tuple(row[:4]): row[4] for row in conn.execute(
        "SELECT schema_name, table_name, column_name, json_path, reviewed FROM anon.rules").fetchall()}
    result = ImportResult()
    wanted_keys = set()
    for rule in wanted:
        wanted_keys.add(rule.key)
        old = existing.get(rule.key)
        if old is None:
            result.added.append(rule)
        elif any(getattr(old, name) != getattr(rule, name) for name in COMPARED):
            result.changed.append((old, rule))
        elif not reviewed[rule.key]:
            result.newly_reviewed.append(rule)
    result.removed = [rule for key, rule in existing.items() if key not in wanted_keys]
    if dry_run or result.unchanged:
        return result
    with conn.transaction():
        for rule in result.removed:
            conn.execute("""DELETE FROM anon.rules WHERE schema_name = %s AND table_name = %s
                            AND column_name = %s AND json_path = %s""", rule.key)
        for rule in result.added + [new for _, new in result.changed]:
            conn.execute("""
                INSERT INTO anon.rules AS r (schema_name, table_name, column_name, json_path, strategy, params,
                                             sensitivity, domain, origin, reviewed, reviewed_by, reviewed_at, note)
                VALUES (%s, %s, %s, %s, %s, %s::jsonb, %s, %s, 'imported', true, current_user, now(), %s)
                ON CONFLICT (schema_name, table_name, column_name, json_path) DO UPDATE
                   SET strategy = EXCLUDED.strategy, params = EXCLUDED.params, sensitivity = EXCLUDED.sensitivity,
                       domain = EXCLUDED.domain, origin = 'imported', reviewed = true,
                       reviewed_by = current_user, reviewed_at = now(), note = EXCLUDED.note""",
                         (*rule.key, rule.strategy, json.dumps(rule.params), rule.sensitivity, rule.domain,
                          f"imported from {path.name}"))
        for rule in result.newly_reviewed:
            conn.execute("""UPDATE anon.rules SET reviewed = true, reviewed_by = current_user, reviewed_at = now()
                             WHERE schema_name = %s AND table_name = %s AND column_name = %s AND json_path = %s""",
                         rule.key)
    result.applied = True
    return result
