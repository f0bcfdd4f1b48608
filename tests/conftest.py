"""Shared fixtures: the real knowledge base and a helper that builds plans."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge
from acupress.core.plan import build_plan
from acupress.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def free_port() -> int:
    """A loopback port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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


def make_plan(kb: Knowledge, **answers: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"age": 40, "pain_now": 5, "pain_started_days_ago": 10}
    base.update(answers)
    return build_plan(parse_answers(base, kb), kb).to_dict()


def step_ids(plan: dict[str, Any]) -> list[str]:
    return [step["id"] for step in plan["steps"]]


def step(plan: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(s for s in plan["steps"] if s["id"] == step_id)
