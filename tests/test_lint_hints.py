"""The column-name hints lint shares with the scan (sql/data/column_hints.json): the Python
translation must match exactly what PostgreSQL's `~*` matches."""

from __future__ import annotations

import json
import re

import psycopg
import pytest
import yaml
from typer.testing import CliRunner

from pgscrub import rules, strategies
from pgscrub.cli import app
from pgscrub.lint import hints

# Column names from the sample databases, the scenario and the migration fixtures, plus
# traps: upper case, a trailing newline (Python's `$` would match before it), look-alikes.
EXAMPLES = [
    "email", "EMAIL", "Customer_Email", "backup_email", "e_mail", "e-mail", "mail", "email_address",
    "emailaddr", "actor_email", "email_verified", "email_status", "emails", "female", "mailbox_size",
    "recipient", "recipient_id", "phone", "home_phone", "mobile", "cell", "tel", "telephone",
    "fax", "phone_number", "phone_no", "phonebook", "telemetry", "cellar",
    "first_name", "firstname", "given_name", "middle_name", "last_name", "surname", "family_name",
    "full_name", "contact_name", "customer_name", "ship_name", "holder_name", "account_holder_name",
    "company_name", "product_name", "name", "display_name", "nickname", "username", "user_name",
    "login", "login_count", "address", "address2", "address_line_1", "street", "shipping_address",
    "billing_address", "ip_address", "email_address", "addressee", "city", "ship_city", "town",
    "district", "region", "state", "province", "county", "country", "zip", "zipcode", "zip_code",
    "postal_code", "postcode", "post", "ssn", "sin", "nino", "tax_id", "taxid", "national_id",
    "birth_number", "passport", "passport_no", "personal_id", "id_number", "pesel", "steuer_id",
    "iban", "bank_account", "account_number", "acct_no", "routing_number", "sort_code", "bban",
    "card_number", "cc_num", "credit_card", "pan", "company", "birth_date", "birthdate",
    "date_of_birth", "dob", "birthday", "born_on", "ip", "client_ip", "remote_addr", "ip_addr",
    "zip_ip", "password", "passwd", "pwd", "password_hash", "secret", "api_key", "token",
    "access_token", "refresh_token", "private_key", "tokens", "note", "notes", "comment",
    "comments", "body", "message", "description", "remarks", "free_text", "text", "lat",
    "latitude", "lon", "lng", "longitude", "geo", "geolocation", "coordinates", "photo",
    "picture", "avatar", "selfie", "signature", "scan", "gender", "sex", "sexton", "id",
    "user_id", "created_at", "amount", "status", "title", "rental_rate", "email\n", "phone\n",
    "über_email", "ÉMAIL",
    # plurals and numbered columns
    "email_addresses", "recipient_emails", "contact_email2", "phones", "phone_numbers", "mobile_phones",
    "fax_numbers", "phone2", "addresses", "billing_addresses", "address_lines", "street2", "address_line_10",
    "first_names", "last_names", "full_name2", "ip_addresses", "client_ip2", "card_numbers", "ssn2", "tax_id_2",
]


def test_every_hint_compiles_in_python_and_has_an_example():
    loaded = hints.load_hints()
    assert loaded, "no hints loaded"
    for hint in loaded:
        assert any(hint.regex.search(name) for name in EXAMPLES), \
            f"no example matches {hint.kind} hint {hint.pattern!r}: add one to EXAMPLES"


def test_python_and_postgresql_match_the_same_names(server):
    """Every (hint, example) pair: Python re vs PostgreSQL `~*`, which the scan uses."""
    loaded = hints.load_hints()
    with psycopg.connect(server.admin_dsn, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT p.i, n.j, n.name ~* p.pattern"
            "  FROM unnest(%s::text[]) WITH ORDINALITY AS p(pattern, i),"
            "       unnest(%s::text[]) WITH ORDINALITY AS n(name, j)",
            ([h.pattern for h in loaded], EXAMPLES)).fetchall()
    assert len(rows) == len(loaded) * len(EXAMPLES)
    disagreements = [(loaded[i - 1].pattern, EXAMPLES[j - 1], matched)
                     for i, j, matched in rows
                     if bool(loaded[i - 1].regex.search(EXAMPLES[j - 1])) != matched]
    assert disagreements == []


@pytest.mark.parametrize("posix, python", [
    ("^(.*_)?email$", r"^(.*_)?email\Z"),
    ("^[[:alpha:]]+[[:digit:]]$", r"^[a-zA-Z]+[0-9]\Z"),
    ("^[]a]$", r"^[]a]\Z"),
    ("^[^]a]$", r"^[^]a]\Z"),
    (r"^a\$b$", r"^a\$b\Z"),
    ("^(?:x|y)[$]$", r"^(?:x|y)[$]\Z"),
])
def test_posix_patterns_are_translated(posix, python):
    assert hints.posix_to_python(posix) == python
    re.compile(python)


def test_posix_patterns_that_do_not_translate_are_refused():
    for pattern in (r"\memail\M", r"\yphone\y", "(?i)email"):
        with pytest.raises(ValueError):
            hints.posix_to_python(pattern)


@pytest.mark.parametrize("name, family, kind", [
    ("backup_email", "text", "email"),
    ("email", "boolean", None),            # email_verified-style flags
    ("email_status", "text", None),        # about an email, not one
    ("is_email", "boolean", None),
    ("phone", "integer", "phone"),
    ("phone_count", "integer", None),
    ("address_id", "integer", None),
    ("tax_id", "text", "national_id"),     # "id" is part of the PII word here
    ("dob", "date", "birth_date"),
    ("dob", "boolean", None),
    ("last_seen_from", "network", "ip_address"),
    ("picture", "binary", "photo"),
    ("gender", "text", None),              # LOW: not reported
    ("contact_email", "unknown", "email"),  # a domain lint did not see defined
    ("status", "text", None),
    ("emails", "text", "email"),
    ("contact_email2", "text", "email"),
    ("phones", "text", "phone"),
    ("billing_addresses", "text", "address"),
    ("last_names", "text", "last_name"),
])
def test_name_and_type_heuristics(name, family, kind):
    guess = hints.guess(name, family)
    assert (guess.kind if guess else None) == kind


# Every kind lint can guess: the name hints' kinds, the kinds guessed from a column type,
# and every kind the SQL mapping knows.
def lint_kinds() -> set[str]:
    return ({hint.kind for hint in hints.load_hints()} | set(hints.FAMILIES_FOR_KIND) | {"ip_address"}
            | set(strategies._mapping()[0]))


def test_lint_maps_kinds_to_strategies_exactly_like_propose_rules(conn):
    known = {row[0] for row in conn.execute("SELECT strategy FROM anon.rule_strategies()")}
    for kind in sorted(lint_kinds()) + ["a_kind_nobody_knows"]:
        expected = conn.execute("SELECT anon.rule_default_strategy(%s)", (kind,)).fetchone()[0]
        assert strategies.strategy_for_kind(kind) == expected, kind
    assert strategies.suggested_strategies() <= known, strategies.suggested_strategies() - known


ALL_KINDS_TABLE = """CREATE TABLE public.accounts (
    id integer PRIMARY KEY,
    last_login_ip inet,
    client_ip text,
    city text,
    username text,
    password_hash text,
    photo bytea,
    notes text,
    email text,
    phone text,
    date_of_birth date,
    iban text,
    zip text
);
"""


def test_every_rule_lint_suggests_imports(conn, tmp_path):
    # The user's path: lint a migration, paste its suggestions, import them.
    folder = tmp_path / "db" / "migration"
    folder.mkdir(parents=True)
    (folder / "V1__accounts.sql").write_text(ALL_KINDS_TABLE)
    runner_env = {"COLUMNS": "200"}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(tmp_path)
        result = CliRunner().invoke(app, ["lint", "db/migration", "--format", "json"], env=runner_env)
    report = json.loads(result.stdout)
    suggested = [entry for finding in report["findings"] for entry in finding.get("suggestion") or []]
    assert {entry["column"] for entry in suggested} >= {"last_login_ip", "city", "username", "password_hash",
                                                      "photo", "email", "phone", "iban"}
    conn.execute(ALL_KINDS_TABLE)
    path = tmp_path / "anon-rules.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "rules": suggested}, sort_keys=False))
    result = rules.import_yaml(conn, path)
    assert result.applied and len(result.added) == len(suggested)
