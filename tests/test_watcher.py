"""Without superuser there is no event trigger: the installer says so, and default-deny falls
back to comparing the catalog with the classified columns."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

import support


@pytest.fixture
def owner_db(server, empty_db):
    """A database owned by a role that is not a superuser, with pgcrypto already created."""
    role = f"owner_{support.scalar(server.admin_dsn, 'SELECT pg_backend_pid()')}"
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        admin.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(
            sql.Identifier(psycopg.conninfo.conninfo_to_dict(empty_db)["dbname"]), sql.Identifier(role)))
    with psycopg.connect(empty_db, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION pgcrypto")
    yield make_conninfo(empty_db, user=role)
    server.drop_database(empty_db)
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


def test_without_superuser_the_catalog_stands_in_for_the_watcher(owner_db):
    installed = support.cli("install", dsn=owner_db)
    assert installed.returncode == 0, installed.stderr
    assert "new-column watcher" in installed.stdout and "not installed" in installed.stdout
    with support.connect(owner_db) as conn:
        assert not conn.execute("SELECT watcher_installed FROM anon.installation").fetchone()[0]
        conn.execute("CREATE TABLE public.users (id int, email text)")
        assert conn.execute("SELECT count(*) FROM anon.pending_columns").fetchone()[0] == 0
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState,
                           match=r"2 column\(s\) are new or retyped and not classified yet: public.users.id"):
            conn.execute("SELECT anon.check_pending()")
        conn.execute("INSERT INTO anon.scanned_columns (schema_name, table_name, column_name, column_type, sensitivity) "
                     "VALUES ('public', 'users', 'id', 'integer', 'LOW'), ('public', 'users', 'email', 'text', 'HIGH')")
        conn.execute("SELECT anon.check_pending()")
        conn.execute("ALTER TABLE public.users ALTER COLUMN id TYPE bigint")
        with pytest.raises(psycopg.errors.ObjectNotInPrerequisiteState, match=r"public.users.id \(bigint\)"):
            conn.execute("SELECT anon.check_pending()")
