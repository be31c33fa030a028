"""The staging gate (anon.gate_lock / anon.gate_unlock), as plain functions on a connection."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import psycopg

from pgscrub import installer


def lock(conn: psycopg.Connection, app_roles: Sequence[str] | None = None, *, run_id: int | None = None,
         new_database: bool = False) -> dict:
    """Revoke CONNECT (and LOGIN of app_roles; None = those of the last lock); returns what was done."""
    installer.require_installed(conn)
    with conn.transaction():
        return conn.execute("SELECT anon.gate_lock(%s::name[], %s, %s)",
                            (None if app_roles is None else list(app_roles), run_id, new_database)).fetchone()[0]


@dataclass(frozen=True)
class Unlocked:
    """What anon.gate_unlock did: message is its own sentence; lifted is False when the gate was not locked."""
    message: str
    lifted: bool
    forced: bool

    def __str__(self) -> str:
        return self.message


def unlock(conn: psycopg.Connection, *, force: bool = False, reason: str | None = None) -> Unlocked:
    """Restore the recorded privileges; refused unless the latest run validated clean or force."""
    installer.require_installed(conn)
    with conn.transaction():
        was_locked = conn.execute("SELECT state = 'locked' FROM anon.gate FOR UPDATE").fetchone()[0]
        message = conn.execute("SELECT anon.gate_unlock(%s, %s)", (force, reason)).fetchone()[0]
    return Unlocked(message, lifted=was_locked, forced=force and was_locked)


def state(conn: psycopg.Connection) -> dict:
    installer.require_installed(conn)
    row = conn.execute("SELECT state, app_roles, changed_at, changed_by FROM anon.gate").fetchone()
    return {"state": row[0], "app_roles": list(row[1]),
            "changed_at": row[2].isoformat() if row[2] else None, "changed_by": row[3]}
