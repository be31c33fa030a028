"""pgscrub run: --dry-run, progress bars, --jobs N, errors; and pgscrub.run.run()."""

from __future__ import annotations

import pytest

import support
from pgscrub import run as run_step
from pgscrub.errors import PgscrubError
from pgscrub.secret import DEMO_SECRET
from test_run import add_rule, table_digest

SHOP = """
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, phone text);
INSERT INTO users SELECT g, 'user' || g || '@example.org', '+44 20 7946 ' || lpad(g::text, 4, '0')
  FROM generate_series(1, 400) g;
CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint REFERENCES users, shipping_address text);
INSERT INTO orders SELECT g, 1 + g % 400, g || ' Baker Street' FROM generate_series(1, 20000) g;
CREATE VIEW order_addresses AS SELECT id, shipping_address FROM orders;
"""


def shop(dsn) -> None:
    with support.connect(dsn) as conn:
        conn.execute(SHOP)
        add_rule(conn, "public.users", "email")
        add_rule(conn, "public.users", "phone")
        add_rule(conn, "public.orders", "shipping_address")


def digests(dsn) -> dict[str, str]:
    with support.connect(dsn) as conn:
        return {t: table_digest(conn, t, "id") for t in ("users", "orders")}


def test_dry_run_prints_the_sql_and_row_counts_and_changes_nothing(db):
    shop(db)
    before = digests(db)
    result = support.cli("run", "--dry-run", dsn=db)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "-- 1. public.users: 400 rows, rewrite; columns email, phone" in out
    assert ("-- 2. public.orders: 20,000 rows, keyset (column shipping_address is used by rule _RETURN on view "
            "public.order_addresses); columns shipping_address") in out
    assert "ALTER TABLE ONLY public.users" in out and "UPDATE ONLY public.orders" in out
    assert "anon.mask_value('hash', (shipping_address)::text" in out
    assert "nothing was changed" in out
    assert "example.org" not in out and "Baker" not in out and DEMO_SECRET not in out
    assert digests(db) == before
    assert support.scalar(db, "SELECT count(*) FROM anon.runs") == 0
    assert support.scalar(db, "SELECT anon.run_lock_holder()") is None


def test_dry_run_reports_a_rule_that_cannot_apply(db):
    shop(db)
    with support.connect(db) as conn:
        conn.execute("ALTER TABLE users ADD COLUMN age int")
        rule = add_rule(conn, "public.users", "age")
    result = support.cli("run", "--dry-run", dsn=db)
    assert result.returncode == 2
    assert f"rule {rule} (public.users.age, strategy hash) cannot apply" in result.stderr


def test_run_shows_a_bar_per_table_and_masks(db):
    shop(db)
    result = support.cli("run", "--batch-size", "5000", dsn=db)
    assert result.returncode == 0, result.stderr
    assert "public.users [rewrite]" in result.stdout and "public.orders [keyset]" in result.stdout
    assert "20,000/20,000 rows" in result.stdout
    assert "masking run 1 masked: 20,400 rows in 2 tables" in result.stdout
    assert "example.org" not in result.stdout + result.stderr
    assert support.scalar(db, "SELECT count(*) FROM orders WHERE shipping_address LIKE '%Baker%'") == 0
    again = support.cli("run", dsn=db)
    assert again.returncode == 0 and "nothing to mask" in again.stdout


def test_progress_is_read_from_the_ledger(db):
    shop(db)
    seen: list[list[run_step.TableProgress]] = []
    result = run_step.run(db, DEMO_SECRET, batch_size=500, on_progress=seen.append, poll_seconds=0.01)
    assert result.status == "masked" and result.rows == 20400
    final = {t.name: t for t in seen[-1]}
    assert final["public.orders"].phase == "done" and final["public.orders"].rows_done == 20000
    assert final["public.orders"].rows_per_second > 0
    done_over_time = [t.rows_done for snapshot in seen for t in snapshot if t.name == "public.orders"]
    assert done_over_time == sorted(done_over_time)


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_jobs_split_big_batched_tables_into_ranges_with_the_same_result(server, anon_template, db, mode):
    shop(db)
    control = server.create_database(template=anon_template)
    try:
        shop(control)
        run_step.run(control, DEMO_SECRET, jobs=1, batch_size=1000, mode=mode)
        workers_at_once = []
        with support.connect(db) as watcher:
            def watch(_progress):
                workers_at_once.append(support.scalar(
                    watcher, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'pgscrub run worker' "
                             "AND state = 'active'"))
            result = run_step.run(db, DEMO_SECRET, jobs=3, batch_size=1000, mode=mode, on_progress=watch,
                                  poll_seconds=0.01)
        assert result.status == "masked"
        assert max(workers_at_once) >= 2
        assert digests(db) == digests(control)
        ranges = support.scalar(db, "SELECT count(*) FROM anon.run_ranges WHERE table_name = 'orders'")
        assert ranges == 3
        assert support.scalar(db, "SELECT sum(rows_done) FROM anon.run_ranges WHERE table_name = 'orders'") == 20000
    finally:
        server.drop_database(control)


def test_errors_are_one_line_with_a_hint(db):
    shop(db)
    with support.connect(db) as conn:
        support.scalar(conn, "SELECT anon.run_begin()")
        result = support.cli("run", dsn=db)
    assert result.returncode == 2
    assert result.stderr.startswith("error: another masking run is in progress")
    assert "hint:" in result.stderr and "Traceback" not in result.stderr


def test_bad_mode_is_refused(db):
    with pytest.raises(PgscrubError, match="unknown mode"):
        run_step.run(db, DEMO_SECRET, mode="fast")
    result = support.cli("run", "--mode", "fast", dsn=db)
    assert result.returncode == 2 and "unknown mode 'fast'" in result.stderr


def unreviewed_shop(dsn) -> int:
    """The shop with rules proposed from the scan, none reviewed; returns how many."""
    with support.connect(dsn) as conn:
        conn.execute(SHOP)
        conn.execute("SELECT count(*) FROM anon.scan()")
        return conn.execute("SELECT anon.propose_rules()").fetchone()[0]


@pytest.mark.parametrize("dry_run", [False, True])
def test_nothing_to_mask_because_rules_await_review_is_exit_1_with_a_hint(db, dry_run):
    proposed = unreviewed_shop(db)
    assert proposed >= 2
    result = support.cli("run", *(["--dry-run"] if dry_run else []), dsn=db)
    assert result.returncode == 1, result.stdout + result.stderr
    error, hint = result.stderr.splitlines()
    assert error == (f"error: nothing to mask: no table has a reviewed rule left to apply; "
                     f"{proposed} rule(s) await review")
    assert hint.startswith("hint: ") and "pgscrub rules approve" in hint and "SELECT anon.approve_rules()" in hint
    assert "pgscrub rules import" in hint
    assert support.scalar(db, "SELECT count(*) FROM anon.runs") == 0

    assert support.cli("rules", "approve", dsn=db).returncode == 0
    approved = support.cli("run", *(["--dry-run"] if dry_run else []), dsn=db)
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert "await review" not in approved.stderr


def test_a_run_warns_about_rules_it_did_not_apply(db):
    shop(db)
    with support.connect(db) as conn:
        conn.execute("UPDATE anon.rules SET reviewed = false WHERE column_name = 'phone'")
    result = support.cli("run", dsn=db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: 1 rule(s) await review (a run does not apply them)" in result.stderr
    assert support.scalar(db, "SELECT count(*) FROM users WHERE phone LIKE '+44 20 7946 %'") == 400


def test_nothing_to_mask_without_rules_is_success(db):
    result = support.cli("run", dsn=db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "nothing to mask" in result.stdout and result.stderr == ""
