"""Attack: a function or operator planted in `public` by the owner of the tables being
masked, hoping the superuser running pgscrub resolves a name to it. Overloads with the
exact argument types (varchar, name) beat pg_catalog's text versions wherever the name is
looked up through search_path, and a database whose search_path puts public first makes
even the text versions win. Every planted object here records its calls: none may run."""

from __future__ import annotations

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict

from pgscrub import connection

import support

# (signature, what to return): each planted function records its call and then behaves.
PLANTED_FUNCTIONS = {
    "lower(text)": "pg_catalog.lower($1)", "lower(varchar)": "pg_catalog.lower($1)",
    "upper(varchar)": "pg_catalog.upper($1)", "md5(text)": "pg_catalog.md5($1)",
    "md5(varchar)": "pg_catalog.md5($1)", "length(varchar)": "pg_catalog.length($1)",
    "btrim(varchar)": "pg_catalog.btrim($1)", "left(varchar, int)": "pg_catalog.left($1, $2)",
    "substr(varchar, int)": "pg_catalog.substr($1, $2)", "concat(varchar, varchar)": "$1 || $2",
    "format(text, name, name)": "pg_catalog.format($1, $2, $3)",
    "format(text, name, name, name)": "pg_catalog.format($1, $2, $3, $4)",
    "quote_ident(name)": "pg_catalog.quote_ident($1)", "hmac(text, text, text)": "NULL::bytea",
    "digest(text, text)": "NULL::bytea", "count(varchar)": "1",
    "textlen(varchar)": "1", "now()": "pg_catalog.now()", "random()": "0.5::float8",
    "regexp_replace(varchar, text, text)": "pg_catalog.regexp_replace($1, $2, $3)",
    "translate(varchar, text, text)": "pg_catalog.translate($1, $2, $3)",
}
RETURN_TYPES = {"length": "int", "count": "bigint", "textlen": "int", "hmac": "bytea", "digest": "bytea",
                "now": "timestamptz", "random": "float8"}


def _plant(conn, owner: str) -> None:
    conn.execute("CREATE TABLE public.planted_calls (what text, called_by name DEFAULT current_user)")
    conn.execute("GRANT INSERT ON public.planted_calls TO PUBLIC")
    for signature, result in PLANTED_FUNCTIONS.items():
        name = signature.split("(")[0]
        if name == "count":
            continue   # an aggregate, planted below
        returns = RETURN_TYPES.get(name, "text")
        conn.execute(f"""
            CREATE FUNCTION public.{signature} RETURNS {returns} LANGUAGE plpgsql AS $body$
            BEGIN
                INSERT INTO public.planted_calls (what) VALUES ('{signature}');
                RETURN {result};
            END $body$""")
        conn.execute(sql.SQL("ALTER FUNCTION public.{} OWNER TO {}").format(
            sql.SQL(signature), sql.Identifier(owner)))
    conn.execute("""
        CREATE FUNCTION public.planted_eq(varchar, varchar) RETURNS boolean LANGUAGE plpgsql AS $body$
        BEGIN INSERT INTO public.planted_calls (what) VALUES ('= (varchar, varchar)'); RETURN $1::text = $2::text; END
        $body$;
        CREATE OPERATOR public.= (LEFTARG = varchar, RIGHTARG = varchar, FUNCTION = public.planted_eq);
        CREATE FUNCTION public.planted_text_eq(text, text) RETURNS boolean LANGUAGE plpgsql AS $body$
        BEGIN INSERT INTO public.planted_calls (what) VALUES ('= (text, text)'); RETURN $1 OPERATOR(pg_catalog.=) $2; END
        $body$;
        CREATE OPERATOR public.= (LEFTARG = text, RIGHTARG = text, FUNCTION = public.planted_text_eq);
        CREATE FUNCTION public.planted_concat(varchar, varchar) RETURNS text LANGUAGE plpgsql AS $body$
        BEGIN INSERT INTO public.planted_calls (what) VALUES ('|| (varchar, varchar)'); RETURN $1::text || $2::text; END
        $body$;
        CREATE OPERATOR public.|| (LEFTARG = varchar, RIGHTARG = varchar, FUNCTION = public.planted_concat);
        CREATE FUNCTION public.planted_count_step(bigint, varchar) RETURNS bigint LANGUAGE plpgsql AS $body$
        BEGIN INSERT INTO public.planted_calls (what) VALUES ('count(varchar)'); RETURN $1 + 1; END
        $body$;
        CREATE AGGREGATE public.count(varchar) (SFUNC = public.planted_count_step, STYPE = bigint, INITCOND = '0');
    """)


@pytest.fixture
def owned_pii(db, server):
    """A PII table owned by an unprivileged role that planted functions in public."""
    owner = "owner_" + conninfo_to_dict(db)["dbname"]
    dbname = conninfo_to_dict(db)["dbname"]
    with support.connect(db) as admin:
        admin.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(owner)))
        admin.execute(sql.SQL("GRANT CREATE ON SCHEMA public TO {}").format(sql.Identifier(owner)))
        _plant(admin, owner)
        admin.execute("""
            CREATE TABLE public.customers (id int PRIMARY KEY, email varchar(200), phone varchar(40),
                                           full_name varchar(100), notes text);
            INSERT INTO public.customers
            SELECT i, 'person' || i || '@example.com', '+44 20 7946 ' || lpad(i::text, 4, '0'),
                   (ARRAY['Jane Doe', 'John Smith', 'Maria Garcia'])[i % 3 + 1],
                   'call me at person' || i || '@example.com'
              FROM generate_series(1, 30) i""")
        admin.execute(sql.SQL("ALTER TABLE public.customers OWNER TO {}").format(sql.Identifier(owner)))
        # A careless default: public before pg_catalog for everyone connecting to this database.
        admin.execute(sql.SQL("ALTER DATABASE {} SET search_path = public, pg_catalog").format(
            sql.Identifier(dbname)))
        admin.execute("TRUNCATE public.planted_calls")
    yield owner
    with support.connect(server.admin_dsn) as admin:
        admin.execute(sql.SQL("DROP OWNED BY {} CASCADE").format(sql.Identifier(owner)))
    server.drop_database(db)
    with support.connect(server.admin_dsn) as admin:
        admin.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(owner)))


def _calls(db) -> list[tuple]:
    with psycopg.connect(db, autocommit=True) as conn:
        return conn.execute("SELECT what, called_by FROM public.planted_calls").fetchall()


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_functions_and_operators_planted_in_public_are_never_called(db, owned_pii, mode, tmp_path):
    with connection.connect(db, secret=support.DEMO_SECRET) as conn:
        assert conn.execute("SELECT current_schemas(true)").fetchone()[0][0] != "public"
        conn.execute("SELECT anon.scan()")
    assert _calls(db) == [], "scan"
    result = support.cli("rules", "export", dsn=db)
    assert result.returncode == 0, result.stderr
    with connection.connect(db, secret=support.DEMO_SECRET) as conn:
        conn.execute("SELECT anon.propose_rules()")
        conn.execute("SELECT anon.approve_rules()")
        conn.execute("CALL anon.run_all(%s, 7)", (mode,))
        assert conn.execute("SELECT status FROM anon.runs").fetchone()[0] == "masked"
    assert _calls(db) == [], "run"
    result = support.cli("validate", dsn=db)
    assert result.returncode == 0, result.stdout + result.stderr
    result = support.cli("report", "-o", str(tmp_path / "r.html"), dsn=db)
    assert result.returncode == 0, result.stdout + result.stderr
    result = support.cli("status", dsn=db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _calls(db) == [], "validate/report"
    with psycopg.connect(db, autocommit=True) as conn:
        assert conn.execute("SELECT count(*) FROM public.customers WHERE email LIKE 'person%%'").fetchone()[0] == 0


def test_the_pipeline_command_calls_nothing_planted(db, owned_pii, tmp_path):
    result = support.cli("pipeline", "--auto-approve", "--report", str(tmp_path / "r.json"), dsn=db)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _calls(db) == []


def test_the_planted_functions_do_fire_for_a_careless_session(db, owned_pii):
    """The trap is armed: an unqualified call under the database's search_path runs them."""
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("SELECT lower(email), md5(full_name), email = phone FROM public.customers LIMIT 1")
    assert {what for what, _ in _calls(db)} >= {"lower(varchar)", "md5(varchar)", "= (varchar, varchar)"}
