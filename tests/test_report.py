"""The audit report (issue 6): content, formats, escaping, no raw PII, MISSED first.

The scenario: a small fintech database and the catalog rows a real pipeline would leave in
it: two runs, the first MISSED (emails in a forgotten schema), the second clean.

Everything goes through the real database: user tables hold the original values (the ones
the report must never show), the "before" examples come from anon.partial, the masked
values replace the originals with an UPDATE, as a run does.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import jsonschema
import psycopg
import pytest
from psycopg import sql
from psycopg.types.json import Jsonb

import support
from pgscrub import report

# Original personal data planted in the user tables. No report format may contain any.
ORIGINALS = {
    "emails": ["jane.doe@gmail.com", "p.novak@seznam.cz", "olivier.martin@orange.fr"],
    "names": ["Jane Doe", "Petr Novák", "Olivier Martin"],
    "phones": ["+44 20 7946 0958", "+420 601 234 567", "+33 6 12 34 56 78"],
    "ibans": ["DE89370400440532013000", "CZ6508000000192000145399", "FR1420041010050500013M02606"],
    "national_ids": ["123-45-6789", "780512/1234", "1 80 12 75 123 456 78"],
    "forgotten_emails": ["kate.ruiz@outlook.com", "m.tanaka@yahoo.co.jp"],
}

# Hostile identifiers: the report must print them as text in every format.
HOSTILE_SCHEMA = "ops<script>alert(1)</script>"
HOSTILE_TABLE = "notes|*x*_&amp;"
HOSTILE_COLUMN = "a`b</td>\n<b>c"


def planted_values() -> list[str]:
    return [value for values in ORIGINALS.values() for value in values]


def create_user_tables(conn: psycopg.Connection) -> None:
    conn.execute("""
        CREATE TABLE public.customers (
            id bigint PRIMARY KEY, email text NOT NULL, full_name text, phone text,
            iban text, national_id text, display_name text, metadata jsonb, created_at date);
        CREATE TABLE public.support_tickets (
            id bigint PRIMARY KEY, customer_id bigint REFERENCES public.customers, body text,
            status text);
        CREATE SCHEMA archive;
        CREATE TABLE archive.email_logs (id bigint PRIMARY KEY, recipient text, sent_at timestamptz);
    """)
    o = ORIGINALS
    for i in range(3):
        conn.execute(
            "INSERT INTO public.customers VALUES (%s, %s, %s, %s, %s, %s, %s, %s, DATE '2020-01-01')",
            (i + 1, o["emails"][i], o["names"][i], o["phones"][i], o["ibans"][i],
             o["national_ids"][i], f"user{i + 1}",
             Jsonb({"contact": {"email": o["emails"][i], "phones": [o["phones"][i]]}})))
        conn.execute("INSERT INTO public.support_tickets VALUES (%s, %s, %s, 'open')",
                     (i + 1, i + 1, f"Customer {o['emails'][i]} reported that the card was declined"))
    for i, email in enumerate(o["forgotten_emails"]):
        conn.execute("INSERT INTO archive.email_logs VALUES (%s, %s, now())", (i + 1, email))
    conn.execute("""CREATE SCHEMA {s}; CREATE TABLE {s}.{t} ({c} text)""".format(
        s=_ident(HOSTILE_SCHEMA), t=_ident(HOSTILE_TABLE), c=_ident(HOSTILE_COLUMN)))


def _ident(name: str) -> str:
    return sql.Identifier(name).as_string(None)


FINDINGS = [
    # schema, table, column, detector, type, sampled, matched, sensitivity, found_in, paths, kind
    ("public", "customers", "email", "email", "text", 3, 3, "HIGH", "value", [], "email"),
    ("public", "customers", "full_name", "person_name", "text", 3, 3, "HIGH", "value", [], "person_name"),
    ("public", "customers", "phone", "phone", "text", 3, 3, "HIGH", "value", [], "phone"),
    ("public", "customers", "iban", "iban", "text", 3, 3, "HIGH", "value", [], "iban"),
    ("public", "customers", "national_id", "national_id", "text", 3, 3, "HIGH", "value", [], "national_id"),
    ("public", "customers", "metadata", "email", "jsonb", 3, 3, "HIGH", "json", ["$.contact.email"], "email"),
    ("public", "customers", "display_name", "username", "text", 3, 1, "MEDIUM", "value", [], "username"),
    ("public", "support_tickets", "body", "email", "text", 3, 1, "HIGH", "text", [], "email"),
    ("archive", "email_logs", "recipient", "email", "text", 2, 2, "HIGH", "value", [], "email"),
    (HOSTILE_SCHEMA, HOSTILE_TABLE, HOSTILE_COLUMN, "email", "text", 10, 0, "MEDIUM", "name", [], "email"),
]

RULES = [
    # column, json_path, strategy, params, domain
    ("customers", "email", "", "email", {}, "email"),
    ("customers", "full_name", "", "person_name", {}, None),
    ("customers", "phone", "", "phone", {}, None),
    ("customers", "iban", "", "iban", {"keep_country": True}, None),
    ("customers", "national_id", "", "hash", {}, None),
    ("customers", "metadata", "$.contact.email", "email", {}, "email"),
    ("customers", "display_name", "", "username", {}, None),
    ("support_tickets", "body", "", "free_text", {}, None),
    ("support_tickets", "status", "", "keep", {}, None),
]

# What the run writes instead of the originals (a stand-in for the maskers, same shape).
MASKED_SQL = {
    "email": "left(md5(email), 6) || substr(email, strpos(email, '@'))",
    "full_name": "'Person ' || id",
    "phone": "regexp_replace(phone, '[0-9]', '5', 'g')",
    "iban": "left(iban, 2) || repeat('0', length(iban) - 2)",
    "national_id": "encode(sha256(national_id::bytea), 'hex')",
    "display_name": "'nick' || id",
}


def fill_catalog(conn: psycopg.Connection) -> dict:
    """Scan, rules, run 1 (MISSED: archive.email_logs.recipient), run 2 (clean), gate, pending.

    Returns the two run ids.
    """
    for (schema, table, column, detector, ctype, sampled, matched, level, found_in, paths,
         kind) in FINDINGS:
        value_sql = "metadata->'contact'->>'email'" if found_in == "json" else (
            "substring(body from '[^ ]+@[^ ]+')" if found_in == "text" else _ident(column))
        conn.execute(sql.SQL("""
            INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type,
                   sampled, matched, confidence, sensitivity, json_paths, examples, found_in)
            SELECT %s, %s, %s, %s, %s, %s, %s, round(%s::numeric / %s, 4), %s, %s,
                   COALESCE((SELECT array_agg(anon.partial(v, %s))
                               FROM (SELECT {value} AS v FROM {table} LIMIT 2) AS s), '{{}}'),
                   %s""").format(value=sql.SQL(value_sql),
                                 table=sql.Identifier(schema, table)),
            (schema, table, column, detector, ctype, sampled, matched, matched, sampled, level,
             paths, kind, found_in))
    conn.execute("""
        INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity)
        SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
               COALESCE((SELECT min(f.sensitivity) FROM anon.findings f
                          WHERE (f.schema_name, f.table_name, f.column_name) = (n.nspname, c.relname, a.attname)),
                        'LOW')
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
           AND n.nspname NOT IN ('anon', 'pg_catalog', 'information_schema')""")
    # The scan resolves what the new-column watcher (when installed) recorded for these.
    conn.execute("""DELETE FROM anon.pending_columns p USING anon.scanned_columns s
                     WHERE (p.schema_name, p.table_name, p.column_name)
                           = (s.schema_name, s.table_name, s.column_name)""")
    for table, column, path, strategy, params, domain in RULES:
        conn.execute("""
            INSERT INTO anon.rules (schema_name, table_name, column_name, json_path, strategy, params,
                   sensitivity, domain, origin, reviewed, reviewed_by, reviewed_at)
            VALUES ('public', %s, %s, %s, %s, %s, %s, %s, 'proposed', true, 'dba_anna', now())""",
                     (table, column, path, strategy, Jsonb(params),
                      "LOW" if strategy == "keep" else "HIGH", domain))
    conn.execute("""INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, origin)
                    VALUES ('public', 'customers', 'created_at', 'date_shift', 'proposed')""")

    first = _run(conn, status="missed", rows=6, client="pgscrub pipeline")
    _mask(conn, first)
    _validate(conn, first, missed={("archive", "email_logs", "recipient"): 2})
    conn.execute("INSERT INTO anon.gate_events (event, run_id, detail) VALUES ('locked', %s, '{}'), "
                 "('alert', %s, %s)", (first, first,
                                       Jsonb({"channel": "#eng", "note": "<img src=x onerror=alert(1)>"})))
    conn.execute("INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, params, "
                 "domain, origin, reviewed, reviewed_by, reviewed_at) VALUES "
                 "('archive', 'email_logs', 'recipient', 'email', '{}', 'email', 'manual', true, "
                 "'dba_anna', now())")
    second = _run(conn, status="clean", rows=2, client="pgscrub pipeline")
    conn.execute("UPDATE archive.email_logs SET recipient = left(md5(recipient), 6) "
                 "|| substr(recipient, strpos(recipient, '@'))")
    conn.execute("""INSERT INTO anon.run_tables (run_id, schema_name, table_name, position, status,
                           rows_total, rows_done, started_at, finished_at)
                    VALUES (%s, 'archive', 'email_logs', 1, 'done', 2, 2, now(), now() + interval '0.4 s')""",
                 (second,))
    _validate(conn, second, missed={})
    conn.execute("INSERT INTO anon.gate_events (event, run_id) VALUES ('unlocked', %s)", (second,))
    conn.execute("UPDATE anon.gate SET state = 'locked', app_roles = '{app_staging}', "
                 "changed_at = now(), changed_by = 'dba_anna'")
    conn.execute("""ALTER TABLE public.customers ADD COLUMN backup_email text;
                    INSERT INTO anon.pending_columns (schema_name, table_name, column_name, column_type,
                           change, command_tag)
                    VALUES ('public', 'customers', 'backup_email', 'text', 'added', 'ALTER TABLE')
                    ON CONFLICT DO NOTHING  -- the watcher, when installed, recorded it already""")
    return {"missed": first, "clean": second}


def _run(conn: psycopg.Connection, *, status: str, rows: int, client: str) -> int:
    return conn.execute("""
        INSERT INTO anon.runs (status, rules_sha256, pgscrub_version, client, started_at,
               finished_at, steps, rows_processed)
        VALUES (%s, encode(sha256('rules'::bytea), 'hex'), '0.2.0', %s, now() - interval '95 s', now(),
                '{"validate": 12.5, "scan": 4.25, "mask": 71.0, "fingerprints": 3.5}', %s)
        RETURNING run_id""", (status, client, rows)).fetchone()[0]


def _mask(conn: psycopg.Connection, run_id: int) -> None:
    """What a run does to public.customers: examples first (partial before, masked after)."""
    # A JSON column's example as the run recorded it while this was written: anon.partial of
    # the whole document as an email, which leaves everything after the first '@' (the
    # phone) in clear. The report must withhold such a "before".
    conn.execute("""
        INSERT INTO anon.run_examples (run_id, schema_name, table_name, column_name, ordinal,
               before_partial, after_value)
        SELECT %s, 'public', 'customers', 'metadata', row_number() OVER (ORDER BY id),
               anon.partial(metadata::text, 'email'),
               jsonb_build_object('contact', jsonb_build_object(
                   'email', left(md5(email), 6) || substr(email, strpos(email, '@')),
                   'phones', jsonb_build_array(regexp_replace(phone, '[0-9]', '5', 'g'))))::text
          FROM public.customers ORDER BY id LIMIT 3""", (run_id,))
    for column, expression in MASKED_SQL.items():
        kind = {"full_name": "person_name", "display_name": "username"}.get(column, column)
        conn.execute(sql.SQL("""
            INSERT INTO anon.run_examples (run_id, schema_name, table_name, column_name, ordinal,
                   before_partial, after_value)
            SELECT %s, 'public', 'customers', %s, row_number() OVER (ORDER BY id),
                   anon.partial({col}, %s), {masked}
              FROM public.customers ORDER BY id LIMIT 3""").format(
                col=sql.Identifier(column), masked=sql.SQL(expression)),
            (run_id, column, kind))
        conn.execute(sql.SQL("UPDATE public.customers SET {col} = {masked}").format(
            col=sql.Identifier(column), masked=sql.SQL(expression)))
    conn.execute("""UPDATE public.customers SET metadata = jsonb_build_object('contact',
                        jsonb_build_object('email', email, 'phones', jsonb_build_array(phone)))""")
    conn.execute("""UPDATE public.support_tickets t SET body = replace(t.body,
                        substring(t.body from '[^ ]+@[^ ]+'), '[email]')""")
    conn.execute("""INSERT INTO anon.run_tables (run_id, schema_name, table_name, position, status,
                           rows_total, rows_done, started_at, finished_at)
                    VALUES (%s, 'public', 'customers', 1, 'done', 3, 3, now(), now() + interval '1.2 s'),
                           (%s, 'public', 'support_tickets', 2, 'done', 3, 3, now(), now() + interval '0.3 s')""",
                 (run_id, run_id))


def _validate(conn: psycopg.Connection, run_id: int, missed: dict) -> None:
    """One validation row per column of every user table, as anon.validate() writes them."""
    conn.execute("ANALYZE")
    conn.execute("""
        INSERT INTO anon.validation (run_id, schema_name, table_name, column_name, rows_checked,
               real_pii_remaining, status, reason)
        SELECT %s, n.nspname, c.relname, a.attname, c.reltuples::bigint, 0, 'Clean', NULL
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
          JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
           AND n.nspname NOT IN ('anon', 'pg_catalog', 'information_schema')""", (run_id,))
    for (schema, table, column), remaining in missed.items():
        conn.execute("""UPDATE anon.validation SET status = 'MISSED', real_pii_remaining = %s,
                               reason = 'original emails found, no rule covers this column'
                         WHERE (run_id, schema_name, table_name, column_name) = (%s, %s, %s, %s)""",
                     (remaining, run_id, schema, table, column))


# ---- tests -------------------------------------------------------------------------------

SCHEMA = json.loads((support.REPO / "docs" / "report-schema.json").read_text(encoding="utf-8"))
FORMATS = ("html", "md", "json")


@pytest.fixture
def scenario(conn):
    create_user_tables(conn)
    return fill_catalog(conn)


def write_all(conn, tmp_path, run) -> dict[str, str]:
    """Every format of one run's report: {"html": text, "md": ..., "json": ..., "xml": ...}."""
    texts = {}
    for ext in FORMATS:
        path = tmp_path / f"run-{run}.{ext}"
        report.write(conn, path, run=run, junit=tmp_path / f"run-{run}.xml")
        texts[ext] = path.read_text(encoding="utf-8")
    texts["xml"] = (tmp_path / f"run-{run}.xml").read_text(encoding="utf-8")
    return texts


class Cells(HTMLParser):
    """The text of every cell of the HTML tables, by table id."""

    def __init__(self):
        super().__init__()
        self.ordered: list[tuple[str | None, list[list[str]]]] = []
        self.table = self.row = self.cell = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.table = []
            self.ordered.append((dict(attrs).get("id"), self.table))
        elif tag == "tr" and self.table is not None:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.table.append(self.row)
            self.row = None
        elif tag == "table":
            self.table = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def html_tables(text: str) -> dict[str, list[list[str]]]:
    return dict(all_tables(text))


def all_tables(text: str) -> list[tuple[str | None, list[list[str]]]]:
    parser = Cells()
    parser.feed(text)
    return parser.ordered


def md_table(text: str, header: str) -> list[list[str]]:
    """Rows of the Markdown table whose header line starts with `header`, split on unescaped |."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def test_view_shows_missed_first_and_the_previous_run_beside(scenario, conn):
    with conn.transaction():
        conn.execute("SET LOCAL anon.report_run = %s" % scenario["missed"])
        first = conn.execute("SELECT schema_name, table_name, column_name, status, real_pii_remaining, "
                             "previous_run_id FROM anon.report").fetchall()
    assert first[0] == ("archive", "email_logs", "recipient", "MISSED", 2, None)
    assert all(row[3] == "Clean" for row in first[1:])
    latest = conn.execute("SELECT run_id, schema_name, table_name, column_name, status, previous_status, "
                          "previous_real_pii_remaining, previous_run_id, strategies FROM anon.report "
                          "WHERE column_name = 'recipient'").fetchone()
    assert latest == (scenario["clean"], "archive", "email_logs", "recipient", "Clean", "MISSED", 2,
                      scenario["missed"], ["email"])


def test_view_reports_ruled_columns_the_run_did_not_validate(scenario, conn):
    conn.execute("DELETE FROM anon.validation WHERE run_id = %s AND column_name IN ('email', 'phone')",
                 (scenario["clean"],))
    rows = conn.execute("SELECT table_name, column_name, status FROM anon.report").fetchall()
    assert rows[:2] == [("customers", "email", None), ("customers", "phone", None)]


def test_every_format_for_both_runs_and_json_matches_the_documented_schema(scenario, conn, tmp_path):
    validator = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    for name, run in scenario.items():
        texts = write_all(conn, tmp_path, run)
        document = json.loads(texts["json"])
        validator.validate(document)
        assert document["run"]["run_id"] == run
        assert document["summary"]["verdict"] == name
        assert document["run"]["rules_sha256"] == document["run"]["rules_sha256"].lower() != ""
        assert [s["name"] for s in document["run"]["steps"]] == ["scan", "fingerprints", "mask", "validate"]
        high = next(g for g in document["findings"]["groups"] if g["sensitivity"] == "HIGH")
        assert {"schema": "public", "table": "support_tickets", "column": "body"}.items() <= next(
            f for f in high["findings"] if f["column"] == "body").items()
        email_rule = next(r for r in document["rules"] if r["column"] == "email" and r["table"] == "customers")
        if name == "missed":
            assert [e["before"] for e in email_rule["examples"]] == [
                "j***@gmail.com", "p***@seznam.cz", "o***@orange.fr"]
            assert all(re.fullmatch(r"[0-9a-f]{6}@[a-z.]+", e["after"]) for e in email_rule["examples"])
        assert document["gate"]["pending_columns"][0]["column"] == "backup_email"
        assert len(document["validation"]["columns"]) == support.scalar(
            conn, "SELECT count(*) FROM anon.validation WHERE run_id = %s", (run,))

        suite = ET.fromstring(texts["xml"]).find("testsuite")
        cases = suite.findall("testcase")
        assert len(cases) == len(document["validation"]["columns"]) == int(suite.get("tests"))
        failed = [(c.get("classname"), c.get("name")) for c in cases if c.find("failure") is not None]
        assert failed == ([("archive.email_logs", "recipient")] if name == "missed" else [])
        assert int(suite.get("failures")) == len(failed)


def test_no_original_value_appears_in_any_format(scenario, conn, tmp_path):
    originals = planted_values()
    # Distinctive parts too: an email's local part, a name's words, an IBAN's digits.
    parts = [value.split("@")[0] for value in ORIGINALS["emails"] + ORIGINALS["forgotten_emails"]]
    parts += [word for name in ORIGINALS["names"] for word in name.split()]
    parts += [iban[4:] for iban in ORIGINALS["ibans"]]
    parts += [re.sub(r"\D", "", phone)[-7:] for phone in ORIGINALS["phones"]]
    # The first run's report holds examples taken from these very rows: not vacuous.
    assert support.scalar(conn, "SELECT count(*) FROM anon.run_examples") == 21
    for name, run in scenario.items():
        texts = write_all(conn, tmp_path, run)
        texts["html"] = texts["html"].replace("<wbr>", "")  # a line-break hint could split a value
        for ext, text in texts.items():
            for value in originals + parts:
                assert value not in text, f"{value!r} leaked into the {ext} report of run {name}"
        if name == "missed":
            for ext in ("html", "md", "json"):
                assert "j***@gmail.com" in texts[ext].replace("\\*", "*"), ext


def test_failing_run_lists_missed_columns_first_in_every_format(scenario, conn, tmp_path):
    texts = write_all(conn, tmp_path, scenario["missed"])
    tables = html_tables(texts["html"])
    assert texts["html"].index('id="missed"') < texts["html"].index('id="run"')
    assert tables["missed-columns"][1][0] == "archive.email_logs.recipient"
    assert tables["validation"][1][0] == "archive.email_logs.recipient"
    assert tables["validation"][1][5].startswith("MISSED")
    assert 'class="verdict verdict-missed"' in texts["html"]

    md = texts["md"]
    assert md.index("## Columns where real personal data remains") < md.index("## Run")
    validation = md_table(md, "| Column | Found | Rule | Rows checked")
    assert validation[0][0] == "`archive.email_logs.recipient`" and validation[0][5].startswith("**MISSED**")
    assert all("MISSED" not in row[5] for row in validation[1:])

    document = json.loads(texts["json"])
    assert document["validation"]["columns"][0]["status"] == "MISSED"
    assert ET.fromstring(texts["xml"]).find("testsuite").findall("testcase")[0].find("failure").get("type") == "MISSED"

    clean = write_all(conn, tmp_path, scenario["clean"])
    assert 'id="missed"' not in clean["html"] and "verdict-clean" in clean["html"]
    assert "## Columns where real personal data remains" not in clean["md"]
    recipient = next(row for row in html_tables(clean["html"])["validation"]
                     if row[0] == "archive.email_logs.recipient")
    assert recipient[5] == "Clean" and recipient[6] == "MISSED (2)"  # previous run beside


def test_names_from_the_database_are_escaped_in_every_format(scenario, conn, tmp_path):
    texts = write_all(conn, tmp_path, scenario["missed"])
    hostile = f"{HOSTILE_SCHEMA}.{HOSTILE_TABLE}.{HOSTILE_COLUMN}"
    html = texts["html"]
    assert "<script" not in html.lower() and "<img" not in html.lower() and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x" in html
    row = next(r for r in html_tables(html)["validation"] if r[0].startswith("ops<script>"))
    assert row[0] == hostile and len(row) == 7

    md = texts["md"]
    outside_code = re.sub(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", "", md)  # code spans show text as is
    assert re.findall(r"(?<!\\)<(?:script|img|b>)", outside_code) == []  # no live HTML tag
    assert "\\<img src=x onerror=alert(1)\\>" in md
    validation = md_table(md, "| Column | Found | Rule | Rows checked")
    assert all(len(r) == 7 for r in validation)
    medium = md_table(md, "| Table.Column | Type | Pattern | Confidence")
    assert all(len(r) == 4 for r in medium)
    assert "\n<b>c" not in md  # the newline in the name does not break the table

    suite = ET.fromstring(texts["xml"]).find("testsuite")
    case = next(c for c in suite.findall("testcase") if c.get("classname").startswith("ops<"))
    assert (case.get("classname"), case.get("name")) == (f"{HOSTILE_SCHEMA}.{HOSTILE_TABLE}", HOSTILE_COLUMN)

    document = json.loads(texts["json"])
    assert any((c["schema"], c["table"], c["column"]) == (HOSTILE_SCHEMA, HOSTILE_TABLE, HOSTILE_COLUMN)
               for c in document["validation"]["columns"])


def test_cli_writes_the_report_and_exits_1_on_a_missed_run(scenario, db, tmp_path):
    out = tmp_path / "missed.html"
    junit = tmp_path / "missed.xml"
    result = support.cli("report", "--run", str(scenario["missed"]), "-o", str(out), "--junit", str(junit), dsn=db)
    assert result.returncode == 1, result.stderr
    assert "missed" in result.stdout and out.exists() and junit.exists()
    result = support.cli("report", "-o", str(tmp_path / "latest.md"), dsn=db)
    assert result.returncode == 0, result.stderr
    assert f"run {scenario['clean']}: clean" in result.stdout


@pytest.mark.parametrize("args, message", [
    (["--run", "999", "-o", "x.html"], "there is no run 999"),
    (["--run", "last", "-o", "x.html"], "--run must be 'latest' or a run id"),
    (["-o", "x.pdf"], "cannot tell the report format"),
    ([], "nothing to write"),
])
def test_cli_refuses_bad_input_with_a_clear_message(scenario, db, tmp_path, args, message):
    result = support.cli("report", *args, dsn=db, cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and list(tmp_path.iterdir()) == []


def test_no_run_yet_and_not_installed_are_explained(db, empty_db, tmp_path):
    result = support.cli("report", "-o", str(tmp_path / "r.html"), dsn=db)
    assert result.returncode == 2 and "no run is recorded" in result.stderr
    assert "hint: run pgscrub pipeline" in result.stderr
    result = support.cli("report", "-o", str(tmp_path / "r.html"), dsn=empty_db)
    assert result.returncode == 2 and "pgscrub is not installed" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_unvalidated_run_is_not_reported_clean(conn, tmp_path):
    create_user_tables(conn)
    conn.execute("INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, "
                 "sampled, matched, confidence, sensitivity) "
                 "VALUES ('public', 'customers', 'email', 'email', 'text', 3, 3, 1, 'HIGH')")
    run = _run(conn, status="masked", rows=3, client="psql")
    summary = report.write(conn, tmp_path / "r.json", junit=tmp_path / "r.xml")
    assert summary["verdict"] == "not_validated" and summary["run_id"] == run
    failure = ET.parse(tmp_path / "r.xml").getroot().find("testsuite/testcase/failure")
    assert failure.get("type") == "NOT_VALIDATED"


def test_write_inside_a_callers_transaction_leaves_it_usable(scenario, db, tmp_path):
    with support.connect(db, autocommit=False) as conn:
        conn.execute("SELECT 1")  # the caller's transaction is open
        summary = report.write(conn, tmp_path / "r.json", run=scenario["missed"])
        assert summary["verdict"] == "missed"
        assert conn.execute("SELECT current_setting('anon.report_run', true)").fetchone()[0] == ""
        conn.execute("CREATE TABLE public.after_report (id int)")  # still writable
        conn.rollback()


def test_markdown_renders_to_the_same_tables_as_the_html(scenario, conn, tmp_path):
    """A real Markdown parser (GFM tables, inline HTML allowed as on GitHub) sees the same cells."""
    from markdown_it import MarkdownIt

    texts = write_all(conn, tmp_path, scenario["missed"])
    rendered = MarkdownIt("commonmark").enable("table").render(texts["md"])
    assert re.findall(r"<(?:script|img|b)\b", rendered) == []

    def words(rows):
        return [[" ".join(cell.split()) for cell in row] for row in rows]

    from_md = [words(rows) for _, rows in all_tables(rendered)]  # markdown-it gives no ids
    from_html = html_tables(texts["html"])
    for table_id in ("missed-columns", "findings-high", "findings-medium", "rules", "validation",
                     "gate-pending", "gate-events"):
        assert words(from_html[table_id]) in from_md, table_id


def test_failed_run_says_so_with_its_error_and_fails_in_junit(conn, tmp_path):
    create_user_tables(conn)
    run = _run(conn, status="failed", rows=1, client="pgscrub run")
    conn.execute("UPDATE anon.runs SET error = 'public.customers: rule 4 (iban) output too long for "
                 "varchar(20), key id=2' WHERE run_id = %s", (run,))
    conn.execute("INSERT INTO anon.run_tables (run_id, schema_name, table_name, position, status, rows_total, "
                 "rows_done, error) VALUES (%s, 'public', 'customers', 1, 'failed', 3, 1, 'key id=2')", (run,))
    summary = report.write(conn, tmp_path / "r.html", junit=tmp_path / "r.xml")
    assert summary["verdict"] == "failed"
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'verdict-failed' in html and "output too long for varchar(20), key id=2" in html
    assert html_tables(html)["run-tables"][1][1].startswith("failed")
    suite = ET.parse(tmp_path / "r.xml").getroot().find("testsuite")
    assert suite.get("failures") == "1" and suite.find("testcase/failure") is not None


def test_pending_columns_of_dropped_tables_are_not_reported_unresolved(scenario, conn, tmp_path):
    conn.execute("""INSERT INTO anon.pending_columns (schema_name, table_name, column_name, column_type,
                           change, command_tag)
                    VALUES ('public', 'gone_table', 'email', 'text', 'added', 'CREATE TABLE'),
                           ('public', 'customers', 'dropped_col', 'text', 'added', 'ALTER TABLE')""")
    summary = report.write(conn, tmp_path / "r.json")
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert [c["column"] for c in document["gate"]["pending_columns"]] == ["backup_email"]
    assert summary["pending_columns"] == 1
