"""anon.scan() and `pgscrub scan` against a real database shaped like the scenario:
PII where names say so and where they do not, free text, JSON, other schemas, partitions,
materialized views, awkward identifiers, and the bad inputs a real copy of production has."""

from __future__ import annotations

import json

import psycopg
import pytest

import support
from pgscrub.scan import scan

FIRST = ["Jane", "John", "Maria", "Pierre", "Jürgen", "Sofia", "Lars", "Ana", "Tomasz", "Emma"]
LAST = ["Doe", "Smith", "Garcia", "Dubois", "Müller", "Rossi", "Hansen", "Silva", "Nowak", "Brown"]

SCHEMA = """
CREATE TABLE users (
    id bigint PRIMARY KEY, email text, full_name text, display_name text, phone text,
    reference_code text, iban text, metadata jsonb, created_at timestamptz DEFAULT now(),
    status text, balance numeric(12,2), last_ip inet, avatar bytea, date_of_birth date);
CREATE TABLE support_tickets (id bigint PRIMARY KEY, user_id bigint, subject text, body text);
CREATE TABLE audit_log (id bigint, actor_name text, actor_email text, action text);
CREATE TABLE orders (id bigint, user_id bigint, shipping_address text, amount numeric(10,2), status text)
    PARTITION BY RANGE (id);
CREATE TABLE orders_1 PARTITION OF orders FOR VALUES FROM (0) TO (500);
CREATE TABLE orders_2 PARTITION OF orders FOR VALUES FROM (500) TO (1000000);
CREATE TABLE products (id int, title text, price numeric(8,2), tags text[]);
CREATE TABLE empty_table (email text, phone text);
CREATE TABLE nulls (id int, email text);
CREATE SCHEMA "Legacy Data";
CREATE TABLE "Legacy Data"."Email Logs" ("Recipient Address" text, "select" text, "Order" int);
CREATE MATERIALIZED VIEW user_emails AS SELECT id, lower(email) AS email FROM users;
"""


def _fill(conn: psycopg.Connection) -> None:
    conn.execute(SCHEMA)
    users = []
    for i in range(300):
        first, last = FIRST[i % 10], LAST[(i * 7) % 10]
        email = f"{first.lower()}.{last.lower()}{i}@example.com"
        users.append((first, last, email))
        iban = ["DE89370400440532013000", "GB82WEST12345698765432", "NL91ABNA0417164300"][i % 3]
        metadata = {"source": "web", "contact": {"email": email, "newsletter": i % 2 == 0}, "tags": ["a", "b"]}
        conn.execute(
            "INSERT INTO users VALUES (%s, %s, %s, %s, %s, %s, %s, %s, DEFAULT, 'active', %s, %s, %s, %s)",
            (i, email, f"{first} {last}", f"{first}{i}" if i % 2 else f"{first} {last}",
             f"+44 20 7946 {i:04d}", ["078-05-1121", "123456782", "529.982.247-25"][i % 3], iban,
             json.dumps(metadata), i * 1.5, f"203.0.113.{i % 250}",
             b"\x89PNG\r\n\x1a\n" + bytes(40) if i % 4 == 0 else None, f"19{50 + i % 50}-0{1 + i % 9}-1{i % 9}"))
    for i in range(300):
        first, last, email = users[(i * 13) % 300]
        if i % 3 == 0:
            body = f"Customer {email} reported that the app crashed at checkout. {first} {last} was refunded."
        else:
            body = "The export job failed again after the nightly deploy; retried and it passed."
        conn.execute("INSERT INTO support_tickets VALUES (%s, %s, 'Crash', %s)", (i, i, body))
        conn.execute("INSERT INTO audit_log VALUES (%s, %s, %s, 'login')", (i, f"{first} {last}", email))
        conn.execute("INSERT INTO orders VALUES (%s, %s, %s, %s, 'shipped')",
                     (i * 3, i, f"{10 + i} Baker Street, London", i * 2.5))
        conn.execute("INSERT INTO products VALUES (%s, %s, %s, %s)",
                     (i, f"Widget model {i}", i * 0.99, ["red", "large"]))
        conn.execute('INSERT INTO "Legacy Data"."Email Logs" VALUES (%s, %s, %s)',
                     (email, "delivered", i))
        conn.execute("INSERT INTO nulls VALUES (%s, NULL)", (i,))
    conn.execute("REFRESH MATERIALIZED VIEW user_emails")
    conn.execute("ANALYZE")


@pytest.fixture
def scenario(db):
    with support.connect(db) as conn:
        _fill(conn)
    return db


def _findings(dsn: str) -> dict[tuple[str, str, str], dict]:
    with support.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT schema_name, table_name, column_name, detector, sensitivity, found_in, confidence,"
            " json_paths, examples FROM anon.findings").fetchall()
    return {(r[0], r[1], r[2], r[3]): {"sensitivity": r[4], "found_in": r[5], "confidence": float(r[6]),
                                       "json_paths": r[7], "examples": r[8]} for r in rows}


def _sensitivity(dsn: str) -> dict[tuple[str, str, str], str]:
    with support.connect(dsn) as conn:
        rows = conn.execute("SELECT schema_name, table_name, column_name, sensitivity, skipped_reason"
                            " FROM anon.scanned_columns").fetchall()
    return {(r[0], r[1], r[2]): (r[3] if r[4] is None else "SKIPPED") for r in rows}


def test_scan_classifies_by_data_not_names(scenario):
    with support.connect(scenario) as conn:
        result = scan(conn)
    found, level = _findings(scenario), _sensitivity(scenario)
    public = lambda table, column: level[("public", table, column)]  # noqa: E731

    # Where the names say it, and where they do not.
    for table, column in [("users", "email"), ("users", "full_name"), ("users", "phone"), ("users", "iban"),
                          ("users", "reference_code"), ("users", "metadata"), ("users", "avatar"),
                          ("users", "date_of_birth"), ("support_tickets", "body"), ("audit_log", "actor_name"),
                          ("audit_log", "actor_email"), ("orders", "shipping_address"), ("user_emails", "email")]:
        assert public(table, column) == "HIGH", (table, column)
    assert level[("Legacy Data", "Email Logs", "Recipient Address")] == "HIGH"
    assert public("users", "display_name") in ("HIGH", "MEDIUM")
    assert public("users", "last_ip") == "MEDIUM"
    for table, column in [("users", "status"), ("users", "balance"), ("users", "created_at"), ("users", "id"),
                          ("support_tickets", "subject"), ("products", "title"), ("products", "price"),
                          ("products", "tags"), ("orders", "amount"), ("audit_log", "action")]:
        assert public(table, column) == "LOW", (table, column)
    assert level[("Legacy Data", "Email Logs", "select")] == "LOW"

    # What was found, and where.
    assert found[("public", "users", "reference_code", "national_id")]["found_in"] == "value"
    metadata = found[("public", "users", "metadata", "email")]
    assert metadata["found_in"] == "json" and metadata["json_paths"] == ["$.contact.email"]
    ticket_email = found[("public", "support_tickets", "body", "email")]
    assert ticket_email["found_in"] == "text" and 0.25 <= ticket_email["confidence"] <= 0.45
    assert found[("public", "support_tickets", "body", "person_name")]["sensitivity"] == "HIGH"
    assert found[("public", "users", "avatar", "photo")]["examples"] == ["PNG image"]

    # A partitioned table through its parent only; every column classified.
    assert not [key for key in level if key[1].startswith("orders_")]
    assert result.columns == len(level)


def test_findings_never_hold_raw_values(scenario):
    with support.connect(scenario) as conn:
        scan(conn)
        raw = {r[0] for r in conn.execute(
            "SELECT v FROM users, LATERAL (VALUES (email), (full_name), (phone), (iban), (reference_code)) t(v)")}
        examples = {e for r in conn.execute("SELECT examples FROM anon.findings") for e in r[0]}
    assert examples and not examples & raw
    assert all("***" in e or e.endswith("image") or "*" in e for e in examples)


def test_column_named_email_holding_only_nulls_is_not_high(scenario):
    with support.connect(scenario) as conn:
        scan(conn)
        row = conn.execute("SELECT detector, found_in, sensitivity, sampled FROM anon.findings"
                           " WHERE table_name = 'nulls' AND column_name = 'email'").fetchone()
    assert row == ("email", "name", "LOW", 0)
    assert _sensitivity(scenario)[("public", "empty_table", "email")] == "LOW"


def test_rescan_reads_only_new_or_retyped_columns(scenario):
    with support.connect(scenario) as conn:
        scan(conn)
        before = dict(conn.execute("SELECT column_name, classified_at FROM anon.scanned_columns"
                                   " WHERE table_name = 'users'").fetchall())
        conn.execute("ALTER TABLE users ADD COLUMN backup_email text")
        conn.execute("UPDATE users SET backup_email = 'b' || id || '@example.org'")
        conn.execute("ALTER TABLE users ALTER COLUMN status TYPE varchar(20)")
        # The new-column watcher recorded the migration; the rescan resolves it.
        assert conn.execute("SELECT change FROM anon.pending_columns WHERE column_name = 'backup_email'"
                            ).fetchone() == ("added",)
        scan(conn)
        after = dict(conn.execute("SELECT column_name, classified_at FROM anon.scanned_columns"
                                  " WHERE table_name = 'users'").fetchall())
        backup = conn.execute("SELECT sensitivity FROM anon.scanned_columns WHERE column_name = 'backup_email'").fetchone()
        pending = conn.execute("SELECT count(*) FROM anon.pending_columns").fetchone()[0]
        changed = {column for column in before if after[column] != before[column]}
        assert changed == {"status"}
        left = conn.execute("SELECT * FROM anon.pending_columns").fetchall()
        assert backup == ("HIGH",) and pending == 0, left
        scan(conn, full=True)
        full = dict(conn.execute("SELECT column_name, classified_at FROM anon.scanned_columns"
                                 " WHERE table_name = 'users'").fetchall())
    assert all(full[column] > after[column] for column in after)


def test_unreadable_table_is_skipped_and_the_scan_goes_on(scenario):
    with support.connect(scenario) as conn:
        conn.execute("DROP ROLE IF EXISTS pgscrub_test_scanner")
        conn.execute("CREATE ROLE pgscrub_test_scanner")
        conn.execute("GRANT USAGE ON SCHEMA anon TO pgscrub_test_scanner")
        conn.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA anon TO pgscrub_test_scanner")
        conn.execute("GRANT SELECT ON ALL TABLES IN SCHEMA public TO pgscrub_test_scanner")
        conn.execute("REVOKE SELECT ON audit_log FROM pgscrub_test_scanner")
        try:
            conn.execute("SET ROLE pgscrub_test_scanner")
            conn.execute("SELECT count(*) FROM anon.scan()")
            conn.execute("RESET ROLE")
            skipped = conn.execute("SELECT table_name, column_name, skipped_reason FROM anon.scanned_columns"
                                   " WHERE skipped_reason IS NOT NULL ORDER BY 1, 2").fetchall()
            users_email = conn.execute("SELECT sensitivity FROM anon.scanned_columns"
                                       " WHERE table_name = 'users' AND column_name = 'email'").fetchone()[0]
        finally:
            conn.execute("RESET ROLE")
            conn.execute("DROP OWNED BY pgscrub_test_scanner")
            conn.execute("DROP ROLE pgscrub_test_scanner")
    audit = [row for row in skipped if row[0] == "audit_log"]
    assert len(audit) == 4 and all("permission denied" in row[2] for row in audit)
    assert {row[0] for row in skipped} <= {"audit_log", "Email Logs"}
    assert users_email == "HIGH"


def test_unpopulated_matview_and_huge_values(scenario):
    with support.connect(scenario) as conn:
        conn.execute("CREATE MATERIALIZED VIEW later AS SELECT email FROM users WITH NO DATA")
        conn.execute("CREATE TABLE documents (id int, content text, payload jsonb)")
        huge = "reach me at huge.value@example.com " + "x" * 20_000_000
        conn.execute("INSERT INTO documents SELECT g, %s, NULL FROM generate_series(1, 3) g", (huge,))
        conn.execute("INSERT INTO documents VALUES (4, 'short', %s)",
                     (json.dumps({"blob": "y" * 1_000_000, "owner": {"email": "big@example.com"}}),))
        scan(conn)
        matview = conn.execute("SELECT DISTINCT skipped_reason FROM anon.scanned_columns"
                               " WHERE table_name = 'later'").fetchone()[0]
        content = conn.execute("SELECT detector, found_in, sensitivity FROM anon.findings"
                               " WHERE table_name = 'documents' AND column_name = 'content'").fetchall()
    assert "not populated" in matview
    assert ("email", "text", "HIGH") in content


def test_awkward_identifiers_and_empty_tables(db):
    with support.connect(db) as conn:
        conn.execute('CREATE SCHEMA "My Schema"')
        conn.execute('CREATE TABLE "My Schema"."User""s Table" ("E-Mail" text, "user" text, "from" text, "Phone No" text)')
        conn.execute('INSERT INTO "My Schema"."User""s Table" SELECT \'u\' || g || \'@example.com\', \'x\', \'y\','
                     " '+1 (514) 721-' || lpad(g::text, 4, '0') FROM generate_series(1, 50) g")
        conn.execute("CREATE TABLE nothing_here (email text, notes text)")
        result = scan(conn)
    found = {(f.table, f.column, f.detector): f for f in result.findings}
    assert found[('User"s Table', "E-Mail", "email")].sensitivity == "HIGH"
    assert found[('User"s Table', "Phone No", "phone")].sensitivity == "HIGH"
    assert found[('User"s Table', "E-Mail", "email")].display_column == '"My Schema"."User""s Table"."E-Mail"'
    assert found[("nothing_here", "email", "email")].sensitivity == "LOW"


def test_sql_ascii_database_with_invalid_utf8(server):
    dsn = server.create_database(encoding="SQL_ASCII")
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            from pgscrub import installer
            installer.install(conn)
            conn.execute("CREATE TABLE legacy (id int, contact text, note text)")
            conn.execute("INSERT INTO legacy SELECT g, 'user' || g || '@example.com',"
                         " convert_from('\\x4bf6686c6572ff'::bytea, 'SQL_ASCII')"
                         " FROM generate_series(1, 20) g")
        with support.connect(dsn) as conn:
            result = scan(conn)
        assert any(f.column == "contact" and f.detector == "email" and f.sensitivity == "HIGH"
                   for f in result.findings)
        assert any(column == "legacy.note" and "not valid UTF-8" in note for column, note in result.notes)
        cli = support.cli("scan", dsn=dsn)
        assert cli.returncode == 0, cli.stderr
        assert "not valid UTF-8" in cli.stdout
    finally:
        server.drop_database(dsn)


def test_cli_prints_tables_by_sensitivity_without_raw_values(scenario):
    result = support.cli("scan", dsn=scenario)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "HIGH: must mask" in out and "MEDIUM: review" in out
    assert "support_tickets.body" in out and "% of samples" in out and "email in free text" in out
    assert "columns without PII (LOW)" in out
    assert "jane.doe0@example.com" not in out and "Jane Doe" not in out

    as_json = support.cli("scan", "--json", dsn=scenario)
    data = json.loads(as_json.stdout)
    assert data["summary"]["high"] >= 12
    assert {"display_column", "pattern", "confidence", "sensitivity"} <= set(data["findings"][0])

    bad = support.cli("scan", "--sample-size", "0", dsn=scenario)
    assert bad.returncode != 0


def test_cli_refuses_a_database_without_pgscrub(empty_db):
    result = support.cli("scan", dsn=empty_db)
    assert result.returncode == 2
    assert "pgscrub install" in result.stderr


def test_free_text_names_known_from_the_databases_own_columns(db):
    """Names in no dictionary are still found in text when the database's name columns hold them."""
    invented = [("Zorblat", "Quenwick"), ("Yvarra", "Thistlebrook"), ("Omrick", "Vandersnoot")]
    with support.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id int, first_name text, last_name text)")
        conn.execute("CREATE TABLE tickets (id int, body text)")
        for i in range(40):
            first, last = (FIRST[i % 10], LAST[i % 10]) if i % 4 else invented[i % 3]
            conn.execute("INSERT INTO customers VALUES (%s, %s, %s)", (i, first, last))
        for i in range(30):
            first, last = invented[i % 3]
            body = (f"escalated: {first} {last} could not log in after the password reset"
                    if i % 2 else "nightly export finished without errors, nothing to report")
            conn.execute("INSERT INTO tickets VALUES (%s, %s)", (i, body))
        scan(conn)
        row = conn.execute("SELECT found_in, sensitivity, matched, sampled FROM anon.findings"
                           " WHERE table_name = 'tickets' AND column_name = 'body'"
                           " AND detector = 'person_name'").fetchone()
    assert row == ("text", "HIGH", 15, 30)


SAMPLED_TABLE = """
CREATE TABLE events (id bigint, email text, rare_email text, never text, note text);
INSERT INTO events
SELECT g,
       CASE WHEN g % 100 = 0 THEN 'person' || g || '@example.org' END,     -- 1% filled
       CASE WHEN g % 2000 = 0 THEN 'other' || g || '@example.org' END,     -- 0.05% filled
       NULL,
       'event ' || g || ' ' || md5(g::text)
  FROM generate_series(1, 60000) AS g;
ANALYZE events;
"""


def _sampled(conn: psycopg.Connection) -> dict[tuple[str, str], tuple]:
    rows = conn.execute("""SELECT column_name, detector, sampled, matched, examples FROM anon.findings
                            WHERE table_name = 'events' ORDER BY 1, 2""").fetchall()
    return {(column, detector): (sampled, matched, examples) for column, detector, sampled, matched, examples in rows}


def test_sparse_columns_get_their_sample_size_from_a_bounded_second_pass(db):
    """A 1%-filled column of a table too big to read whole gets N values, not the ~20 the
    first pass's 20 x N rows hold; a 0.05%-filled one too; an all-NULL column stays empty."""
    with support.connect(db) as conn:
        conn.execute(SAMPLED_TABLE)
        conn.execute("SELECT count(*) FROM anon.scan(p_sample_size => 50)")
        found = _sampled(conn)
        never = conn.execute("""SELECT sensitivity FROM anon.scanned_columns
                                 WHERE table_name = 'events' AND column_name = 'never'""").fetchone()
    assert found[("email", "email")][:2] == (50, 50)
    # 30 in the 60 000 rows, ~1 in the first pass's 1 000; the second pass reads at most
    # 50 000 rows (50 x the first pass): most of this table's blocks
    assert 20 <= found[("rare_email", "email")][0] <= 30
    assert not any(column == "never" for column, _ in found)
    assert never == ("LOW",)


def test_the_same_database_gives_the_same_sample(db, server):
    """Seeded block sample and row order: two scans, and a scan of a copy, find the same
    values (same counts, same examples), so tests and the demo do not flip."""
    with support.connect(db) as conn:
        conn.execute(SAMPLED_TABLE)
        conn.execute("UPDATE events SET note = note || ' ' || (id % 7) WHERE id % 3 = 0")  # dead tuples
        conn.execute("VACUUM ANALYZE events")
        conn.execute("SELECT count(*) FROM anon.scan(p_sample_size => 40, p_full => true)")
        first = _sampled(conn)
        conn.execute("SELECT count(*) FROM anon.scan(p_sample_size => 40, p_full => true)")
        again = _sampled(conn)
    from psycopg.conninfo import conninfo_to_dict
    copy = server.create_database(template=conninfo_to_dict(db)["dbname"])
    try:
        with support.connect(copy) as conn:
            conn.execute("SELECT count(*) FROM anon.scan(p_sample_size => 40, p_full => true)")
            in_copy = _sampled(conn)
    finally:
        server.drop_database(copy)
    assert first[("email", "email")][0] == 40
    assert first == again == in_copy


def test_a_count_named_like_pii_is_not_flagged(db):
    """Plural hints ("emails", "phones") must not flag a bigint count by its name alone."""
    with support.connect(db) as conn:
        conn.execute("CREATE TABLE campaign_stats (campaign text, emails bigint, addresses bigint)")
        conn.execute("INSERT INTO campaign_stats SELECT 'spring', g, g * 2 FROM generate_series(1, 50) g")
        conn.execute("SELECT count(*) FROM anon.scan()")
        levels = dict(conn.execute("""SELECT column_name, sensitivity FROM anon.scanned_columns
                                       WHERE table_name = 'campaign_stats'""").fetchall())
    assert levels == {"campaign": "LOW", "emails": "LOW", "addresses": "LOW"}
