"""The journeys that matter, in a real browser."""

from __future__ import annotations

import itertools
import json
import time
import urllib.request

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, SCREENSHOTS, screenshot

# What a person must see at once during a session: the countdown, the step's
# instruction, its diagram and both stop buttons.
SESSION_PARTS = ("#countdown", "#cue-text", ".session-diagrams .diagram:not([hidden])", "#btn-worse", "#btn-spasm")


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


def view_screenshot(page, name: str) -> None:
    """What is on the screen now, without scrolling (screenshot() takes the whole page)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def assert_all_in_view(page, viewport, parts=SESSION_PARTS):
    boxes = {part: page.locator(part).bounding_box() for part in parts}
    for part, box in boxes.items():
        assert box is not None and box["width"] > 0 and box["height"] > 0, f"{part} is not shown"
        assert box["x"] >= 0 and box["y"] >= 0, f"{part} starts off screen: {box}"
        assert box["x"] + box["width"] <= viewport["width"] and box["y"] + box["height"] <= viewport["height"], \
            f"{part} ends off screen: {box}"
    for (one, a), (other, b) in itertools.combinations(boxes.items(), 2):
        apart = (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                 or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])
        assert apart, f"{one} overlaps {other}: {a} {b}"
    assert page.evaluate("() => window.scrollY") == 0


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
    page.wait_for_selector("#stage-after:not([hidden])", timeout=30_000)
    page.click("[data-target=after] button[data-value='4']")
    page.wait_for_selector("#stage-done:not([hidden])")
    assert "Pain before 6, after 4: 2 points lower" in page.inner_text("#done-summary")
    assert page.inner_text("#done-title") == "Session saved"
    recorded = api(server, "/api/v1/sessions")
    assert len(recorded) == 1 and recorded[0]["completed"] is True
    assert {(s["step_id"], s["side"]) for s in recorded[0]["steps_done"]} == {("SI3", "left"), ("SI3", "right"), ("back_rub", None)}
    page.goto(f"{server}/diary")
    page.click(".quick-log button[value='5']")
    page.locator("#diary-panel .pain-dot").wait_for()
    described = page.text_content("#chart-desc")
    assert "1 pain entry on 1 day: first 5, latest 5" in described
    assert "1 session, pain before and after: 6 to 4" in described, "the session is plotted with its pain before and after"
    assert page.locator("#diary-panel .session-before").count() == 1
    assert api(server, "/api/v1/diary")[0]["pain"] == 5
    screenshot(page, "diary-phone")


def test_emergency_answer_shows_help_now_a_call_button_and_no_plan(page, server):
    answer_questions(page, server, days="200")
    answer_questions(page, server, flags=["saddle_numbness"])
    assert page.is_visible("h1:has-text('Get medical help now')")
    call = page.locator("a.button.call:visible")
    assert call.is_visible() and call.get_attribute("href").startswith("tel:")
    assert page.locator("text=Start a guided session").count() == 0
    screenshot(page, "emergency-phone")
    page.goto(f"{server}/session")
    assert page.is_visible("h1:has-text('Get medical help now')"), "the earlier plan stops too"


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "phone"), (DESKTOP, "desktop"),
                                                ({"width": 320, "height": 640}, "small-phone")])
def test_session_shows_countdown_step_diagram_and_stops_without_scrolling(browser, server, viewport, name):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    answer_questions(page, server, pain="8", days="50")
    page.goto(f"{server}/session?speed=8")
    page.click("[data-target=before] button[data-value='6']")
    page.wait_for_selector("#stage-run:not([hidden])")
    assert_all_in_view(page, viewport)  # the introduction of the first step
    page.locator("#cue-text", has_text="on your left hand").wait_for(timeout=20_000)
    page.click("#btn-pause")
    assert_all_in_view(page, viewport)  # the longest instruction: pressing
    view_screenshot(page, f"session-{name}")
    page.click("#btn-pause")
    page.locator("#cue-text", has_text="Switch to your right").wait_for(timeout=60_000)
    assert_all_in_view(page, viewport)
    context.close()


def test_pain_worse_stop_keeps_the_safety_advice_to_the_end(page, server):
    answer_questions(page, server, days="200", pain="5")
    page.goto(f"{server}/session?speed=2")
    page.click("[data-target=before] button[data-value='5']")
    page.click("#btn-worse")
    advice = page.locator("#stop-advice")
    assert advice.is_visible() and "the pain got worse" in advice.inner_text()
    page.click("[data-target=after] button[data-value='6']")
    page.wait_for_selector("#stage-done:not([hidden])")
    assert "Stopped early. Pain before 5, after 6: 1 point higher." in page.inner_text("#done-summary")
    text = advice.inner_text()
    assert advice.is_visible(), "the advice stays on the final screen"
    assert "What to do now" in text and "When to get help" in text and "emergency number" in text
    assert page.locator("#stop-advice a.button.call").is_visible()
    screenshot(page, "session-stopped-phone")
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
    assert_all_in_view(page, {"width": PHONE["height"], "height": PHONE["width"]})


# Records what the page asks the speech synthesiser to say, and each tone it plays.
LISTEN = """
window.__spoken = [];
window.__tones = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (utterance) => window.__spoken.push(utterance.text);
  window.speechSynthesis.cancel = () => {};
}
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) { window.__tones.push(this.frequency.value); return start.apply(this, args); };
"""


def test_voice_guidance_is_off_until_chosen_speaks_each_cue_and_is_remembered(page, server):
    page.add_init_script(LISTEN)
    answer_questions(page, server, pain="8", days="3")
    page.goto(f"{server}/session?speed=400")
    assert not page.is_checked("#opt-voice"), "off until chosen"
    page.click("[data-target=before] button[data-value='6']")
    page.wait_for_selector("#stage-after:not([hidden])", timeout=30_000)
    assert page.evaluate("() => window.__spoken") == []
    page.click("[data-target=after] button[data-value='5']")
    page.wait_for_selector("#stage-done:not([hidden])")
    page.goto(f"{server}/session?speed=400")
    page.check("#opt-voice")
    page.click("[data-target=before] button[data-value='6']")
    page.wait_for_selector("#stage-after:not([hidden])", timeout=30_000)
    spoken = " | ".join(page.evaluate("() => window.__spoken"))
    for cue in ("Next: SI3", "SI3 (Houxi, Back Stream) on your left hand: Press", "Switch to your right hand",
                "on your right hand", "Pace: press for 3 seconds", "Next: Back rub", "How bad is your back pain now?"):
        assert cue in spoken, cue
    page.click("[data-target=after] button[data-value='5']")
    page.wait_for_selector("#stage-done:not([hidden])")
    page.goto(f"{server}/session")
    assert page.is_checked("#opt-voice"), "the choice is remembered"


def test_quiet_tick_paces_small_circles(page, server):
    page.add_init_script(LISTEN)
    answer_questions(page, server, pain="4", days="200")  # long-lasting pain: KI3, small circles every 2 s
    page.goto(f"{server}/session?speed=4")
    page.check("#opt-voice")
    page.click("[data-target=before] button[data-value='4']")
    page.locator("#cue-text", has_text="small slow circles").wait_for(timeout=20_000)
    page.wait_for_timeout(2_500)
    ticks = [tone for tone in page.evaluate("() => window.__tones") if tone > 1000]
    assert len(ticks) >= 2, ticks
    assert "Small slow circles" in page.inner_text("#pace-words")


def test_saving_and_deleting_give_clear_confirmations_and_errors_beside_fields(page, server):
    page.goto(f"{server}/diary")
    status = page.locator("#status")
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    page.click(".quick-log button[value='5']")
    page.locator("#status", has_text="Saved: pain 5 at").wait_for()
    page.fill("#peg_pain", "6")
    page.fill("#peg_activity", "11")
    page.fill("#peg-pain-now", "4")
    page.click("text=Save weekly check")
    error = page.locator("#peg_enjoyment-error")
    assert error.is_visible() and "whole number from 0 to 10" in error.inner_text()
    assert page.get_attribute("#peg_enjoyment", "aria-invalid") == "true"
    assert page.locator("#peg_activity + .field-error").is_visible(), "each error is beside its own field"
    assert len(api(server, "/api/v1/diary")) == 1, "nothing saved while a field is wrong"
    page.fill("#peg_enjoyment", "5")
    page.fill("#peg_activity", "4")
    page.click("text=Save weekly check")
    page.locator("#status", has_text="Saved your weekly check").wait_for()
    assert "PEG score 5 out of 10" in page.inner_text("#status")
    assert page.locator("form.peg .confirm").is_visible(), "also shown beside the form"
    page.click("text=Delete all my data")
    assert "tick the box" in page.inner_text("#forget-error") and len(api(server, "/api/v1/diary")) == 2
    page.check("#confirm-forget")
    with page.expect_navigation():
        page.click("text=Delete all my data")
    page.locator("#status", has_text="have been deleted").wait_for()
    assert api(server, "/api/v1/diary") == []


def test_diary_chart_text_is_readable_on_a_phone(page, server):
    for pain in (7, 5, 6):
        urllib.request.urlopen(urllib.request.Request(f"{server}/api/v1/diary", data=json.dumps({"pain": pain}).encode(),
                                                      headers={"content-type": "application/json"}))
    page.goto(f"{server}/diary")
    heights = page.evaluate("() => [...document.querySelectorAll('svg.chart text')].map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 12, heights
    chart = page.locator("svg.chart").bounding_box()
    assert chart["width"] <= PHONE["width"]
    assert "So far: 3 pain scores over 1 day" in page.inner_text("#diary-panel")


@pytest.mark.parametrize("width", [320, 390])
def test_sources_page_fits_a_phone(browser, server, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(f"{server}/sources")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert page.locator(".sources a[href^='https://doi.org/']").count() >= 2
    assert page.locator(".sources a[href^='https://']:not([href^='https://doi.org/'])").count() >= 2
    if width == 390:
        screenshot(page, "sources-phone")
    context.close()


def test_offline_plan_session_and_diary_then_sync_once(page, server):
    context = page.context
    answer_questions(page, server, pain="8", days="3")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.goto(f"{server}/session")
    page.goto(f"{server}/diary")
    page.wait_for_function("async () => (await (await caches.open('acupress-pages')).keys()).length >= 4")
    context.set_offline(True)
    try:
        page.goto(f"{server}/plan")
        assert page.is_visible("h2:has-text('1. SI3 (Houxi, Back Stream)')")
        assert page.is_visible("#offline-note")
        page.goto(f"{server}/diary")
        page.click(".quick-log button[value='6']")
        page.locator("#status", has_text="Kept on this device: pain 6").wait_for()
        assert "1 entry is waiting" in page.inner_text("#pending")
        page.goto(f"{server}/session?speed=400")
        page.click("[data-target=before] button[data-value='6']")
        page.wait_for_selector("#stage-after:not([hidden])", timeout=30_000)
        page.click("[data-target=after] button[data-value='3']")
        page.wait_for_selector("#stage-done:not([hidden])")
        assert page.inner_text("#done-title") == "Session kept on this device"
        screenshot(page, "offline-phone")
        assert api(server, "/api/v1/diary") == [] and api(server, "/api/v1/sessions") == []
    finally:
        context.set_offline(False)
    page.wait_for_function("() => window.acupressOutbox.pending().length === 0", timeout=30_000)
    page.locator("#status", has_text="Back online").wait_for()
    page.goto(f"{server}/diary")
    page.evaluate("() => window.acupressOutbox.flush()")  # a second try must not duplicate anything
    time.sleep(0.5)
    entries, sessions = api(server, "/api/v1/diary"), api(server, "/api/v1/sessions")
    assert [e["pain"] for e in entries] == [6]
    assert [(s["pain_before"], s["pain_after"]) for s in sessions] == [(6, 3)]


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


def test_screenshots(browser, server):
    for viewport, suffix in ((DESKTOP, "desktop"), (PHONE, "phone")):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        answer_questions(page, server, days="50")
        pages = [("/", "home"), ("/about", "about"), ("/settings", "settings"), ("/sources", "sources")]
        if suffix == "desktop":
            pages += [("/plan", "plan"), ("/diary", "diary"), ("/points/KI3", "point-ki3"), ("/locate", "locate")]
        for path, name in pages:
            page.goto(f"{server}{path}")
            screenshot(page, f"{name}-{suffix}")
        context.close()
