"""Helpers the tests import: paths, plans, ports, CSRF tokens, databases. Fixtures live in fixtures.py and conftest.py."""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import socket
from collections.abc import Iterator
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


@contextlib.contextmanager
def running_server(app: Any, **config: Any) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread: yields its URL."""
    import threading
    import time

    import uvicorn

    port = free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **{"log_level": "warning", **config}))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not running.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)
