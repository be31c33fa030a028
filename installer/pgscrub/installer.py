"""install / upgrade / uninstall / status of the anon schema.

Every change happens in one transaction: a refusal or a crash leaves the database
as it was. Functions here take an open connection; the CLI only wraps them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import psycopg
from psycopg import sql

from pgscrub import MIN_SERVER_VERSION_NUM, __version__, dictionaries, sqlsource
from pgscrub.errors import PgscrubError
from pgscrub.locks import INSTALL_LOCK, RUN_LOCK

ANON = "anon"


@dataclass
class Preflight:
    server_version_num: int
    server_version: str
    role: str
    database: str
    superuser: bool
    can_create_schema: bool
    anon_exists: bool
    anon_extension: str | None      # an extension that owns a schema named anon
    installed_version: str | None   # None unless the schema is ours
    pgcrypto_schema: str | None
    pgcrypto_available: bool


def preflight(conn: psycopg.Connection) -> Preflight:
    row = conn.execute(
        """
        SELECT current_setting('server_version_num')::int,
               current_setting('server_version'),
               current_user, current_database(),
               (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user),
               has_database_privilege(current_database(), 'CREATE'),
               n.oid IS NOT NULL,
               (SELECT e.extname FROM pg_catalog.pg_depend d
                  JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
                 WHERE d.classid = 'pg_catalog.pg_namespace'::regclass
                   AND d.objid = n.oid AND d.deptype = 'e'),
               to_regclass('anon.installation') IS NOT NULL,
               (SELECT ns.nspname FROM pg_catalog.pg_extension x
                  JOIN pg_catalog.pg_namespace ns ON ns.oid = x.extnamespace
                 WHERE x.extname = 'pgcrypto'),
               EXISTS (SELECT FROM pg_catalog.pg_available_extensions WHERE name = 'pgcrypto')
          FROM (SELECT 1) AS one
          LEFT JOIN pg_catalog.pg_namespace n ON n.nspname = 'anon'
        """
    ).fetchone()
    (version_num, version, role, database, superuser, can_create, anon_exists,
     anon_extension, has_installation, pgcrypto_schema, pgcrypto_available) = row
    installed = None
    if has_installation and not anon_extension:
        installed = conn.execute("SELECT version FROM anon.installation").fetchone()
        installed = installed[0] if installed else None
    return Preflight(version_num, version, role, database, bool(superuser), bool(can_create),
                     bool(anon_exists), anon_extension, installed, pgcrypto_schema,
                     bool(pgcrypto_available))


def not_installed(database: str) -> PgscrubError:
    """The one error every command gives when the anon schema is missing."""
    return PgscrubError(f"pgscrub is not installed in this database ({database})", "run pgscrub install")


def require_installed(conn: psycopg.Connection) -> None:
    """Refuse, with a hint, before anything needing the anon schema runs where it is missing."""
    installed, database = conn.execute(
        "SELECT pg_catalog.to_regclass('anon.installation') IS NOT NULL, pg_catalog.current_database()").fetchone()
    if not installed:
        raise not_installed(database)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _refuse_foreign_anon(pre: Preflight) -> None:
    if pre.anon_extension:
        raise PgscrubError(
            f"schema anon belongs to the extension '{pre.anon_extension}'"
            + (" (PostgreSQL Anonymizer)" if pre.anon_extension == "anon" else ""),
            "pgscrub needs its own schema named anon; use another database, or "
            f"DROP EXTENSION {pre.anon_extension} if it is no longer used",
        )
    if pre.anon_exists and pre.installed_version is None:
        raise PgscrubError(
            "schema anon exists but was not created by pgscrub",
            "rename it (ALTER SCHEMA anon RENAME TO ...) or drop it, then run pgscrub install again",
        )


def _refuse_unsupported(pre: Preflight) -> None:
    if pre.server_version_num < MIN_SERVER_VERSION_NUM:
        raise PgscrubError(
            f"PostgreSQL {pre.server_version} is too old: pgscrub needs 14 or newer",
            "upgrade the server (PostgreSQL 13 and older are end of life)",
        )
    if not pre.superuser and not pre.can_create_schema:
        raise PgscrubError(
            f"role {pre.role} may not create schemas in database {pre.database}",
            f"run as the database owner or a superuser, or GRANT CREATE ON DATABASE "
            f"{sql.Identifier(pre.database).as_string(None)} TO {sql.Identifier(pre.role).as_string(None)}",
        )
    if pre.pgcrypto_schema is None and not pre.pgcrypto_available:
        raise PgscrubError(
            "the pgcrypto extension is not available on this server",
            "install the PostgreSQL contrib package (Debian: postgresql-contrib; "
            "RHEL: postgresql-contrib), or CREATE EXTENSION pgcrypto as a superuser",
        )


def _session_settings(conn: psycopg.Connection) -> None:
    # search_path '' makes an unqualified name in our own SQL fail at install time
    # instead of resolving to whatever a user planted in public.
    conn.execute("SET LOCAL search_path = ''")
    conn.execute("SET LOCAL check_function_bodies = off")
    conn.execute("SET LOCAL client_min_messages = warning")
    # The sources and the name dictionaries are UTF-8; in an SQL_ASCII database the
    # client would otherwise refuse to send their accented letters.
    conn.execute("SET LOCAL client_encoding = 'UTF8'")


def _run_file(conn: psycopg.Connection, sql_file: sqlsource.SqlFile, pgcrypto_schema: str) -> None:
    try:
        conn.execute(sql_file.text(pgcrypto_schema))
    except psycopg.Error as exc:
        primary = exc.diag.message_primary or str(exc)
        raise PgscrubError(f"{sql_file.name}: {primary}",
                           "this is a bug in pgscrub; nothing was changed") from exc


def _apply_routines(conn: psycopg.Connection, pgcrypto_schema: str, superuser: bool) -> bool:
    """(Re)create every function, procedure, view and event trigger; True if the watcher is on."""
    conn.execute("""
        DO $$ DECLARE r record; BEGIN
          FOR r IN SELECT c.oid::regclass AS view FROM pg_catalog.pg_class c
                    WHERE c.relnamespace = 'anon'::regnamespace AND c.relkind = 'v' LOOP
            EXECUTE pg_catalog.format('DROP VIEW IF EXISTS %s CASCADE', r.view);
          END LOOP;
          FOR r IN SELECT t.evtname FROM pg_catalog.pg_event_trigger t
                     JOIN pg_catalog.pg_proc p ON p.oid = t.evtfoid
                    WHERE p.pronamespace = 'anon'::regnamespace LOOP
            EXECUTE pg_catalog.format('DROP EVENT TRIGGER %I', r.evtname);
          END LOOP;
        END $$""")
    for sql_file in sqlsource.routine_files():
        if sql_file.path.parent.name == "event_triggers" and not superuser:
            continue
        _run_file(conn, sql_file, pgcrypto_schema)
    return superuser


def _load_data(conn: psycopg.Connection) -> None:
    """Reload the data the schema ships with: fake-value dictionaries, column-name hints."""
    conn.execute("TRUNCATE anon.dictionary, anon.column_hints")
    with conn.cursor().copy(
            "COPY anon.dictionary (kind, position, value, locale) FROM STDIN") as copy:
        for row in dictionaries.rows():
            copy.write_row(row)
    hints = json.loads((sqlsource.sql_root() / "data" / "column_hints.json").read_text("utf-8"))
    with conn.cursor().copy(
            "COPY anon.column_hints (pattern, kind, sensitivity, note) FROM STDIN") as copy:
        for hint in hints["hints"]:
            copy.write_row((hint["pattern"], hint["kind"], hint["sensitivity"], hint.get("note")))
    # The maskers pick fakes from packed copies of the dictionaries (docs/strategies.md);
    # the frozen scripts of releases before 0.2.0 have no packer.
    if conn.execute("SELECT to_regprocedure('anon.dict_rebuild()') IS NOT NULL").fetchone()[0]:
        conn.execute("SELECT anon.dict_rebuild()")


def _lock(conn: psycopg.Connection) -> None:
    conn.execute("SELECT pg_catalog.pg_advisory_xact_lock(%s, %s)", INSTALL_LOCK)


def install(conn: psycopg.Connection, *, release: str | None = None) -> str:
    """Create pgcrypto (if missing) and the whole anon schema; a no-op at the same version.

    `release` installs the frozen script of an earlier release instead (sql/releases/),
    which is how the upgrade tests start from a real previous version.
    """
    version = release or __version__
    with conn.transaction():
        _lock(conn)
        pre = preflight(conn)
        _refuse_unsupported(pre)
        _refuse_foreign_anon(pre)
        if pre.installed_version == version:
            return f"pgscrub {version} is already installed in {pre.database}; nothing to do"
        if pre.installed_version is not None:
            newer = _version_key(pre.installed_version) > _version_key(version)
            raise PgscrubError(
                f"pgscrub {pre.installed_version} is installed in {pre.database}",
                "this pgscrub is older: use a newer pgscrub" if newer else "run pgscrub upgrade",
            )
        _session_settings(conn)
        conn.execute("CREATE SCHEMA anon")
        conn.execute(sql.SQL("COMMENT ON SCHEMA anon IS {}").format(sql.Literal(
            "pgscrub: anonymization catalog and routines (managed by `pgscrub install`)")))
        pgcrypto_schema = pre.pgcrypto_schema
        if pgcrypto_schema is None:
            conn.execute("CREATE EXTENSION pgcrypto SCHEMA anon")
            pgcrypto_schema = ANON
        if release:
            _run_file(conn, sqlsource.release_script(release), pgcrypto_schema)
            watcher = pre.superuser
        else:
            for sql_file in sqlsource.table_files():
                _run_file(conn, sql_file, pgcrypto_schema)
            watcher = _apply_routines(conn, pgcrypto_schema, pre.superuser)
        conn.execute(
            "INSERT INTO anon.installation (version, pgcrypto_schema, watcher_installed) "
            "VALUES (%s, %s, %s)", (version, pgcrypto_schema, watcher))
        conn.execute("INSERT INTO anon.installation_history (version, action) VALUES (%s, 'install')",
                     (version,))
        _load_data(conn)
    message = f"installed pgscrub {version} in {pre.database}"
    if not watcher:
        message += ("\nwarning: not a superuser, so the new-column watcher (an event trigger) "
                    "is not installed; the pipeline compares the catalog with the classified "
                    "columns instead")
    return message


def _refuse_while_running(conn: psycopg.Connection, action: str) -> None:
    free = conn.execute("SELECT pg_catalog.pg_try_advisory_xact_lock(%s, %s)", RUN_LOCK).fetchone()[0]
    if not free:
        raise PgscrubError(
            f"a masking run is in progress in this database; refusing to {action}",
            "wait for it to finish (SELECT * FROM anon.progress), or stop it first",
        )


def upgrade(conn: psycopg.Connection) -> str:
    """Apply sql/upgrades/anon--A--B.sql in order, then refresh every routine; keeps rules and history."""
    with conn.transaction():
        _lock(conn)
        pre = preflight(conn)
        _refuse_unsupported(pre)
        _refuse_foreign_anon(pre)
        if pre.installed_version is None:
            raise not_installed(pre.database)
        if pre.installed_version == __version__:
            return f"pgscrub {__version__} is already up to date in {pre.database}"
        if _version_key(pre.installed_version) > _version_key(__version__):
            raise PgscrubError(
                f"the installed pgscrub {pre.installed_version} is newer than this one ({__version__})",
                "use the newer pgscrub; downgrades are not supported")
        _refuse_while_running(conn, "upgrade")
        chain = sqlsource.upgrade_path(pre.installed_version, __version__)
        _session_settings(conn)
        pgcrypto_schema = conn.execute("SELECT pgcrypto_schema FROM anon.installation").fetchone()[0]
        for sql_file in chain:
            _run_file(conn, sql_file, pgcrypto_schema)
        watcher = _apply_routines(conn, pgcrypto_schema, pre.superuser)
        conn.execute("UPDATE anon.installation SET version = %s, upgraded_at = now(), "
                     "watcher_installed = %s", (__version__, watcher))
        conn.execute("INSERT INTO anon.installation_history (version, action) VALUES (%s, 'upgrade')",
                     (__version__,))
        _load_data(conn)
    steps = ", ".join(f.path.name for f in chain)
    return f"upgraded pgscrub {pre.installed_version} -> {__version__} in {pre.database} ({steps})"


def uninstall(conn: psycopg.Connection) -> str:
    """Remove everything install created; refuses during a run or while the gate is locked."""
    with conn.transaction():
        _lock(conn)
        pre = preflight(conn)
        _refuse_foreign_anon(pre)
        if pre.installed_version is None:
            return f"pgscrub is not installed in {pre.database}; nothing to do"
        _refuse_while_running(conn, "uninstall")
        if conn.execute("SELECT state FROM anon.gate").fetchone()[0] == "locked":
            raise PgscrubError(
                "the staging gate is locked: uninstalling would lose the state needed to unlock",
                "run pgscrub unlock --force first (it restores CONNECT and LOGIN as they were)")
        conn.execute("""
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT t.evtname FROM pg_catalog.pg_event_trigger t
                         JOIN pg_catalog.pg_proc p ON p.oid = t.evtfoid
                        WHERE p.pronamespace = 'anon'::regnamespace LOOP
                EXECUTE pg_catalog.format('DROP EVENT TRIGGER %I', r.evtname);
              END LOOP;
            END $$""")
        conn.execute("DROP SCHEMA anon CASCADE")
    return f"uninstalled pgscrub from {pre.database}"


def status(conn: psycopg.Connection) -> dict:
    """Version, rules, last run and gate state, for `pgscrub status`."""
    pre = preflight(conn)
    _refuse_foreign_anon(pre)
    result: dict = {"database": pre.database, "server_version": pre.server_version,
                    "package_version": __version__, "installed_version": pre.installed_version}
    if pre.installed_version is None:
        return result
    row = conn.execute("""
        SELECT i.installed_at, i.watcher_installed,
               (SELECT count(*) FROM anon.rules),
               (SELECT count(*) FROM anon.rules WHERE reviewed),
               g.state, g.changed_at
          FROM anon.installation i CROSS JOIN anon.gate g""").fetchone()
    result.update(installed_at=row[0].isoformat(), watcher_installed=row[1], rules=row[2],
                  rules_reviewed=row[3], gate=row[4],
                  gate_changed_at=row[5].isoformat() if row[5] else None)
    last = conn.execute("""
        SELECT run_id, status, started_at, finished_at FROM anon.runs
         ORDER BY run_id DESC LIMIT 1""").fetchone()
    result["last_run"] = None if last is None else {
        "run_id": last[0], "status": last[1], "started_at": last[2].isoformat(),
        "finished_at": last[3].isoformat() if last[3] else None}
    return result
