"""Build the scenario's fintech database (../shared/SCENARIO.md) inside PostgreSQL.

The rows are made by SQL (generate_series and keyed hashes over Faker word lists), so scale 1
(2M users, 8M orders, 45 tables) builds in minutes and scale 0.01 in seconds. The word lists
and helper functions live in a throwaway schema, demo_build, dropped at the end: the demo data
needs nothing from pgscrub. Same scale and seed, same data (with the same Faker release).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from importlib import resources

import psycopg
from psycopg import sql

from pgscrub.demo import vocab
from pgscrub.errors import PgscrubError

DEFAULT_SEED = 20250630
BUILD_SCHEMA = "demo_build"

# Rows at scale 1; reference tables keep a floor so that small scales still look real.
BASE_COUNTS = {
    "users": 2_000_000,
    "user_addresses": 150_000, "user_preferences": 100_000, "kyc_checks": 100_000,
    "devices": 100_000, "login_events": 200_000,
    "accounts": 150_000, "beneficiaries": 80_000, "transfers": 100_000, "ledger_entries": 150_000,
    "cards": 100_000, "card_transactions": 150_000, "subscriptions": 50_000,
    "loyalty_accounts": 50_000, "fraud_alerts": 20_000,
    "order_items": 150_000, "order_status_history": 100_000, "shipments": 100_000,
    "payments": 300_000, "refunds": 15_000, "invoices": 100_000,
    "support_tickets": 100_000, "ticket_events": 100_000, "audit_log": 300_000,
    "notifications": 250_000,
    "email_logs": 45_000, "delivery_events": 50_000, "push_logs": 50_000,
    "merchants": 5_000, "products": 2_000, "coupons": 5_000, "exchange_rates": 20_000,
}
FLOORS = {"merchants": 50, "products": 40, "coupons": 30, "exchange_rates": 100}

# Build steps, in order: (file, what it makes). Each runs in its own transaction.
STEPS = (
    ("00_build_functions.sql", "helper functions"),
    ("01_national_ids.sql", "national ID functions"),
    ("10_schema.sql", "45 tables"),
    ("20_people.sql", "customers"),
    ("30_reference.sql", "reference data"),
    ("40_users.sql", "users and their records"),
    ("50_money.sql", "accounts, cards, transfers"),
    ("60_orders.sql", "orders and payments"),
    ("70_support.sql", "support, audit log, notifications"),
    ("80_messaging.sql", "messaging schema"),
    ("85_retired_columns.sql", "columns dropped by past migrations"),
    ("90_constraints.sql", "keys, foreign keys, indexes, views"),
)

PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def counts(scale: float) -> dict[str, int]:
    """Rows per generated table at this scale (orders follow users: about 4 each)."""
    if not 0 < scale <= 10:
        raise PgscrubError(f"scale must be in (0, 10], not {scale}",
                           "use 1 for the scenario's size (2M users, 8M orders), 0.01 for a quick demo")
    return {name: max(FLOORS.get(name, 1), round(base * scale)) for name, base in BASE_COUNTS.items()}


def _step_sql(name: str, values: dict[str, int]) -> str:
    text = resources.files("pgscrub.demo").joinpath("sql", name).read_text(encoding="utf-8")

    def value(match: re.Match) -> str:
        return str(int(values[match.group(1)]))   # only integers are substituted

    return PLACEHOLDER.sub(value, text)


def _refuse_existing(conn: psycopg.Connection) -> None:
    found = conn.execute(
        "SELECT to_regclass('public.users') IS NOT NULL OR to_regnamespace('messaging') IS NOT NULL"
    ).fetchone()[0]
    if found:
        raise PgscrubError(
            "this database already has public.users or a messaging schema",
            "generate the demo data into a new, empty database (createdb pgscrub_demo)")


def _load_dictionaries(conn: psycopg.Connection, seed: int) -> dict[str, int]:
    """Word lists into demo_build tables; returns sizes used as placeholders."""
    lists = vocab.dictionary(seed)
    for kind, rows in lists.items():
        table = sql.Identifier(BUILD_SCHEMA, kind)
        conn.execute(sql.SQL("CREATE TABLE {} (locale_id int, pos int, value text, ascii text, "
                             "PRIMARY KEY (locale_id, pos))").format(table))
        with conn.cursor().copy(sql.SQL("COPY {} FROM STDIN").format(table)) as copy:
            for row in rows:
                copy.write_row(row)
    conn.execute("""CREATE TABLE demo_build.locales (
        locale_id int PRIMARY KEY, locale text, country text, country_name text, currency text,
        email_domains text[], weight int)""")
    with conn.cursor().copy("COPY demo_build.locales FROM STDIN") as copy:
        for locale_id, loc in enumerate(vocab.LOCALES):
            copy.write_row((locale_id, loc.code, loc.country, loc.country_name, loc.currency,
                            list(loc.email_domains), loc.weight))
    for kind in ("first_name", "last_name", "street", "postcode", "city"):
        column = sql.Identifier(f"n_{kind}")
        conn.execute(sql.SQL("ALTER TABLE demo_build.locales ADD COLUMN {} int").format(column))
        conn.execute(sql.SQL("UPDATE demo_build.locales AS l SET {} = (SELECT count(*) FROM {} AS w "
                             "WHERE w.locale_id = l.locale_id)").format(
                                 column, sql.Identifier(BUILD_SCHEMA, kind)))
    # slot 0..99 -> locale, by weight: an equality join picks a locale from h % 100
    conn.execute("""CREATE TABLE demo_build.locale_slots AS
        SELECT slot, locale_id FROM (
            SELECT locale_id, generate_series(start, start + weight - 1) AS slot
              FROM (SELECT locale_id, weight,
                           coalesce(sum(weight) OVER (ORDER BY locale_id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS start
                      FROM demo_build.locales) AS w) AS s""")
    for table in [*lists, "locales", "locale_slots"]:   # the joins need real row counts
        conn.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(BUILD_SCHEMA, table)))
    return {f"n_{kind}s" if kind in ("adjective", "noun", "product") else f"n_{kind}": len(rows)
            for kind, rows in lists.items() if kind in ("username", "adjective", "noun", "product")}


def generate(conn: psycopg.Connection, scale: float = 0.01, seed: int = DEFAULT_SEED,
             progress: Callable[[str, float], None] | None = None) -> dict[str, float]:
    """Create the scenario's database in conn's (empty) database; returns seconds per step.

    progress(step_description, seconds) is called after each step.
    """
    values = counts(scale)
    if not conn.autocommit:
        raise PgscrubError("generate() needs an autocommit connection", "psycopg.connect(..., autocommit=True)")
    _refuse_existing(conn)
    timings: dict[str, float] = {}
    conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(BUILD_SCHEMA)))
    conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(BUILD_SCHEMA)))
    try:
        started = time.perf_counter()
        conn.execute("SET TIME ZONE 'UTC'")
        # JIT compiles the wide generating expressions for minutes and saves seconds.
        conn.execute("SET jit = off")
        # The seed is baked into the one hash every value derives from.
        conn.execute(sql.SQL(
            "CREATE FUNCTION demo_build.h(k bigint, salt int) RETURNS bigint "
            "LANGUAGE sql IMMUTABLE PARALLEL SAFE "
            "RETURN pg_catalog.hashint8extended(k, {}::bigint * 100003 + salt) & 9223372036854775807"
        ).format(sql.Literal(int(seed))))
        with conn.transaction():
            values.update(_load_dictionaries(conn, seed))
        _note(timings, progress, "dictionaries", started)
        for name, description in STEPS:
            started = time.perf_counter()
            with conn.transaction():
                conn.execute(_step_sql(name, values))
            _note(timings, progress, description, started)
        started = time.perf_counter()
        conn.execute("VACUUM ANALYZE")
        _note(timings, progress, "vacuum analyze", started)
    finally:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(BUILD_SCHEMA)))
    return timings


def _note(timings, progress, step: str, started: float) -> None:
    timings[step] = time.perf_counter() - started
    if progress:
        progress(step, timings[step])
