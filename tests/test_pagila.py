"""Acceptance (issue 2): `pgscrub pipeline --auto-approve` on Pagila masks every customer and
staff name, email and phone and every address line, keeps emails valid and unique and every
join intact, validates clean, and `pgscrub validate` fails once an original email is planted
back into a new table."""

from __future__ import annotations

import re

import pytest

import support

ORIGINALS = {
    "customer": ("customer_id", ("first_name", "last_name", "email")),
    "staff": ("staff_id", ("first_name", "last_name", "email")),
    "address": ("address_id", ("address", "address2", "phone")),
}
JOINS = {
    "customer JOIN payment": "SELECT count(*) FROM customer c JOIN payment p ON p.customer_id = c.customer_id",
    "customer JOIN rental": "SELECT count(*) FROM customer c JOIN rental r ON r.customer_id = c.customer_id",
    "address JOIN customer": "SELECT count(*) FROM address a JOIN customer c ON c.address_id = a.address_id",
}
EMAIL = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def snapshot(conn) -> dict:
    values = {}
    for table, (key, columns) in ORIGINALS.items():
        for column in columns:
            values[(table, column)] = dict(conn.execute(f"SELECT {key}, {column} FROM {table}").fetchall())
    return values


@pytest.mark.slow
def test_pipeline_on_pagila(sample_db):
    dsn = sample_db("pagila")
    with support.connect(dsn) as conn:
        before = snapshot(conn)
        joins_before = {name: conn.execute(query).fetchone()[0] for name, query in JOINS.items()}

    result = support.cli("pipeline", "--auto-approve", dsn=dsn)
    assert result.returncode == 0, result.stdout + result.stderr

    with support.connect(dsn) as conn:
        after = snapshot(conn)
        for (table, column), rows in before.items():
            kept = [key for key, value in rows.items() if value not in (None, "") and after[(table, column)][key] == value]
            assert not kept, f"{table}.{column} still holds the original value in rows {kept[:10]}"
        emails = conn.execute("SELECT email FROM customer").fetchall()
        assert all(email and EMAIL.match(email) for (email,) in emails), "customer emails are valid emails"
        assert len({email for (email,) in emails}) == len(emails) == len(before[("customer", "email")]), \
            "one email per customer, unique"
        assert {name: conn.execute(query).fetchone()[0] for name, query in JOINS.items()} == joins_before

    assert support.cli("validate", dsn=dsn).returncode == 0

    planted = before[("customer", "email")][1]
    with support.connect(dsn) as conn:
        conn.execute("CREATE TABLE public.newsletter_export (address text)")
        conn.execute("INSERT INTO public.newsletter_export VALUES (%s)", (planted,))
    leaked = support.cli("validate", dsn=dsn)
    assert leaked.returncode != 0
    assert "public.newsletter_export" in leaked.stdout and planted not in leaked.stdout
