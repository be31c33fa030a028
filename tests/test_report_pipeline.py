"""The report of real pipeline runs on the scenario's database (pgscrub.demo at scale 0.001):
the real scan, rules, masking run and validation fill the catalog, nothing is inserted by
hand. Week 1 forgets the messaging schema (the rules predate any scan of it) and is MISSED
on messaging.email_logs.recipient; week 2 scans again and masks it, with week 1 beside it.
Each report's verdict, MISSED-first order and JUnit failures must match anon.validation. Every original value of the PII columns, read before masking, must be
absent from every format of both reports.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from psycopg import sql

import support
from pgscrub import demo
from test_report import html_tables, write_all

# Whole-value kinds whose values are distinctive enough to search for in a report.
SEARCHED_KINDS = {"email", "phone", "national_id", "iban", "card_number", "person_name", "address"}
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def originals(conn) -> set[str]:
    """The original values of the demo's PII columns (and emails quoted in free text)."""
    values: set[str] = set()
    for (schema, table, column), kinds in demo.pii_columns().items():
        if not kinds & SEARCHED_KINDS:
            continue
        rows = conn.execute(sql.SQL("SELECT DISTINCT {}::text FROM {} WHERE {} IS NOT NULL").format(
            sql.Identifier(column), sql.Identifier(schema, table), sql.Identifier(column))).fetchall()
        for (value,) in rows:
            found = EMAIL.findall(value) if column in ("body", "metadata") else [value]
            # A lone word ('Marcella' as a display name) is a dictionary entry that a masked
            # value may hold by right ('Strada Marcella, 16'): not evidence of a leak.
            values.update(v for v in found if len(v) >= 8 and not v.isalpha())
    return values


def rules_run_validate(conn) -> int:
    conn.execute("SELECT anon.propose_rules()")
    conn.execute("SELECT anon.approve_rules()")
    conn.execute("CALL anon.run_all()")
    conn.execute("SELECT count(*) FROM anon.validate()")
    return conn.execute("SELECT max(run_id) FROM anon.runs").fetchone()[0]




@pytest.mark.slow
def test_reports_of_real_runs_hold_no_original_value_and_agree_with_the_catalog(db, tmp_path):
    with support.connect(db) as conn:
        demo.generate(conn, scale=0.001)
        planted = originals(conn)
        assert len(planted) > 100
        conn.execute("SELECT count(*) FROM anon.scan()")
        conn.execute("DELETE FROM anon.findings WHERE schema_name = 'messaging'")
        conn.execute("DELETE FROM anon.scanned_columns WHERE schema_name = 'messaging'")
        week1 = rules_run_validate(conn)
        conn.execute("SELECT count(*) FROM anon.scan()")  # classifies messaging again
        week2 = rules_run_validate(conn)

        reports = {week: write_all(conn, tmp_path, run) for week, run in (("week1", week1), ("week2", week2))}
        missed_in_catalog = {run: set(conn.execute(
            "SELECT schema_name, table_name, column_name FROM anon.validation "
            "WHERE run_id = %s AND status = 'MISSED'", (run,)).fetchall()) for run in (week1, week2)}
        run_status = dict(conn.execute("SELECT run_id, status FROM anon.runs").fetchall())

    for week, texts in reports.items():
        texts["html"] = texts["html"].replace("<wbr>", "")
        for ext, text in texts.items():
            leaked = sorted(value for value in planted if value in text)
            assert leaked == [], f"{len(leaked)} original values in the {week} {ext} report"

    for week, run in (("week1", week1), ("week2", week2)):
        texts = reports[week]
        document = json.loads(texts["json"])
        missed = missed_in_catalog[run]
        assert document["summary"]["verdict"] == run_status[run] == ("missed" if missed else "clean")
        columns = document["validation"]["columns"]
        assert {(c["schema"], c["table"], c["column"]) for c in columns[:len(missed)]} == missed
        assert all(c["status"] == "MISSED" for c in columns[:len(missed)])
        if missed:
            assert html_tables(texts["html"])["validation"][1][5].startswith("MISSED")
        failures = {(c.get("classname"), c.get("name")) for c in ET.fromstring(texts["xml"]).iter("testcase")
                    if c.find("failure") is not None}
        assert failures == {(f"{schema}.{table}", column) for schema, table, column in missed}

    first = json.loads(reports["week1"]["json"])
    assert ("messaging", "email_logs", "recipient") in missed_in_catalog[week1]
    # The examples come from the real run: partial before, masked after, never equal.
    email_rule = next(r for r in first["rules"] if (r["table"], r["column"]) == ("users", "email"))
    assert email_rule["examples"] and all(
        "***" in e["before"] and e["after"] != e["before"] and "***" not in e["after"]
        for e in email_rule["examples"])
    assert first["run"]["rules_sha256"] and first["run"]["rows_processed"] > 0

    second = json.loads(reports["week2"]["json"])
    assert second["validation"]["previous_run_id"] == week1
    recipient = next(c for c in second["validation"]["columns"]
                     if (c["schema"], c["table"], c["column"]) == ("messaging", "email_logs", "recipient"))
    assert recipient["status"] == "Clean" and recipient["previous"]["status"] == "MISSED"
