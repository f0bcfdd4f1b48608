"""Request dependencies: the database, the current user, the knowledge base."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.engine import Connection, Engine

from acupress.core.model import Knowledge
from acupress.errors import Forbidden, NotFound
from acupress.services.logins import Account
from acupress.storage.db import reading
from acupress.web.auth import signed_in


def engine_of(request: Request) -> Engine:
    engine: Engine = request.app.state.engine
    return engine


# Dependencies that do no I/O are async: FastAPI then calls them directly
# instead of sending each through the thread pool.
async def kb_of(request: Request) -> Knowledge:
    kb: Knowledge = request.app.state.kb
    return kb


def user_id_of(request: Request) -> int | None:
    """Whose data this request reads and writes: the local profile, or the signed-in account's own."""
    if request.app.state.settings.local_mode:
        local: int = request.app.state.local_user_id
        return local
    account = signed_in(request)
    return account.id if account else None


async def current_user_id(request: Request) -> int:
    """In local mode everyone at this machine is the one local profile; with accounts, the signed-in account."""
    user_id = user_id_of(request)
    if user_id is None:  # AccountMiddleware lets no one through here without a login: a second lock
        raise Forbidden("please log in first", field="login")
    return user_id


NO_ACCOUNTS = "there are no accounts on this server: it runs in local mode (ACUPRESS_MODE=accounts turns them on)"
ROLE_WORDS = {"practitioner": "practitioners", "admin": "the people who run this service"}


async def accounts_enabled(request: Request) -> None:
    """For the sign-in pages: they exist in accounts mode only."""
    if request.app.state.settings.local_mode:
        raise NotFound(NO_ACCOUNTS, field="mode")


async def current_account(request: Request) -> Account:
    """The signed-in account (accounts mode only: in local mode these pages do not exist)."""
    await accounts_enabled(request)
    account = signed_in(request)
    if account is None:
        raise Forbidden("please log in first", field="login")
    return account


async def _with_role(request: Request, role: str) -> Account:
    account = await current_account(request)
    if account.role != role:
        raise Forbidden(f"this part is for {ROLE_WORDS[role]} only", field="role")
    return account


async def current_practitioner(request: Request) -> Account:
    return await _with_role(request, "practitioner")


async def current_admin(request: Request) -> Account:
    return await _with_role(request, "admin")


def read_conn(request: Request) -> Iterator[Connection]:
    with reading(engine_of(request)) as connection:
        yield connection
