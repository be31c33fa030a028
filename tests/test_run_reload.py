"""Staging refreshed by reloading production rows into the tables a run already masked
(TRUNCATE and COPY, a data-only pg_restore): the next run masks them again and validation
never calls them clean; a VACUUM FULL or CLUSTER is not a reload, so nothing is masked
twice. And a run's secret: validating or resuming under another one is refused."""

from __future__ import annotations

import psycopg
import pytest

import support
from test_run import add_rule, table_digest

ORIGINALS = """
INSERT INTO customers SELECT g, 'person' || g || '@gmail.com', 'Name ' || g FROM generate_series(1, 500) g
"""


@pytest.fixture
def masked(conn):
    """customers(email, full_name) masked by a complete run and validated clean."""
    conn.execute("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, full_name text)")
    conn.execute(ORIGINALS)
    add_rule(conn, "public.customers", "email", "email")
    add_rule(conn, "public.customers", "full_name", "person_name")
    conn.execute("CALL anon.run_all()")
    assert statuses(conn) == {"Clean"}
    return conn


def statuses(conn, column: str | None = None) -> set[str]:
    rows = conn.execute("SELECT column_name, status, reason FROM anon.validate()").fetchall()
    return {status for name, status, _ in rows if column in (None, name)}


def reload_originals(conn) -> None:
    """What a data-only refresh does: the production rows again, in the same table."""
    conn.execute("TRUNCATE customers")
    conn.execute(ORIGINALS)


def originals_left(conn) -> int:
    return support.scalar(conn, "SELECT count(*) FROM customers WHERE email LIKE 'person%@gmail.com'")


def test_a_table_reloaded_after_a_clean_run_is_masked_again(masked):
    conn = masked
    reload_originals(conn)
    conn.execute("CALL anon.run_all()")
    assert originals_left(conn) == 0
    assert statuses(conn) == {"Clean"}


def test_validation_does_not_call_a_reloaded_table_clean(masked):
    conn = masked
    reload_originals(conn)
    rows = conn.execute("SELECT column_name, status, reason FROM anon.validate() WHERE table_name = 'customers'").fetchall()
    missed = {name: reason for name, status, reason in rows if status == "MISSED"}
    assert set(missed) == {"email", "full_name"}
    assert "reloaded since run" in missed["email"]


def test_rows_deleted_and_copied_back_count_as_a_reload(masked):
    conn = masked
    conn.execute("DELETE FROM customers")
    conn.execute(ORIGINALS)
    conn.execute("CALL anon.run_all()")
    assert originals_left(conn) == 0


def test_vacuum_full_and_cluster_are_not_a_reload_nothing_is_masked_twice(masked):
    conn = masked
    before = table_digest(conn, "customers", "id")
    conn.execute("VACUUM FULL customers")
    conn.execute("CLUSTER customers USING customers_pkey")
    runs = support.scalar(conn, "SELECT count(*) FROM anon.runs")
    conn.execute("CALL anon.run_all()")
    assert table_digest(conn, "customers", "id") == before
    assert support.scalar(conn, "SELECT count(*) FROM anon.runs") == runs
    assert statuses(conn) == {"Clean"}


def test_rows_added_in_staging_do_not_make_a_reload(masked):
    conn = masked
    conn.execute("INSERT INTO customers VALUES (1001, 'tester@staging.example', 'Test User')")
    before = table_digest(conn, "customers", "id")
    conn.execute("CALL anon.run_all()")
    assert table_digest(conn, "customers", "id") == before


def test_validating_under_another_secret_is_refused_and_keeps_the_evidence(db, conn):
    conn.execute("CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, full_name text)")
    conn.execute(ORIGINALS)
    add_rule(conn, "public.customers", "email", "email")
    conn.execute("CALL anon.run_all()")
    conn.execute("UPDATE customers SET email = 'person7@gmail.com' WHERE id = 8")   # an original put back
    fingerprints = support.scalar(conn, "SELECT count(*) FROM anon.fingerprints")
    assert fingerprints > 0
    with support.connect(db, secret="another-secret-of-32-characters!!") as other:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="not the one run"):
            other.execute("SELECT * FROM anon.validate()")
    assert support.scalar(conn, "SELECT count(*) FROM anon.fingerprints") == fingerprints
    assert "MISSED" in statuses(conn, "email")


def test_a_reload_of_a_mostly_null_column_is_found(conn):
    conn.execute("CREATE TABLE contacts (label text, email text)")
    conn.execute("INSERT INTO contacts SELECT 'c' || g, CASE WHEN g % 20 = 0 THEN 'contact' || g || '@example.net' END "
                 "FROM generate_series(1, 400) g")
    add_rule(conn, "public.contacts", "email", "email")
    conn.execute("CALL anon.run_all()")
    conn.execute("TRUNCATE contacts")
    conn.execute("INSERT INTO contacts SELECT 'c' || g, CASE WHEN g % 20 = 0 THEN 'contact' || g || '@example.net' END "
                 "FROM generate_series(1, 400) g")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT count(*) FROM contacts WHERE email LIKE 'contact%@example.net'") == 0


def test_purging_the_first_rows_in_staging_is_not_a_reload(masked):
    conn = masked
    conn.execute("DELETE FROM customers WHERE id <= 40")
    before = table_digest(conn, "customers", "id")
    conn.execute("CALL anon.run_all()")
    assert table_digest(conn, "customers", "id") == before
    assert statuses(conn) == {"Clean"}


def test_a_renamed_table_and_column_stay_masked_and_clean(masked):
    conn = masked
    before = table_digest(conn, "customers", "id")
    conn.execute("ALTER TABLE customers RENAME TO clients")
    conn.execute("ALTER TABLE clients RENAME COLUMN email TO mail")
    conn.execute("SELECT count(*) FROM anon.scan()")
    conn.execute("UPDATE anon.rules SET table_name = 'clients' WHERE table_name = 'customers'")
    conn.execute("UPDATE anon.rules SET column_name = 'mail' WHERE column_name = 'email'")
    conn.execute("CALL anon.run_all()")
    assert table_digest(conn, "clients", "id") == before
    assert statuses(conn) == {"Clean"}


def test_a_new_run_under_another_secret_is_refused(db, masked):
    masked.execute("CREATE TABLE signups (id int PRIMARY KEY, email text)")
    masked.execute("INSERT INTO signups VALUES (1, 'new@gmail.com')")
    add_rule(masked, "public.signups", "email", "email")
    with support.connect(db, secret="another-secret-of-32-characters!!") as other:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="not the one run"):
            other.execute("CALL anon.run_all()")
    assert support.scalar(masked, "SELECT email FROM signups") == "new@gmail.com"


def test_a_column_empty_when_masked_is_masked_when_values_arrive(conn):
    conn.execute("CREATE TABLE leads (id int PRIMARY KEY, email text)")
    conn.execute("INSERT INTO leads SELECT g, NULL FROM generate_series(1, 100) g")
    add_rule(conn, "public.leads", "email", "email")
    conn.execute("CALL anon.run_all()")
    assert statuses(conn) == {"Clean"}
    conn.execute("UPDATE leads SET email = 'lead' || id || '@gmail.com' WHERE id <= 10")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT count(*) FROM leads WHERE email LIKE 'lead%@gmail.com'") == 0


def test_a_reload_is_found_though_fake_first_names_and_postal_codes_are_real_ones_too(conn):
    # the dictionaries' first names and 5-digit codes: after the reload some originals equal
    # some fakes, but never the same row's
    rows = ("INSERT INTO people SELECT g, 'cust' || g || '@corp.example.org', "
            "(SELECT value FROM anon.dictionary WHERE kind = 'first_name' ORDER BY value OFFSET g % 50 LIMIT 1), "
            "lpad((g % 97)::text, 5, '0') FROM generate_series(1, 2000) g")
    conn.execute("CREATE TABLE people (id int PRIMARY KEY, email text, first_name text, zip text)")
    conn.execute(rows)
    add_rule(conn, "public.people", "email", "email")
    add_rule(conn, "public.people", "first_name", "first_name")
    add_rule(conn, "public.people", "zip", "postal_code")
    conn.execute("CALL anon.run_all()")
    conn.execute("TRUNCATE people")
    conn.execute(rows)
    missed = {name for name, status, _ in conn.execute(
        "SELECT column_name, status, reason FROM anon.validate() WHERE table_name = 'people'").fetchall() if status == "MISSED"}
    assert missed == {"email", "first_name", "zip"}


def test_a_reload_after_a_masked_column_became_varchar_is_found(masked):
    conn = masked
    conn.execute("ALTER TABLE customers ALTER email TYPE varchar(200), ALTER full_name TYPE varchar(200)")
    conn.execute("SELECT count(*) FROM anon.scan()")
    reload_originals(conn)
    conn.execute("CALL anon.run_all()")
    assert originals_left(conn) == 0


def test_renaming_the_masked_tables_does_not_let_another_secret_in(db, masked):
    masked.execute("ALTER TABLE customers RENAME TO members")
    masked.execute("UPDATE anon.rules SET table_name = 'members' WHERE table_name = 'customers'")
    masked.execute("CREATE TABLE signups (id int PRIMARY KEY, email text)")
    masked.execute("INSERT INTO signups VALUES (1, 'new@gmail.com')")
    add_rule(masked, "public.signups", "email", "email")
    with support.connect(db, secret="another-secret-of-32-characters!!") as other:
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="not the one run"):
            other.execute("CALL anon.run_all()")
