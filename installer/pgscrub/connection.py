"""Connections: a DSN from --dsn or the libpq environment, the secret passed out of band.

The masking secret travels in the startup packet (libpq `options`), never in a
statement: statements are what log_statement, pg_stat_activity and
pg_stat_statements record.

Every pgscrub session resolves names in pg_catalog only (`search_path=pg_catalog,pg_temp`,
also in the startup packet, so it beats ALTER DATABASE/ROLE SET): pgscrub runs as a
privileged role over databases other people write to, and a function or operator planted
in `public` (an exact-type overload such as `public.lower(varchar)`) must never be what an
unqualified name in pgscrub's own SQL finds. pgscrub's SQL qualifies `anon.` and user
tables; it never relies on the search_path.
"""

from __future__ import annotations

import os

import psycopg
from psycopg import conninfo as pg_conninfo

from pgscrub.errors import PgscrubError

SAFE_SEARCH_PATH = "pg_catalog,pg_temp"

LIBPQ_ENV = ("PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE")


def resolve_conninfo(dsn: str | None) -> str:
    """The DSN to use: --dsn when given (URL or key=value), else the libpq environment."""
    if dsn:
        try:
            return pg_conninfo.make_conninfo(dsn)
        except psycopg.ProgrammingError as exc:
            raise PgscrubError(
                "the --dsn value is not a valid connection string",
                "use a URL such as postgresql://user@host:5432/db or key=value pairs "
                "such as 'host=... dbname=...'",
            ) from exc
    if not any(os.environ.get(name) for name in LIBPQ_ENV):
        raise PgscrubError(
            "no database given",
            "pass --dsn postgresql://user@host/db, or set PGHOST/PGDATABASE (libpq environment)",
        )
    return ""


def describe(conninfo: str, pgconn: psycopg.pq.abc.PGconn | None = None) -> str:
    """The connection target as libpq resolves it, for humans, never with the password.

    After a failed attempt libpq's own connection object says what it used (--dsn, then
    the PG* environment and service file, then the OS user and the default socket); without
    it the parameters are resolved the same way. Parts that stay unknown are left out.
    """
    if pgconn is not None:
        def value(data: bytes | None) -> str | None:
            return data.decode("utf-8", "replace") if data else None
        host, port, user, dbname = (value(pgconn.host), value(pgconn.port), value(pgconn.user), value(pgconn.db))
    else:
        try:
            resolved = {o.keyword.decode(): o.val.decode("utf-8", "replace")
                        for o in psycopg.pq.Conninfo.get_defaults() if o.val}
            resolved.update({o.keyword.decode(): o.val.decode("utf-8", "replace")
                             for o in psycopg.pq.Conninfo.parse(conninfo.encode()) if o.val})
        except (psycopg.Error, UnicodeError):
            resolved = pg_conninfo.conninfo_to_dict(conninfo) if conninfo else {}
        host, port, user = resolved.get("host"), resolved.get("port"), resolved.get("user")
        dbname = resolved.get("dbname") or user    # libpq's default database is the user's name
    if not host or host.startswith("/"):
        host = "local socket" + (f" {host}" if host else "")
    return (f"{user}@" if user else "") + host + (f":{port}" if port else "") + (f"/{dbname}" if dbname else "")


def startup_options(existing: str | None, settings: dict[str, str]) -> str:
    """libpq `options` with extra `-c name=value` pairs; spaces and backslashes escaped."""
    parts = [existing] if existing else []
    for name, value in settings.items():
        escaped = value.replace("\\", "\\\\").replace(" ", "\\ ")
        parts.append(f"-c {name}={escaped}")
    return " ".join(parts)


def connect(dsn: str | None, *, secret: str | None = None, autocommit: bool = True,
            application_name: str = "pgscrub") -> psycopg.Connection:
    """Open a connection; with a secret, the session gets `anon.secret` at startup."""
    conninfo = resolve_conninfo(dsn)
    params = pg_conninfo.conninfo_to_dict(conninfo) if conninfo else {}
    extra: dict[str, str] = {"application_name": params.get("application_name") or application_name}
    settings = {"search_path": SAFE_SEARCH_PATH}
    if secret is not None:
        settings["anon.secret"] = secret
    extra["options"] = startup_options(params.get("options") or os.environ.get("PGOPTIONS"), settings)
    try:
        return psycopg.connect(conninfo, autocommit=autocommit, **extra)
    except psycopg.OperationalError as exc:
        # libpq messages name host and port but never the password.
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "connection failed"
        raise PgscrubError(
            f"cannot connect to {describe(conninfo, exc.pgconn)}: {first_line}",
            "check --dsn or the PG* environment variables, and that the server is running",
        ) from exc
