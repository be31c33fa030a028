"""Watchdog of a throwaway cluster: when its parent goes away (stdin closes), stop the
server and delete its directory. Usage: python -m pgscrub.cluster_reaper BINDIR BASE [RUNAS...]"""

import shutil
import signal
import subprocess
import sys
from pathlib import Path


def main() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    bindir, base, run_as = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3:]
    sys.stdin.read()  # returns at EOF: the parent closed the pipe or died
    datadir = base / "data"
    if (datadir / "postmaster.pid").exists():
        subprocess.run(run_as + [str(bindir / "pg_ctl"), "stop", "-D", str(datadir), "-m", "immediate"],
                       capture_output=True)
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
