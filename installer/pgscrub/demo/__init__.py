"""The scenario's fintech database as a generator, its ground truth, and the demo story.

    generate(conn, scale=0.01, seed=DEFAULT_SEED)   build the 45 tables (scale 1: 2M users)
    add_backup_email(conn)                          next month's migration: users.backup_email
    pii_columns() / manifest()                      which columns hold which PII kinds

See docs/demo.md.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

import psycopg

from pgscrub.demo.generator import DEFAULT_SEED, counts, generate

__all__ = ["DEFAULT_SEED", "add_backup_email", "counts", "generate", "manifest", "pii_columns"]


@cache
def manifest() -> dict:
    """The ground-truth manifest (manifest.json in this package)."""
    text = resources.files("pgscrub.demo").joinpath("manifest.json").read_text(encoding="utf-8")
    return json.loads(text)


def pii_columns(*, with_migration: bool = False) -> dict[tuple[str, str, str], set[str]]:
    """(schema, table, column) -> PII kinds, for every column holding personal data."""
    entries = manifest()["pii_columns"] + (manifest()["added_by_migration"] if with_migration else [])
    result = {}
    for entry in entries:
        schema, table = entry["table"].split(".")
        result[(schema, table, entry["column"])] = set(entry["kinds"])
    return result


def add_backup_email(conn: psycopg.Connection) -> int:
    """The scenario's next migration: users.backup_email, filled for most users; returns rows filled.

    The values are the recovery emails from users.metadata where there is one, else a new
    address of the same person, so the column is full of real-looking personal emails.
    """
    with conn.transaction():
        conn.execute("ALTER TABLE public.users ADD COLUMN backup_email varchar(254)")
        cur = conn.execute(
            """UPDATE public.users
                  SET backup_email = coalesce(metadata #>> '{recovery,email}',
                                              split_part(email, '@', 1) || '.backup@' || split_part(email, '@', 2))
                WHERE id % 5 <> 0""")
        return cur.rowcount
