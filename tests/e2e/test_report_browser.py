"""The Report page and the diary's activity check and import in a real browser, on a phone."""

from __future__ import annotations

import json

from playwright.sync_api import expect

from tests.e2e.conftest import screenshot
from tests.e2e.test_journeys import answer_questions


def test_a_week_of_checks_reaches_the_report_which_fits_a_phone_and_downloads_as_pdf(page, server, tmp_path):
    answer_questions(page, server, pain="6", days="120")
    page.goto(f"{server}/")
    assert page.is_visible("#due-title"), "the Today page lists what is due"
    page.click("text=Answer it now >> nth=0")
    page.goto(f"{server}/diary")
    page.fill("#activity_0", "Putting on socks")
    page.fill("#ability_0", "3")
    page.fill("#activity_1", "Carrying shopping")
    page.fill("#ability_1", "4")
    page.click("text=Save activity check")
    expect(page.locator("#status")).to_contain_text("Saved your activity check: average 3.5 out of 10.")
    assert page.input_value("#activity_0") == "Putting on socks", "the next check asks about the same activities"
    page.goto(f"{server}/report")
    assert page.is_visible("h1:has-text('Back pain progress report')")
    assert page.is_visible("svg.chart") and page.is_visible("svg.calendar")
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "no sideways scrolling"
    screenshot(page, "report-phone")
    with page.expect_download() as download:
        page.click("text=Download PDF")
    path = tmp_path / "report.pdf"
    download.value.save_as(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_a_diary_file_is_imported_from_the_diary_page(page, server, tmp_path):
    exported = {"format": "acupress-export/1", "user": {"emergency_number": None}, "assessments": [], "sessions": [],
                "point_marks": [], "diary": [{"recorded_at": "2026-10-01T08:00:00+01:00", "pain": 5, "note": "old phone"}]}
    file = tmp_path / "acupress-export.json"
    file.write_text(json.dumps(exported))
    page.goto(f"{server}/diary")
    page.set_input_files("#import-file", str(file))
    page.click("button:has-text('Import')")
    expect(page.locator("#status")).to_contain_text("Imported 1 record.")
    page.set_input_files("#import-file", str(file))
    page.click("button:has-text('Import')")
    expect(page.locator("#status")).to_contain_text("1 record was already here")
