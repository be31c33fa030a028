"""Least privilege: what a role that is not a superuser needs to install pgscrub and run the
whole pipeline over the tables it owns, and what it does without superuser (docs/security.md):
the owner of the staging database, nothing more (pgcrypto is a trusted extension)."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

import support

PII = """
    CREATE TABLE public.loot (what text);
    CREATE TABLE public.customers (id int PRIMARY KEY, email text, phone text);
    INSERT INTO public.customers
    SELECT g, 'person' || g || '@example.com', '+44 20 7946 ' || lpad(g::text, 4, '0')
      FROM generate_series(1, 30) g;
    CREATE FUNCTION public.copy_pii() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO public.loot VALUES (OLD.email); RETURN NEW; END $$;
    CREATE TRIGGER copy_pii AFTER UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.copy_pii();
"""


@pytest.fixture
def owned_database(server):
    """A staging database owned by a plain LOGIN role (no superuser, no CREATEROLE)."""
    name = f"owned_{next(_names)}_{id(server) % 10000}"
    role = name + "_owner"
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(role)))
        admin.execute(sql.SQL("CREATE DATABASE {} OWNER {} TEMPLATE template0").format(
            sql.Identifier(name), sql.Identifier(role)))
    dsn = make_conninfo(server.dsn(name), user=role)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(PII)
    yield dsn, role
    server.drop_database(server.dsn(name))
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))


_names = iter(range(10**6))


def test_the_database_owner_installs_and_runs_the_whole_pipeline_without_superuser(owned_database, tmp_path):
    dsn, role = owned_database
    installed = support.cli("install", dsn=dsn)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    assert "not a superuser" in installed.stdout + installed.stderr and "watcher" in installed.stdout + installed.stderr
    result = support.cli("pipeline", "--auto-approve", "--report", str(tmp_path / "r.json"), dsn=dsn)
    assert result.returncode == 0, result.stdout + result.stderr
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").fetchone()[0] is False
        assert conn.execute("SELECT watcher_installed FROM anon.installation").fetchone()[0] is False
        assert conn.execute("SELECT count(*) FROM pg_event_trigger").fetchone()[0] == 0
        assert conn.execute("SELECT status FROM anon.runs").fetchone()[0] == "clean"
        assert conn.execute("SELECT count(*) FROM public.customers WHERE email LIKE 'person%'").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM public.loot").fetchone()[0] == 0, "the trigger fired"
        assert conn.execute("SELECT tgenabled FROM pg_trigger WHERE tgname = 'copy_pii'").fetchone()[0] == "O"


def test_without_the_watcher_a_new_column_still_holds_masking_back(owned_database):
    """What is lost without superuser is the event trigger; default-deny still holds
    through the catalog comparison (anon.check_pending)."""
    dsn, _role = owned_database
    assert support.cli("install", dsn=dsn).returncode == 0
    assert support.cli("scan", dsn=dsn).returncode in (0, 1)
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("ALTER TABLE public.customers ADD COLUMN backup_email text")
    result = support.cli("run", dsn=dsn)
    assert result.returncode != 0
    assert "backup_email" in result.stdout + result.stderr


def test_a_role_that_may_not_create_schemas_is_told_what_to_grant(owned_database, server):
    dsn, _role = owned_database
    stranger = "stranger_" + conninfo_to_dict(dsn)["dbname"]
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(stranger)))
    try:
        result = support.cli("install", dsn=make_conninfo(dsn, user=stranger))
        assert result.returncode == 2
        assert "may not create schemas" in result.stderr and "GRANT CREATE ON DATABASE" in result.stderr
    finally:
        with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(stranger)))


def test_a_role_that_owns_the_tables_but_not_the_database_cannot_lock_the_gate(owned_database, server):
    """CREATE on the database is enough to install and mask (pgscrub run), not for the
    gate: only the database owner or a superuser may change who connects."""
    dsn, role = owned_database
    helper = "helper_" + conninfo_to_dict(dsn)["dbname"]
    dbname = conninfo_to_dict(dsn)["dbname"]
    with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(helper)))
        admin.execute(sql.SQL("GRANT CREATE ON DATABASE {} TO {}").format(sql.Identifier(dbname), sql.Identifier(helper)))
    with psycopg.connect(server.dsn(dbname), autocommit=True) as conn:
        conn.execute(sql.SQL("ALTER TABLE public.customers OWNER TO {}").format(sql.Identifier(helper)))
        conn.execute(sql.SQL("ALTER TABLE public.loot OWNER TO {}").format(sql.Identifier(helper)))
    helper_dsn = make_conninfo(dsn, user=helper)
    try:
        assert support.cli("install", dsn=helper_dsn).returncode == 0
        assert support.cli("scan", dsn=helper_dsn).returncode in (0, 1)
        with psycopg.connect(helper_dsn, autocommit=True) as conn:
            conn.execute("SELECT anon.propose_rules(); SELECT anon.approve_rules()")
        masked = support.cli("run", dsn=helper_dsn)
        assert masked.returncode == 0, masked.stdout + masked.stderr
        result = support.cli("pipeline", "--auto-approve", dsn=helper_dsn)
        assert result.returncode == 2
        assert "only its owner" in result.stderr and "hint:" in result.stderr
    finally:
        with psycopg.connect(server.admin_dsn, autocommit=True) as admin:
            admin.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(dbname)))
            admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(helper)))
