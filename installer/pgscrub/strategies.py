"""The masking strategy proposed for each PII kind, read from the one place that defines it:
the SQL function anon.rule_default_strategy (sql/functions/rule_default_strategy.sql), which
propose_rules and the JSON masker use. `pgscrub lint` works without a database, so it reads
the mapping from the shipped SQL file instead of keeping a copy that could drift
(tests/test_lint.py checks the parse against the installed function)."""

from __future__ import annotations

import re
from functools import cache

from pgscrub import sqlsource
from pgscrub.errors import PgscrubError

SOURCE = ("functions", "rule_default_strategy.sql")
_WHEN = re.compile(r"^\s*WHEN '([a-z_]+)' THEN '([a-z_]+)'\s*$", re.MULTILINE)
_ELSE = re.compile(r"^\s*ELSE '([a-z_]+)'\s*$", re.MULTILINE)


@cache
def _mapping() -> tuple[dict[str, str], str]:
    path = sqlsource.sql_root().joinpath(*SOURCE)
    text = path.read_text(encoding="utf-8")
    fallback = _ELSE.search(text)
    if not _WHEN.search(text) or fallback is None:
        raise PgscrubError(f"cannot read the kind -> strategy mapping from {path}",
                           "this is a bug in pgscrub: reinstall it")
    return dict(_WHEN.findall(text)), fallback.group(1)


def strategy_for_kind(kind: str) -> str:
    """What anon.rule_default_strategy(kind) returns."""
    mapping, fallback = _mapping()
    return mapping.get(kind, fallback)


def suggested_strategies() -> set[str]:
    """Every strategy strategy_for_kind can return."""
    mapping, fallback = _mapping()
    return set(mapping.values()) | {fallback}
