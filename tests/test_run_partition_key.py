"""A partition key column is never masked: a masked key would belong in another partition.
propose_rules keeps it, a masking rule on it is refused before any row changes, and once
the rule is set to keep, the run finishes and validation is clean."""

from __future__ import annotations

import psycopg
import pytest

import support

ORDERS = """
CREATE TABLE orders (id int, region text NOT NULL, email text NOT NULL, PRIMARY KEY (id, region))
    PARTITION BY LIST (region);
CREATE TABLE orders_eu (email text NOT NULL, region text NOT NULL, id int NOT NULL);
ALTER TABLE orders ATTACH PARTITION orders_eu FOR VALUES IN ('London', 'Paris', 'Berlin');
CREATE TABLE orders_us PARTITION OF orders FOR VALUES IN ('Boston', 'Denver');
INSERT INTO orders SELECT g, (ARRAY['London', 'Paris', 'Berlin', 'Boston', 'Denver'])[1 + g % 5],
                          'person' || g || '@gmail.com' FROM generate_series(1, 200) g;
"""


def test_propose_keeps_a_partition_key_column(conn):
    conn.execute(ORDERS)
    conn.execute("SELECT count(*) FROM anon.scan()")
    conn.execute("INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, sampled, "
                 "matched, confidence, sensitivity, found_in) "
                 "VALUES ('public', 'orders', 'region', 'city', 'text', 200, 200, 1, 'MEDIUM', 'value')")
    conn.execute("SELECT anon.propose_rules()")
    strategy, note = conn.execute("SELECT strategy, note FROM anon.rules WHERE table_name = 'orders' "
                                  "AND column_name = 'region'").fetchone()
    assert strategy == "keep"
    assert "partition key of public.orders" in note


def test_a_masking_rule_on_a_partition_key_is_refused_then_keep_finishes_clean(conn):
    conn.execute(ORDERS)
    conn.execute("SELECT count(*) FROM anon.scan()")
    conn.execute("INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed) VALUES "
                 "('public', 'orders', 'email', 'email', true), ('public', 'orders', 'region', 'city', true)")
    before = support.scalar(conn, "SELECT string_agg(email || region, ',' ORDER BY id) FROM orders")
    with pytest.raises(psycopg.errors.FeatureNotSupported, match="partition key of public.orders"):
        conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT string_agg(email || region, ',' ORDER BY id) FROM orders") == before
    conn.execute("UPDATE anon.rules SET strategy = 'keep' WHERE column_name = 'region'")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT count(*) FROM orders WHERE email LIKE 'person%@gmail.com'") == 0
    statuses = {status for status, in conn.execute("SELECT status FROM anon.validate()").fetchall()}
    assert statuses == {"Clean"}


def test_a_masking_rule_on_a_partitions_own_key_column_is_refused(conn):
    conn.execute(ORDERS)
    conn.execute("SELECT count(*) FROM anon.scan()")
    conn.execute("INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed) VALUES "
                 "('public', 'orders_eu', 'region', 'city', true)")
    with pytest.raises(psycopg.errors.FeatureNotSupported, match="partition key of public.orders"):
        conn.execute("CALL anon.run_all()")


def test_a_masking_rule_on_a_column_of_a_partition_key_expression_is_refused(conn):
    conn.execute("CREATE TABLE pe (id int, email text NOT NULL, email_domain text) PARTITION BY LIST (lower(email))")
    conn.execute("CREATE TABLE pe_a PARTITION OF pe FOR VALUES IN ('a@x.org')")
    conn.execute("CREATE TABLE plain (id int PRIMARY KEY, email text)")
    conn.execute("INSERT INTO pe VALUES (1, 'A@x.org', 'x.org')")
    conn.execute("INSERT INTO plain VALUES (1, 'a@x.org')")
    conn.execute("SELECT count(*) FROM anon.scan()")
    conn.execute("INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, reviewed) VALUES "
                 "('public', 'plain', 'email', 'email', true), ('public', 'pe', 'email_domain', 'hash', true), "
                 "('public', 'pe', 'email', 'email', true)")
    with pytest.raises(psycopg.errors.FeatureNotSupported, match=r"pe\.email, strategy email.*partition key of public\.pe"):
        conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT email FROM plain") == "a@x.org"
    conn.execute("UPDATE anon.rules SET strategy = 'keep' WHERE table_name = 'pe' AND column_name = 'email'")
    conn.execute("CALL anon.run_all()")   # email_domain is not in the key: masked
    assert support.scalar(conn, "SELECT email_domain FROM pe") != "x.org"
