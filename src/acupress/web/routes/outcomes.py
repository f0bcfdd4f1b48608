"""Outcomes on the web: the Report page and its PDF, the activity check form, importing a diary file."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.services.imports import MAX_BYTES, import_file
from acupress.services.report import person_report
from acupress.storage.function_checks import add_function_check
from acupress.storage.writes import write
from acupress.web.deps import current_user_id, engine_of, kb_of, read_conn
from acupress.web.diary_view import diary_view
from acupress.web.forms import activities_from_form
from acupress.web.rendering import render
from acupress.web.report_render import pdf_download, report_figures

router = APIRouter(include_in_schema=False)
KB = Annotated[Knowledge, Depends(kb_of)]
User = Annotated[int, Depends(current_user_id)]
Reader = Annotated[Connection, Depends(read_conn)]
From = Annotated[str | None, Query(alias="from", description="First day, YYYY-MM-DD")]
To = Annotated[str | None, Query(alias="to", description="Last day, YYYY-MM-DD")]


@router.get("/report")
def report_page(request: Request, kb: KB, user: User, conn: Reader, start: From = None, end: To = None) -> Response:
    try:
        report = person_report(conn, user, kb, start, end)
    except InvalidInput as error:
        return render(request, "error.html", status_code=422, message=str(error), title="Report")
    return render(request, "report.html", report=report, title="Report", report_base="/report", **report_figures(report))


@router.get("/report.pdf")
def report_pdf_download(kb: KB, user: User, conn: Reader, start: From = None, end: To = None) -> Response:
    return pdf_download(person_report(conn, user, kb, start, end))


def _diary_with_error(request: Request, kb: Knowledge, user: int, error: InvalidInput, form: str,
                      values: dict[str, Any]) -> Response:
    with engine_of(request).connect() as conn:
        view = diary_view(conn, user, kb)
    return render(request, "diary.html", status_code=422, error=error, error_form=form, values=values, title="Diary", **view)


@router.post("/diary/activities")
async def activity_check(request: Request, kb: KB, user: User) -> Response:
    form = await request.form()
    try:
        check = activities_from_form(form, kb)
    except InvalidInput as error:
        return _diary_with_error(request, kb, user, error, "psfs", dict(form))
    saved = write(engine_of(request), lambda conn: add_function_check(conn, user, check))
    return RedirectResponse(f"/diary?checked={saved['id']}#psfs-title", status_code=303)


@router.post("/diary/import")
async def import_upload(request: Request, kb: KB, user: User) -> Response:
    form = await request.form()
    upload = form.get("file")
    try:
        if upload is None or isinstance(upload, str) or not upload.filename:
            raise InvalidInput("choose a file to import: an acupress JSON export or a CSV diary", field="file")
        data = await upload.read(MAX_BYTES + 1)
        summary = write(engine_of(request), lambda conn: import_file(conn, user, upload.filename or "", data, kb))
    except InvalidInput as error:
        return _diary_with_error(request, kb, user, error, "import", {})
    return RedirectResponse(f"/diary?imported={summary.added}&skipped={summary.skipped}#data-title", status_code=303)
