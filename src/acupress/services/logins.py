"""Server-side logins ("sessions" in web terms; `sessions` in storage are guided acupressure sessions).

A login is a random token in an HttpOnly cookie; the database keeps only its
SHA-256 hash, with the account, when it was last used (idle expiry) and when
it ends whatever happens (absolute expiry). Every worker reads the same table,
so a login made on one worker is valid on all, and ending it ends it everywhere.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy.engine import Connection, Engine

from acupress.core.record import record
from acupress.services.codes import secret_hash
from acupress.storage import accounts as store
from acupress.storage.db import reading
from acupress.storage.writes import write

TOUCH_EVERY = timedelta(seconds=60)  # last_seen_at is written at most this often per login


@record
class Account:
    """Who is signed in: the account and the login (server-side session) they used."""

    id: int
    email: str
    display_name: str
    role: str
    login_id: int | None = None

    @property
    def is_practitioner(self) -> bool:
        return self.role == "practitioner"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@record
class Lifetimes:
    idle: timedelta
    absolute: timedelta


def account_of(row: dict[str, object], login_id: int | None = None) -> Account:
    return Account(int(row["id"]), str(row["email"]), str(row["display_name"]), str(row["role"]), login_id)  # type: ignore[call-overload]


def start_login(conn: Connection, user_id: int, now: datetime, lifetimes: Lifetimes) -> tuple[str, int]:
    """A new login for an account: (the token for the cookie, the login's id). Inside the caller's transaction."""
    token = secrets.token_urlsafe(32)
    login_id = store.insert_login(conn, user_id, secret_hash(token), now, now + lifetimes.absolute)
    return token, login_id


def resolve(engine: Engine, token: str, now: datetime, lifetimes: Lifetimes) -> Account | None:
    """The account signed in with this token, or None (unknown, ended, idle too long or too old)."""
    if not token or len(token) > 100:
        return None
    with reading(engine) as conn:
        found = store.find_login(conn, secret_hash(token))
    if found is None:
        return None
    if now >= found["expires_at"] or now - found["last_seen_at"] >= lifetimes.idle:
        write(engine, lambda conn: store.delete_login(conn, found["login_id"]))
        return None
    if now - found["last_seen_at"] >= TOUCH_EVERY:
        write(engine, lambda conn: store.touch_login(conn, found["login_id"], now))
    return account_of(found, found["login_id"])


def end(engine: Engine, account: Account) -> None:
    if account.login_id is not None:
        write(engine, lambda conn: store.delete_login(conn, account.login_id))  # type: ignore[arg-type]


def prune(engine: Engine, now: datetime, lifetimes: Lifetimes) -> None:
    write(engine, lambda conn: store.delete_expired_logins(conn, now, now - lifetimes.idle))
