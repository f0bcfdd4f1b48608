"""Real databases for storage tests: a SQLite file per test, and a real PostgreSQL server.

The PostgreSQL server is started once per test run from Debian's binaries in a
temporary folder (as the `postgres` user when running as root), and each test
gets its own database. Without the binaries those tests are skipped, unless
ACUPRESS_REQUIRE_POSTGRES=1 (set by CI), where a missing server is a failure.
"""

from __future__ import annotations

import itertools
import os

import pytest
import sqlalchemy as sa

from acupress.storage.db import make_engine, migrate
from tests.postgres import binaries, running_postgres

_counter = itertools.count()


@pytest.fixture(scope="session")
def postgres_server():
    if binaries() is None:
        if os.environ.get("ACUPRESS_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL binaries not found (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed")
    with running_postgres("fsync=off") as server:
        yield server


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
