"""Users. In local mode one profile is created and used automatically."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from acupress.errors import Conflict, NotFound
from acupress.storage.db import inserted_id
from acupress.storage.tables import users

LOCAL_USERNAME = "local"


def local_user_id(conn: Connection) -> int:
    """The id of the local profile, created on first use."""
    found = conn.execute(sa.select(users.c.id).where(users.c.username == LOCAL_USERNAME)).scalar()
    if found is not None:
        return int(found)
    return create_user(conn, LOCAL_USERNAME, "You", is_local=True)


def ensure_local_user(engine: Engine) -> int:
    """The local profile's id, created in its own committed transaction if needed."""
    from sqlalchemy.exc import IntegrityError

    from acupress.storage.db import transaction

    try:
        with transaction(engine) as connection:
            return local_user_id(connection)
    except IntegrityError:  # another worker made it at the same moment: read theirs
        with transaction(engine) as connection:
            return local_user_id(connection)


def create_user(conn: Connection, username: str, display_name: str, role: str = "patient",
                password_hash: str | None = None, is_local: bool = False) -> int:
    exists = conn.execute(sa.select(users.c.id).where(users.c.username == username)).scalar()
    if exists is not None:
        raise Conflict(f"the name {username!r} is taken", field="username")
    result = conn.execute(users.insert().values(
        username=username, display_name=display_name, role=role, password_hash=password_hash,
        is_local=is_local, created_at=datetime.now(UTC)))
    return inserted_id(result)


def get_user(conn: Connection, user_id: int) -> dict[str, Any]:
    row = conn.execute(sa.select(users).where(users.c.id == user_id)).mappings().first()
    if row is None:
        raise NotFound(f"no user {user_id}", field="user")
    return {key: value for key, value in row.items() if key != "password_hash"}


def delete_user_data(conn: Connection, user_id: int) -> None:
    """Everything a person stored, gone (children first, for databases without cascades)."""
    from acupress.storage.tables import assessments, diary_entries, function_checks, point_marks, sessions

    for table in (sessions, diary_entries, assessments, point_marks, function_checks):
        conn.execute(table.delete().where(table.c.user_id == user_id))
    conn.execute(users.update().where(users.c.id == user_id).values(emergency_number=None))


def emergency_number(conn: Connection, user_id: int) -> str | None:
    """The emergency number the person chose, or None (then a default by language applies)."""
    number = conn.execute(sa.select(users.c.emergency_number).where(users.c.id == user_id)).scalar()
    return str(number) if number else None


def set_emergency_number(conn: Connection, user_id: int, number: str | None) -> None:
    conn.execute(users.update().where(users.c.id == user_id).values(emergency_number=number or None))
