"""A fresh app and database per test, built by the same factory as production."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from acupress.config import Settings
from acupress.web.app import create_app


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", secret_key="test-secret", local_mode=True,
                    allowed_hosts=("testserver",))  # the name TestClient sends


@pytest.fixture
def client(settings) -> TestClient:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def csrf_of(client: TestClient, path: str = "/assess") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text) or re.search(
        r'name="csrf-token" content="([0-9a-f]+)"', page.text)
    assert match, "page has no CSRF token"
    return match.group(1)
