"""Browser tests: a real server on loopback (tests/fixtures.py) and Debian's Chromium driven by Playwright.

No browser is downloaded: Playwright uses /usr/bin/chromium. Helpers live in browser.py.
"""

from __future__ import annotations

import os

import pytest

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, PHONE


@pytest.fixture(scope="session")
def playwright():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def browser(playwright):
    launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield launched
    launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=PHONE, bypass_csp=False)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.append(message.text) if message.type == "error" and not _wasm_log(message.text) else None)
    yield opened
    context.close()
    assert errors == [], f"the page reported errors: {errors}"


def _wasm_log(text: str) -> bool:
    """MediaPipe's WASM prints its informational log lines on the console's error stream."""
    return text.startswith("INFO: ")
