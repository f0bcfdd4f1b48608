"""Request dependencies: the database, the current user, the knowledge base."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.engine import Connection, Engine

from acupress.core.model import Knowledge
from acupress.errors import Forbidden
from acupress.storage.db import reading


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


# Dependencies that do no I/O are async: FastAPI then calls them directly
# instead of sending each through the thread pool.
async def kb_of(request: Request) -> Knowledge:
    kb: Knowledge = request.app.state.kb
    return kb


async def current_user_id(request: Request) -> int:
    """In local mode everyone at this machine is the one local profile."""
    if not request.app.state.settings.local_mode:
        raise Forbidden("accounts are not enabled on this server; run it in local mode", field="user")
    user_id: int = request.app.state.local_user_id
    return user_id


def read_conn(request: Request) -> Iterator[Connection]:
    with reading(engine_of(request)) as connection:
        yield connection
