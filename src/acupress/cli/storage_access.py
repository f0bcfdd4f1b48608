"""Open the same database the web app uses, for CLI commands that read or write it.

SQLAlchemy and Alembic are imported only when a command opens the database:
every other command starts without them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

T = TypeVar("T")


class Storage:
    def __init__(self, engine: Engine, user_id: int, url: str) -> None:
        self.engine, self.user_id, self.url = engine, user_id, url

    def read(self, work: Callable[[Connection, int], T]) -> T:
        """Run `work(connection, user_id)` on the read path (never takes the write lock)."""
        from acupress.storage.db import reading

        with reading(self.engine) as conn:
            return work(conn, self.user_id)

    def write(self, work: Callable[[Connection, int], T]) -> T:
        """Run `work(connection, user_id)` on the write path; returns once committed."""
        from acupress.storage.writes import write

        return write(self.engine, lambda conn: work(conn, self.user_id))


def open_storage() -> Storage:
    from acupress.config import Settings
    from acupress.storage.db import open_database
    from acupress.storage.users import ensure_local_user

    settings = Settings.from_env()
    if not settings.local_mode:
        from acupress.errors import InvalidInput

        raise InvalidInput("the terminal's diary is the local profile's, and this server runs with accounts: use the web "
                           "app, or unset ACUPRESS_MODE", field="ACUPRESS_MODE")
    engine = open_database(settings)
    return Storage(engine, ensure_local_user(engine), settings.database_url)
