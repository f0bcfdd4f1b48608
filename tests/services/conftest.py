"""Services run on real databases: SQLite and PostgreSQL (tests/fixtures.py)."""

from tests.fixtures import database_url, engine, postgres_server  # noqa: F401
