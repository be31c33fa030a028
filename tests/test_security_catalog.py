"""Attack: a function or operator planted in `public` (or anywhere on the caller's
search_path) that an anon routine resolves by name, and definer rights nobody reviewed.

Every anon routine is immune to search_path when it pins `search_path = ''` in proconfig,
or has a SQL-standard body (bound at CREATE time, like a view), or is one of the
COMMITting procedures (which cannot have SET and qualify every name by hand)."""

from __future__ import annotations

import re

import support

# Procedures that COMMIT cannot carry SET search_path; they qualify everything by hand.
COMMITTING_PROCEDURES = {"run_all", "run_fail", "run_finish", "run_table"}

# Reviewed SECURITY DEFINER functions; each file says why in a comment.
SECURITY_DEFINER = {"watch_new_columns"}


def _routines(conn):
    return conn.execute("""
        SELECT p.proname, p.prokind, p.prosecdef, p.proconfig, p.prosqlbody IS NOT NULL
          FROM pg_proc p
         WHERE p.pronamespace = 'anon'::regnamespace
           AND NOT EXISTS (SELECT FROM pg_depend d   -- pgcrypto, when pgscrub created it in anon
                            WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
         ORDER BY 1""").fetchall()


def test_every_anon_routine_pins_search_path_or_is_bound_at_create_time(conn):
    unpinned = []
    committing = set()
    for name, kind, _definer, config, sql_body in _routines(conn):
        pinned = 'search_path=""' in (config or [])
        if kind == "p" and not config and name in COMMITTING_PROCEDURES:
            committing.add(name)
        elif not (pinned or sql_body):
            unpinned.append(name)
    assert unpinned == [], "routines resolving names through the caller's search_path"
    assert committing == COMMITTING_PROCEDURES


def test_committing_procedures_qualify_every_call(conn):
    """Without SET search_path, an unqualified call in a procedure body would find a
    planted public function first: every call must name its schema."""
    bodies = dict(conn.execute("""
        SELECT p.proname, p.prosrc FROM pg_proc p
         WHERE p.pronamespace = 'anon'::regnamespace AND p.prokind = 'p'""").fetchall())
    keywords = {"if", "and", "or", "not", "in", "exists", "coalesce", "values", "when", "then",
                "returning", "loop", "call", "perform", "select", "from", "where", "into", "set",
                "using", "exit", "raise", "exception", "begin", "end", "elsif", "case", "else",
                "for", "while", "on", "as", "is", "null", "return", "greatest", "least", "nullif",
                "array", "row", "update", "insert", "delete", "execute", "format", "any", "all",
                "over", "by", "with", "distinct", "between", "like", "declare", "filter", "over"}
    for name in COMMITTING_PROCEDURES:
        body = re.sub(r"--[^\n]*|'(?:[^']|'')*'|\bAS\s+\w+\s*\(", "", bodies[name], flags=re.I)
        unqualified = {m.group(1) for m in re.finditer(r"(?<![.\w\"])([a-z_][a-z0-9_]*)\s*\(", body, re.I)
                       if m.group(1).lower() not in keywords}
        assert unqualified == set(), f"anon.{name} calls {unqualified} without a schema"


def test_security_definer_functions_are_exactly_the_reviewed_ones(conn):
    definers = {name for name, _kind, definer, _config, _body in _routines(conn) if definer}
    assert definers == SECURITY_DEFINER, "a new SECURITY DEFINER function needs a review and a why"
    for name in definers:
        source = next(support.REPO.joinpath("sql").rglob(f"{name}.sql")).read_text()
        assert re.search(r"--\s*SECURITY DEFINER:", source), f"{name}.sql must say why it is a definer"


def test_no_anon_routine_is_security_definer_in_the_source_without_a_why():
    for path in support.REPO.joinpath("sql").rglob("*.sql"):
        if path.parent.name == "tests" or path.parent.name == "releases":
            continue
        text = path.read_text()
        if re.search(r"^\s*SECURITY DEFINER\s*$", text, re.M):
            assert re.search(r"--\s*SECURITY DEFINER:", text), f"{path.name} lacks its why"
