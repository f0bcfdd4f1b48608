"""Engines, connections and migrations.

SQLite (the default) runs in WAL mode with synchronous=FULL, foreign keys on
and a busy timeout: an entry acknowledged to the user has reached the disk,
and concurrent writers wait instead of failing.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _ensure_sqlite_folder(url)
        engine = sa.create_engine(url, connect_args={"timeout": 30})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    return sa.create_engine(url, pool_pre_ping=True)


def _ensure_sqlite_folder(url: str) -> None:
    database = sa.engine.make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin_immediate(connection: Connection) -> None:
    # Writers take the write lock at the start: two writers queue up instead
    # of one failing half-way with "database is locked". Readers do not lock.
    read_only = connection.get_execution_options().get("read_only", False)
    connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")


_write_locks: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a transaction: committed on success, rolled back on any error.

    On SQLite, writers of one process queue on a lock here: SQLite's own busy
    handler sleeps in growing steps, which stalls a busy server for no reason.
    Other processes still wait through the busy timeout.
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            yield connection
        return
    lock = _write_locks.setdefault(engine, threading.Lock())
    with lock, engine.begin() as connection:
        yield connection


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """A connection for reads only: never takes the write lock."""
    with engine.connect().execution_options(read_only=True) as connection:
        yield connection


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version; safe to run at every start."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several workers may start at once: one migrates, the others wait.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7220731)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def inserted_id(result: sa.CursorResult) -> int:  # type: ignore[type-arg]
    """The primary key of the row an INSERT just wrote."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
