"""Validation end to end through the CLI and NOTIFY, on data masked by hand (as the run does):
exit codes, JSON, no raw PII in the output, alerts, refusals, default-deny, and PII tokens
inside free text and JSON (those wait on the scan work's anon.pii_tokens / value_kinds)."""

from __future__ import annotations

import json
import select

import psycopg
from psycopg import sql
import pytest

import support
from pgscrub.locks import RUN_LOCK
from test_run import add_rule

ORIGINAL = "customer7@mail.example"

SHOP = """
CREATE SCHEMA shop;
CREATE TABLE shop.customers (id int PRIMARY KEY, email text NOT NULL, phone text, first_name text,
                             bio text, meta jsonb);
INSERT INTO shop.customers
SELECT i, format('customer%s@mail.example', i), format('+44 20 7946 %s', lpad(i::text, 4, '0')),
       (ARRAY['Mary', 'John', 'Ann'])[1 + i % 3],
       format('Customer customer%s@mail.example reported a late parcel', i),
       jsonb_build_object('contact', jsonb_build_object('email', format('customer%s@mail.example', i)), 'tier', 'gold')
  FROM generate_series(1, 60) AS i;
INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity)
SELECT 'shop', 'customers', attname, format_type(atttypid, atttypmod),
       CASE WHEN attname = 'id' THEN 'LOW' ELSE 'HIGH' END
  FROM pg_attribute WHERE attrelid = 'shop.customers'::regclass AND attnum > 0;
DELETE FROM anon.pending_columns;
INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, sampled, matched,
                           confidence, sensitivity, found_in)
VALUES ('shop', 'customers', 'bio', 'email', 'text', 60, 60, 1, 'HIGH', 'text');
INSERT INTO anon.rules (schema_name, table_name, column_name, json_path, strategy, reviewed)
VALUES ('shop', 'customers', 'email', '', 'email', true), ('shop', 'customers', 'phone', '', 'phone', true),
       ('shop', 'customers', 'first_name', '', 'first_name', true), ('shop', 'customers', 'bio', '', 'free_text', true),
       ('shop', 'customers', 'meta', '$.contact.email', 'email', true);
"""

MASK_VALUES = """
UPDATE shop.customers
   SET email = 'x' || left(md5(email), 10) || '@mail.example',
       phone = format('+44 20 7000 %s', lpad(id::text, 4, '0')),
       first_name = (ARRAY['Mary', 'John', 'Ann'])[1 + (id + 1) % 3];   -- someone else's real name
UPDATE anon.runs SET status = 'masked';
"""

MASK_FREE_TEXT = "UPDATE shop.customers SET bio = 'Customer [EMAIL] reported a late parcel'"
MASK_JSON = """
UPDATE shop.customers
   SET meta = jsonb_set(meta, '{contact,email}', to_jsonb('x' || left(md5(meta #>> '{contact,email}'), 10) || '@mail.example'));
"""

WITHOUT_FREE_TEXT = """
DELETE FROM anon.rules WHERE column_name = 'bio';
DELETE FROM anon.findings WHERE column_name = 'bio';
UPDATE anon.scanned_columns SET sensitivity = 'LOW' WHERE column_name = 'bio';
UPDATE shop.customers SET bio = 'late parcel';
"""

WITHOUT_JSON = """
DELETE FROM anon.rules WHERE column_name = 'meta';
UPDATE anon.scanned_columns SET sensitivity = 'LOW' WHERE column_name = 'meta';
UPDATE shop.customers SET meta = '{}';
"""


def masked_shop(conn: psycopg.Connection, *, free_text: bool = False, json_paths: bool = False) -> int:
    """The shop, fingerprinted and masked by hand; its free text and its JSON only if asked."""
    conn.execute(SHOP)
    for wanted, without in ((free_text, WITHOUT_FREE_TEXT), (json_paths, WITHOUT_JSON)):
        if not wanted:
            conn.execute(without)
    run_id = support.scalar(conn, "INSERT INTO anon.runs (pgscrub_version) VALUES ('test') RETURNING run_id")
    conn.execute("SELECT anon.capture_fingerprints(%s, 'shop.customers')", (run_id,))
    for wanted, mask in ((free_text, MASK_FREE_TEXT), (json_paths, MASK_JSON)):
        if wanted:
            conn.execute(mask)
    conn.execute(MASK_VALUES)
    return run_id


def plant(conn: psycopg.Connection, table: str, column: str, value: str) -> None:
    schema, name = table.split(".")
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
    conn.execute(f"CREATE TABLE {table} ({column} text)")
    conn.execute(f"INSERT INTO {table} VALUES (%s)", (value,))
    conn.execute("INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity) "
                 "VALUES (%s, %s, %s, 'text', 'LOW')", (schema, name, column))
    conn.execute("DELETE FROM anon.pending_columns")


def test_cli_exits_1_naming_table_and_column_and_0_once_clean(conn, db):
    masked_shop(conn)
    plant(conn, "forgotten.email_logs", "recipient", ORIGINAL.upper())

    missed = support.cli("validate", dsn=db)
    assert missed.returncode == 1, missed.stderr
    assert "forgotten.email_logs" in missed.stdout and "recipient" in missed.stdout
    assert "customer7" not in (missed.stdout + missed.stderr).lower(), "a real value in the output"

    as_json = support.cli("validate", "--json", dsn=db)
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["clean"] is False and report["real_pii_remaining"] == 1
    assert [(c["schema"], c["table"], c["column"]) for c in report["columns"] if c["status"] == "MISSED"] \
        == [("forgotten", "email_logs", "recipient")]

    conn.execute("DROP SCHEMA forgotten CASCADE")
    clean = support.cli("validate", dsn=db)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "0 MISSED" in clean.stdout
    assert support.scalar(conn, "SELECT count(*) FROM anon.fingerprints") == 0


def test_missed_validation_notifies_anon_alerts_without_values(conn, db):
    masked_shop(conn)
    plant(conn, "forgotten.email_logs", "recipient", ORIGINAL)
    with support.connect(db) as listener:
        listener.execute("LISTEN anon_alerts")
        assert support.cli("validate", dsn=db).returncode == 1
        ready, _, _ = select.select([listener.fileno()], [], [], 30)
        assert ready, "no NOTIFY within 30 s"
        notes = list(listener.notifies(timeout=1, stop_after=1))
    payload = json.loads(notes[0].payload)
    assert payload["event"] == "validation_missed" and payload["database"] == conninfo_db(db)
    assert payload["columns"] == [{"table": "forgotten.email_logs", "column": "recipient", "real_pii_remaining": 1}]
    assert ORIGINAL not in notes[0].payload


def conninfo_db(dsn: str) -> str:
    return psycopg.conninfo.conninfo_to_dict(dsn)["dbname"]


def test_validation_waits_for_no_masking_run(conn, db):
    masked_shop(conn)
    with support.connect(db) as runner:
        runner.execute("SELECT pg_advisory_lock(%s, %s)", RUN_LOCK)
        busy = support.cli("validate", dsn=db)
    assert busy.returncode == 2
    assert "a masking run is in progress" in busy.stderr


def test_new_column_is_missed_until_scanned(conn, db):
    masked_shop(conn)
    conn.execute("ALTER TABLE shop.customers ADD COLUMN backup_email text")   # the watcher records it
    result = json.loads(support.cli("validate", "--json", dsn=db).stdout)
    missed = {c["column"]: c["reason"] for c in result["columns"] if c["status"] == "MISSED"}
    assert list(missed) == ["backup_email"] and "not classified" in missed["backup_email"]


def test_high_finding_without_reviewed_rule_is_missed(conn, db):
    masked_shop(conn)
    conn.execute("UPDATE anon.rules SET reviewed = false WHERE column_name = 'phone'")
    result = json.loads(support.cli("validate", "--json", dsn=db).stdout)
    missed = {c["column"]: c["reason"] for c in result["columns"] if c["status"] == "MISSED"}
    assert list(missed) == ["phone"] and "no reviewed rule" in missed["phone"]


def test_unclassified_column_with_pii_looking_values_is_missed(conn, db):
    masked_shop(conn)
    conn.execute("CREATE TABLE public.imported (contact text)")
    conn.execute("INSERT INTO public.imported VALUES ('someone.else@elsewhere.example'), ('+33 1 23 45 67 89')")
    conn.execute("DELETE FROM anon.pending_columns")      # e.g. no watcher: nobody recorded it
    result = json.loads(support.cli("validate", "--json", dsn=db).stdout)
    missed = {(c["table"], c["column"]): c["reason"] for c in result["columns"] if c["status"] == "MISSED"}
    assert list(missed) == [("imported", "contact")] and "look like PII" in missed[("imported", "contact")]


def test_json_masked_at_paths_validates_clean_and_planted_originals_are_found(conn, db):
    masked_shop(conn, json_paths=True)
    conn.execute("UPDATE shop.customers SET meta = jsonb_set(meta, '{notes}', to_jsonb(%s::text)) WHERE id = 2",
                 (ORIGINAL.upper(),))                                   # an unmasked path
    conn.execute("UPDATE shop.customers SET meta = jsonb_set(meta, '{contact,email}', to_jsonb(%s::text)) "
                 "WHERE id = 3", ("customer3@mail.example",))           # the masked path, unmasked
    conn.execute("CREATE TABLE public.exports (doc jsonb)")
    conn.execute("INSERT INTO public.exports VALUES (%s), (%s), ('{\"tier\": \"gold\", \"n\": 12345678}')",
                 (json.dumps({"cc": [ORIGINAL], "phone": "0044 20 7946 0009"}),
                  json.dumps({"note": "ring 0044 20 7946 0009 after lunch"})))  # a token in a text leaf
    conn.execute("INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity) "
                 "VALUES ('public', 'exports', 'doc', 'jsonb', 'LOW')")
    conn.execute("DELETE FROM anon.pending_columns")
    result = json.loads(support.cli("validate", "--json", dsn=db).stdout)
    missed = {(c["table"], c["column"]): c["real_pii_remaining"] for c in result["columns"] if c["status"] == "MISSED"}
    assert missed == {("customers", "meta"): 2, ("exports", "doc"): 3}


def test_masked_free_text_validates_clean(conn, db):
    masked_shop(conn, free_text=True, json_paths=True)
    result = json.loads(support.cli("validate", "--json", dsn=db).stdout)
    assert result["clean"], [c for c in result["columns"] if c["status"] == "MISSED"]


def test_originals_planted_in_free_text_are_found(conn, db):
    masked_shop(conn, free_text=True)
    conn.execute("UPDATE shop.customers SET bio = 'Called back ' || %s || ' twice' WHERE id = 1",
                 ("Customer7@Mail.Example",))
    conn.execute("CREATE TABLE public.tickets (body text)")
    conn.execute("INSERT INTO public.tickets VALUES (%s)", (f"Customer {ORIGINAL} reported that the parcel was late",))
    conn.execute("INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity) "
                 "VALUES ('public', 'tickets', 'body', 'text', 'LOW')")
    conn.execute("DELETE FROM anon.pending_columns")
    result = json.loads(support.cli("validate", "--json", dsn=db).stdout)
    missed = {(c["table"], c["column"]): c["real_pii_remaining"] for c in result["columns"] if c["status"] == "MISSED"}
    assert missed == {("customers", "bio"): 1, ("tickets", "body"): 1}


def test_materialized_view_still_holding_originals_is_missed(conn, db):
    conn.execute(SHOP)
    conn.execute(WITHOUT_FREE_TEXT)
    conn.execute(WITHOUT_JSON)
    conn.execute("CREATE MATERIALIZED VIEW shop.mailing AS SELECT email FROM shop.customers")
    conn.execute("INSERT INTO anon.scanned_columns VALUES ('shop', 'mailing', 'email', 'text', 'HIGH')")
    conn.execute("INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed) "
                 "VALUES ('shop', 'mailing', 'email', 'keep', true)")
    conn.execute("DELETE FROM anon.pending_columns")
    run_id = support.scalar(conn, "INSERT INTO anon.runs (pgscrub_version) VALUES ('test') RETURNING run_id")
    conn.execute("SELECT anon.capture_fingerprints(%s, 'shop.customers')", (run_id,))
    conn.execute(MASK_VALUES)
    result = json.loads(support.cli("validate", "--json", dsn=db).stdout)
    missed = {(c["table"], c["column"]): c["real_pii_remaining"] for c in result["columns"] if c["status"] == "MISSED"}
    assert missed == {("mailing", "email"): 60}
    conn.execute("REFRESH MATERIALIZED VIEW shop.mailing")
    assert support.cli("validate", dsn=db).returncode == 0


def test_a_redact_rule_leaves_text_without_pii_as_it_was_and_that_is_no_leak(conn):
    conn.execute("CREATE TABLE comments (id int PRIMARY KEY, body text)")
    conn.execute("INSERT INTO comments SELECT g, 'order shipped on time, item ' || g FROM generate_series(1, 300) g")
    conn.execute("UPDATE comments SET body = 'please reply to person1@gmail.com' WHERE id = 7")
    add_rule(conn, "public.comments", "body", "redact")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT body FROM comments WHERE id = 7") == "please reply to [EMAIL]"
    rows = conn.execute("SELECT status, real_pii_remaining FROM anon.validate() WHERE table_name = 'comments' "
                        "AND column_name = 'body'").fetchall()
    assert rows == [("Clean", 0)]


def test_an_email_put_back_into_redacted_text_is_found(conn):
    conn.execute("CREATE TABLE comments (id int PRIMARY KEY, body text)")
    conn.execute("INSERT INTO comments SELECT g, 'reply to person' || g || '@gmail.com' FROM generate_series(1, 50) g")
    add_rule(conn, "public.comments", "body", "redact")
    conn.execute("CALL anon.run_all()")
    conn.execute("UPDATE comments SET body = 'reply to person9@gmail.com' WHERE id = 3")
    rows = conn.execute("SELECT status, real_pii_remaining FROM anon.validate() WHERE table_name = 'comments' "
                        "AND column_name = 'body'").fetchall()
    assert rows == [("MISSED", 1)]


def masked_customers(conn) -> None:
    """customers(email) holding person1..50@gmail.com, masked by a real run: the originals to plant."""
    conn.execute("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL)")
    conn.execute("INSERT INTO customers SELECT g, 'person' || g || '@gmail.com' FROM generate_series(1, 50) g")
    add_rule(conn, "public.customers", "email", "email")
    conn.execute("CALL anon.run_all()")


@pytest.mark.parametrize("planted, found", [("person4@gmail.com;person5@gmail.com", 2), ("mailto:person4@gmail.com", 1),
                                            ("https://shop.example/unsubscribe?u=person4@gmail.com", 1)])
def test_an_original_email_in_a_list_mailto_or_url_is_found(conn, planted, found):
    masked_customers(conn)
    conn.execute("CREATE TABLE newsletter (id int PRIMARY KEY, recipients text)")
    conn.execute("INSERT INTO newsletter VALUES (1, %s)", (planted,))
    conn.execute("SELECT count(*) FROM anon.scan()")
    rows = conn.execute("SELECT status, real_pii_remaining FROM anon.validate() WHERE table_name = 'newsletter' "
                        "AND column_name = 'recipients'").fetchall()
    assert rows == [("MISSED", found)]


@pytest.mark.parametrize("column_type, value", [
    ("contact", "ROW('Jane Doe', 'person4@gmail.com')::contact"),
    ("contact[]", "ARRAY[ROW('Jane Doe', 'person4@gmail.com')::contact]"),
    ("hstore", "hstore('email', 'person4@gmail.com')"),
    ("tsvector", "to_tsvector('simple', 'write to person4@gmail.com')"),
    ("textrange", "textrange('person4@gmail.com', 'zz')"),
])
def test_an_original_email_in_a_composite_hstore_tsvector_or_range_column_is_found(conn, column_type, value):
    conn.execute("CREATE EXTENSION IF NOT EXISTS hstore")
    conn.execute("CREATE TYPE contact AS (name text, email text)")
    conn.execute("CREATE TYPE textrange AS RANGE (subtype = text)")
    masked_customers(conn)
    conn.execute(sql.SQL("CREATE TABLE crm (id int PRIMARY KEY, c {})").format(sql.SQL(column_type)))
    conn.execute(sql.SQL("INSERT INTO crm VALUES (1, {})").format(sql.SQL(value)))
    conn.execute("SELECT count(*) FROM anon.scan()")
    rows = conn.execute("SELECT status, real_pii_remaining FROM anon.validate() WHERE table_name = 'crm' "
                        "AND column_name = 'c'").fetchall()
    assert rows == [("MISSED", 1)]


def test_large_objects_and_foreign_tables_are_missed_not_silently_skipped(conn):
    masked_customers(conn)
    conn.execute("SELECT lo_from_bytea(0, convert_to('Jane Doe, person4@gmail.com', 'UTF8'))")
    conn.execute("CREATE EXTENSION IF NOT EXISTS file_fdw")
    conn.execute("CREATE SERVER files FOREIGN DATA WRAPPER file_fdw")
    conn.execute("CREATE FOREIGN TABLE prod_customers (name text, email text) SERVER files "
                 "OPTIONS (program 'echo Jane,person4@gmail.com', format 'csv')")
    conn.execute("SELECT count(*) FROM anon.scan()")
    missed = {(table, column): reason for table, column, status, reason in conn.execute(
        "SELECT table_name, column_name, status, reason FROM anon.validate()").fetchall() if status == "MISSED"}
    assert set(missed) == {("pg_largeobject", "data"), ("prod_customers", "name"), ("prod_customers", "email")}
    assert "1 large object(s)" in missed["pg_largeobject", "data"]
    assert "foreign table on server files" in missed["prod_customers", "email"]


def test_an_email_in_a_text_leaf_or_a_key_of_a_masked_json_document_is_found(conn):
    conn.execute("CREATE TABLE users (id int PRIMARY KEY, phone text, meta jsonb)")
    conn.execute("INSERT INTO users SELECT g, '+44 20 7946 ' || lpad(g::text, 4, '0'), "
                 "jsonb_build_object('contact', jsonb_build_object('email', 'person' || g || '@gmail.com')) "
                 "FROM generate_series(1, 50) g")
    add_rule(conn, "public.users", "phone", "phone")
    conn.execute("INSERT INTO anon.rules (schema_name, table_name, column_name, json_path, strategy, reviewed) "
                 "VALUES ('public', 'users', 'meta', '$.contact.email', 'email', true)")
    conn.execute("CALL anon.run_all()")
    conn.execute("""UPDATE users SET meta = meta || '{"ref": "write to person25@gmail.com"}' WHERE id = 3""")
    conn.execute("""UPDATE users SET meta = meta || '{"person7@gmail.com": {"optin": true}}' WHERE id = 4""")
    rows = conn.execute("SELECT status, real_pii_remaining FROM anon.validate() WHERE table_name = 'users' "
                        "AND column_name = 'meta'").fetchall()
    assert rows == [("MISSED", 2)]


def test_an_original_email_in_masked_free_text_is_found(conn):
    conn.execute("CREATE TABLE tickets (id int PRIMARY KEY, phone text, note text)")
    conn.execute("INSERT INTO tickets SELECT g, '+44 20 7946 ' || lpad(g::text, 4, '0'), "
                 "'mail person' || g || '@gmail.com after 5' FROM generate_series(1, 50) g")
    add_rule(conn, "public.tickets", "phone", "phone")
    add_rule(conn, "public.tickets", "note", "redact")
    conn.execute("CALL anon.run_all()")
    conn.execute("UPDATE tickets SET note = 'mail person31@gmail.com after 5' WHERE id = 2")
    rows = conn.execute("SELECT status, real_pii_remaining FROM anon.validate() WHERE table_name = 'tickets' "
                        "AND column_name = 'note'").fetchall()
    assert rows == [("MISSED", 1)]


def test_a_second_run_for_a_new_rule_validates_clean(conn):
    # the first run masked email; the second masks full_name only and must not take the
    # fake emails for originals (it did: every email of the table came out MISSED)
    conn.execute("CREATE TABLE users (id int PRIMARY KEY, email text, full_name text)")
    conn.execute("INSERT INTO users SELECT g, 'person' || g || '@gmail.com', 'Jane Doe' || g "
                 "FROM generate_series(1, 50) g")
    add_rule(conn, "public.users", "email", "email")
    conn.execute("CALL anon.run_all()")
    add_rule(conn, "public.users", "full_name", "person_name")
    conn.execute("CALL anon.run_all()")
    rows = conn.execute("SELECT column_name, status, real_pii_remaining FROM anon.validate() "
                        "WHERE table_name = 'users' AND column_name IN ('email', 'full_name') "
                        "ORDER BY column_name").fetchall()
    assert rows == [("email", "Clean", 0), ("full_name", "Clean", 0)]
