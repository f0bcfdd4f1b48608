"""Browser tests: a real server on loopback and Debian's Chromium driven by Playwright.

No browser is downloaded: Playwright uses /usr/bin/chromium. Screenshots of the
main pages go to artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
import time

import pytest

from acupress.config import Settings
from tests.conftest import ROOT, free_port

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}



@contextlib.contextmanager
def running_server(app, **config):
    """The app served by uvicorn on a free loopback port, in a thread: yields its URL."""
    import uvicorn

    port = free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, **{"log_level": "warning", **config}))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not running.started and time.time() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def server(tmp_path):
    from acupress.web.app import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'e2e.db'}", secret_key="e2e", local_mode=True)
    with running_server(create_app(settings)) as url:
        yield url


CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


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


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
