"""The demo database (pgscrub.demo.generate) at scale 0.01: its shape, and that the
ground-truth manifest matches the data. Checks of IDs, IBANs and cards use python-stdnum,
an implementation independent of ours."""

from __future__ import annotations

import re

import psycopg
import pytest
from psycopg import sql
from stdnum import iban, luhn
from stdnum.br import cpf
from stdnum.cz import rc
from stdnum.de import idnr
from stdnum.es import dni
from stdnum.fr import nir
from stdnum.it import codicefiscale
from stdnum.nl import bsn
from stdnum.us import ssn

from pgscrub import demo
from pgscrub.errors import PgscrubError

SCALE = 0.01
EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}$")
NINO = re.compile(r"^(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]\d{6}[A-D]$")
NATIONAL_ID_CHECKS = {
    "US": ssn.validate, "GB": lambda v: NINO.match(v) or pytest.fail(f"bad NINO shape {v!r}"),
    "DE": idnr.validate, "FR": nir.validate, "ES": dni.validate, "IT": codicefiscale.validate,
    "NL": bsn.validate, "BR": cpf.validate, "CZ": rc.validate,
}


@pytest.fixture(scope="module")
def demo_db(server):
    dsn = server.create_database()
    with psycopg.connect(dsn, autocommit=True) as conn:
        demo.generate(conn, scale=SCALE)
    yield dsn
    server.drop_database(dsn)


@pytest.fixture
def dconn(demo_db):
    with psycopg.connect(demo_db, autocommit=True) as conn:
        yield conn


def rows(conn, query, params=None):
    return conn.execute(query, params).fetchall()


def column_values(conn, schema, table, column):
    query = sql.SQL("SELECT {}::text FROM {} WHERE {} IS NOT NULL").format(
        sql.Identifier(column), sql.Identifier(schema, table), sql.Identifier(column))
    return [r[0] for r in conn.execute(query)]


# -- shape ------------------------------------------------------------------------------

def test_45_tables_in_public_and_messaging_with_views_and_valid_foreign_keys(dconn):
    tables = rows(dconn, """SELECT n.nspname, count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                             WHERE c.relkind = 'r' AND n.nspname IN ('public', 'messaging') GROUP BY 1 ORDER BY 1""")
    assert sum(count for _, count in tables) == 45
    assert dict(tables)["messaging"] >= 5
    matviews = {r[0] for r in rows(dconn, "SELECT schemaname || '.' || matviewname FROM pg_matviews WHERE ispopulated")}
    assert set(demo.manifest()["materialized_views"]) <= matviews
    fks = rows(dconn, "SELECT count(*), count(*) FILTER (WHERE NOT convalidated) FROM pg_constraint WHERE contype = 'f'")[0]
    assert fks[0] >= 40 and fks[1] == 0
    # every table has a primary key (the masking run batches by key)
    assert rows(dconn, """SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE c.relkind = 'r' AND n.nspname IN ('public', 'messaging')
                             AND NOT EXISTS (SELECT FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')""")[0][0] == 0


def test_scenario_figures_22_pii_columns_in_12_tables_about_280_others(dconn):
    pii = demo.pii_columns()
    assert len(pii) == 22
    assert len({(schema, table) for schema, table, _ in pii}) == 12
    columns = set(rows(dconn, """SELECT table_schema, table_name, column_name FROM information_schema.columns
                                  WHERE table_schema IN ('public', 'messaging')
                                    AND table_name IN (SELECT table_name FROM information_schema.tables
                                                        WHERE table_type = 'BASE TABLE')"""))
    assert set(pii) <= columns, set(pii) - columns
    assert 270 <= len(columns - set(pii)) <= 300


def test_row_counts_follow_the_scale(dconn):
    expected = demo.counts(SCALE)
    for table in ("users", "payments", "support_tickets", "audit_log", "notifications"):
        assert rows(dconn, sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", table)))[0][0] == expected[table]
    users = expected["users"]
    orders = rows(dconn, "SELECT count(*) FROM public.orders")[0][0]
    assert 3.5 * users < orders < 4.5 * users          # 8M orders for 2M users at scale 1
    assert demo.counts(1)["users"] == 2_000_000
    assert rows(dconn, "SELECT count(*), count(DISTINCT recipient) FROM messaging.email_logs")[0] == (450, 450)


def test_scale_out_of_range_is_refused():
    with pytest.raises(PgscrubError, match="scale"):
        demo.counts(0)


# -- the manifest matches the data ------------------------------------------------------

def test_email_columns_hold_emails(dconn):
    for (schema, table, column), kinds in demo.pii_columns().items():
        if kinds == {"email"}:
            values = column_values(dconn, schema, table, column)
            assert values and all(EMAIL.match(v) for v in values), f"{table}.{column}"


def test_national_ids_are_valid_for_the_users_country(dconn):
    seen = set()
    for country, value in rows(dconn, "SELECT country_code, national_id FROM public.users WHERE national_id IS NOT NULL"):
        NATIONAL_ID_CHECKS[country](value)
        seen.add(country)
    assert seen == set(NATIONAL_ID_CHECKS)
    # kyc_checks.reference_code: the same IDs, sometimes without separators
    for country, value in rows(dconn, """SELECT u.country_code, k.reference_code FROM public.kyc_checks k
                                         JOIN public.users u ON u.id = k.user_id"""):
        NATIONAL_ID_CHECKS[country](value)


def test_ssns_follow_the_area_group_serial_rules(dconn):
    values = [r[0] for r in rows(dconn, "SELECT national_id FROM public.users WHERE country_code = 'US' AND national_id IS NOT NULL")]
    assert len(values) > 1000 and len(set(values)) == len(values)
    for value in values:
        area, group, serial = value.split("-")
        assert area not in ("000", "666") and not area.startswith("9") and group != "00" and serial != "0000"


def test_ibans_validate_with_country_checks(dconn):
    values = column_values(dconn, "public", "beneficiaries", "iban") + column_values(dconn, "public", "payments", "bank_account")
    assert len(values) > 1000
    countries = {iban.validate(v)[:2] for v in values}     # mod-97, BBAN structure, Spanish CCC
    assert len(countries) >= 8


def test_card_numbers_are_luhn_valid_with_issuer_lengths(dconn):
    for number, brand in rows(dconn, "SELECT card_number, brand FROM public.cards"):
        luhn.validate(number)
        assert len(number) == {"amex": 15}.get(brand, 16)


def test_phones_have_country_shapes(dconn):
    for country, phone in rows(dconn, "SELECT country_code, phone FROM public.users WHERE phone IS NOT NULL"):
        digits = re.sub(r"\D", "", phone)
        assert 9 <= len(digits) <= 13 and re.fullmatch(r"[+0-9 ()\-]+", phone), phone


def test_names_and_addresses(dconn):
    for name, in rows(dconn, "SELECT full_name FROM public.users"):
        assert len(name.split()) >= 2 and all(part[0].isupper() for part in name.split())
    mismatched = rows(dconn, """SELECT count(*) FROM public.audit_log a JOIN public.users u ON u.id = a.actor_id
                                 WHERE a.actor_name <> u.full_name""")[0][0]
    assert mismatched == 0
    kinds = rows(dconn, """SELECT count(*) FILTER (WHERE display_name = full_name),
                                  count(*) FILTER (WHERE display_name <> full_name AND display_name !~ ' ')
                             FROM public.users""")[0]
    assert kinds[0] > 0.2 * demo.counts(SCALE)["users"] and kinds[1] > 0.4 * demo.counts(SCALE)["users"]
    for column_value, in rows(dconn, "SELECT shipping_address FROM public.orders LIMIT 2000"):
        assert re.search(r"\d", column_value) and column_value.count(",") >= 2
    assert rows(dconn, "SELECT count(*) FROM public.login_events WHERE NOT inet_same_family(ip_address, '0.0.0.0') "
                       "OR ip_address << '10.0.0.0/8'")[0][0] < demo.counts(SCALE)["login_events"] * 0.2
    assert rows(dconn, "SELECT min(birth_date) >= '1955-01-01' AND max(birth_date) < '2006-01-01' FROM public.kyc_checks")[0][0]


def test_metadata_hides_the_users_emails_and_phones(dconn):
    result = rows(dconn, """SELECT count(*),
                                   count(*) FILTER (WHERE metadata #>> '{contact,email}' = email),
                                   count(*) FILTER (WHERE metadata #>> '{contact,phones,0,number}' = phone),
                                   count(*) FILTER (WHERE metadata #>> '{recovery,email}' LIKE '%@%')
                              FROM public.users""")[0]
    total, same_email, same_phone, recovery = result
    assert same_email == total and same_phone > 0.85 * total and 0.2 * total < recovery < 0.4 * total


def test_a_third_of_ticket_bodies_name_the_customer_or_quote_their_email(dconn):
    total, personal = rows(dconn, """SELECT count(*), count(*) FILTER (WHERE strpos(t.body, u.email) > 0
                                                                     OR strpos(t.body, u.full_name) > 0)
                                       FROM public.support_tickets t JOIN public.users u ON u.id = t.user_id""")[0]
    assert 0.25 < personal / total < 0.42


def test_audit_log_notifications_and_email_logs_repeat_users_emails(dconn):
    for table, column in (("public.audit_log", "actor_email"), ("public.notifications", "recipient"),
                          ("messaging.email_logs", "recipient")):
        schema, name = table.split(".")
        outside = rows(dconn, sql.SQL("SELECT count(*) FROM {} t WHERE NOT EXISTS "
                                      "(SELECT FROM public.users u WHERE lower(u.email) = lower(t.{}))").format(
                                          sql.Identifier(schema, name), sql.Identifier(column)))[0][0]
        assert outside == 0, table
    # some users write their address with capitals; audit_log has it lower-cased
    assert rows(dconn, "SELECT count(*) FROM public.users WHERE email <> lower(email)")[0][0] > 0


def test_columns_outside_the_manifest_hold_no_customer_data(dconn):
    pii = demo.pii_columns()
    text_columns = rows(dconn, """SELECT c.table_schema, c.table_name, c.column_name FROM information_schema.columns c
                                  JOIN information_schema.tables t USING (table_schema, table_name)
                                 WHERE c.table_schema IN ('public', 'messaging') AND t.table_type = 'BASE TABLE'
                                   AND c.data_type IN ('text', 'character varying', 'character', 'jsonb', 'inet')""")
    dconn.execute("""CREATE TEMP TABLE known AS SELECT lower(email) AS v FROM public.users
                     UNION SELECT full_name FROM public.users UNION SELECT national_id FROM public.users WHERE national_id IS NOT NULL""")
    checked = 0
    for schema, table, column in text_columns:
        if (schema, table, column) in pii:
            continue
        leaks = rows(dconn, sql.SQL("""SELECT count(*) FROM {t} WHERE {c}::text LIKE '%@%.%'
                                          OR lower({c}::text) IN (SELECT v FROM known)""").format(
                                              t=sql.Identifier(schema, table), c=sql.Identifier(column)))[0][0]
        assert leaks == 0, f"{schema}.{table}.{column}"
        checked += 1
    assert checked > 60


# -- the migration, refusals, determinism ------------------------------------------------

def test_add_backup_email_fills_a_new_column_with_emails(server):
    dsn = server.create_database()
    try:
        with psycopg.connect(dsn, autocommit=True) as conn:
            demo.generate(conn, scale=0.001)
            filled = demo.add_backup_email(conn)
            total, emails = conn.execute("SELECT count(*), count(*) FILTER (WHERE backup_email LIKE '%_@_%.__%') "
                                         "FROM public.users").fetchone()
            assert filled == emails and 0.7 * total < emails < 0.9 * total
            assert ("public", "users", "backup_email") in demo.pii_columns(with_migration=True)
    finally:
        server.drop_database(dsn)


def test_generate_refuses_a_database_that_already_has_the_tables(dconn):
    with pytest.raises(PgscrubError, match="already has"):
        demo.generate(dconn, scale=0.001)
    assert rows(dconn, "SELECT count(*) FROM pg_namespace WHERE nspname = 'demo_build'")[0][0] == 0


def _fingerprint(dsn: str) -> dict[str, str]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        tables = rows(conn, """SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c
                                JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE c.relkind IN ('r', 'm') AND n.nspname IN ('public', 'messaging')""")
        return {t: conn.execute(sql.SQL("SELECT md5(string_agg(x::text, '|' ORDER BY x::text)) FROM {} AS x").format(
                    sql.SQL(t))).fetchone()[0] for t, in tables}


def test_same_seed_same_data_other_seed_other_data(server):
    made = [server.create_database() for _ in range(3)]
    try:
        for dsn, seed in zip(made, (7, 7, 8)):
            with psycopg.connect(dsn, autocommit=True) as conn:
                demo.generate(conn, scale=0.001, seed=seed)
        first, again, other = (_fingerprint(dsn) for dsn in made)
        assert len(first) == 47 and first == again
        assert first["public.users"] != other["public.users"]
    finally:
        for dsn in made:
            server.drop_database(dsn)


def test_the_scan_finds_exactly_the_manifest_columns(server, demo_db):
    """The manifest as the scan's ground truth: exactly its 22 PII columns found, nothing else flagged
    (the scan's sample is seeded, so this does not flip from run to run)."""
    from psycopg.conninfo import conninfo_to_dict

    from pgscrub import installer
    from pgscrub.scan import scan

    import support
    dsn = server.create_database(template=conninfo_to_dict(demo_db)["dbname"])
    try:
        with support.connect(dsn) as conn:
            installer.install(conn)
            scan(conn)
            flagged = set(rows(conn, """SELECT schema_name, table_name, column_name FROM anon.scanned_columns
                                         WHERE sensitivity IN ('HIGH', 'MEDIUM')"""))
        truth = set(demo.pii_columns())
        assert len(truth) == 22
        assert truth - flagged == set(), "missed"
        assert flagged - truth == set(), "flagged without PII"
    finally:
        server.drop_database(dsn)
