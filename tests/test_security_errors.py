"""Attack: read PII from error messages. PostgreSQL puts row values in the DETAIL of
constraint violations ("Failing row contains (...)", "Key (email)=(...) already exists");
an error about a row must reach the user, the ledger and the alerts with its table and
constraint, never the values."""

from __future__ import annotations

import psycopg
import pytest

import support
from test_run import add_rule

RAW = ["jane.doe@corp.example", "John Smith", "+44 20 7946 0958", "secret-note-4711"]


@pytest.fixture
def doomed(conn):
    """A CHECK that the masked email violates, beside a PII column nobody ruled."""
    conn.execute("""
        CREATE TABLE public.staff (id int PRIMARY KEY, email text CHECK (email LIKE 'jane%%'),
                                   full_name text, phone text, note text);
        INSERT INTO public.staff VALUES (1, 'jane.doe@corp.example', 'John Smith', '+44 20 7946 0958',
                                         'secret-note-4711');""")
    add_rule(conn, "public.staff", "email", "email")
    add_rule(conn, "public.staff", "phone", "phone")
    return conn


def _no_raw(text: str) -> None:
    for value in RAW:
        assert value not in text


def _ledger_text(conn) -> str:
    return " ".join(str(row) for table in ("runs", "run_tables", "run_examples", "gate_events")
                    for row in conn.execute(f"SELECT * FROM anon.{table}").fetchall())


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_a_constraint_violated_by_a_masked_row_reports_no_values(doomed, mode):
    conn = doomed
    with pytest.raises(psycopg.Error) as caught:
        conn.execute("CALL anon.run_all(%s, 7)", (mode,))
    exc = caught.value
    assert "staff_email_check" in exc.diag.message_primary
    for part in (exc.diag.message_primary, exc.diag.message_detail, exc.diag.context, exc.diag.message_hint):
        _no_raw(part or "")
    _no_raw(_ledger_text(conn))
    assert conn.execute("SELECT email FROM public.staff").fetchone()[0] == RAW[0], "nothing half-masked"


@pytest.mark.parametrize("command", [["run"], ["run", "--mode", "batched"], ["pipeline", "--auto-approve"]])
def test_the_cli_names_the_constraint_and_no_values(doomed, db, command):
    result = support.cli(*command, dsn=db)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "staff_email_check" in output or "staff" in output, output
    _no_raw(output)


def test_a_unique_violation_detail_never_reaches_the_cli(conn, db):
    """Two rows that collide once masked: PostgreSQL's DETAIL names the key values."""
    conn.execute("""
        CREATE TABLE public.accounts (id int PRIMARY KEY, login text, region text, UNIQUE (login, region));
        INSERT INTO public.accounts VALUES (1, 'jane.doe@corp.example', 'John Smith'),
                                           (2, 'other.person@corp.example', 'John Smith');""")
    add_rule(conn, "public.accounts", "login", "constant", {"value": "masked"})
    result = support.cli("run", "--mode", "batched", dsn=db)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    _no_raw(output)
    assert "Key (" not in output
    _no_raw(_ledger_text(conn))


@pytest.fixture
def doomed_late(conn):
    """Only the 1001st row breaks the CHECK once masked: past the preflight's sample, so
    the error comes from the run itself, where PostgreSQL's DETAIL holds the whole row."""
    conn.execute("""
        CREATE TABLE public.staff (id int PRIMARY KEY, email text CHECK (email LIKE 'jane%%' OR id <= 1000),
                                   full_name text, phone text, note text);
        INSERT INTO public.staff SELECT g, 'jane' || g || '@corp.example', 'Anna Bell', NULL, NULL
          FROM generate_series(1, 1000) g;
        INSERT INTO public.staff VALUES (1001, 'jane.doe@corp.example', 'John Smith', '+44 20 7946 0958',
                                         'secret-note-4711');""")
    add_rule(conn, "public.staff", "email", "email")
    return conn


@pytest.mark.parametrize("mode", ["rewrite", "batched"])
def test_a_row_failing_during_the_run_is_reported_without_its_values(doomed_late, db, mode):
    conn = doomed_late
    result = support.cli("run", "--mode", mode, dsn=db)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "staff_check" in output and "public.staff" in output
    _no_raw(output)
    _no_raw(_ledger_text(conn))
    with pytest.raises(psycopg.Error) as caught:
        conn.execute("CALL anon.run_all(%s, 7)", (mode,))
    for part in (caught.value.diag.message_primary, caught.value.diag.message_detail,
                 caught.value.diag.context, caught.value.diag.message_hint):
        _no_raw(part or "")
