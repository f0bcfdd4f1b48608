"""Attacks from another web site, in a real Chromium: DNS rebinding and cross-origin writes.
And /api/docs renders under the app's own strict CSP."""

from __future__ import annotations

import json
import urllib.request
from urllib.parse import urlsplit

import pytest

from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS

ATTACK = """async () => {
    const results = {};
    const read = await fetch('/api/v1/export');
    results.read = [read.status, await read.text()];
    const write = await fetch('/api/v1/diary', {method: 'POST', headers: {'content-type': 'application/json'},
                                                body: JSON.stringify({pain: 9, note: 'written by evil.example'})});
    results.write = write.status;
    const wipe = await fetch('/api/v1/me/data', {method: 'DELETE'});
    results.wipe = wipe.status;
    return results;
}"""


def diary_notes(server: str) -> list[str]:
    with urllib.request.urlopen(f"{server}/api/v1/diary") as response:
        return [entry["note"] for entry in json.loads(response.read())]


def add_entry(server: str, note: str) -> None:
    request = urllib.request.Request(f"{server}/api/v1/diary", data=json.dumps({"pain": 4, "note": note}).encode(),
                                     headers={"content-type": "application/json"}, method="POST")
    urllib.request.urlopen(request).close()


@pytest.fixture
def rebinding_browser(playwright):
    """Chromium where evil.example resolves to 127.0.0.1, as it does after a DNS rebinding."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                         args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP evil.example 127.0.0.1"])
    yield browser
    browser.close()


def test_dns_rebinding_page_can_read_write_and_delete_nothing(rebinding_browser, server):
    add_entry(server, "private note")
    port = urlsplit(server).port
    evil = f"http://evil.example:{port}"
    page = rebinding_browser.new_page()
    # The attacker's page runs with the origin http://evil.example:PORT while that name points at
    # 127.0.0.1 (after the rebinding), so its same-origin requests reach acupress.
    page.goto(f"{evil}/")
    assert page.evaluate("location.origin") == evil
    results = page.evaluate(ATTACK)
    assert results["read"][0] == 400 and "private note" not in results["read"][1]
    assert results["write"] == 400 and results["wipe"] == 400
    assert diary_notes(server) == ["private note"]


def test_page_on_another_origin_cannot_write(browser, server):
    add_entry(server, "kept")
    port = urlsplit(server).port
    page = browser.new_page()
    for origin in (f"https://127.0.0.1:{port}", f"http://localhost:{port + 1 if port < 65535 else port - 1}"):
        page.route(f"{origin}/page", lambda route: route.fulfill(status=200, content_type="text/html",
                                                                 body="<!doctype html><title>other</title>"))
        page.goto(f"{origin}/page")
        status = page.evaluate("""async (target) => {
            try {
                const answer = await fetch(target + '/api/v1/me/data', {method: 'DELETE', mode: 'no-cors'});
                await fetch(target + '/api/v1/diary', {method: 'POST', mode: 'no-cors',
                            headers: {'content-type': 'text/plain'}, body: '{"pain": 9}'});
                return answer.type;
            } catch (error) { return 'blocked'; }
        }""", server)
        assert status in ("opaque", "blocked")
    assert diary_notes(server) == ["kept"]


def test_api_docs_render_under_the_strict_csp(page, server):
    page.goto(f"{server}/api/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    assert "unsafe-inline" not in (page.evaluate("document.contentType") or "")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/plan" in paths and "/api/v1/diary/{entry_id}" in paths
    assert page.locator(".opblock").count() >= 15
    page.click(".opblock-post:has-text('/api/v1/plan') .opblock-summary")
    page.wait_for_selector("text=pain_started_days_ago")  # the answers' schema, from the core's answer fields
