"""Attack: SQL injection through masking parameters (PostgreSQL Anonymizer had several:
masking functions and their arguments pasted into dynamic SQL). Every parameter of every
strategy in anon.rule_strategies(), imported from a YAML file with hostile strings, is
either refused with an error naming the file and line, or kept as data: the masking
expression runs, and nothing else happens."""

from __future__ import annotations

import psycopg
import pytest
import yaml

from pgscrub import rules
from pgscrub.errors import PgscrubError

HOSTILE = [
    "'", '"', "x'); DROP TABLE public.canary; --", "'||(SELECT pg_sleep(0))||'",
    "$$; DROP TABLE public.canary; $$", "$_$ DROP TABLE public.canary $_$", "\\", "\\'; DROP TABLE public.canary; --",
    "%I %s %L %1$s %%", "\x01\x07\x1b[2J\x7f", "ünï©ødé 🙂 \u202e", "x" * 100_000, "\x00",
    "E'\\x27'", ":'evil' :\"evil\"", "*/ DROP TABLE public.canary; /*",
]

# A column of each input type the strategies take.
COLUMNS = {"text": "c_text", "any": "c_text", "date": "c_date", "inet": "c_inet", "json": "c_json",
           "jsonb": "c_json", "array": "c_array", "text[]": "c_array"}


@pytest.fixture
def victim(conn):
    conn.execute("""
        CREATE TABLE public.canary (id int);
        CREATE TABLE public.victim (id int PRIMARY KEY, c_text text, c_date date, c_inet inet,
                                    c_json jsonb, c_array text[]);
        INSERT INTO public.victim VALUES
            (1, 'Jane Doe jane@example.com +44 20 7946 0958', '1980-05-17', '203.0.113.7',
             '{"email": "jane@example.com", "note": "call +44 20 7946 0958"}', '{jane@example.com}'),
            (2, NULL, NULL, NULL, NULL, NULL)""")
    return conn


def _strategies(conn):
    return conn.execute("SELECT strategy, input, params FROM anon.rule_strategies() ORDER BY 1").fetchall()


def _hostile_params(spec: dict):
    """For each parameter, each hostile string in place of its value (and as a key/element)."""
    for name, meta in spec.items():
        for text in HOSTILE:
            yield name, {name: text}
            if meta.get("type") == "object":
                yield name, {name: {text: text}}
            if meta.get("type") == "array":
                yield name, {name: [text]}
    yield "(unknown)", {HOSTILE[2]: "x"}


def _write(path, column, strategy, params):
    path.write_text("# hostile\nversion: 1\nrules:\n" + yaml.safe_dump(
        [{"table": "public.victim", "column": column, "strategy": strategy, "params": params}],
        allow_unicode=False, width=1 << 20), encoding="utf-8")


def test_hostile_parameters_of_every_strategy_are_refused_at_a_line_or_kept_as_data(victim, tmp_path):
    conn = victim
    path = tmp_path / "rules.yaml"
    accepted = refused = 0
    for strategy, input_type, spec in _strategies(conn):
        column = COLUMNS.get(input_type, "c_text")
        for name, params in _hostile_params(spec):
            _write(path, column, strategy, params)
            try:
                rules.import_yaml(conn, path)
            except PgscrubError as exc:
                refused += 1
                assert f"{path}:" in exc.message, (strategy, name, exc.message)
                assert exc.message.count("\n") < 5 and len(exc.message) < 2000, "the error must stay readable"
                continue
            accepted += 1
            stored = conn.execute("SELECT params FROM anon.rules WHERE column_name = %s", (column,)).fetchone()[0]
            assert stored == params, (strategy, name)   # kept as data, byte for byte
            expression = conn.execute(
                "SELECT anon.column_expression('public', 'victim', %s, %s)", (column, f"t.{column}")).fetchone()[0]
            try:
                with conn.transaction():
                    conn.execute(f"SELECT {expression} FROM public.victim t").fetchall()
                    raise _Rollback
            except _Rollback:
                pass
            except psycopg.errors.DataError:
                pass   # e.g. a hostile constant that is not a valid value of the column type: data, refused
            assert conn.execute("SELECT to_regclass('public.canary') IS NOT NULL").fetchone()[0], (strategy, name)
    assert refused > 0 and accepted > 0
    assert conn.execute("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%%pg_sleep%%'"
                        "   AND pid <> pg_backend_pid()").fetchone()[0] == 0


class _Rollback(Exception):
    pass


def test_a_hostile_constant_is_written_as_data_by_both_run_modes(victim, tmp_path):
    conn = victim
    value = "x'); DROP TABLE public.canary; -- $$ \\ %I %s"
    path = tmp_path / "rules.yaml"
    conn.execute("SELECT anon.scan()")
    _write(path, "c_text", "constant", {"value": value})
    rules.import_yaml(conn, path)
    for mode in ("batched", "rewrite"):
        conn.execute("UPDATE anon.rules SET reviewed = true")
        conn.execute("CALL anon.run_all(%s, 7)", (mode,))
        assert conn.execute("SELECT c_text FROM public.victim WHERE id = 1").fetchone()[0] == value
        assert conn.execute("SELECT to_regclass('public.canary') IS NOT NULL").fetchone()[0]
        conn.execute("UPDATE public.victim SET c_text = 'Jane Doe' WHERE id = 1")
        conn.execute("DELETE FROM anon.run_tables")   # forget the run so that the second mode masks again
        conn.execute("DELETE FROM anon.runs")


def test_an_unquoted_injection_in_the_table_or_column_name_is_refused(victim, tmp_path):
    path = tmp_path / "rules.yaml"
    for table, column in (("public.victim; DROP TABLE public.canary", "c_text"),
                          ("public.victim", "c_text; DROP TABLE public.canary"),
                          ('public."victim"" ; DROP TABLE public.canary; --"', "c_text")):
        path.write_text(yaml.safe_dump({"version": 1, "rules": [
            {"table": table, "column": column, "strategy": "hash"}]}), encoding="utf-8")
        with pytest.raises(PgscrubError, match=str(path)):
            rules.import_yaml(victim, path)
    assert victim.execute("SELECT to_regclass('public.canary') IS NOT NULL").fetchone()[0]
