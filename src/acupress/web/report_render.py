"""The progress report as HTML and PDF, from one template.

The Report page, `acupress report --out FILE.html` and the PDF all render
`_report_body.html`; the PDF is that HTML drawn by WeasyPrint with the same
stylesheet (`static/report.css`, whose print rules make it one A4 page).

Why WeasyPrint rather than headless Chromium: it is a Python package that
pip installs with the web app (no browser to install or start per report,
no subprocess, a few tens of MB instead of a browser process), it is made
for paged media (@page, page breaks), the charts are server-side SVG so no
JavaScript is needed, and its PDFs keep real text (a clinic's system can
search them). It needs the Pango library from the system (Debian:
libpango-1.0-0, libpangoft2-1.0-0, present wherever a desktop or Chromium
is); without it the HTML report still works and the PDF says what to install.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import Response
from jinja2 import Environment, FileSystemLoader, select_autoescape

from acupress.errors import FeatureUnavailable
from acupress.services.report import Report
from acupress.web import words
from acupress.web.calendar import adherence_calendar_svg
from acupress.web.chart import pain_chart_svg

WEB = Path(__file__).resolve().parent
STYLESHEET = WEB / "static" / "report.css"
_environment: Environment | None = None


def _templates() -> Environment:
    global _environment
    if _environment is None:
        _environment = Environment(loader=FileSystemLoader(WEB / "templates"), autoescape=select_autoescape())
        words.install(_environment)
    return _environment


def report_figures(report: Report) -> dict[str, Any]:
    """The two SVG figures, for the page's template context and the document's."""
    end = report.period.end
    made = report.made_at
    last_moment = made if made.date() == end else made.replace(year=end.year, month=end.month, day=end.day)
    stop_days = {stop["at"].date() for stop in report.safety_stops}
    pain_days = {entry["recorded_at"].date() for entry in report.entries}
    return {
        "chart": pain_chart_svg(report.entries, report.sessions, last_moment, first_day=report.period.start),
        "calendar": adherence_calendar_svg(report.period.start, end, set(report.session_days), pain_days, stop_days),
    }


def report_html(report: Report, inline_css: bool = True) -> str:
    """The report as one HTML document (the stylesheet inside it unless `inline_css` is False)."""
    css = STYLESHEET.read_text(encoding="utf-8") if inline_css else None
    return _templates().get_template("report_document.html").render(report=report, inline_css=css, **report_figures(report))


def report_pdf(report: Report) -> bytes:
    """The report as PDF: the same HTML, drawn by WeasyPrint with the print stylesheet."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: the Pango library is missing
        raise FeatureUnavailable(
            "making a PDF needs WeasyPrint and the Pango library (Debian: apt install libpango-1.0-0 libpangoft2-1.0-0); "
            f"a report as HTML works without them ({error.__class__.__name__})", field="out") from None
    # Importing WeasyPrint switches on Pillow's process-wide "accept truncated images";
    # the locator relies on damaged uploads being refused, so switch it back off.
    from PIL import ImageFile
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    # The stylesheet is inside the HTML and the charts are inline SVG: nothing is ever fetched.
    return bytes(weasyprint.HTML(string=report_html(report), url_fetcher=_fetch_nothing).write_pdf())


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> dict[str, object]:
    raise ValueError(f"the report fetches no resources ({url[:40]})")


def pdf_download(report: Report) -> Response:
    """The report as a PDF file to save, named after its period."""
    name = f"acupress-report-{report.period.start.isoformat()}-to-{report.period.end.isoformat()}.pdf"
    return Response(report_pdf(report), media_type="application/pdf",
                    headers={"content-disposition": f'attachment; filename="{name}"'})
