"""Fixtures shared by several test folders; each folder's conftest.py imports the ones it uses.

The CLI runs in-process, exactly as the console script does; the web app and
its database are built by the same factory as in production; storage runs on
a SQLite file per test and on a real PostgreSQL server started from Debian's
binaries (skipped without them, unless ACUPRESS_REQUIRE_POSTGRES=1, as in CI).
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import new_pg_database, running_server


@dataclass
class Result:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    from acupress.cli.main import run

    def invoke(*args: str, stdin: str = "") -> Result:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
        with pytest.raises(SystemExit) as done:
            run(list(args))
        captured = capsys.readouterr()
        return Result(done.value.code, captured.out, captured.err)

    return invoke


@pytest.fixture
def answers_file(tmp_path: Path):
    def write(**answers) -> str:
        data = {"age": 40, "pain_now": 5, "pain_started_days_ago": 10, **answers}
        path = tmp_path / "answers.json"
        path.write_text(json.dumps(data))
        return str(path)

    return write


@pytest.fixture
def settings(tmp_path):
    from acupress.config import Settings

    return Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="test-secret", local_mode=True,
                    allowed_hosts=("testserver",))  # the name TestClient sends


@pytest.fixture
def client(settings):
    from fastapi.testclient import TestClient

    from acupress.web.app import create_app

    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def postgres_server():
    from tests.postgres import binaries, running_postgres

    if binaries() is None:
        if os.environ.get("ACUPRESS_REQUIRE_POSTGRES") == "1":
            pytest.fail("PostgreSQL binaries not found (apt-get install postgresql)")
        pytest.skip("PostgreSQL is not installed")
    with running_postgres("fsync=off") as server:
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    return new_pg_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def engine(database_url):
    from acupress.storage.db import make_engine, migrate

    engine = make_engine(database_url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def server(tmp_path):
    """The whole web app served on a loopback port, in a thread; its base URL."""
    from acupress.config import Settings
    from acupress.web.app import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'e2e.db'}", secret_key="e2e", local_mode=True)
    with running_server(create_app(settings)) as url:
        yield url
