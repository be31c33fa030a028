"""Attack: SQL injection through schema, table and column names (PostgreSQL Anonymizer's
masking rules were pasted into dynamic SQL). Names with quotes, semicolons, comments,
spaces and unicode go through the whole pipeline (scan, rules, run, validate, report)
and are masked, while the statements they spell never run."""

from __future__ import annotations

import json

import psycopg
import pytest
from psycopg import sql

import support

SCHEMA = 'x"; DROP TABLE public.canary; --'
TABLE = "o'brien \"tbl\"; DROP TABLE public.canary; -- ünï"
EMAIL = 'e-mail"); DROP TABLE public.canary; --'
PHONE = "tél 📞 $$ %I %s \\"
NAME = "Full Name'); DELETE FROM public.canary; --"


@pytest.fixture
def hostile(conn):
    conn.execute("CREATE TABLE public.canary (id int); INSERT INTO public.canary VALUES (1)")
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(SCHEMA)))
    conn.execute(sql.SQL("CREATE TABLE {}.{} (id int PRIMARY KEY, {} text, {} text, {} text)").format(
        sql.Identifier(SCHEMA), sql.Identifier(TABLE), sql.Identifier(EMAIL), sql.Identifier(PHONE),
        sql.Identifier(NAME)))
    conn.execute(sql.SQL("""
        INSERT INTO {}.{} SELECT g, 'person' || g || '@example.com', '+44 20 7946 ' || lpad(g::text, 4, '0'),
                                 (ARRAY['Jane Doe', 'John Smith', 'Maria Garcia'])[g % 3 + 1]
          FROM generate_series(1, 30) g""").format(sql.Identifier(SCHEMA), sql.Identifier(TABLE)))
    return conn


def _canary_alive(conn) -> bool:
    return conn.execute("SELECT count(*) FROM public.canary").fetchone()[0] == 1


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_hostile_names_go_through_scan_rules_run_validate_report(hostile, db, mode, tmp_path):
    conn = hostile
    findings = {row[0] for row in conn.execute(
        "SELECT column_name FROM anon.scan() WHERE schema_name = %s AND table_name = %s", (SCHEMA, TABLE))}
    assert {EMAIL, PHONE} <= findings
    conn.execute("SELECT anon.propose_rules()")
    exported = support.cli("rules", "export", dsn=db)
    assert exported.returncode == 0, exported.stderr
    rules_file = tmp_path / "rules.yaml"
    rules_file.write_text(exported.stdout, encoding="utf-8")
    imported = support.cli("rules", "import", str(rules_file), dsn=db)   # the export reads back
    assert imported.returncode == 0, imported.stdout + imported.stderr
    dry = support.cli("run", "--dry-run", "--mode", mode, dsn=db)
    assert dry.returncode == 0, dry.stdout + dry.stderr
    run = support.cli("run", "--mode", mode, dsn=db)
    assert run.returncode == 0, run.stdout + run.stderr
    validated = support.cli("validate", dsn=db)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    report = tmp_path / "report.json"
    written = support.cli("report", "-o", str(report), dsn=db)
    assert written.returncode == 0, written.stdout + written.stderr
    assert "o'brien" in json.dumps(json.loads(report.read_text()), ensure_ascii=False)   # as written by %I
    assert _canary_alive(conn)
    leftovers = conn.execute(sql.SQL("SELECT count(*) FROM {}.{} WHERE {} LIKE 'person%'"
                                     " OR {} = '+44 20 7946 ' || lpad(id::text, 4, '0')").format(
        sql.Identifier(SCHEMA), sql.Identifier(TABLE), sql.Identifier(EMAIL), sql.Identifier(PHONE))).fetchone()[0]
    assert leftovers == 0
    assert conn.execute("SELECT status FROM anon.runs").fetchone()[0] == "clean"


def test_the_pipeline_masks_hostile_names_and_runs_nothing_they_spell(hostile, db, tmp_path):
    result = support.cli("pipeline", "--auto-approve", "--report", str(tmp_path / "r.html"), dsn=db)
    assert result.returncode == 0, result.stdout + result.stderr
    with psycopg.connect(db, autocommit=True) as check:
        assert _canary_alive(check)
