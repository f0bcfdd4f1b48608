"""axe-core on every page: no serious or critical violations."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import AXE
from tests.e2e.test_journeys import answer_questions

PAGES = ["/", "/assess", "/plan", "/session", "/diary", "/points", "/points/SI3", "/points/KI3", "/sources", "/about", "/locate",
         "/settings", "/offline", "/report"]


@pytest.fixture
def axe_page(browser):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run npm ci")
    context = browser.new_context(bypass_csp=True)  # only to inject axe itself
    page = context.new_page()
    yield page
    context.close()


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => (await axe.run(document)).violations.map(v => [v.id, v.impact, v.nodes.length])")
    return [f"{rule} ({impact}, {count} nodes)" for rule, impact, count in result if impact in ("serious", "critical")]


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_serious_violations(axe_page, server, path):
    answer_questions(axe_page, server, days="50")
    axe_page.goto(f"{server}{path}")
    assert violations(axe_page) == []


def test_emergency_screen_has_no_serious_violations(axe_page, server):
    answer_questions(axe_page, server, flags=["major_trauma"])
    assert violations(axe_page) == []


def test_running_session_has_no_serious_violations(axe_page, server):
    answer_questions(axe_page, server)
    axe_page.goto(f"{server}/session?speed=1")
    axe_page.click("[data-target=before] button[data-value='5']")
    assert violations(axe_page) == []


def test_session_stopped_for_safety_has_no_serious_violations(axe_page, server):
    answer_questions(axe_page, server)
    axe_page.goto(f"{server}/session?speed=1")
    axe_page.click("[data-target=before] button[data-value='5']")
    axe_page.click("#btn-spasm")
    assert violations(axe_page) == []
    axe_page.click("[data-target=after] button[data-value='6']")
    axe_page.wait_for_selector("#stage-done:not([hidden])")
    assert violations(axe_page) == []


def test_diary_with_errors_and_confirmations_has_no_serious_violations(axe_page, server):
    axe_page.goto(f"{server}/diary")
    axe_page.click(".quick-log button[value='4']")
    axe_page.locator("#status", has_text="Saved").wait_for()
    axe_page.fill("#peg_pain", "12")
    axe_page.click("text=Save weekly check")
    axe_page.locator(".field-error").first.wait_for()
    assert violations(axe_page) == []
