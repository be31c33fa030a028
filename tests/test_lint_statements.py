"""What lint follows in migration SQL, statement by statement, and what it concludes."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from pgscrub.lint import lint


@pytest.fixture
def run(tmp_path):
    """run(sql_of_V1, sql_of_V2, ..., rules=[...], fail_on=...) -> findings as tuples."""
    def go(*migrations: str, rules: list[str] | None = None, fail_on: str = "HIGH", report=False):
        for number, sql in enumerate(migrations, 1):
            (tmp_path / f"V{number}__step.sql").write_text(textwrap.dedent(sql).lstrip("\n"))
        rules_path = None
        if rules is not None:
            rules_path = tmp_path / "anon-rules.yaml"
            rules_path.write_text("version: 1\nrules:\n" + "".join(f"  - {r}\n" for r in rules))
        result = lint([tmp_path], rules_path, fail_on)
        if report:
            return result
        return [(f.code, Path(f.path).name[:2], f.line, f.column or f.message) for f in result.findings]
    return go


def codes(findings) -> list[tuple[str, str]]:
    return [(code, column) for code, _, _, column in findings]


def test_create_table_and_add_column_point_at_the_column_line(run):
    findings = run("""
        CREATE TABLE customers (
            id bigint PRIMARY KEY,
            email text NOT NULL,
            signup_source text
        );
        """, """
        ALTER TABLE customers
            ADD COLUMN loyalty_tier text,
            ADD COLUMN home_address text;
        """)
    assert findings == [("unreviewed-pii", "V1", 3, "email"), ("unreviewed-pii", "V2", 3, "home_address")]


def test_names_that_only_describe_pii_and_types_that_cannot_hold_it_pass(run):
    assert run("""
        CREATE TABLE users (id bigint PRIMARY KEY);
        CREATE TABLE contacts (
            id bigint PRIMARY KEY,
            user_id bigint REFERENCES users (id),
            email_verified boolean,
            email_status text,
            phone_count integer,
            is_email_primary boolean,
            address_id bigint,
            last_email_sent_at timestamptz,
            birth_date_known boolean
        );
        """) == []


def test_like_copies_columns_and_their_rules(run):
    findings = run("""
        CREATE TABLE users (id bigint, email text, note_count int);
        CREATE TABLE users_archive (LIKE users INCLUDING ALL, archived_at timestamptz);
        CREATE TABLE imported (LIKE legacy.people);
        """, rules=["{table: public.users, column: email, strategy: email, domain: email}"], report=True)
    unreviewed = [f for f in findings.findings if f.code == "unreviewed-pii"]
    assert [(f.table, f.column, f.line) for f in unreviewed] == [("public.users_archive", "email", 2)]
    assert unreviewed[0].suggestion == [
        {"table": "public.users_archive", "column": "email", "strategy": "email", "domain": "email"}]
    assert "copies public.users.email, which rule" in unreviewed[0].message
    [warning] = [f for f in findings.findings if f.code == "cannot-see"]
    assert (warning.line, "LIKE people" in warning.message) == (3, True)


def test_create_table_as_and_select_into_follow_copied_columns_under_new_names(run):
    findings = run("""
        CREATE TABLE users (id bigint, email text, nickname text, status text);
        CREATE TABLE mailing AS SELECT u.id, lower(u.email) AS contact FROM users u;
        SELECT id, status AS contact_status, nickname AS handle INTO users_backup FROM users;
        CREATE TABLE stats AS SELECT count(*) AS email_total, bool_or(status = 'x') AS email FROM users;
        """, rules=["{table: public.users, column: email, strategy: email}",
                    "{table: public.users, column: nickname, strategy: keep}"])
    assert findings == [("unreviewed-pii", "V1", 2, "contact")]


def test_select_star_of_a_table_lint_never_saw_is_a_warning(run):
    findings = run("CREATE TABLE snapshot AS SELECT * FROM reporting.customers;\n")
    assert [(code, line) for code, _, line, _ in findings] == [("cannot-see", 1)]


def test_materialized_view_columns_copied_from_tables_are_covered_by_their_source(run):
    findings = run("""
        CREATE TABLE users (id bigint, first_name text, last_name text, email text);
        CREATE MATERIALIZED VIEW user_directory AS
        SELECT id, email, first_name || ' ' || last_name AS full_name FROM users;
        """, rules=["{table: public.users, column: first_name, strategy: person_name}",
                    "{table: public.users, column: last_name, strategy: person_name}",
                    "{table: public.users, column: email, strategy: email}"])
    assert findings == [("unreviewed-pii", "V1", 2, "full_name")]


def test_rename_to_a_pii_name_is_checked_at_the_rename(run):
    findings = run("CREATE TABLE users (id bigint, contact text);\n",
                   "-- clearer name\nALTER TABLE users RENAME COLUMN contact TO contact_email;\n")
    assert findings == [("unreviewed-pii", "V2", 2, "contact_email")]


def test_retyped_columns_are_checked_again(run):
    findings = run("""
        ALTER TABLE users ALTER COLUMN phone TYPE varchar(32);
        ALTER TABLE users ALTER COLUMN email TYPE jsonb USING to_jsonb(email);
        ALTER TABLE users ALTER COLUMN nickname TYPE varchar(64);
        ALTER TABLE users ALTER COLUMN phone_verified TYPE boolean USING phone_verified IS NOT NULL;
        """, rules=["{table: public.users, column: email, strategy: email}",
                    "{table: public.users, column: nickname, strategy: keep}"])
    assert findings == [("unreviewed-pii", "V1", 1, "phone")]

    findings = run("CREATE TABLE users (id int, email text, nickname text);\n",
                   "ALTER TABLE users ALTER COLUMN email TYPE jsonb USING to_jsonb(email);\n",
                   rules=["{table: public.users, column: email, strategy: email}",
                          "{table: public.users, column: nickname, strategy: keep}"])
    assert findings == [("retyped-under-rule", "V2", 1, "email")]


def test_renamed_and_moved_tables_make_their_rules_stale(run):
    result = run("""
        CREATE TABLE clients (id int, email text);
        ALTER TABLE clients RENAME TO customers;
        ALTER TABLE customers SET SCHEMA crm;
        ALTER TABLE legacy_people RENAME TO people;
        """, rules=["{table: public.clients, column: email, strategy: email}",
                    "{table: public.legacy_people, column: phone, strategy: phone}"], report=True)
    stale = {(f.column, f.line): f for f in result.findings if f.code == "stale-rule"}
    assert set(stale) == {("email", 2), ("phone", 4)}
    assert stale[("email", 2)].suggestion == [{"table": "crm.customers", "column": "email", "strategy": "email"}]
    assert "public.clients.email becomes crm.customers.email" in stale[("email", 2)].message
    assert stale[("phone", 4)].suggestion[0]["table"] == "public.people"
    assert [f.code for f in result.findings] == ["stale-rule", "stale-rule"]    # no second finding
    assert result.exit_code == 1


def test_dropped_columns_and_tables_make_their_rules_stale(run):
    result = run("""
        CREATE TABLE users (id int, fax text, email text);
        CREATE TABLE leads (id int, email text);
        ALTER TABLE users DROP COLUMN fax;
        DROP TABLE leads;
        ALTER TABLE users DROP COLUMN email;
        ALTER TABLE users ADD COLUMN email text;
        """, rules=["{table: public.users, column: fax, strategy: phone}",
                    "{table: public.leads, column: email, strategy: email}",
                    "{table: public.users, column: email, strategy: email}"], report=True)
    assert [(f.code, f.column, f.line, f.suggestion) for f in result.findings] == [
        ("stale-rule", "fax", 3, None), ("stale-rule", "email", 4, None)]
    assert "public.leads.email is dropped with its table here; remove the rule" in result.findings[1].message


def test_a_column_added_then_dropped_again_is_no_finding(run):
    assert run("ALTER TABLE users ADD COLUMN backup_email text;\n",
               "ALTER TABLE users DROP COLUMN backup_email;\n") == []


def test_do_blocks_are_followed_and_execute_is_a_warning(run):
    findings = run("""
        CREATE TABLE users (id int);
        DO $$
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attname = 'ssn') THEN
                ALTER TABLE users ADD COLUMN ssn text;
            END IF;
            EXECUTE 'ALTER TABLE users ADD COLUMN ' || 'passport_number text';
        END $$;
        DO LANGUAGE plpython3u $$ plpy.execute("ALTER TABLE users ADD x text") $$;
        CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $$ BEGIN EXECUTE 'SELECT 1'; END $$;
        CREATE FUNCTION g() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
        """)
    assert findings == [
        ("unreviewed-pii", "V1", 5, "ssn"),
        ("cannot-see", "V1", 7, "DO block runs EXECUTE: lint cannot see the SQL it builds"),
        ("cannot-see", "V1", 9, "DO block in plpython3u: lint cannot see what it does"),
        ("cannot-see", "V1", 10, "function f runs EXECUTE: lint cannot see the SQL it builds when it is called"),
    ]


def test_foreign_keys_carry_pii_from_the_referenced_column(run):
    findings = run("""
        CREATE TABLE users (id int PRIMARY KEY, email text UNIQUE);
        CREATE TABLE invites (id int, invited_by text REFERENCES users (email), owner int REFERENCES users);
        """, rules=["{table: public.users, column: email, strategy: email, domain: email}"])
    assert findings == [("unreviewed-pii", "V1", 2, "invited_by")]


def test_search_path_decides_where_unqualified_tables_live(run):
    result = run("""
        SET search_path TO billing, public;
        CREATE TABLE invoices (id int, billing_address text);
        SELECT pg_catalog.set_config('search_path', '', false);
        CREATE TABLE public.payers (id int, iban text);
        """, report=True)
    assert [(f.table, f.column) for f in result.findings] == \
        [("billing.invoices", "billing_address"), ("public.payers", "iban")]


def test_quoted_identifiers_round_trip_through_the_rules_file(run):
    result = run('CREATE SCHEMA "Crm" CREATE TABLE "Contacts" (id int, "Email" text, "order" text);\n',
                 report=True)
    [finding] = result.findings
    assert finding.suggestion[0]["table"] == '"Crm"."Contacts"' and finding.column == "Email"
    assert run('CREATE SCHEMA "Crm" CREATE TABLE "Contacts" (id int, "Email" text);\n',
               rules=["{table: '\"Crm\".\"Contacts\"', column: Email, strategy: email}"]) == []


def test_domains_and_enums_count_as_their_base_type(run):
    findings = run("""
        CREATE DOMAIN email_address AS citext CHECK (VALUE ~ '@');
        CREATE TYPE order_state AS ENUM ('new', 'paid');
        CREATE TABLE orders (id int, state order_state, ship_state text, notify_to email_address,
                             contact_email email_address);
        """, fail_on="MEDIUM")
    assert codes(findings) == [("unreviewed-pii", "ship_state"), ("unreviewed-pii", "notify_to"),
                               ("unreviewed-pii", "contact_email")]


def test_medium_columns_are_warnings_unless_fail_on_medium(run):
    result = run("CREATE TABLE branches (id int, city text, client_ip inet);\n", report=True)
    assert [(f.code, f.severity, f.column) for f in result.findings] == \
        [("review", "warning", "city"), ("review", "warning", "client_ip")]
    assert result.exit_code == 0
    assert run("CREATE TABLE branches (id int, city text);\n", fail_on="MEDIUM", report=True).exit_code == 1


def test_temporary_tables_views_and_partitions_are_not_followed(run):
    assert run("""
        CREATE TEMP TABLE scratch (email text);
        CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
        CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
        CREATE VIEW v AS SELECT 'x' AS email;
        """) == []


def test_creating_a_table_that_exists_warns_about_file_order(run):
    findings = run("ALTER TABLE users ADD COLUMN nickname_length int;\n",
                   "CREATE TABLE users (id int);\n")
    assert findings == [("cannot-see", "V2", 1, findings[0][3])]
    assert "already exists at this point" in findings[0][3]


def test_a_failure_beats_a_syntax_error_for_the_exit_code(run):
    result = run("CREATE TABLE t (id int, email text);\nCREATE TABLE oops (;\n", report=True)
    assert [f.code for f in result.findings] == ["unreviewed-pii", "syntax-error"]
    assert result.exit_code == 1
    result = run("CREATE TABLE t (id int);\nCREATE TABLE oops (;\n", report=True)
    assert (result.findings[0].line, result.exit_code) == (2, 2)


def test_statements_after_a_syntax_error_are_still_followed(run):
    findings = run("CREATE TABLE t (id int);\nCREATE TABLE oops (;\n"
                   "DO $$ BEGIN ALTER TABLE t ADD COLUMN ssn text; END $$\n")
    assert findings == [("syntax-error", "V1", 2, findings[0][3]), ("unreviewed-pii", "V1", 3, "ssn")]
