"""Fixtures for every test: private caches and data folders, the real knowledge base, and the shared
fixtures of tests/fixtures.py (CLI, web app, databases, a served app). Helpers live in helpers.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from acupress.core.model import Knowledge
from acupress.knowledge import load_knowledge
from tests.fixtures import (  # noqa: F401  (shared fixtures)
    answers_file,
    cli,
    client,
    database_url,
    engine,
    postgres_server,
    server,
    settings,
)


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the knowledge cache of the tests away from the user's own."""
    monkeypatch.setenv("ACUPRESS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(autouse=True)
def _private_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data directory, so its own SQLite database."""
    monkeypatch.setenv("ACUPRESS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ACUPRESS_DATABASE_URL", raising=False)


@pytest.fixture(scope="session")
def kb() -> Knowledge:
    return load_knowledge()
