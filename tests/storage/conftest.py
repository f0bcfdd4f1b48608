"""Real databases for storage tests: a SQLite file per test, and a real PostgreSQL server.

The PostgreSQL server is started once per test run from Debian's binaries in a
temporary folder (as the `postgres` user when running as root), and each test
gets its own database. Without the binaries those tests are skipped, unless
ACUPRESS_REQUIRE_POSTGRES=1 (set by CI), where a missing server is a failure.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from acupress.storage.db import make_engine, migrate
from tests.conftest import free_port

_counter = itertools.count()


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None



@pytest.fixture(scope="session")
def postgres_server():
    bin_dir = _pg_bin()
    if bin_dir is None:
        if os.environ.get("ACUPRESS_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL binaries not found (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix="acupress-pg-"))
    folder.chmod(0o755)
    as_postgres: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_postgres = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    data = folder / "data"
    run = lambda *args: subprocess.run([*as_postgres, *args], check=True, capture_output=True)  # noqa: E731
    run(str(bin_dir / "initdb"), "-D", str(data), "-U", "acupress", "--auth=trust", "-E", "UTF8")
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(folder / "log"), "-w", "start",
        "-o", f"-p {port} -k {folder} -h 127.0.0.1 -c fsync=off")
    yield f"postgresql+psycopg://acupress@127.0.0.1:{port}"
    run(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
    shutil.rmtree(folder, ignore_errors=True)


def _new_pg_database(server: str) -> str:
    name = f"test_{os.getpid()}_{next(_counter)}"
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return f"{server}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return _new_pg_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def engine(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()
