"""The test harness: one throwaway PostgreSQL per test session (or PGSCRUB_TEST_DSN),
a template database with pgscrub installed, and a fresh database per test."""

from __future__ import annotations

import itertools
import os
import subprocess

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from pgscrub import installer
from pgscrub.cluster import ThrowawayCluster

import support

_counter = itertools.count()


class Server:
    """A PostgreSQL server for the tests: make databases, get DSNs, run client tools."""

    def __init__(self, dsn: str, cluster: ThrowawayCluster | None):
        self.admin_dsn = dsn
        self.cluster = cluster

    def dsn(self, dbname: str) -> str:
        return make_conninfo(self.admin_dsn, dbname=dbname)

    def create_database(self, name: str | None = None, template: str = "template0",
                        encoding: str | None = None) -> str:
        name = name or f"t{os.getpid()}_{next(_counter)}"
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            query = sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                sql.Identifier(name), sql.Identifier(template))
            if encoding:
                query += sql.SQL(" ENCODING {} LC_COLLATE 'C' LC_CTYPE 'C'").format(sql.Literal(encoding))
            conn.execute(query)
        return self.dsn(name)

    def drop_database(self, dsn: str) -> None:
        name = conninfo_to_dict(dsn)["dbname"]
        with psycopg.connect(self.admin_dsn, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def tool(self, name: str) -> str:
        return self.cluster.tool(name) if self.cluster else name

    def psql(self, dsn: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}
        return subprocess.run([self.tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, *args],
                              capture_output=True, text=True, check=check, env=env)


@pytest.fixture(scope="session")
def server():
    external = os.environ.get("PGSCRUB_TEST_DSN")
    if external:
        yield Server(external, None)
        return
    with ThrowawayCluster() as cluster:
        yield Server(cluster.dsn("postgres"), cluster)


@pytest.fixture(scope="session")
def anon_template(server) -> str:
    """A database with pgscrub installed, copied for each test that needs it."""
    dsn = server.create_database(f"pgscrub_template_{os.getpid()}")
    with psycopg.connect(dsn, autocommit=True) as conn:
        installer.install(conn)
    yield conninfo_to_dict(dsn)["dbname"]
    server.drop_database(dsn)


@pytest.fixture
def empty_db(server):
    """A fresh database without pgscrub."""
    dsn = server.create_database()
    yield dsn
    server.drop_database(dsn)


@pytest.fixture
def db(server, anon_template):
    """A fresh database with pgscrub installed."""
    dsn = server.create_database(template=anon_template)
    yield dsn
    server.drop_database(dsn)


@pytest.fixture
def conn(db):
    """An autocommit connection to `db`, with the demo secret set for the session."""
    with support.connect(db) as connection:
        yield connection


SAMPLE_LOADERS = {
    # name: (how to load it into an existing empty database)
    "pagila": lambda server, dsn, data: server.psql(dsn, "-f", str(data / "pagila" / "pagila.sql")),
    "northwind": lambda server, dsn, data: server.psql(dsn, "-f", str(data / "northwind" / "northwind.sql")),
    "chinook": lambda server, dsn, data: _load_chinook(server, dsn, data),
    "dvdrental": lambda server, dsn, data: subprocess.run(
        [server.tool("pg_restore"), "--no-owner", "--no-privileges", "-d", dsn, "-Fd",
         str(data / "dvdrental" / "dump_dir")], check=True, capture_output=True, text=True),
    "berka": lambda server, dsn, data: subprocess.run(
        [server.tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn, "-f", "load.sql"],
        check=True, capture_output=True, text=True, cwd=data / "berka-czech-bank"),
}


def _load_chinook(server, dsn, data):
    # The script creates and connects to its own database; load its body into ours instead.
    text = (data / "chinook" / "Chinook_PostgreSql.sql").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines()
                     if not line.upper().startswith(("DROP DATABASE", "CREATE DATABASE", "\\C ")))
    return subprocess.run([server.tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", dsn],
                          input=body, check=True, capture_output=True, text=True)


@pytest.fixture(scope="session")
def sample_template(server):
    """sample_template('pagila') -> name of a template database holding that sample, loaded once."""
    made: dict[str, str] = {}

    def get(name: str) -> str:
        if name not in made:
            data = support.sample_data_dir()
            dsn = server.create_database(f"sample_{name}_{os.getpid()}")
            SAMPLE_LOADERS[name](server, dsn, data)
            with psycopg.connect(dsn, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
            made[name] = conninfo_to_dict(dsn)["dbname"]
        return made[name]

    yield get
    for name in made.values():
        server.drop_database(server.dsn(name))


@pytest.fixture
def sample_db(server, sample_template):
    """sample_db('pagila', install=True) -> DSN of a fresh copy of a sample database."""
    created: list[str] = []

    def make(name: str, install: bool = True) -> str:
        dsn = server.create_database(template=sample_template(name))
        created.append(dsn)
        if install:
            with psycopg.connect(dsn, autocommit=True) as conn:
                installer.install(conn)
        return dsn

    yield make
    for dsn in created:
        server.drop_database(dsn)
