"""Onboarding on a phone, in a real browser: few screens and taps, every way to the emergency screen,
no JavaScript, geometry a thumb can use, axe clean."""

from __future__ import annotations

import pytest

from acupress.core.triage import triage_flags
from acupress.knowledge import load_knowledge
from tests.e2e.conftest import AXE, PHONE, screenshot
from tests.e2e.test_accessibility import violations

KB = load_knowledge()
EMERGENCY_SIGNS = [flag for flag in KB.red_flags.values() if flag.level == "emergency" and flag.group]
POST_ASSESS = "**/assess"


class Thumb:
    """Taps and keystrokes on a touch screen, counted: the test's measure of effort (not wall-clock time)."""

    def __init__(self, page):
        self.page, self.taps, self.keys, self.screens = page, 0, 0, []

    def tap(self, selector: str) -> None:
        self.page.locator(selector).tap()
        self.taps += 1

    def type(self, selector: str, text: str) -> None:
        self.tap(selector)
        self.page.keyboard.type(text)
        self.keys += len(text)

    def see_screen(self) -> str:
        title = " ".join(self.page.locator(".screen.current .screen-title").inner_text().split())
        self.screens.append(title)
        return title


SMALL_PHONE = {"width": 320, "height": 640}


@pytest.fixture(params=[PHONE], ids=["phone"])
def phone(browser, request):
    context = browser.new_context(viewport=request.param, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == []


def about_you(page, age="40", pain="5", amount="3", unit="weeks", pregnant=None):
    """Past the two screens of signs ("None of these"), then the questions about the person, then Next."""
    page.locator("#wizard-next").tap()
    page.locator("#wizard-next").tap()
    page.fill("#age", age)
    page.locator(f"label[for=pain_now-{pain}]").tap()
    page.fill("#duration_amount", amount)
    page.locator(f"label[for=unit-{unit}]").tap()
    if pregnant:
        page.locator(f"label[for=pregnant-{pregnant}]").tap()
    page.locator("#wizard-next").tap()


def geometry_problems(page) -> list[str]:
    """Controls off the screen sideways, or smaller than 44 px, on the screen now shown."""
    return page.evaluate("""() => {
      const width = document.documentElement.clientWidth;
      const problems = [];
      if (document.documentElement.scrollWidth > width) problems.push("the page scrolls sideways");
      const controls = document.querySelectorAll(
        "#assessment button, #assessment label.tick, #assessment label.tap, #assessment summary, " +
        "#assessment input[type=text], .offline-stop button, .offline-stop a.button");
      for (const control of controls) {
        const box = control.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;  // not on this screen
        const name = (control.id || control.textContent.trim()).slice(0, 30);
        if (box.left < 0 || box.right > width) problems.push(`${name}: off screen (${box.left}-${box.right})`);
        if (box.height < 44 || box.width < 44) problems.push(`${name}: ${box.width}x${box.height}`);
      }
      return problems;
    }""")


@pytest.mark.parametrize("phone", [PHONE, SMALL_PHONE], ids=["phone", "small-phone"], indirect=True)
def test_the_questions_take_four_screens_and_a_few_taps_on_a_phone(phone, server):
    thumb = Thumb(phone)
    phone.goto(f"{server}/assess")
    assert thumb.see_screen() == "Part 1 of 4 Signs that need help now"
    assert phone.inner_text("#wizard-next") == "None of these: next", "not ticking is an answer, and says so"
    size = "phone" if phone.viewport_size == PHONE else "small-phone"
    screenshot(phone, f"onboarding-1-{size}")
    assert geometry_problems(phone) == []
    thumb.tap("#wizard-next")
    assert thumb.see_screen().startswith("Part 2 of 4")
    assert not phone.is_visible("label[data-clearance]"), "asked only once a sign is ticked"
    assert geometry_problems(phone) == []
    thumb.tap("#wizard-next")
    assert thumb.see_screen() == "Part 3 of 4 About you and your pain"
    thumb.type("#age", "58")
    thumb.tap("label[for=pain_now-6]")
    thumb.type("#duration_amount", "2")
    thumb.tap("label[for=unit-months]")
    screenshot(phone, f"onboarding-3-{size}")
    assert geometry_problems(phone) == []
    thumb.tap("#wizard-next")
    assert thumb.see_screen().startswith("Part 4 of 4")
    assert phone.inner_text("#assess-submit") == "None of these: see my plan"
    assert geometry_problems(phone) == []
    screenshot(phone, f"onboarding-4-{size}")
    with phone.expect_navigation():
        thumb.tap("#assess-submit")
    assert phone.url == f"{server}/plan"
    assert (len(thumb.screens), thumb.taps, thumb.keys) == (4, 8, 3)
    answers = phone.request.get(f"{server}/api/v1/export").json()["assessments"][-1]["answers"]
    assert (answers["age"], answers["pain_now"], answers["pain_started_days_ago"]) == (58, 6, 60)


def test_pregnancy_adds_its_screen_and_back_keeps_the_answers(phone, server):
    thumb = Thumb(phone)
    phone.goto(f"{server}/assess")
    thumb.tap("#wizard-next")
    phone.locator("#flag-fever").tap()
    assert phone.is_visible("label[data-clearance]"), "a clinician's go-ahead can be given once a sign is ticked"
    assert phone.inner_text("#wizard-next") == "Next"
    thumb.tap("#wizard-next")
    thumb.type("#age", "31")
    thumb.tap("label[for=pain_now-3]")
    thumb.type("#duration_amount", "10")
    thumb.tap("label[for=unit-days]")
    thumb.tap("label[for=pregnant-yes]")
    assert thumb.see_screen() == "Part 3 of 5 About you and your pain", "the pregnancy screen is added"
    thumb.tap("#wizard-back")
    assert phone.locator("#flag-fever").is_checked()
    thumb.tap("#wizard-next")
    assert phone.input_value("#age") == "31"
    thumb.tap("#wizard-next")
    assert thumb.see_screen() == "Part 4 of 5 If you are pregnant"
    screenshot(phone, "onboarding-pregnancy-phone")
    phone.go_back()  # the phone's own Back button: the previous screen, not the previous page
    assert thumb.see_screen() == "Part 3 of 5 About you and your pain"
    thumb.tap("label[for=pregnant-no]")
    thumb.tap("#wizard-next")
    assert thumb.see_screen() == "Part 4 of 4 Anything that changes how you should press"


def test_a_missing_answer_is_shown_beside_its_field_before_moving_on(phone, server):
    phone.goto(f"{server}/assess")
    phone.locator("#wizard-next").tap()
    phone.locator("#wizard-next").tap()
    phone.fill("#age", "130")
    phone.locator("#wizard-next").tap()
    assert phone.is_visible(".screen.current #group-about_you, #group-about_you.current")
    assert phone.inner_text("#age-error") == "Please give your age in years, a whole number from 0 to 120."
    assert phone.get_attribute("#age", "aria-invalid") == "true"
    assert phone.evaluate("document.activeElement.id") == "age"
    assert "Please choose a number from 0 (no pain)" in phone.inner_text("#pain_now-error")
    assert "days, weeks, months or years" in phone.inner_text("#pain_started_days_ago-error")
    screenshot(phone, "onboarding-problems-phone")
    phone.fill("#age", "40")
    phone.locator("label[for=pain_now-2]").tap()
    phone.locator("#pain_now-error").wait_for(state="detached", timeout=2000)  # a problem goes once it is mended


@pytest.mark.parametrize("flag", EMERGENCY_SIGNS, ids=lambda flag: flag.id)
def test_every_sign_that_needs_help_now_stops_at_once(phone, server, flag):
    phone.goto(f"{server}/assess")
    if flag.group == "pregnancy_signs":
        about_you(phone, age="29", pain="4", amount="2", unit="days", pregnant="yes")
    with phone.expect_response(lambda r: r.url.endswith("/assess") and r.request.method == "POST") as sent:
        phone.locator(f"label[for=flag-{flag.id}]").tap()
    screen = phone.locator(f"#stop-{flag.id}")
    assert screen.is_visible() and not phone.is_visible("#assess-form")
    assert screen.locator("h1").inner_text() == triage_flags([flag], False, KB).title
    call = screen.locator("a.button.call")
    assert call.is_visible() and call.get_attribute("href").startswith("tel:")
    assert call.bounding_box()["y"] + call.bounding_box()["height"] <= PHONE["height"], "the call button shows without scrolling"
    assert phone.evaluate("document.activeElement.tagName") == "H1", "a screen reader hears it first"
    assert sent.value.status == 200
    assert geometry_problems(phone) == []


def test_the_emergency_screen_shows_without_a_connection_and_can_be_undone(phone, server):
    phone.goto(f"{server}/assess")
    phone.context.set_offline(True)
    phone.locator("label[for=flag-bladder_bowel_dysfunction]").tap()
    assert phone.is_visible("#stop-bladder_bowel_dysfunction h1:has-text('Get medical help now')")
    assert phone.is_visible("#stop-bladder_bowel_dysfunction a.button.call")
    screenshot(phone, "onboarding-emergency-offline-phone")
    phone.context.set_offline(False)
    phone.locator("#stop-bladder_bowel_dysfunction [data-undo]").tap()
    assert phone.is_visible("#assess-form") and not phone.locator("#flag-bladder_bowel_dysfunction").is_checked()
    assert phone.evaluate("document.activeElement.textContent").endswith("Signs that need help now")


def test_offline_the_answers_wait_on_the_page(phone, server):
    phone.goto(f"{server}/assess")
    about_you(phone)
    phone.context.set_offline(True)
    phone.locator("#assess-submit").tap()
    assert phone.is_visible("#offline-submit") and phone.url == f"{server}/assess"
    phone.context.set_offline(False)
    with phone.expect_navigation():
        phone.locator("#assess-submit").tap()
    assert phone.url == f"{server}/plan"


@pytest.fixture
def no_script(browser):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    yield context.new_page()
    context.close()


def test_without_javascript_one_long_form_works(no_script, server):
    page = no_script
    page.goto(f"{server}/assess")
    for group in ("emergency_signs", "urgent_signs", "about_you", "cautions"):
        assert page.is_visible(f"#group-{group}")
    assert not page.is_visible("#group-pregnancy_signs"), "asked once pregnancy is answered yes"
    page.click("label[for=pregnant-yes]")
    assert page.is_visible("#group-pregnancy_signs")
    page.click("label[for=pregnant-no]")
    page.fill("#age", "45")
    page.click("label[for=pain_now-5]")
    page.fill("#duration_amount", "1")
    page.click("label[for=unit-years]")
    page.click("label[for=cond-anticoagulants]")
    with page.expect_navigation():
        page.click("#assess-submit")
    assert page.url == f"{server}/plan"
    assert "Everyday self-care" in page.inner_text("main")


def test_without_javascript_problems_and_the_emergency_button_work(no_script, server):
    page = no_script
    page.goto(f"{server}/assess")
    page.fill("#duration_amount", "3")
    with page.expect_navigation():
        page.click("#assess-submit")
    assert "Please choose whether that is days, weeks, months or years." in page.inner_text("#pain_started_days_ago-error")
    assert page.is_visible("#error-summary a[href='#age']")
    assert page.input_value("#duration_amount") == "3"
    screenshot(page, "onboarding-nojs-problems-phone")
    page.click("label[for=flag-major_trauma]")
    with page.expect_navigation():
        page.click("#group-emergency_signs button[name=stop]")
    assert page.is_visible("h1:has-text('Get medical help now')")
    assert "Please give your age" not in page.inner_text("main"), "help now comes before the missing answers"


@pytest.fixture
def axe_phone(browser):
    if not AXE.exists():
        pytest.fail("axe-core is missing: run npm ci")
    context = browser.new_context(viewport=PHONE, bypass_csp=True)  # only to inject axe itself
    yield context.new_page()
    context.close()


def test_every_screen_problem_and_stop_is_axe_clean(axe_phone, server):
    page = axe_phone
    page.goto(f"{server}/assess")
    found = {}
    for part in range(4):
        found[f"screen {part + 1}"] = violations(page)
        if part == 2:
            page.click("#wizard-next")  # nothing answered: the problems beside the fields
            found["problems"] = violations(page)
            page.fill("#age", "40")
            page.click("label[for=pain_now-5]")
            page.fill("#duration_amount", "3")
            page.click("label[for=unit-weeks]")
        if part < 3:
            page.click("#wizard-next")
    page.goto(f"{server}/assess")
    page.click("label[for=flag-chest_or_abdominal_pain]")
    page.wait_for_selector("#stop-chest_or_abdominal_pain:not([hidden])")
    found["emergency"] = violations(page)
    assert {where: problems for where, problems in found.items() if problems} == {}
