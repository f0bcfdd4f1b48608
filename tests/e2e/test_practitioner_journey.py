"""The practitioner's journey in a real browser (accounts mode): prescribe, follow, and lose access on unlink."""

from __future__ import annotations

import pytest

from acupress.config import Settings
from tests.e2e.browser import DESKTOP, PHONE, screenshot
from tests.e2e.test_journeys import answer_questions
from tests.helpers import running_server

PASSWORD = "three calm words here"


@pytest.fixture
def accounts_server(tmp_path):
    from acupress.web.app import create_app

    settings = Settings(database_url=f"sqlite:///{tmp_path / 'clinic.db'}", secret_key="e2e", local_mode=False)
    with running_server(create_app(settings)) as url:
        yield url


def sign_up(page, server, name, email, role="patient", code=""):
    page.goto(f"{server}/signup")
    page.check(f"input[name=role][value={role}]")
    page.fill("#display_name", name)
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.fill("#password_again", PASSWORD)
    if code:
        page.fill("#invite_code", code)
    with page.expect_navigation():
        page.click("button:has-text('Create my account')")


def test_practitioner_prescribes_patient_follows_then_unlinks(browser, accounts_server):
    server = accounts_server
    doctor_context = browser.new_context(viewport=DESKTOP)
    patient_context = browser.new_context(viewport=PHONE)
    doctor, patient = doctor_context.new_page(), patient_context.new_page()
    errors: list[str] = []
    for page in (doctor, patient):
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("response", lambda answer: errors.append(f"{answer.status} {answer.url}") if answer.status >= 400 else None)

    sign_up(doctor, server, "Dr Rosa Lind", "rosa@clinic.example", role="practitioner")
    assert doctor.url == f"{server}/practitioner"
    with doctor.expect_navigation():
        doctor.click("button:has-text('Make an invite code')")
    code = doctor.inner_text("#new-invite-code").strip()
    assert len(code) == 14

    sign_up(patient, server, "Sam Okafor", "sam@home.example", code=code)
    answer_questions(patient, server, pain="6", days="40")
    patient.goto(f"{server}/care")
    assert patient.is_visible("text=Dr Rosa Lind")

    doctor.goto(f"{server}/practitioner")
    with doctor.expect_navigation():
        doctor.click("a:has-text('Sam Okafor')")
    patient_url = doctor.url
    with doctor.expect_navigation():
        doctor.click("a:has-text('Prescribe a program')")
    doctor.check("input[name=include_SI3]")
    doctor.select_option("#intensity_SI3", "moderate")
    doctor.fill("#minutes_SI3", "1")
    doctor.fill("#weeks", "4")
    doctor.fill("#notes", "Once in the morning, before work.")
    with doctor.expect_navigation():
        doctor.click("button:has-text('Save the program')")
    assert "the program is now this patient's plan" in doctor.inner_text("main")
    screenshot(doctor, "practitioner-patient-desktop")

    patient.goto(f"{server}/plan")
    assert patient.is_visible("h2:has-text('Your program from Dr Rosa Lind')")
    assert "Once in the morning, before work." in patient.inner_text("main")
    patient.goto(f"{server}/session?speed=400")
    patient.click("[data-target=before] button[data-value='6']")
    patient.wait_for_selector("#stage-after:not([hidden])", timeout=30_000)
    patient.click("[data-target=after] button[data-value='4']")
    patient.wait_for_selector("#stage-done:not([hidden])")
    assert patient.inner_text("#done-title") == "Session saved"
    patient.goto(f"{server}/diary")
    patient.click(".quick-log button[value='5']")
    patient.locator("#diary-panel .pain-dot").wait_for()

    doctor.goto(f"{server}/practitioner")
    row = doctor.locator("table.dashboard tbody tr", has_text="Sam Okafor")
    assert row.locator("td").nth(1).inner_text().startswith("100%")  # one session, on the one planned day so far
    assert row.locator("td").nth(2).inner_text() == "5"
    doctor.goto(patient_url)
    sessions = doctor.inner_text("#sessions-title + *")
    assert "Session" in sessions and "6 → 4" in sessions and "Pain score" in sessions
    screenshot(doctor, "practitioner-dashboard-desktop")

    patient.goto(f"{server}/care")
    with patient.expect_navigation():
        patient.click("button:has-text('Unlink Dr Rosa Lind')")
    assert patient.is_visible("text=that practitioner can no longer see anything of yours")
    patient.goto(f"{server}/plan")
    assert not patient.is_visible("text=Your program from Dr Rosa Lind")

    assert doctor.goto(patient_url).status == 404
    assert "There is no patient of yours here" in doctor.inner_text("main")
    errors.remove(f"404 {patient_url}")
    doctor.goto(f"{server}/practitioner")
    assert "Sam Okafor" not in doctor.inner_text("main")
    doctor_context.close()
    patient_context.close()
    assert errors == [], errors
