"""The progress report: its numbers, its words about cause, and a real PDF of one page that is not blank."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import datetime

import pytest

from acupress.errors import InvalidInput
from acupress.services.report import build_report, report_period
from acupress.services.report_render import report_html, report_pdf
from acupress.storage.db import reading, transaction
from acupress.storage.users import ensure_local_user
from tests.services.month import END, START, ZONE, seed_month

MADE = datetime(2026, 10, 31, 9, 0, tzinfo=ZONE)


@pytest.fixture
def month_report(engine, kb):
    user = ensure_local_user(engine)
    with transaction(engine) as conn:
        seed_month(conn, user, kb)
    with reading(engine) as conn:
        return build_report(conn, user, report_period(START, END, MADE.date()), kb, MADE, name="Alex Example")


def test_the_report_holds_the_numbers_a_clinician_needs(month_report):
    report = month_report
    assert (report.pain.first, report.pain.latest) == (6.0, 3.0)  # first and last week's average pain
    assert report.pain.change.verdict == "meaningful" and report.pain.change.met_by == "points"
    assert (report.peg.first, report.peg.latest, report.peg.count) == (6.3, 4.0, 5)
    assert report.peg.change.verdict == "meaningful"
    assert (report.psfs.first, report.psfs.latest) == (3.5, 6.5)
    assert report.psfs.details[0] == {"activity": "Putting on socks", "first": 3, "latest": 7}
    assert report.adherence["days_done"] == 24 and report.adherence["days"] == 30
    assert [stop["reason"] for stop in report.safety_stops] == ["Pain is getting worse"]
    assert report.warning_signs == []
    assert [step["id"] for step in report.plan["steps"]][:1] == ["KI3"]


def test_the_report_is_honest_about_cause(month_report):
    html = report_html(month_report)
    assert "does not show that the points caused it" in html
    assert "51 % against 59 %" in html
    assert "Zick et al., 2026" in html, "the trial behind those numbers is cited"
    assert "not a diagnosis" in html


def test_each_threshold_shows_which_part_was_met_and_how(month_report):
    html = report_html(month_report)
    assert "at least 1.5 points; the threshold is 1.5 points or 30 %" in html  # pain, Ostelo 2008
    assert "the threshold is 1 to 1.75 points" in html  # PEG, Reed 2024
    assert "the threshold is 1.3 to 2.7 points" in html  # PSFS, Abbott 2014
    for source in ("Ostelo et al., 2008", "Reed et al., 2024", "Abbott and Schmitt, 2014", "Stratford et al., 1995"):
        assert source in html


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils (pdftoppm, pdftotext): ./run test installs it")
def test_the_pdf_is_one_page_not_blank_with_the_key_numbers(month_report, tmp_path):
    from PIL import Image

    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(month_report))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), "a typical month fits on one page"
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    dark = sum(page.histogram()[:200]) / (page.width * page.height)
    assert dark > 0.03, f"page 1 looks blank ({dark:.1%} dark pixels)"
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    for number in ("6.3", "6.5", "3.5", "Sessions on 24 of 30 days", "Alex Example", "01 Oct 2026 to 30 Oct 2026"):
        assert number in text, f"{number!r} is not in the PDF's text"


@pytest.mark.parametrize(("start", "end", "field"), [
    ("2026-11-10", "2026-11-01", "from"),  # backwards
    ("2020-01-01", "2026-11-01", "from"),  # more than a year
])
def test_a_period_that_makes_no_sense_is_refused(start, end, field):
    from datetime import date

    with pytest.raises(InvalidInput) as refused:
        report_period(date.fromisoformat(start), date.fromisoformat(end), date(2026, 11, 25))
    assert refused.value.field == field


def test_an_empty_diary_still_gives_a_readable_report(engine, kb):
    user = ensure_local_user(engine)
    with reading(engine) as conn:
        report = build_report(conn, user, report_period(None, None, MADE.date()), kb, MADE)
    html = report_html(report)
    assert "No plan yet" in html and "Not enough data yet" in html
    assert report.period.days == 30


def test_making_a_pdf_does_not_make_the_locator_accept_damaged_photos(month_report):
    pytest.importorskip("mediapipe")
    from acupress.errors import InvalidInput
    from acupress.vision.image import read_photo
    from tests.vision.conftest import PHOTOS

    report_pdf(month_report)  # WeasyPrint's import flips a process-wide Pillow switch
    data = (PHOTOS / "hands_0.jpg").read_bytes()
    with pytest.raises(InvalidInput, match="damaged or cut short"):
        read_photo(data[: len(data) // 2])
