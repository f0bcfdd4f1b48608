"""The journeys that matter, in a real browser."""

from __future__ import annotations

import json
import urllib.request

from tests.e2e.conftest import DESKTOP, PHONE, screenshot


def answer_questions(page, server, pain="7", days="3", flags=(), age="42"):
    """The questions as a person answers them, one screen at a time; ends on the next page or a stop."""
    page.goto(f"{server}/assess")
    while True:
        for flag in flags:
            box = page.locator(f"#flag-{flag}")
            if box.is_visible() and not box.is_checked():
                if box.get_attribute("data-level") == "emergency":  # stops at once; the server keeps the answers
                    with page.expect_response(lambda r: r.url.endswith("/assess") and r.request.method == "POST"):
                        box.check()
                    return
                box.check()
        if page.is_visible("#age"):
            page.fill("#age", age)
            page.click(f"label[for=pain_now-{pain}]")
            page.fill("#duration_amount", days)
            page.click("label[for=unit-days]")
        if page.is_visible("#assess-submit"):
            with page.expect_navigation():
                page.click("#assess-submit")
            return
        page.click("#wizard-next")


def api(server, path):
    with urllib.request.urlopen(f"{server}{path}") as response:
        return json.loads(response.read())


def test_new_user_from_questions_to_session_to_diary(page, server):
    page.goto(server)
    assert page.is_visible("text=Answer the questions")
    answer_questions(page, server, pain="8", days="3")
    page.wait_for_url(f"{server}/plan")
    assert page.is_visible("h2:has-text('1. SI3 (Houxi, Back Stream)')")
    assert page.is_visible("svg[aria-labelledby='si3-title si3-desc']")
    screenshot(page, "plan-phone")
    page.goto(f"{server}/session?speed=400")
    page.click("[data-target=before] button[data-value='6']")
    page.wait_for_selector("#stage-run:not([hidden])")
    assert "SI3" in page.inner_text("#step-name")
    screenshot(page, "session-phone")
    page.wait_for_selector("#stage-after:not([hidden])", timeout=30_000)
    page.click("[data-target=after] button[data-value='4']")
    page.wait_for_selector("#stage-done:not([hidden])")
    assert "Pain before 6, after 4: 2 points lower" in page.inner_text("#done-summary")
    recorded = api(server, "/api/v1/sessions")
    assert len(recorded) == 1 and recorded[0]["completed"] is True
    assert {(s["step_id"], s["side"]) for s in recorded[0]["steps_done"]} == {("SI3", "left"), ("SI3", "right"), ("back_rub", None)}
    page.goto(f"{server}/diary")
    page.click(".quick-log button[value='5']")
    page.locator("#diary-panel .pain-dot").wait_for()
    assert "1 pain entries: first 5, latest 5" in page.text_content("#chart-desc")
    assert api(server, "/api/v1/diary")[0]["pain"] == 5
    screenshot(page, "diary-phone")


def test_emergency_answer_shows_help_now_and_no_plan(page, server):
    answer_questions(page, server, days="200")
    answer_questions(page, server, flags=["saddle_numbness"])
    assert page.is_visible("h1:has-text('Get medical help now')")
    assert page.locator("text=Start a guided session").count() == 0
    screenshot(page, "emergency-phone")
    page.goto(f"{server}/session")
    assert page.is_visible("h1:has-text('Get medical help now')"), "the earlier plan stops too"


def test_pain_worse_button_stops_and_records_the_reason(page, server):
    answer_questions(page, server, days="200", pain="5")
    page.goto(f"{server}/session?speed=2")
    page.click("[data-target=before] button[data-value='5']")
    for control in ("#btn-worse", "#countdown"):  # on a phone, without scrolling
        box = page.locator(control).bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], control
    page.click("#btn-worse")
    assert page.is_visible("#stop-advice")
    assert "pain got worse" in page.inner_text("#stop-advice")
    page.click("[data-target=after] button[data-value='7']")
    page.wait_for_selector("#stage-done:not([hidden])")
    recorded = api(server, "/api/v1/sessions")[0]
    assert recorded["completed"] is False and recorded["stop_reason"] == "pain_increased"


def test_reload_mid_session_resumes(page, server):
    answer_questions(page, server, days="200")
    page.goto(f"{server}/session?speed=20")
    page.click("[data-target=before] button[data-value='5']")
    page.locator("#cue-text", has_text="circle").wait_for(timeout=20_000)
    page.click("#btn-pause")
    before = page.inner_text("#countdown")
    page.set_viewport_size({"width": PHONE["height"], "height": PHONE["width"]})  # rotate
    page.reload()
    assert page.is_visible("#stage-run:not([hidden])")
    assert "Resumed where you left off" in page.inner_text("#cue-text")
    assert page.inner_text("#countdown") == before
    assert page.inner_text("#btn-pause") == "Resume"


def test_keyboard_can_run_the_assessment(page, server):
    page.goto(f"{server}/assess")
    for _ in range(2):  # "None of these: next", twice
        page.focus("#wizard-next")
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.textContent").endswith("About you and your pain"), "focus moves to the new screen"
    page.keyboard.press("Tab")
    page.keyboard.type("50")
    page.keyboard.press("Tab")  # into the pain scale, on 0
    for _ in range(4):
        page.keyboard.press("ArrowRight")
    page.keyboard.press("Tab")
    page.keyboard.type("100")
    page.keyboard.press("Tab")  # into the units, on days
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # the next screen, not a half-answered submit
    assert page.is_visible("#group-cautions")
    page.focus("#assess-submit")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server}/plan")
    assert page.is_visible("text=KI3 (Taixi, Great Ravine)")


def test_desktop_screenshots(browser, server):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    answer_questions(page, server, days="50")
    for path, name in (("/", "home"), ("/plan", "plan"), ("/diary", "diary"), ("/points/KI3", "point-ki3"), ("/about", "about"), ("/locate", "locate")):
        page.goto(f"{server}{path}")
        screenshot(page, f"{name}-desktop")
    context.close()
