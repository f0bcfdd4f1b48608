"""Real databases for storage tests: a SQLite file per test, and a real PostgreSQL server (tests/fixtures.py)."""

from tests.fixtures import database_url, engine, postgres_server  # noqa: F401
