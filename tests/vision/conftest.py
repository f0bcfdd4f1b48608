"""Vision tests need the [vision] extra and the development photos in ../shared."""

from __future__ import annotations

import importlib.util
import os

import pytest

from tests.helpers import PHOTOS


def _missing() -> str | None:
    for module in ("mediapipe", "cv2", "PIL"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (./run vision)"
    if not PHOTOS.exists():
        return f"the development photos are not at {PHOTOS}"
    return None


def pytest_collection_modifyitems(config, items):
    reason = _missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"vision tests cannot run in CI: {reason}")
    for item in items:
        if "tests/vision" in str(item.fspath) or "locator_browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def photo_bytes():
    return lambda name: (PHOTOS / name).read_bytes()
