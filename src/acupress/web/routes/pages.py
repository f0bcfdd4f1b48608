"""HTML pages. Forms post without JavaScript; htmx and small scripts improve them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.core.session import session_script, total_seconds
from acupress.errors import InvalidInput
from acupress.services.plans import current_plan
from acupress.services.schedule import due_words, measures_due
from acupress.services.summary import user_summary
from acupress.services.today import person_now as local_now
from acupress.storage import diary
from acupress.storage.export import diary_csv
from acupress.storage.users import delete_user_data, set_emergency_number
from acupress.storage.writes import write
from acupress.web import feedback
from acupress.web.deps import current_user_id, engine_of, kb_of, read_conn
from acupress.web.diary_view import diary_view
from acupress.web.emergency import EmergencyCall, parse_emergency_number
from acupress.web.feedback import outcome_saved
from acupress.web.forms import entry_from_form
from acupress.web.rendering import render

router = APIRouter(include_in_schema=False)
STATIC = Path(__file__).resolve().parent.parent / "static"
KB = Annotated[Knowledge, Depends(kb_of)]
User = Annotated[int, Depends(current_user_id)]
Reader = Annotated[Connection, Depends(read_conn)]


@router.get("/")
def home(request: Request, kb: KB, user: User, conn: Reader) -> HTMLResponse:
    today = local_now(conn, user).date()
    summary = user_summary(conn, user, today, kb)
    built = current_plan(conn, user, kb, local_now(conn, user).date())
    plan = built.to_dict() if built else None
    flash = feedback.DELETED if request.query_params.get("deleted") else None
    due = [{**item, "words": due_words(item)} for item in measures_due(conn, user, kb, today)]
    return render(request, "home.html", plan=plan, summary=summary, title="Today", flash=flash, due=due)


@router.get("/plan")
def plan_page(request: Request, kb: KB, user: User, conn: Reader) -> Response:
    built = current_plan(conn, user, kb, local_now(conn, user).date())
    if built is None:
        return RedirectResponse("/assess", status_code=303)
    plan = built.to_dict()
    if plan["triage"]["level"] != "self_care":
        return render(request, "stop.html", plan=plan, title=plan["triage"]["title"])
    return render(request, "plan.html", plan=plan, title="Your plan")


@router.get("/session")
def session_page(request: Request, kb: KB, user: User, conn: Reader) -> Response:
    built = current_plan(conn, user, kb, local_now(conn, user).date())
    if built is None:
        return RedirectResponse("/assess", status_code=303)
    if not built.steps:
        return render(request, "stop.html", plan=built.to_dict(), title=built.triage.title)
    cues = session_script(built)
    script = {"answers": built.answers.to_dict(), "version": kb.version, "cues": [cue.to_dict() for cue in cues],
              "steps": {step.id: step.name for step in built.steps}, "places": {step.id: step.site for step in built.steps}}
    return render(request, "session.html", script=script, minutes=round(total_seconds(cues) / 60), title="Guided session")


@router.get("/diary")
def diary_page(request: Request, kb: KB, user: User, conn: Reader) -> HTMLResponse:
    template = "diary_panel.html" if request.headers.get("hx-request") else "diary.html"
    view = diary_view(conn, user, kb)
    flash = feedback.entry_saved(request.query_params, conn, user) or outcome_saved(request.query_params, view)
    return render(request, template, error=None, title="Diary", flash=flash, values={}, **view)


@router.post("/diary")
async def diary_log(request: Request, kb: KB, user: User) -> Response:
    form = await request.form()
    try:
        entry = entry_from_form(form)
    except InvalidInput as error:
        with engine_of(request).connect() as conn:
            view = diary_view(conn, user, kb)
        return render(request, "diary.html", status_code=422, error=error, error_form=feedback.which_form(form),
                      values=dict(form), title="Diary", **view)
    saved = write(engine_of(request), lambda conn: diary.add_entry(conn, user, entry))
    return RedirectResponse(f"/diary?saved={saved['id']}#saved", status_code=303)


@router.get("/diary/export.csv")
def diary_csv_download(user: User, conn: Reader) -> Response:
    headers = {"content-disposition": 'attachment; filename="acupress-diary.csv"'}
    return Response(diary_csv(conn, user), media_type="text/csv; charset=utf-8", headers=headers)


@router.post("/forget")
async def forget(request: Request, kb: KB, user: User) -> Response:
    form = await request.form()
    if form.get("confirm") != "yes":
        error = InvalidInput("Nothing was deleted: tick the box to confirm first.", field="confirm")
        with engine_of(request).connect() as conn:
            view = diary_view(conn, user, kb)
        return render(request, "diary.html", status_code=422, error=error, values={}, title="Diary", **view)
    write(engine_of(request), lambda conn: delete_user_data(conn, user))
    return RedirectResponse("/?deleted=1", status_code=303)


@router.get("/settings")
def settings_page(request: Request) -> HTMLResponse:
    emergency = EmergencyCall(request)
    flash = feedback.settings_saved(request.query_params, emergency.number)
    return render(request, "settings.html", title="Settings", flash=flash, values={})


@router.post("/settings")
async def settings_save(request: Request, user: User) -> Response:
    form = await request.form()
    try:
        number = parse_emergency_number(str(form.get("emergency_number") or ""))
    except InvalidInput as error:
        return render(request, "settings.html", status_code=422, title="Settings", error=error, values=dict(form))
    write(engine_of(request), lambda conn: set_emergency_number(conn, user, number))
    return RedirectResponse("/settings?saved=settings", status_code=303)


@router.get("/points")
def points_page(request: Request) -> HTMLResponse:
    return render(request, "points.html", title="Points")


@router.get("/points/{point_id}")
def point_page(request: Request, point_id: str, kb: KB) -> Response:
    point = kb.points.get(point_id.upper())
    if point is None:
        return render(request, "error.html", status_code=404, message=f"There is no point called {point_id}.", title="Not found")
    return render(request, "point.html", point=point, title=point.id)


@router.get("/sources")
def sources_page(request: Request) -> HTMLResponse:
    return render(request, "sources.html", title="Sources")


@router.get("/about")
def about_page(request: Request) -> HTMLResponse:
    return render(request, "about.html", title="About and safety")


@router.get("/offline")
def offline_page(request: Request) -> HTMLResponse:
    return render(request, "offline.html", title="Offline")


@router.get("/sw.js")
def service_worker() -> FileResponse:
    """Served from the root so that it may look after every page of the app."""
    return FileResponse(STATIC / "sw.js", media_type="text/javascript", headers={"cache-control": "no-cache"})


@router.get("/manifest.webmanifest")
def web_app_manifest() -> FileResponse:
    return FileResponse(STATIC / "manifest.webmanifest", media_type="application/manifest+json")


