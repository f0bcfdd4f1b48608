"""Services run on real databases: SQLite and PostgreSQL (the storage tests' fixtures)."""

from tests.storage.conftest import database_url, engine, postgres_server  # noqa: F401
