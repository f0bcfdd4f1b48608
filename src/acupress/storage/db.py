"""The one way into storage: open a database, read from it, write to it.

- `open_database(settings)`: the engine the CLI and the web app both use
  (private files, schema migrated, the local profile ready).
- `reading(engine)`: every read. On SQLite it begins a plain (deferred)
  transaction, which in WAL mode never takes the write lock: readers never
  wait for writers, and writers never wait for readers.
- `transaction(engine)`: every write (web writes go through
  `storage.writes.write`, which batches them on top of this). On SQLite it
  begins with BEGIN IMMEDIATE, so two writers queue up instead of one failing
  half-way with "database is locked".

SQLite runs in WAL mode with synchronous=FULL, foreign keys on and a busy
timeout: an entry acknowledged to the user has reached the disk. Its files
are the person's health diary: the folder is 0700, the database and its
WAL/SHM files 0600, fixed at every start.
"""

from __future__ import annotations

import os
import re
import threading
import weakref
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

if TYPE_CHECKING:
    from acupress.config import Settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_WRITER = "acupress_writer"  # execution option: this connection writes


def open_database(settings: Settings) -> Engine:
    """The database of these settings, with private files and its schema up to date."""
    engine = make_engine(settings.database_url)
    if settings.run_migrations:
        migrate(engine)
    if engine.dialect.name == "sqlite":
        from acupress.config import data_dir

        make_sqlite_files_private(settings.database_url, own_folder=data_dir())
    return engine


# As many connections as the web server's thread pool runs requests (AnyIO's default: 40), so a
# burst of requests queues for a thread, never for a connection; 10 stay open between bursts.
POOL = {"pool_size": 10, "max_overflow": 30, "pool_timeout": 20}


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        _create_private_sqlite_file(url)
        engine = sa.create_engine(url, connect_args={"timeout": 30}, **POOL)
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        sa.event.listen(engine, "begin", _sqlite_begin)
        return engine
    return sa.create_engine(url, pool_pre_ping=True, **POOL)


def _sqlite_path(url: str) -> Path | None:
    database = sa.engine.make_url(url).database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database).expanduser()


def _create_private_sqlite_file(url: str) -> None:
    """Create a new database file as 0600 (its WAL and SHM files then get the same mode)."""
    path = _sqlite_path(url)
    if path is None or path.exists():
        return
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with suppress(FileExistsError):  # another process made it first: fixed at start by make_sqlite_files_private
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def make_sqlite_files_private(url: str, own_folder: Path | None = None) -> None:
    """Database, WAL and SHM files 0600; the folder 0700 when it is acupress's own data folder."""
    path = _sqlite_path(url)
    if path is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            os.chmod(f"{path}{suffix}", 0o600)
    if own_folder is not None and path.parent.resolve() == own_folder.resolve():
        os.chmod(path.parent, 0o700)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    dbapi_connection.isolation_level = None  # let SQLAlchemy's "begin" event issue BEGIN
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Only writers take the write lock, and they take it at the start; a plain
    # BEGIN reads a snapshot of the WAL and never blocks (nor is blocked by) a writer.
    writer = connection.get_execution_options().get(_WRITER, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writer else "BEGIN")


_write_locks: weakref.WeakKeyDictionary[Engine, threading.Lock] = weakref.WeakKeyDictionary()


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    """The write path: a transaction committed on success, rolled back on any error.

    On SQLite, writers of one process queue on a lock here: SQLite's own busy
    handler sleeps in growing steps, which stalls a busy server for no reason.
    Other processes still wait through the busy timeout.
    """
    if engine.dialect.name != "sqlite":
        with engine.begin() as connection:
            yield connection
        return
    lock = _write_locks.setdefault(engine, threading.Lock())
    with lock, engine.connect().execution_options(**{_WRITER: True}) as connection, connection.begin():
        yield connection


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    """The read path: a connection that never takes the write lock."""
    with engine.connect().execution_options(read_only=True) as connection:
        yield connection


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest version; safe to run at every start.

    Alembic (half a second to import) is loaded only when the database is not already at the head.
    """
    with transaction(engine) as connection:
        if connection.dialect.name == "postgresql":
            # Several workers may start at once: one migrates, the others wait.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7220731)")
        if _applied_revisions(connection) == head_revisions():
            return
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def head_revisions() -> set[str]:
    """The newest revision ids in migrations/versions: those no other revision builds on."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"^revision\b[^=]*=\s*[\"']([^\"']+)", text, re.MULTILINE)
        below = re.search(r"^down_revision\b[^=]*=(.*)$", text, re.MULTILINE)
        if found:
            revisions.add(found.group(1))
        if below:
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", below.group(1)))
    return revisions - parents


def _applied_revisions(connection: Connection) -> set[str]:
    if not sa.inspect(connection).has_table("alembic_version"):
        return set()
    return {row[0] for row in connection.exec_driver_sql("SELECT version_num FROM alembic_version")}


def inserted_id(result: sa.CursorResult) -> int:  # type: ignore[type-arg]
    """The primary key of the row an INSERT just wrote."""
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])
