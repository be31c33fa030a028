"""After a run, no original value is readable in the table's heap, TOAST or index files.

The tests read the relation files of the throwaway cluster directly (they run as root or
as the cluster's owner), after a CHECKPOINT has written every page out.
"""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

import support
from test_run import add_rule

PLANTED = b"PLANTED-ORIGINAL"


@pytest.fixture
def datadir(server) -> Path:
    if server.cluster is None or server.cluster.base is None:
        pytest.skip("needs the throwaway cluster's data directory")
    return server.cluster.datadir


def relation_files(conn, datadir: Path, table: str) -> dict[str, list[Path]]:
    """The files of a table, its TOAST table and every index of both, by relation name."""
    relations = conn.execute("""
        SELECT c.oid::regclass::text FROM pg_class c WHERE c.oid = %(t)s::regclass
        UNION ALL SELECT c.reltoastrelid::regclass::text FROM pg_class c WHERE c.oid = %(t)s::regclass
        UNION ALL SELECT i.indexrelid::regclass::text FROM pg_index i
                   WHERE i.indrelid IN (%(t)s::regclass, (SELECT reltoastrelid FROM pg_class WHERE oid = %(t)s::regclass))
    """, {"t": table}).fetchall()
    files = {}
    for (name,) in relations:
        path = datadir / support.scalar(conn, "SELECT pg_relation_filepath(%s::regclass)", (name,))
        files[name] = [path] + sorted(path.parent.glob(path.name + ".[0-9]*"))
    return files


def holding_planted(conn, datadir: Path, table: str) -> list[str]:
    conn.execute("CHECKPOINT")
    return sorted(name for name, paths in relation_files(conn, datadir, table).items()
                  if any(PLANTED in p.read_bytes() for p in paths if p.exists()))


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_no_original_value_is_left_in_heap_toast_or_index_files(conn, datadir, mode):
    conn.execute("""
        CREATE TABLE customers (id int PRIMARY KEY, email text UNIQUE, notes text, city text);
        ALTER TABLE customers ALTER COLUMN notes SET STORAGE EXTERNAL;   -- TOASTed, uncompressed
        CREATE INDEX ON customers (lower(email));
        INSERT INTO customers
        SELECT g, 'PLANTED-ORIGINAL-' || g || '@example.org',
               repeat('PLANTED-ORIGINAL notes of customer ' || g || ' ', 400), 'Lyon'
          FROM generate_series(1, 500) g;
        ANALYZE customers;
    """)
    add_rule(conn, "public.customers", "email")
    add_rule(conn, "public.customers", "notes")
    before = holding_planted(conn, datadir, "customers")
    assert "customers" in before and "customers_email_key" in before
    assert any(name.startswith("pg_toast.") and not name.endswith("_index") for name in before)

    conn.execute("CALL anon.run_all(%s, 50)", (mode,))
    assert support.scalar(conn, "SELECT method FROM anon.run_tables") == ("rewrite" if mode == "rewrite" else "keyset")
    assert holding_planted(conn, datadir, "customers") == []
    assert support.scalar(conn, "SELECT count(*) FROM customers WHERE city = 'Lyon'") == 500
    # the planner statistics were rebuilt from the masked values
    assert support.scalar(conn, "SELECT count(*) FROM pg_stats WHERE tablename = 'customers' "
                                "AND most_common_vals::text LIKE '%PLANTED%'") == 0


def test_batched_compaction_waits_for_sessions_that_still_see_old_rows(conn, db, datadir):
    conn.execute("""
        CREATE TABLE customers (id int PRIMARY KEY, email text);
        INSERT INTO customers SELECT g, 'PLANTED-ORIGINAL-' || g FROM generate_series(1, 200) g;
    """)
    add_rule(conn, "public.customers", "email")
    with support.connect(db, autocommit=False) as reader:
        reader.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        reader.execute("SELECT count(*) FROM customers")   # holds a snapshot of the originals
        run_id = support.scalar(conn, "SELECT anon.run_begin('batched', 50)")
        conn.execute("CALL anon.run_table('public.customers', %s)", (run_id,))
        with pytest.raises(psycopg.errors.LockNotAvailable, match="cannot compact public.customers: session pid"):
            conn.execute("CALL anon.run_finish(%s, 2)", (run_id,))
        # the rows are masked, the compaction is pending: the run is resumable
        assert conn.execute("SELECT phase, rows_done, error LIKE '%cannot compact%' FROM anon.progress").fetchone() == (
            "failed", 200, True)
        assert support.scalar(conn, "SELECT count(*) FROM customers WHERE email LIKE 'PLANTED%'") == 0
        reader.rollback()
    conn.execute("CALL anon.run_all()")
    assert support.scalar(conn, "SELECT status FROM anon.runs") == "masked"
    assert holding_planted(conn, datadir, "customers") == []
