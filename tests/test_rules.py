"""Rules as reviewable code (YAML export/import with file:line errors and a diff), the
`pgscrub rules` commands, and masking real tables with the rules' expressions."""

from __future__ import annotations

import textwrap

import psycopg
import pytest
import yaml

from pgscrub import rules
from pgscrub.errors import PgscrubError

import support

SCHEMA = """
CREATE TABLE public.users (id int PRIMARY KEY, email varchar(80) UNIQUE NOT NULL, phone text, full_name text,
                           "Display Name" text);
CREATE TABLE public.audit_log (id int PRIMARY KEY, actor_email varchar(80) REFERENCES public.users (email),
                               actor_name text);
CREATE TABLE public.notifications (id int PRIMARY KEY, recipient varchar(80) REFERENCES public.users (email));
INSERT INTO public.users VALUES
  (1, 'Jane.Doe@Gmail.com', '+1 (212) 555-0101', 'Jane Doe', 'jd'),
  (2, 'bob@corp.com', '+44 20 7946 0958', 'Bob Smith', NULL),
  (3, '', '', '', '');
INSERT INTO public.audit_log VALUES (1, 'Jane.Doe@Gmail.com', 'Jane Doe'), (2, 'bob@corp.com', 'Bob Smith');
INSERT INTO public.notifications VALUES (1, 'Jane.Doe@Gmail.com');
INSERT INTO anon.findings (schema_name, table_name, column_name, detector, column_type, sampled, matched,
                           confidence, sensitivity, found_in) VALUES
  ('public', 'users', 'email', 'email', 'character varying', 3, 2, 0.67, 'HIGH', 'value'),
  ('public', 'users', 'phone', 'phone', 'text', 3, 2, 0.67, 'HIGH', 'value'),
  ('public', 'users', 'full_name', 'person_name', 'text', 3, 2, 0.67, 'HIGH', 'value'),
  ('public', 'audit_log', 'actor_name', 'person_name', 'text', 2, 2, 1, 'HIGH', 'value');
"""


@pytest.fixture
def app(conn):
    conn.execute(SCHEMA)
    return conn


def write(tmp_path, text: str):
    path = tmp_path / "anon-rules.yaml"
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def test_export_is_stable_sorted_and_reimports_without_change(app, tmp_path):
    assert rules.propose(app) == 6  # 4 findings + the two columns joined to users.email
    exported = rules.export_yaml(app)
    assert exported.startswith("# pgscrub rules: review changes to this file like code\n")
    data = yaml.safe_load(exported)
    assert data["version"] == 1
    keys = [(r["table"], r["column"]) for r in data["rules"]]
    assert keys == sorted(keys)
    assert {"table": "public.users", "column": "phone", "strategy": "phone", "params": {},
            "sensitivity": "HIGH", "domain": "phone"} in data["rules"]
    assert "params: {}" in exported  # one-line params read well in a diff
    assert rules.export_yaml(app) == exported
    path = write(tmp_path, exported)
    result = rules.import_yaml(app, path)
    # Same rules, now reviewed through the file: nothing added, changed or removed.
    assert not (result.added or result.changed or result.removed)
    assert len(result.newly_reviewed) == 6
    assert support.scalar(app, "SELECT count(*) FROM anon.rules WHERE NOT reviewed") == 0
    assert rules.import_yaml(app, path).unchanged


def test_import_shows_the_diff_and_applies_it(app, tmp_path):
    rules.propose(app)
    path = write(tmp_path, """
        version: 1
        rules:
          - table: public.users
            column: email
            strategy: email
            params: {keep_domains: [gmail.com]}
          - table: public.users
            column: Display Name
            strategy: pseudonym
          - table: public.users
            column: phone
            strategy: keep
    """)
    result = rules.import_yaml(app, path, dry_run=True)
    lines = result.diff_lines()
    assert "+ public.users.\"Display Name\": pseudonym" in lines
    assert any(line.startswith("~ public.users.email: params {} -> {\"keep_domains\": [\"gmail.com\"]}") for line in lines)
    assert any(line.startswith("~ public.users.phone: strategy phone -> keep") for line in lines)
    assert "- public.audit_log.actor_name: person_name" in lines
    assert support.scalar(app, "SELECT count(*) FROM anon.rules WHERE origin = 'imported'") == 0, "dry run changed rules"
    rules.import_yaml(app, path)
    rows = app.execute("SELECT column_name, strategy, origin, reviewed FROM anon.rules ORDER BY 1").fetchall()
    assert rows == [("Display Name", "pseudonym", "imported", True), ("email", "email", "imported", True),
                    ("phone", "keep", "imported", True)]


def test_import_names_every_problem_at_its_line(app, tmp_path):
    path = write(tmp_path, """
        version: 1
        rules:
          - table: public.users
            column: email
            strategy: email
            params: {keep_domain: [gmail.com]}
          - table: public.nope
            column: email
            strategy: email
          - table: public.users
            column: nope
            strategy: hash
            params:
              length: 500
          - table: public.users
            column: phone
            strategy: scramble
          - table: public.users
            column: email
            json_path: contact.email
            strategy: email
          - table: public.users
            column: full_name
            strategy: person_name
            colour: blue
    """)
    with pytest.raises(PgscrubError) as caught:
        rules.import_yaml(app, path)
    message = caught.value.message
    assert f"{path}:6: unknown parameter \"keep_domain\" for strategy email" in message
    assert f"{path}:7: unknown table public.nope" in message
    assert f"{path}:11: unknown column nope in public.users" in message
    assert f"{path}:14: parameter \"length\" of strategy hash must be between 8 and 64" in message
    assert f"{path}:17: unknown strategy \"scramble\"" in message
    assert f"{path}:20: json_path \"contact.email\" is not a path like $.contact.email" in message
    assert f"{path}:25: unknown key 'colour'" in message
    assert "nothing was changed" in caught.value.hint
    assert support.scalar(app, "SELECT count(*) FROM anon.rules") == 0


def test_import_reports_yaml_syntax_errors_with_their_line(app, tmp_path):
    path = write(tmp_path, "version: 1\nrules:\n  - table: public.users\n    column: [email\n")
    with pytest.raises(PgscrubError, match=rf"{path}:\d+: not valid YAML"):
        rules.import_yaml(app, path)


def test_rules_commands(app, db, tmp_path):
    result = support.cli("rules", "propose", dsn=db)
    assert result.returncode == 0, result.stderr
    assert "proposed 6 rule(s)" in result.stdout
    exported = support.cli("rules", "export", dsn=db)
    assert exported.returncode == 0 and exported.stdout.startswith("# pgscrub rules")
    path = write(tmp_path, exported.stdout.replace("strategy: phone", "strategy: digits").replace("domain: phone", "domain: digits"))
    imported = support.cli("rules", "import", str(path), dsn=db)
    assert imported.returncode == 0, imported.stderr
    assert "~ public.users.phone: strategy phone -> digits; domain phone -> digits" in imported.stdout
    assert "1 changed" in imported.stdout
    bad = write(tmp_path, "version: 2\nrules: []\n")
    failed = support.cli("rules", "import", str(bad), dsn=db)
    assert failed.returncode == 2
    assert f"{bad}:1: version must be 1" in failed.stderr


def mask_table(conn, table: str) -> None:
    """What the run does, in its simplest form: one UPDATE per table with every column's expression."""
    schema, name = table.split(".")
    sets = conn.execute("""
        SELECT string_agg(format('%%I = %%s', a.attname,
                                 anon.column_expression(%s, %s, a.attname, 't.' || quote_ident(a.attname))), ', ')
          FROM pg_attribute a
         WHERE a.attrelid = %s::regclass AND a.attnum > 0 AND NOT a.attisdropped
           AND anon.column_expression(%s, %s, a.attname, 't.' || quote_ident(a.attname)) IS NOT NULL""",
                        (schema, name, table, schema, name)).fetchone()[0]
    conn.execute(f"SELECT anon.preflight_rules('{table}')")
    conn.execute(f"UPDATE {table} AS t SET {sets}")


def test_masked_tables_keep_joins_formats_and_empties(app):
    rules.propose(app)
    rules.approve(app)
    app.execute("SET session_replication_role = replica")  # the run's job: FK triggers off while keys change
    for table in ("public.users", "public.audit_log", "public.notifications"):
        mask_table(app, table)
    app.execute("RESET session_replication_role")
    users = dict(app.execute("SELECT id, email FROM public.users").fetchall())
    assert users[3] == "", "the empty string stays empty"
    assert users[1].endswith("@gmail.com") and users[1] != "jane.doe@gmail.com"
    # Joins hold: every audit row and notification still finds its user.
    assert support.scalar(app, """SELECT count(*) FROM public.audit_log a JOIN public.users u ON u.email = a.actor_email""") == 2
    assert support.scalar(app, """SELECT count(*) FROM public.notifications n JOIN public.users u ON u.email = n.recipient""") == 1
    # The same name masks the same way in two tables (one domain).
    assert support.scalar(app, """SELECT count(*) FROM public.audit_log a JOIN public.users u ON u.full_name = a.actor_name""") == 2
    phone = support.scalar(app, "SELECT phone FROM public.users WHERE id = 1")
    assert phone.startswith("+1 (") and phone[9:15] == "555-01"
    # Not one original value is left.
    assert support.scalar(app, """SELECT count(*) FROM public.users WHERE email ILIKE 'jane.doe@gmail.com'
                                     OR full_name IN ('Jane Doe', 'Bob Smith') OR phone LIKE '%7946%'""") == 0
    # Masking is deterministic: the expression applied to the originals again gives the same values.
    assert support.scalar(app, "SELECT anon.mask_value('email', 'jane.doe@GMAIL.com', '{}', 'email')") == users[1]


def test_changing_the_secret_changes_every_keyed_output(db):
    strategies = [("email", "jane.doe@gmail.com"), ("phone", "+44 20 7946 0958"), ("national_id", "123-45-6789"),
                  ("iban", "DE89370400440532013000"), ("card_number", "4111111111111111"), ("person_name", "Jane Doe"),
                  ("first_name", "Jane"), ("last_name", "Doe"), ("address", "1 Main St"), ("city", "Paris"),
                  ("company", "Acme"), ("hash", "x"), ("pseudonym", "x"), ("digits", "12345678"),
                  ("bank_account", "19-2000145399/0800"), ("postal_code", "SW1A 1AA"), ("birth_date", "1984-06-03"),
                  ("ip", "203.0.113.7")]
    query = "SELECT anon.mask_value(%s, %s)"
    with support.connect(db) as first, support.connect(db, secret="another-secret-of-32-characters!!") as second:
        for strategy, value in strategies:
            a, b = first.execute(query, (strategy, value)).fetchone()[0], second.execute(query, (strategy, value)).fetchone()[0]
            assert a != b, f"{strategy}: the secret did not change the output"
    with support.connect(db, secret=None) as none:
        with pytest.raises(psycopg.Error, match="anon.secret"):
            none.execute(query, ("email", "jane.doe@gmail.com"))


def test_json_rules_mask_wildcard_and_quoted_paths_and_keep_the_rest(conn):
    conn.execute("""CREATE TABLE public.t (id int, doc jsonb);
                    INSERT INTO public.t VALUES (1, '{"items": [{"mail": "a@b.com"}, {"mail": "c@d.com"}],
                                                      "o.k": {"x": "jane@x.com"}, "ok": {"x": "kept@x.com"}, "n": 1}');
                    INSERT INTO anon.rules (schema_name, table_name, column_name, json_path, strategy, reviewed) VALUES
                      ('public', 't', 'doc', '$.items[*].mail', 'email', true),
                      ('public', 't', 'doc', '$."o.k".x', 'email', true)""")
    expression = support.scalar(conn, "SELECT anon.column_expression('public', 't', 'doc', 't.doc')")
    doc = support.scalar(conn, f"SELECT {expression} FROM public.t t")
    masked = [support.scalar(conn, "SELECT anon.mask_email(%s)", (v,)) for v in ("a@b.com", "c@d.com", "jane@x.com")]
    assert doc == {"items": [{"mail": masked[0]}, {"mail": masked[1]}], "o.k": {"x": masked[2]},
                   "ok": {"x": "kept@x.com"}, "n": 1}
