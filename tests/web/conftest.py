"""A fresh app and database per test, built by the same factory as production (fixtures in tests/fixtures.py)."""

from tests.fixtures import client, settings  # noqa: F401
