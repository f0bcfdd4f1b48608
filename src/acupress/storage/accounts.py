"""Queries for accounts mode: accounts by email, logins (server-side sessions), attempts, one-time codes.

Plain functions taking a connection; the rules (hashing, limits, expiry)
live in acupress.services.accounts. Every time is UTC. Tokens and codes
arrive here already hashed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from acupress.storage.db import inserted_id
from acupress.storage.tables import attempts, auth_sessions, metadata, password_codes, users

ACCOUNT_COLUMNS = (users.c.id, users.c.username, users.c.display_name, users.c.role, users.c.created_at,
                   users.c.last_login_at)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive UTC; PostgreSQL aware: always aware UTC."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _account(row: Any) -> dict[str, Any]:
    data = dict(row)
    data["email"] = data.pop("username")
    for key in ("created_at", "last_login_at"):
        data[key] = aware(data.get(key))
    return data


def find_by_email(conn: Connection, email: str) -> tuple[dict[str, Any], str | None] | None:
    """(the account, its password hash) for a sign-in name, or None."""
    row = conn.execute(sa.select(*ACCOUNT_COLUMNS, users.c.password_hash).where(
        users.c.username == email, users.c.is_local == sa.false())).mappings().first()
    if row is None:
        return None
    data = dict(row)
    password_hash = data.pop("password_hash")
    return _account(data), password_hash


def get_account(conn: Connection, user_id: int) -> dict[str, Any] | None:
    row = conn.execute(sa.select(*ACCOUNT_COLUMNS).where(users.c.id == user_id)).mappings().first()
    return None if row is None else _account(row)


def list_accounts(conn: Connection) -> list[dict[str, Any]]:
    """Every account (not the local profile), oldest first: what managing accounts needs, nothing of anyone's diary."""
    live = (sa.select(sa.func.count()).select_from(auth_sessions)
            .where(auth_sessions.c.user_id == users.c.id).scalar_subquery())
    rows = conn.execute(sa.select(*ACCOUNT_COLUMNS, live.label("sessions"))
                        .where(users.c.is_local == sa.false()).order_by(users.c.id)).mappings()
    return [_account(row) for row in rows]


def insert_account(conn: Connection, email: str, display_name: str, role: str, password_hash: str | None) -> int:
    return inserted_id(conn.execute(users.insert().values(
        username=email, display_name=display_name, role=role, password_hash=password_hash, is_local=False,
        created_at=datetime.now(UTC))))


def set_password_hash(conn: Connection, user_id: int, password_hash: str) -> None:
    conn.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash))


def set_role(conn: Connection, user_id: int, role: str) -> None:
    conn.execute(users.update().where(users.c.id == user_id).values(role=role))
    conn.execute(auth_sessions.delete().where(auth_sessions.c.user_id == user_id))  # signed in again, in the new role


def password_hash_of(conn: Connection, user_id: int) -> str | None:
    found = conn.execute(sa.select(users.c.password_hash).where(users.c.id == user_id)).scalar()
    return None if found is None else str(found)


def mark_login(conn: Connection, user_id: int, moment: datetime) -> None:
    conn.execute(users.update().where(users.c.id == user_id).values(last_login_at=moment))


def delete_account(conn: Connection, user_id: int) -> None:
    """The account row and every row of every table that points at it (found from the schema, so a new
    table is covered as soon as it exists; not left to ON DELETE CASCADE, which SQLite may have off)."""
    for table in reversed(metadata.sorted_tables):
        for column in table.columns:
            if any(key.column is users.c.id for key in column.foreign_keys):
                conn.execute(table.delete().where(column == user_id))
    conn.execute(users.delete().where(users.c.id == user_id))


# Logins ------------------------------------------------------------------------------------------

def insert_login(conn: Connection, user_id: int, token_hash: str, now: datetime, expires_at: datetime) -> int:
    return inserted_id(conn.execute(auth_sessions.insert().values(
        user_id=user_id, token_hash=token_hash, created_at=now, last_seen_at=now, expires_at=expires_at)))


def find_login(conn: Connection, token_hash: str) -> dict[str, Any] | None:
    """A login and its account, by the token's hash."""
    row = conn.execute(
        sa.select(auth_sessions.c.id.label("login_id"), auth_sessions.c.last_seen_at, auth_sessions.c.expires_at,
                  auth_sessions.c.created_at.label("login_created_at"), *ACCOUNT_COLUMNS)
        .join(users, users.c.id == auth_sessions.c.user_id)
        .where(auth_sessions.c.token_hash == token_hash)).mappings().first()
    if row is None:
        return None
    data = _account(row)
    for key in ("last_seen_at", "expires_at", "login_created_at"):
        data[key] = aware(data[key])
    return data


def touch_login(conn: Connection, login_id: int, now: datetime) -> None:
    conn.execute(auth_sessions.update().where(auth_sessions.c.id == login_id).values(last_seen_at=now))


def delete_login(conn: Connection, login_id: int) -> None:
    conn.execute(auth_sessions.delete().where(auth_sessions.c.id == login_id))


def delete_logins_of(conn: Connection, user_id: int, keep_login_id: int | None = None) -> int:
    """End every login of an account (but `keep_login_id`); how many ended."""
    query = auth_sessions.delete().where(auth_sessions.c.user_id == user_id)
    if keep_login_id is not None:
        query = query.where(auth_sessions.c.id != keep_login_id)
    return int(conn.execute(query).rowcount)


def delete_expired_logins(conn: Connection, now: datetime, idle_since: datetime) -> None:
    conn.execute(auth_sessions.delete().where(
        sa.or_(auth_sessions.c.expires_at <= now, auth_sessions.c.last_seen_at <= idle_since)))


# Attempts (rate limits) --------------------------------------------------------------------------

def add_attempt(conn: Connection, bucket: str, key_hash: str, now: datetime) -> int:
    return inserted_id(conn.execute(attempts.insert().values(bucket=bucket, key_hash=key_hash, at=now)))


def count_attempts(conn: Connection, bucket: str, key_hash: str, since: datetime) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(attempts).where(
        attempts.c.bucket == bucket, attempts.c.key_hash == key_hash, attempts.c.at > since)).scalar_one())


def oldest_attempt(conn: Connection, bucket: str, key_hash: str, since: datetime) -> datetime | None:
    return aware(conn.execute(sa.select(sa.func.min(attempts.c.at)).where(
        attempts.c.bucket == bucket, attempts.c.key_hash == key_hash, attempts.c.at > since)).scalar())


def forget_attempts(conn: Connection, bucket: str, key_hash: str) -> None:
    conn.execute(attempts.delete().where(attempts.c.bucket == bucket, attempts.c.key_hash == key_hash))


def forget_attempt(conn: Connection, attempt_id: int) -> None:
    conn.execute(attempts.delete().where(attempts.c.id == attempt_id))


def prune_attempts(conn: Connection, before: datetime) -> None:
    conn.execute(attempts.delete().where(attempts.c.at <= before))


# One-time password codes -------------------------------------------------------------------------

def insert_password_code(conn: Connection, user_id: int, code_hash: str, now: datetime, expires_at: datetime) -> None:
    conn.execute(password_codes.delete().where(password_codes.c.user_id == user_id))  # only the newest code works
    conn.execute(password_codes.insert().values(user_id=user_id, code_hash=code_hash, created_at=now, expires_at=expires_at))


def take_password_code(conn: Connection, code_hash: str, now: datetime) -> int | None:
    """The account a live code belongs to; the code is used up either way (single use)."""
    row = conn.execute(sa.select(password_codes.c.id, password_codes.c.user_id, password_codes.c.expires_at)
                       .where(password_codes.c.code_hash == code_hash)).first()
    if row is None:
        return None
    deleted = conn.execute(password_codes.delete().where(password_codes.c.id == row.id)).rowcount
    live = deleted == 1 and (aware(row.expires_at) or now) > now  # two workers racing: only one deletes it
    return int(row.user_id) if live else None
