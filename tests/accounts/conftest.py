"""Accounts mode on real databases: one app per test, on a SQLite file and on the real PostgreSQL server
(`database_url` from tests/fixtures.py). Helpers live in helpers.py."""

from __future__ import annotations

import pytest

from acupress.config import Settings
from acupress.web.app import create_app
from tests.accounts.helpers import People


@pytest.fixture
def accounts_settings(database_url) -> Settings:
    return Settings(database_url=database_url, secret_key="accounts-secret", local_mode=False,
                    allowed_hosts=("testserver",))


@pytest.fixture
def app(accounts_settings):
    built = create_app(accounts_settings)
    yield built
    built.state.engine.dispose()


@pytest.fixture
def people(app) -> People:
    return People(app)
