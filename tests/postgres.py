"""A throw-away PostgreSQL server on loopback, from Debian's binaries (for tests and the load benchmark)."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@contextlib.contextmanager
def running_postgres(*settings: str) -> Iterator[str]:
    """The server's URL without a database name, e.g. postgresql+psycopg://acupress@127.0.0.1:PORT.
    `settings` are server options such as "fsync=off". Needs binaries() (check first)."""
    bin_dir = binaries()
    assert bin_dir is not None, "PostgreSQL is not installed (apt-get install postgresql)"
    folder = Path(tempfile.mkdtemp(prefix="acupress-pg-"))
    folder.chmod(0o755)
    as_postgres: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = folder / "data"

    def run(*args: str) -> None:
        subprocess.run([*as_postgres, *args], check=True, capture_output=True)

    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "acupress", "--auth=trust", "-E", "UTF8")
    options = " ".join(f"-c {setting}" for setting in settings)
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "start",
        "-o", f"-p {port} -k {folder} -h 127.0.0.1 {options}")
    try:
        yield f"postgresql+psycopg://acupress@127.0.0.1:{port}"
    finally:
        run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)
