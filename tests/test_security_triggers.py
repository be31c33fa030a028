"""Attack: the owner of a table being masked leaves a trigger or a rule on it, hoping it
runs as the superuser during static masking (a kind of flaw PostgreSQL Anonymizer had):
one copies the PII into a table of its own, one tries ALTER ROLE ... SUPERUSER. None may
fire, in either run mode, and every trigger and rule must be back afterwards exactly as it
was (same definition, same enabled state: ENABLE, ENABLE ALWAYS, ENABLE REPLICA, DISABLE).
session_replication_role = replica alone does not stop ENABLE ALWAYS/REPLICA ones."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

import support

TABLE_SETUP = """
    CREATE TABLE public.loot (what text, value text, by_role name DEFAULT current_user);
    GRANT INSERT ON public.loot TO PUBLIC;
    CREATE TABLE public.customers (id int PRIMARY KEY, email text, phone text);
    INSERT INTO public.customers
    SELECT i, 'person' || i || '@example.com', '+44 20 7946 ' || lpad(i::text, 4, '0')
      FROM generate_series(1, 20) i;
    CREATE FUNCTION public.copy_pii() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO public.loot (what, value) VALUES (TG_NAME, OLD.email); RETURN NEW; END $$;
    -- SECURITY INVOKER: as whoever updates the table. As a superuser, this succeeds.
    CREATE FUNCTION public.escalate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO public.loot (what, value) VALUES (TG_NAME, OLD.email);
        EXECUTE format('ALTER ROLE %I SUPERUSER', {owner});
        RETURN NEW;
    END $$;
    CREATE TRIGGER copy_plain AFTER UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.copy_pii();
    CREATE TRIGGER copy_before BEFORE UPDATE OF email ON public.customers FOR EACH ROW EXECUTE FUNCTION public.copy_pii();
    CREATE TRIGGER escalate_always BEFORE UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.escalate();
    ALTER TABLE public.customers ENABLE ALWAYS TRIGGER escalate_always;
    CREATE TRIGGER copy_replica AFTER UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.copy_pii();
    ALTER TABLE public.customers ENABLE REPLICA TRIGGER copy_replica;
    CREATE TRIGGER copy_statement AFTER UPDATE ON public.customers FOR EACH STATEMENT EXECUTE FUNCTION public.copy_pii();
    CREATE TRIGGER copy_disabled AFTER UPDATE ON public.customers FOR EACH ROW EXECUTE FUNCTION public.copy_pii();
    ALTER TABLE public.customers DISABLE TRIGGER copy_disabled;
    CREATE RULE copy_rule AS ON UPDATE TO public.customers DO ALSO
        INSERT INTO public.loot (what, value) VALUES ('copy_rule', OLD.email);
    CREATE RULE copy_rule_always AS ON UPDATE TO public.customers DO ALSO
        INSERT INTO public.loot (what, value) VALUES ('copy_rule_always', OLD.email);
    ALTER TABLE public.customers ENABLE ALWAYS RULE copy_rule_always;
    CREATE RULE keep_instead AS ON UPDATE TO public.customers WHERE OLD.id < 0 DO INSTEAD NOTHING;
    ALTER TABLE public.customers ENABLE REPLICA RULE keep_instead;
"""


def _state(conn) -> dict:
    triggers = conn.execute("""
        SELECT tgname, tgenabled, pg_get_triggerdef(oid) FROM pg_trigger
         WHERE tgrelid = 'public.customers'::regclass AND NOT tgisinternal ORDER BY 1""").fetchall()
    rules = conn.execute("""
        SELECT r.rulename, r.ev_enabled, pg_get_ruledef(r.oid) FROM pg_rewrite r
         WHERE r.ev_class = 'public.customers'::regclass ORDER BY 1""").fetchall()
    return {"triggers": triggers, "rules": rules}


def _owned_by_new_role(admin, owner: str, setup: str, functions: tuple[str, ...]) -> None:
    """Create the login role `owner`, run `setup` as the superuser, then hand the tables
    customers and loot and the given functions to the role."""
    admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(owner)))
    admin.execute(setup.replace("{owner}", sql.Literal(owner).as_string(admin)))
    for name in ("customers", "loot"):
        admin.execute(sql.SQL("ALTER TABLE public.{} OWNER TO {}").format(sql.Identifier(name), sql.Identifier(owner)))
    for function in functions:
        admin.execute(sql.SQL("ALTER FUNCTION public.{} OWNER TO {}").format(sql.SQL(function), sql.Identifier(owner)))


def _classify(admin) -> None:
    admin.execute("SELECT anon.scan()")
    admin.execute("SELECT anon.propose_rules()")
    admin.execute("SELECT anon.approve_rules()")


def _drop(server, db: str, owner: str) -> None:
    server.drop_database(db)
    with support.connect(server.admin_dsn) as admin:
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(owner)))


@pytest.fixture
def trapped(db, server):
    owner = "trap_" + conninfo_to_dict(db)["dbname"]
    with support.connect(db) as admin:
        _owned_by_new_role(admin, owner, TABLE_SETUP, ("copy_pii()", "escalate()"))
        _classify(admin)
    yield owner
    _drop(server, db, owner)


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_triggers_and_rules_that_copy_pii_or_escalate_do_not_fire_and_come_back_exactly(conn, trapped, mode):
    before = _state(conn)
    assert len(before["triggers"]) == 6 and len(before["rules"]) == 3
    conn.execute("CALL anon.run_all(%s, 7)", (mode,))
    assert conn.execute("SELECT status FROM anon.runs").fetchone()[0] == "masked"
    assert conn.execute("SELECT count(*) FROM public.customers WHERE email LIKE 'person%%'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM public.loot").fetchone()[0] == 0
    assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (trapped,)).fetchone()[0] is False
    assert _state(conn) == before
    assert conn.execute("SHOW session_replication_role").fetchone()[0] == "origin"


def test_the_traps_are_armed(conn, trapped):
    """Outside pgscrub the same update fires them: the test above can fail."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        with support.connect(conn.info.dsn) as owner_conn:
            owner_conn.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(trapped)))
            owner_conn.execute("UPDATE public.customers SET email = email WHERE id = 1")
    conn.execute("ALTER TABLE public.customers DISABLE TRIGGER escalate_always")
    conn.execute("UPDATE public.customers SET email = email WHERE id = 1")
    assert {row[0] for row in conn.execute("SELECT what FROM public.loot")} == {
        "copy_plain", "copy_before", "copy_statement", "copy_rule", "copy_rule_always"}


ESCALATING_EXPRESSIONS = """
    CREATE TABLE public.loot (what text, by_role name DEFAULT current_user);
    GRANT INSERT ON public.loot TO PUBLIC;
    CREATE FUNCTION public.sneaky_act(v text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
    BEGIN
        INSERT INTO public.loot (what) VALUES (v);
        IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
            EXECUTE format('ALTER ROLE %I SUPERUSER', {owner});
        END IF;
        RETURN true;
    END $$;
    -- Declared IMMUTABLE (a lie) so that it may sit in a CHECK constraint and an index.
    CREATE FUNCTION public.sneaky(v text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
    BEGIN RETURN public.sneaky_act(v); END $$;
    CREATE TABLE public.customers (id int PRIMARY KEY, email text, phone text);
"""
# Run as the owner: written by a superuser, these rows would already escalate.
OWNER_ADDS = """
    ALTER TABLE public.customers ADD CHECK (public.sneaky(email));
    CREATE INDEX customers_sneaky ON public.customers ((public.sneaky(phone)));
    INSERT INTO public.customers
    SELECT i, 'person' || i || '@example.com', '+44 20 7946 ' || lpad(i::text, 4, '0')
      FROM generate_series(1, 20) i;
    TRUNCATE public.loot;
"""


@pytest.fixture
def sneaky(db, server):
    owner = "sneak_" + conninfo_to_dict(db)["dbname"]
    with support.connect(db) as admin:
        _owned_by_new_role(admin, owner, ESCALATING_EXPRESSIONS, ("sneaky(text)", "sneaky_act(text)"))
        admin.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(sql.Identifier(owner)))
        admin.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(owner)))
        admin.execute(OWNER_ADDS)
        admin.execute("RESET ROLE")
        assert admin.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (owner,)).fetchone()[0] is False
        _classify(admin)
    yield owner
    _drop(server, db, owner)


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_check_constraints_and_index_expressions_calling_the_owners_functions_are_refused(conn, sneaky, mode):
    """A CHECK constraint or an index expression is evaluated by whoever writes the row, in
    pgscrub's session: as the superuser, able to read the secret (the rules' preflight
    copies sample rows into a temporary table with the constraints, too). The run and the
    dry run refuse before any row is written, naming the function."""
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match=r"public\.sneaky\(text\).*owned by role"):
        conn.execute("SELECT * FROM anon.plan_run('rewrite', NULL, false)")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match=r"public\.sneaky\(text\).*owned by role"):
        conn.execute("CALL anon.run_all(%s, 7)", (mode,))
    assert conn.execute("SELECT count(*) FROM public.customers WHERE email LIKE 'person%%'").fetchone()[0] == 20
    assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (sneaky,)).fetchone()[0] is False
    assert conn.execute("SELECT count(*) FROM public.loot").fetchone()[0] == 0


def test_the_same_expressions_do_escalate_when_a_superuser_writes_the_rows(conn, sneaky):
    conn.execute("UPDATE public.customers SET email = email || '.x' WHERE id = 1")
    assert conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (sneaky,)).fetchone()[0] is True


