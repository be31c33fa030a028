"""The throwaway cluster leaves nothing behind, even when its owner is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from pgscrub.cluster import ThrowawayCluster, find_bindir

pytestmark = pytest.mark.skipif(find_bindir() is None, reason="needs PostgreSQL server binaries")

OWNER_SCRIPT = """
import sys, time
from pgscrub.cluster import ThrowawayCluster
cluster = ThrowawayCluster().start()
print(cluster.base, cluster.dsn(), sep="\\n", flush=True)
time.sleep(600)
"""


def _postmaster_running(datadir: Path) -> bool:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return any(str(datadir) in line and "postgres" in line for line in out.splitlines())


def _wait_until(predicate, timeout=30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_context_manager_stops_and_deletes_the_cluster():
    with ThrowawayCluster() as cluster:
        base = cluster.base
        with psycopg.connect(cluster.dsn()) as conn:
            assert conn.execute("SELECT 1").fetchone() == (1,)
    assert not base.exists()
    assert not _postmaster_running(base / "data")


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_no_cluster_is_left_behind_when_the_owner_dies(how):
    owner = subprocess.Popen([sys.executable, "-c", OWNER_SCRIPT], stdout=subprocess.PIPE, text=True,
                             env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    base = Path(owner.stdout.readline().strip())
    dsn = owner.stdout.readline().strip()
    with psycopg.connect(dsn) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
    assert base.exists()
    owner.send_signal(how)
    owner.wait(timeout=30)
    assert _wait_until(lambda: not base.exists()), f"{base} was left behind after {how.name}"
    assert _wait_until(lambda: not _postmaster_running(base / "data")), "postgres still running"
