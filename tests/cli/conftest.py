"""The CLI runs in-process, exactly as the console script does (fixtures in tests/fixtures.py)."""

from tests.fixtures import answers_file, cli  # noqa: F401
