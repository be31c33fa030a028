"""CALL anon.run_all() / anon.run_table(): masking, ledger, order, triggers, rule errors.

The helpers at the top are shared by the other tests/test_run_*.py files.
"""

from __future__ import annotations

import json
import threading
import time

import psycopg
import pytest
from psycopg import sql

import support
from pgscrub.secret import DEMO_SECRET


# -- helpers shared by the run tests ------------------------------------------------------
def add_rule(conn, table: str, column: str, strategy: str = "hash", params: dict | None = None,
             reviewed: bool = True) -> int:
    """A reviewed rule, added as a DBA would: after the scan classified the new tables
    (default-deny refuses to mask while the watcher lists unclassified columns)."""
    conn.execute("SELECT count(*) FROM anon.scan()")
    schema, _, name = table.rpartition(".")
    return conn.execute(
        "INSERT INTO anon.rules (schema_name, table_name, column_name, strategy, params, reviewed) "
        "VALUES (%s, %s, %s, %s, %s, %s) RETURNING rule_id",
        (schema or "public", name, column, strategy, json.dumps(params or {}), reviewed)).fetchone()[0]


def hashed(conn, value: str) -> str:
    """What the stub's 'hash' strategy makes of a value."""
    return support.scalar(conn, "SELECT encode(anon.keyed_hash('hash', %s), 'hex')", (value,))


def table_digest(conn, table: str, order_by: str) -> str:
    """A fingerprint of a table's whole content, to compare two databases."""
    return support.scalar(conn, sql.SQL("SELECT md5(string_agg(t::text, '|' ORDER BY {})) FROM {} t").format(
        sql.SQL(order_by), sql.SQL(table)))


class Notices:
    """Collects the NOTICEs a connection receives."""

    def __init__(self, conn):
        self.messages: list[str] = []
        conn.add_notice_handler(lambda diag: self.messages.append(diag.message_primary or ""))


def run_in_thread(dsn: str, statement: str) -> tuple[threading.Thread, dict]:
    """Start a CALL on its own connection; the dict gets its backend pid, then its error."""
    state: dict = {}

    def target():
        try:
            with support.connect(dsn) as conn:
                state["pid"] = conn.info.backend_pid
                conn.execute(statement)
        except psycopg.Error as exc:
            state["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    while "pid" not in state and thread.is_alive():
        time.sleep(0.01)
    return thread, state


def rows_done(conn, table: str) -> int:
    """Rows masked so far in a table of the current run (0 before it is planned)."""
    row = conn.execute("SELECT rows_done FROM anon.progress WHERE table_name = %s", (table,)).fetchone()
    return row[0] if row else 0


def wait_for(predicate, timeout: float = 60, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError(f"timed out waiting for {what}")


SHOP = """
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, phone text, status text);
INSERT INTO users SELECT g, 'user' || g || '@example.org', '+44 20 7946 ' || lpad(g::text, 4, '0'), 'active'
  FROM generate_series(1, 300) g;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint NOT NULL REFERENCES users,
                     shipping_address text, amount numeric NOT NULL);
INSERT INTO orders SELECT g, 1 + g % 300, g || ' Baker Street, London', g FROM generate_series(1, 900) g;
CREATE VIEW user_contacts AS SELECT id, phone FROM users;
"""


def shop(conn) -> None:
    conn.execute(SHOP)
    add_rule(conn, "public.users", "email")
    add_rule(conn, "public.users", "phone")
    add_rule(conn, "public.orders", "shipping_address")
    add_rule(conn, "public.users", "status", "keep")


# -- the procedure ------------------------------------------------------------------------
def test_run_all_masks_every_ruled_column_once_and_keeps_the_rest(conn):
    shop(conn)
    notices = Notices(conn)
    conn.execute("CALL anon.run_all()")

    assert support.scalar(conn, "SELECT email FROM users WHERE id = 7") == hashed(conn, "user7@example.org")
    assert support.scalar(conn, "SELECT phone FROM users WHERE id = 7") == hashed(conn, "+44 20 7946 0007")
    assert support.scalar(conn, "SELECT shipping_address FROM orders WHERE id = 5") == hashed(conn, "5 Baker Street, London")
    assert support.scalar(conn, "SELECT count(*) FROM users WHERE status = 'active'") == 300   # keep
    assert support.scalar(conn, "SELECT sum(amount) FROM orders") == sum(range(1, 901))        # unruled
    assert support.scalar(conn, "SELECT count(*) FROM user_contacts WHERE phone LIKE '+44%'") == 0

    run = conn.execute("SELECT status, rows_processed, mode FROM anon.runs").fetchone()
    assert run == ("masked", 1200, "rewrite")
    ledger = conn.execute("SELECT table_name, status, method, rows_done, columns FROM anon.run_tables "
                          "ORDER BY position").fetchall()
    # users first (orders references it); users is batched because a view uses phone.
    assert ledger == [("users", "done", "keyset", 300, ["email", "phone"]),
                      ("orders", "done", "rewrite", 900, ["shipping_address"])]
    assert [m for m in notices.messages if "masked:" in m] == [
        m for m in notices.messages if m.startswith("pgscrub: public.")]
    assert len([m for m in notices.messages if m.startswith("pgscrub: public.")]) == 2

    progress = conn.execute("SELECT table_name, phase, rows_done, percent FROM anon.progress").fetchall()
    assert progress == [("users", "done", 300, 100), ("orders", "done", 900, 100)]


def test_examples_are_partial_before_and_masked_after(conn):
    shop(conn)
    assert support.scalar(conn, "SELECT detector FROM anon.findings WHERE column_name = 'email' "
                                "ORDER BY confidence DESC LIMIT 1") == "email"
    conn.execute("CALL anon.run_all()")
    examples = conn.execute("SELECT column_name, before_partial, after_value FROM anon.run_examples "
                            "WHERE table_name = 'users' AND column_name = 'email' ORDER BY ordinal").fetchall()
    assert len(examples) == 3
    for _, before, after in examples:
        assert before == "u***@example.org"   # anon.partial of the finding's kind, never the raw value
        assert support.scalar(conn, "SELECT count(*) FROM users WHERE email = %s", (after,)) == 1
    everything = json.dumps(conn.execute("SELECT * FROM anon.run_examples").fetchall(), default=str)
    assert "user1@example.org" not in everything and "Baker" not in everything


def test_examples_of_json_and_free_text_columns_hold_no_original_data(conn):
    conn.execute("""CREATE TABLE profiles (id int PRIMARY KEY, metadata jsonb, note text)""")
    conn.execute("""INSERT INTO profiles VALUES
        (1, '{"contact": {"email": "grace.hopper@mail.example", "phone": "+1 202 555 0142"}, "tier": 3}',
         'Customer grace.hopper@mail.example called from +1 202 555 0142 about Hopper'),
        (2, '["ada.l@mail.example", {"recovery": "charles.b@mail.example"}]',
         'Ada Lovelace wrote to ada.l@mail.example')""")
    conn.execute("INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, "
                 "sampled, matched, confidence, sensitivity, found_in) VALUES "
                 "('public', 'profiles', 'metadata', 'email', 'jsonb', 2, 2, 1, 'HIGH', 'json'), "
                 "('public', 'profiles', 'note', 'email', 'text', 2, 2, 1, 'HIGH', 'text')")
    add_rule(conn, "public.profiles", "metadata", "constant", {"value": "{}"})
    add_rule(conn, "public.profiles", "note", "constant", {"value": "[redacted]"})
    conn.execute("CALL anon.run_all()")
    befores = [row[0] for row in conn.execute("SELECT before_partial FROM anon.run_examples "
                                               "WHERE table_name = 'profiles' ORDER BY column_name, ordinal")]
    assert len(befores) == 4
    everything = " ".join(befores)
    # Whole-value partials keep an email's domain and a phone's last two digits, by design.
    for original in ("grace", "hopper", "0142", "charles", "Lovelace", "Ada", "Customer"):
        assert original not in everything, f"{original!r} leaked into a report example: {everything}"
    assert '"contact"' in everything and '"tier": "number"' in everything  # the shape stays readable


def test_a_second_run_masks_nothing_twice(conn):
    shop(conn)
    conn.execute("CALL anon.run_all()")
    before = table_digest(conn, "users", "id")
    notices = Notices(conn)
    conn.execute("CALL anon.run_all()")
    assert table_digest(conn, "users", "id") == before
    assert "pgscrub: nothing to mask: no table has a reviewed rule left to apply" in notices.messages
    assert support.scalar(conn, "SELECT count(*) FROM anon.runs") == 1
    # A rule added later is applied to its column only.
    conn.execute("DELETE FROM anon.rules WHERE column_name = 'status' AND strategy = 'keep'")
    add_rule(conn, "public.users", "status", "constant", {"value": "x"})
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT email FROM users WHERE id = 7") == hashed(conn, "user7@example.org")
    assert support.scalar(conn, "SELECT count(*) FROM users WHERE status = 'x'") == 300
    assert conn.execute("SELECT columns FROM anon.run_tables "
                        "WHERE run_id = (SELECT max(run_id) FROM anon.runs)").fetchall() == [(["status"],)]


def test_run_table_masks_one_table(conn):
    shop(conn)
    conn.execute("CALL anon.run_table('public.orders')")
    assert support.scalar(conn, "SELECT count(*) FROM orders WHERE shipping_address LIKE '%Baker%'") == 0
    assert support.scalar(conn, "SELECT count(*) FROM users WHERE email LIKE '%@example.org'") == 300
    assert support.scalar(conn, "SELECT status FROM anon.runs") == "masked"
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT count(*) FROM users WHERE email LIKE '%@example.org'") == 0
    assert support.scalar(conn, "SELECT shipping_address FROM orders WHERE id = 5") == hashed(conn, "5 Baker Street, London")


def test_unreviewed_rules_are_not_applied(conn):
    conn.execute("CREATE TABLE t (id int PRIMARY KEY, email text)")
    conn.execute("INSERT INTO t VALUES (1, 'a@b.org')")
    add_rule(conn, "public.t", "email", reviewed=False)
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT email FROM t") == "a@b.org"


def test_batched_mode_masks_in_batches_with_a_ledger_row_per_range(conn):
    shop(conn)
    conn.execute("CALL anon.run_all('batched', 64)")
    assert conn.execute("SELECT table_name, method FROM anon.run_tables ORDER BY position").fetchall() == [
        ("users", "keyset"), ("orders", "keyset")]
    # the last key of the last full batch of 64 rows, then the rest up to the end
    assert conn.execute("SELECT table_name, last_key, rows_done, done FROM anon.run_ranges ORDER BY table_name").fetchall() == [
        ("orders", ["896"], 900, True), ("users", ["256"], 300, True)]
    assert support.scalar(conn, "SELECT shipping_address FROM orders WHERE id = 900") == hashed(conn, "900 Baker Street, London")
    assert support.scalar(conn, "SELECT count(DISTINCT email) FROM users WHERE email LIKE '%@%'") == 0


# -- order ---------------------------------------------------------------------------------
def test_tables_run_parents_first_and_cycles_are_handled(conn):
    conn.execute("""
        CREATE TABLE c_child (id int PRIMARY KEY, parent_id int, note text);
        CREATE TABLE b_parent (id int PRIMARY KEY, grand_id int, note text);
        CREATE TABLE a_grand (id int PRIMARY KEY, note text);
        ALTER TABLE c_child ADD FOREIGN KEY (parent_id) REFERENCES b_parent;
        ALTER TABLE b_parent ADD FOREIGN KEY (grand_id) REFERENCES a_grand;
        -- a cycle, and a table that references itself
        CREATE TABLE y_cycle (id int PRIMARY KEY, x_id int, note text);
        CREATE TABLE x_cycle (id int PRIMARY KEY, y_id int REFERENCES y_cycle, note text);
        ALTER TABLE y_cycle ADD FOREIGN KEY (x_id) REFERENCES x_cycle DEFERRABLE INITIALLY DEFERRED;
        CREATE TABLE z_tree (id int PRIMARY KEY, parent int REFERENCES z_tree, note text);
        INSERT INTO a_grand VALUES (1, 'a'); INSERT INTO b_parent VALUES (1, 1, 'b');
        INSERT INTO c_child VALUES (1, 1, 'c');
        BEGIN; INSERT INTO y_cycle VALUES (1, 1, 'y'); INSERT INTO x_cycle VALUES (1, 1, 'x'); COMMIT;
        INSERT INTO z_tree VALUES (1, NULL, 'root'), (2, 1, 'leaf');
    """)
    for table in ("c_child", "b_parent", "a_grand", "y_cycle", "x_cycle", "z_tree"):
        add_rule(conn, f"public.{table}", "note")
    conn.execute("CALL anon.run_all()")
    order = [r[0] for r in conn.execute("SELECT table_name FROM anon.run_tables ORDER BY position")]
    assert order.index("a_grand") < order.index("b_parent") < order.index("c_child")
    assert set(order) == {"a_grand", "b_parent", "c_child", "x_cycle", "y_cycle", "z_tree"}
    assert support.scalar(conn, "SELECT note FROM z_tree WHERE id = 2") == hashed(conn, "leaf")
    assert support.scalar(conn, "SELECT status FROM anon.runs") == "masked"


# -- triggers and rules ------------------------------------------------------------------------
def test_user_triggers_and_rules_do_not_fire_and_are_restored_exactly(conn):
    conn.execute("""
        CREATE TABLE audit (what text);
        CREATE FUNCTION copy_old() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN INSERT INTO audit VALUES (TG_NAME || ':' || OLD.email); RETURN NEW; END $$;
        CREATE TABLE people (id int PRIMARY KEY, email text);
        INSERT INTO people SELECT g, 'p' || g || '@example.org' FROM generate_series(1, 50) g;
        CREATE VIEW people_emails AS SELECT email FROM people;   -- forces batched UPDATEs
        CREATE TRIGGER t_origin AFTER UPDATE ON people FOR EACH ROW EXECUTE FUNCTION copy_old();
        CREATE TRIGGER t_always BEFORE UPDATE ON people FOR EACH ROW EXECUTE FUNCTION copy_old();
        CREATE TRIGGER t_replica AFTER UPDATE ON people FOR EACH ROW EXECUTE FUNCTION copy_old();
        CREATE TRIGGER t_disabled AFTER UPDATE ON people FOR EACH ROW EXECUTE FUNCTION copy_old();
        CREATE FUNCTION note_statement() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN INSERT INTO audit VALUES (TG_NAME); RETURN NULL; END $$;
        CREATE TRIGGER t_statement AFTER UPDATE ON people FOR EACH STATEMENT EXECUTE FUNCTION note_statement();
        ALTER TABLE people ENABLE ALWAYS TRIGGER t_always;
        ALTER TABLE people ENABLE REPLICA TRIGGER t_replica;
        ALTER TABLE people DISABLE TRIGGER t_disabled;
        CREATE RULE r_also AS ON UPDATE TO people DO ALSO INSERT INTO audit VALUES ('rule:' || old.email);
        CREATE RULE r_always AS ON UPDATE TO people DO ALSO INSERT INTO audit VALUES ('always:' || old.email);
        ALTER TABLE people ENABLE ALWAYS RULE r_always;
    """)
    states = ("SELECT tgname, tgenabled FROM pg_trigger WHERE tgrelid = 'people'::regclass AND NOT tgisinternal "
              "UNION ALL SELECT rulename, ev_enabled FROM pg_rewrite WHERE ev_class = 'people'::regclass ORDER BY 1")
    before = conn.execute(states).fetchall()
    add_rule(conn, "public.people", "email")
    conn.execute("CALL anon.run_all('rewrite', 7)")
    assert support.scalar(conn, "SELECT method FROM anon.run_tables") == "keyset"
    assert support.scalar(conn, "SELECT count(*) FROM audit") == 0
    assert conn.execute(states).fetchall() == before
    assert support.scalar(conn, "SELECT email FROM people WHERE id = 3") == hashed(conn, "p3@example.org")
    # and they work again afterwards
    conn.execute("UPDATE people SET email = 'x' WHERE id = 1")
    assert support.scalar(conn, "SELECT count(*) FROM audit") > 0


def test_without_superuser_triggers_are_disabled_in_the_batch_transaction(conn):
    conn.execute("""
        CREATE ROLE pgscrub_owner LOGIN;
        -- anon.require_secret() reads pg_file_settings (its AND does not spare others the check)
        GRANT SELECT ON pg_catalog.pg_file_settings TO pgscrub_owner;
        GRANT EXECUTE ON FUNCTION pg_catalog.pg_show_all_file_settings() TO pgscrub_owner;
        GRANT USAGE, CREATE ON SCHEMA public TO pgscrub_owner;
        GRANT USAGE ON SCHEMA anon TO pgscrub_owner;
        GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA anon TO pgscrub_owner;
        GRANT USAGE ON ALL SEQUENCES IN SCHEMA anon TO pgscrub_owner;
        GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA anon TO pgscrub_owner;
        GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA anon TO pgscrub_owner;
        SET ROLE pgscrub_owner;
        CREATE TABLE audit (what text);
        CREATE FUNCTION copy_old() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN INSERT INTO audit VALUES (OLD.email); RETURN NEW; END $$;
        CREATE TABLE people (id int PRIMARY KEY, email text);
        INSERT INTO people SELECT g, 'p' || g || '@example.org' FROM generate_series(1, 20) g;
        CREATE VIEW people_emails AS SELECT email FROM people;
        CREATE TRIGGER t_origin AFTER UPDATE ON people FOR EACH ROW EXECUTE FUNCTION copy_old();
        RESET ROLE;
    """)
    add_rule(conn, "public.people", "email")
    try:
        conn.execute("SET ROLE pgscrub_owner")
        assert support.scalar(conn, "SELECT anon.run_can_skip_triggers()") is False
        conn.execute("CALL anon.run_all('rewrite', 5)")
        assert support.scalar(conn, "SELECT count(*) FROM audit") == 0
        assert support.scalar(conn, "SELECT tgenabled FROM pg_trigger WHERE tgname = 't_origin'") == "O"
        assert support.scalar(conn, "SELECT email FROM people WHERE id = 3") == hashed(conn, "p3@example.org")
    finally:
        conn.execute("RESET ROLE")
        conn.execute("DROP OWNED BY pgscrub_owner CASCADE")
        conn.execute("REVOKE SELECT ON pg_catalog.pg_file_settings FROM pgscrub_owner")
        conn.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_show_all_file_settings() FROM pgscrub_owner")
        conn.execute("DROP ROLE pgscrub_owner")


# -- rule errors -------------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_a_rule_that_cannot_apply_stops_before_any_row_changes(conn, mode):
    shop(conn)
    conn.execute("CREATE TABLE accounts (id int PRIMARY KEY, iban integer)")
    conn.execute("INSERT INTO accounts VALUES (1, 42)")
    rule = add_rule(conn, "public.accounts", "iban")   # text hash into an integer column
    before = {t: table_digest(conn, t, "id") for t in ("users", "orders", "accounts")}
    with pytest.raises(psycopg.errors.DatatypeMismatch) as caught:
        conn.execute(sql.SQL("CALL anon.run_all({})").format(sql.Literal(mode)))
    message = caught.value.diag.message_primary
    assert f"rule {rule} (public.accounts.iban, strategy hash) cannot apply" in message
    assert "integer" in message
    assert "nothing was masked" in caught.value.diag.message_hint
    assert {t: table_digest(conn, t, "id") for t in before} == before
    assert support.scalar(conn, "SELECT count(*) FROM anon.runs") == 0
    assert support.scalar(conn, "SELECT anon.run_lock_holder()") is None


def test_a_rule_on_a_dropped_column_names_the_rule(conn):
    shop(conn)
    conn.execute("ALTER TABLE users ADD COLUMN national_id text")
    rule = add_rule(conn, "public.users", "national_id")
    conn.execute("ALTER TABLE users DROP COLUMN national_id")
    before = table_digest(conn, "users", "id")
    with pytest.raises(psycopg.errors.UndefinedColumn, match=f"rule {rule} .*national_id.*does not exist"):
        conn.execute("CALL anon.run_all()")
    assert table_digest(conn, "users", "id") == before


def test_a_failure_while_masking_is_recorded_without_row_values_and_resumable(conn):
    conn.execute("""
        CREATE TABLE t (id int PRIMARY KEY, code text, CONSTRAINT t_code_check CHECK (id <= 1000 OR code LIKE 'C%'));
        INSERT INTO t SELECT g, 'C-secret-' || g FROM generate_series(1, 1100) g;
    """)
    # The hash breaks the CHECK constraint after row 1000: preflight_rules' sample (the
    # first 1000 rows) passes, so the failure happens while masking.
    add_rule(conn, "public.t", "code")
    with pytest.raises(psycopg.errors.CheckViolation) as caught:
        conn.execute("CALL anon.run_all()")
    assert caught.value.diag.message_detail is None        # "Failing row contains (...)" is dropped
    assert "C-secret" not in str(caught.value)
    assert "masking public.t failed" in caught.value.diag.message_primary
    assert conn.execute("SELECT status, error LIKE '%SQLSTATE 23514%' FROM anon.runs").fetchone() == ("failed", True)
    assert support.scalar(conn, "SELECT status FROM anon.run_tables") == "failed"
    assert support.scalar(conn, "SELECT count(*) FROM t WHERE code LIKE 'C-secret-%'") == 1100
    assert support.scalar(conn, "SELECT anon.run_lock_holder()") is None
    conn.execute("ALTER TABLE t DROP CONSTRAINT t_code_check")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT status FROM anon.runs") == "masked"
    assert support.scalar(conn, "SELECT code FROM t WHERE id = 2") == hashed(conn, "C-secret-2")


def test_changed_rules_cannot_resume_a_half_masked_table(conn, db):
    conn.execute("CREATE TABLE t (id int PRIMARY KEY, email text); "
                 "CREATE VIEW tv AS SELECT email FROM t; "
                 "INSERT INTO t SELECT g, 'e' || g FROM generate_series(1, 5000) g")
    rule = add_rule(conn, "public.t", "email")
    thread, state = run_in_thread(db, "CALL anon.run_all('rewrite', 10)")
    wait_for(lambda: support.scalar(conn, "SELECT coalesce(sum(rows_done), 0) FROM anon.run_ranges") > 0,
             what="the first batches")
    conn.execute("SELECT pg_terminate_backend(%s)", (state["pid"],))
    thread.join()
    conn.execute("UPDATE anon.rules SET strategy = 'constant', params = '{\"value\": \"x\"}' WHERE rule_id = %s", (rule,))
    with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState, match="rules of public.t changed"):
        conn.execute("CALL anon.run_all()")
    conn.execute("UPDATE anon.rules SET strategy = 'hash', params = '{}' WHERE rule_id = %s", (rule,))
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT count(*) FROM t WHERE email = encode(anon.keyed_hash('hash', 'e' || id), 'hex')") == 5000


# -- concurrency -------------------------------------------------------------------------------
def test_a_second_concurrent_run_is_refused_at_once(conn, db):
    shop(conn)
    with support.connect(db) as first:
        run_id = support.scalar(first, "SELECT anon.run_begin()")
        started = time.monotonic()
        with pytest.raises(psycopg.errors.LockNotAvailable) as caught:
            conn.execute("CALL anon.run_all()")
        assert time.monotonic() - started < 5
        assert f"backend pid {first.info.backend_pid}" in caught.value.diag.message_primary
        assert "another masking run is in progress" in caught.value.diag.message_primary
        assert "pg_terminate_backend" in caught.value.diag.message_hint
        result = support.cli("run", dsn=db)
        assert result.returncode == 2
        assert "another masking run is in progress" in result.stderr
    # the first session is gone (its backend exits a moment later): its run resumes
    wait_for(lambda: support.scalar(conn, "SELECT anon.run_lock_holder() IS NULL"), what="the lock to go")
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT run_id FROM anon.runs WHERE status = 'masked'") == run_id


def test_uninstall_is_refused_during_a_run(conn, db):
    from pgscrub import installer
    from pgscrub.errors import PgscrubError
    shop(conn)
    support.scalar(conn, "SELECT anon.run_begin()")
    with support.connect(db) as other, pytest.raises(PgscrubError, match="masking run is in progress"):
        installer.uninstall(other)


def test_the_secret_is_required(db):
    with support.connect(db, secret=None) as conn:
        shop(conn)
        with pytest.raises(psycopg.errors.InvalidParameterValue, match="no masking secret"):
            conn.execute("CALL anon.run_all()")


def test_no_masking_statement_holds_the_secret(conn):
    shop(conn)
    conn.execute("CALL anon.run_all('batched', 100)")
    statements = " ".join(r[0] for r in conn.execute("SELECT masking_sql FROM anon.run_tables"))
    assert DEMO_SECRET not in statements and "secret_bytes" not in statements
