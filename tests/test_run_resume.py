"""A run that is killed or crashes resumes where it stopped, with the same result as a run
that was never interrupted: no row masked twice, none missed."""

from __future__ import annotations

import psycopg
import pytest

import support
from test_run import add_rule, rows_done, run_in_thread, table_digest, wait_for

# users -> orders by id, and orders.contact_email -> users.email: a masked column that is
# itself a foreign key (ON UPDATE CASCADE), so the tables are masked in batches.
SHOP = """
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, full_name text);
INSERT INTO users SELECT g, 'user' || g || '@example.org', 'Name ' || g FROM generate_series(1, 2000) g;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users,
                     contact_email text REFERENCES users (email) ON UPDATE CASCADE,
                     shipping_address text);
INSERT INTO orders SELECT g, 1 + g % 2000, 'user' || (1 + g % 2000) || '@example.org', g || ' Baker Street'
  FROM generate_series(1, 20000) g;
"""
TABLES = {"users": "id", "orders": "id"}


def setup_shop(conn) -> None:
    conn.execute(SHOP)
    add_rule(conn, "public.users", "email")
    add_rule(conn, "public.users", "full_name")
    add_rule(conn, "public.orders", "contact_email")
    add_rule(conn, "public.orders", "shipping_address")


@pytest.fixture
def control(server, anon_template):
    """The same shop in another database, masked by one uninterrupted run."""
    dsn = server.create_database(template=anon_template)
    with support.connect(dsn) as conn:
        setup_shop(conn)
        conn.execute("CALL anon.run_all('batched', 100)")
        yield {table: table_digest(conn, table, key) for table, key in TABLES.items()}
    server.drop_database(dsn)


def interrupt_while_masking_orders(db, conn, interrupt) -> None:
    """Start a batched run, block it in the middle of orders, interrupt it."""
    thread, state = run_in_thread(db, "CALL anon.run_all('batched', 100)")
    wait_for(lambda: rows_done(conn, "orders") > 0, what="orders to be half masked")
    blocker = support.connect(db, autocommit=False)
    try:
        blocker.execute("LOCK TABLE orders IN SHARE MODE")   # the run waits at its next batch
        interrupt(state["pid"])
    finally:
        blocker.close()
    thread.join(timeout=60)
    assert "error" in state
    conn.close()   # after a restart it is broken; the checks use new connections


def assert_resumes_to(db, control):
    with support.connect(db) as conn:
        wait_for(lambda: support.scalar(conn, "SELECT anon.run_lock_holder() IS NULL"), what="the lock to go")
        assert 0 < rows_done(conn, "orders") < 20000, "the interruption must land in the middle of orders"
        assert support.scalar(conn, "SELECT status FROM anon.runs") == "running"
        conn.execute("CALL anon.run_all()")
        assert support.scalar(conn, "SELECT count(*) FROM anon.runs") == 1
        assert support.scalar(conn, "SELECT status FROM anon.runs") == "masked"
        assert {table: table_digest(conn, table, key) for table, key in TABLES.items()} == control
        # no value masked twice (a hash of a hash would not match), none missed
        assert support.scalar(conn, """
            SELECT count(*) FROM orders o JOIN users u ON u.email = o.contact_email""") == 20000
        assert support.scalar(conn, "SELECT count(*) FROM orders WHERE shipping_address LIKE '%Baker%'") == 0


def test_resume_after_the_backend_is_killed(db, conn, control):
    setup_shop(conn)
    interrupt_while_masking_orders(
        db, conn, lambda pid: conn.execute("SELECT pg_terminate_backend(%s)", (pid,)))
    assert_resumes_to(db, control)


def test_resume_after_an_immediate_server_stop(server, db, conn, control):
    if server.cluster is None:
        pytest.skip("needs the throwaway cluster (pg_ctl)")
    setup_shop(conn)
    interrupt_while_masking_orders(db, conn, lambda pid: server.cluster.restart("immediate"))
    assert_resumes_to(db, control)


def test_resume_after_a_kill_during_a_rewrite_redoes_the_whole_table(db, conn):
    conn.execute("""
        CREATE TABLE big (id int PRIMARY KEY, email text);
        INSERT INTO big SELECT g, 'e' || g FROM generate_series(1, 400000) g;
    """)
    add_rule(conn, "public.big", "email")
    before = table_digest(conn, "big", "id")
    thread, state = run_in_thread(db, "CALL anon.run_all()")
    wait_for(lambda: conn.execute("SELECT 1 FROM anon.progress WHERE phase = 'rewriting'").fetchone(),
             what="the rewrite")
    conn.execute("SELECT pg_terminate_backend(%s)", (state["pid"],))
    thread.join()
    assert support.scalar(conn, "SELECT phase FROM anon.progress") == "rewriting", "killed too late"
    assert table_digest(conn, "big", "id") == before           # rolled back as a whole
    wait_for(lambda: support.scalar(conn, "SELECT anon.run_lock_holder() IS NULL"), what="the lock to go")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT count(*) FROM big WHERE email = encode(anon.keyed_hash('hash', 'e' || id), 'hex')") == 400000


def test_ctid_batches_do_not_mask_twice_a_row_an_update_moved_forward(conn):
    # No primary key: batches over block ranges. Free space in later pages lets the new
    # version of a row from an early page land in a page a later batch has yet to visit.
    conn.execute("""
        CREATE TABLE notes (body text, n int) WITH (autovacuum_enabled = false);
        INSERT INTO notes SELECT 'original note ' || g || repeat('x', 60), g FROM generate_series(1, 4000) g;
        DELETE FROM notes WHERE n > 2000 AND n % 2 = 0;
    """)
    conn.execute("VACUUM notes")
    add_rule(conn, "public.notes", "body")
    conn.execute("CALL anon.run_all('batched', 50)")
    assert support.scalar(conn, "SELECT method FROM anon.run_tables") == "ctid"
    assert support.scalar(conn, """
        SELECT count(*) FROM notes
         WHERE body = encode(anon.keyed_hash('hash', 'original note ' || n || repeat('x', 60)), 'hex')""") == 3000
    assert support.scalar(conn, "SELECT rows_done FROM anon.run_tables") == 3000


def test_failed_run_is_resumed_not_restarted(db, conn):
    setup_shop(conn)
    thread, state = run_in_thread(db, "CALL anon.run_all('batched', 100)")
    wait_for(lambda: rows_done(conn, "users") > 0, what="users to start")
    conn.execute("SELECT pg_cancel_backend(%s)", (state["pid"],))
    thread.join()
    assert isinstance(state["error"], psycopg.errors.QueryCanceled)
    wait_for(lambda: support.scalar(conn, "SELECT anon.run_lock_holder() IS NULL"), what="the lock to go")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT count(*) FROM anon.runs") == 1
    assert support.scalar(conn, """
        SELECT count(*) FROM orders o JOIN users u ON u.email = o.contact_email""") == 20000
