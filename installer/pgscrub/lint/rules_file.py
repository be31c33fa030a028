"""Read the rules YAML that `pgscrub rules export` writes (format: docs/internals.md,
"Rules as YAML"), keeping each rule's line so lint can point at it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pglast.keywords import COL_NAME_KEYWORDS, RESERVED_KEYWORDS, TYPE_FUNC_NAME_KEYWORDS

from pgscrub.errors import PgscrubError

REQUIRED_KEYS = ("table", "column", "strategy")
OPTIONAL_KEYS = ("json_path", "params", "sensitivity", "domain")
_IDENT = re.compile(r'"((?:[^"]|"")*)"|([^."]+)')


@dataclass(frozen=True)
class Rule:
    schema: str
    table: str
    column: str
    strategy: str
    line: int
    entry: dict = field(compare=False, hash=False)   # the rule as written, for suggestions

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.schema, self.table, self.column)


@dataclass
class RuleSet:
    path: Path | None
    rules: list[Rule]

    def for_column(self, key: tuple[str, str, str]) -> list[Rule]:
        return [rule for rule in self.rules if rule.key == key]


def quote_ident(name: str) -> str:
    """Quote like PostgreSQL's quote_ident: only when needed."""
    if re.fullmatch(r"[a-z_][a-z0-9_]*", name) and name not in (
            RESERVED_KEYWORDS | TYPE_FUNC_NAME_KEYWORDS | COL_NAME_KEYWORDS):
        return name
    return '"' + name.replace('"', '""') + '"'


def qualified_name(schema: str, table: str) -> str:
    return f"{quote_ident(schema)}.{quote_ident(table)}"


def split_qualified(text: str) -> tuple[str, str]:
    """'public.users' or 'public."User Accounts"' -> (schema, table); unqualified -> public.

    Unquoted parts fold to lower case, as PostgreSQL reads them.
    """
    parts, pos = [], 0
    while pos < len(text):
        match = _IDENT.match(text, pos)
        if not match:
            raise ValueError(f"cannot read {text!r} as schema.table")
        parts.append(match[1].replace('""', '"') if match[1] is not None else match[2].strip().lower())
        pos = match.end()
        if pos < len(text):
            if text[pos] != ".":
                raise ValueError(f"cannot read {text!r} as schema.table")
            pos += 1
    if len(parts) == 1:
        return ("public", parts[0])
    if len(parts) != 2:
        raise ValueError(f"cannot read {text!r} as schema.table")
    return (parts[0], parts[1])


class _LineLoader(yaml.SafeLoader):
    """Safe YAML loader that remembers the line of every mapping."""


def _mapping_with_line(loader, node):
    mapping = loader.construct_mapping(node, deep=True)
    return _Lined(mapping, line=node.start_mark.line + 1)


class _Lined(dict):
    def __init__(self, mapping, line):
        super().__init__(mapping)
        self.line = line


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load(path: Path) -> RuleSet:
    """Parse and check a rules file; every mistake is an error naming the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PgscrubError(f"cannot read the rules file {path}: {exc.strerror}",
                           "write it with: pgscrub rules export > anon-rules.yaml") from None
    except UnicodeDecodeError:
        raise PgscrubError(f"{path}: not UTF-8", "pgscrub rules export writes UTF-8") from None
    try:
        document = yaml.load(text, Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise PgscrubError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})",
                           "compare with the format in docs/internals.md") from None

    def bad(line, message):
        return PgscrubError(f"{path}:{line}: {message}",
                            "rules files follow the format of `pgscrub rules export` (docs/internals.md)")

    if not isinstance(document, dict) or "rules" not in document or "version" not in document:
        raise bad(1, "expected the keys `version` and `rules` at the top")
    if document["version"] != 1:
        raise bad(document.line, f"unsupported version {document['version']!r} (this pgscrub reads version 1)")
    if not isinstance(document["rules"], list):
        raise bad(document.line, "`rules` must be a list")
    rules = []
    for entry in document["rules"]:
        line = getattr(entry, "line", document.line)
        if not isinstance(entry, dict):
            raise bad(line, "each rule must be a mapping with table, column and strategy")
        missing = [key for key in REQUIRED_KEYS if not entry.get(key)]
        if missing:
            raise bad(line, f"rule without {', '.join(missing)}")
        unknown = sorted(set(entry) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
        if unknown:
            raise bad(line, f"unknown key {', '.join(unknown)}")
        try:
            schema, table = split_qualified(str(entry["table"]))
        except ValueError as exc:
            raise bad(line, str(exc)) from None
        rules.append(Rule(schema, table, str(entry["column"]), str(entry["strategy"]), line,
                          _plain(entry)))
    return RuleSet(path, rules)


def _plain(value):
    """Plain dicts and lists again (yaml.safe_dump refuses dict subclasses)."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def no_rules() -> RuleSet:
    return RuleSet(None, [])


def to_yaml(entries: list[dict]) -> str:
    """Rule entries as lines to paste under `rules:` (indented like the export)."""
    text = yaml.safe_dump(entries, sort_keys=False, default_flow_style=False, allow_unicode=True)
    return "".join("  " + line if line.strip() else line for line in text.splitlines(keepends=True))
