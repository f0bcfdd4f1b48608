"""Helpers the tests import: paths, plans, ports, CSRF tokens, databases. Fixtures live in fixtures.py and conftest.py."""

from __future__ import annotations

import itertools
import os
import re
import socket
from pathlib import Path
from typing import Any

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge
from acupress.core.plan import build_plan

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PHOTOS = SHARED / "data" / "photos"
_database_numbers = itertools.count()


def free_port() -> int:
    """A loopback port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def make_plan(kb: Knowledge, **answers: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"age": 40, "pain_now": 5, "pain_started_days_ago": 10}
    base.update(answers)
    return build_plan(parse_answers(base, kb), kb).to_dict()


def step_ids(plan: dict[str, Any]) -> list[str]:
    return [step["id"] for step in plan["steps"]]


def step(plan: dict[str, Any], step_id: str) -> dict[str, Any]:
    return next(s for s in plan["steps"] if s["id"] == step_id)


def csrf_of(client: Any, path: str = "/assess") -> str:
    """The CSRF token a page hands out (a form field or the meta tag)."""
    page = client.get(path)
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', page.text) or re.search(
        r'name="csrf-token" content="([0-9a-f]+)"', page.text)
    assert match, "page has no CSRF token"
    return match.group(1)


def new_pg_database(server: str) -> str:
    """A new, empty database on the test PostgreSQL server; its URL."""
    import sqlalchemy as sa

    name = f"test_{os.getpid()}_{next(_database_numbers)}"
    admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return f"{server}/{name}"
