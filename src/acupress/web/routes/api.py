"""The JSON API under /api/v1. Thin: validate, call core or storage, answer."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from sqlalchemy.engine import Connection

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge
from acupress.core.plan import Plan, build_plan
from acupress.core.record import as_dict
from acupress.core.session import session_script
from acupress.errors import InvalidInput, NotFound
from acupress.services.fhir_bundle import records_bundle
from acupress.services.plans import current_plan
from acupress.services.reminders import parse_time_of_day, reminders_ics
from acupress.services.summary import user_summary
from acupress.services.today import person_today, utc_now
from acupress.storage import diary, sessions
from acupress.storage.export import everything
from acupress.storage.tables import MAX_ID
from acupress.storage.users import delete_user_data
from acupress.storage.writes import write_async
from acupress.strict_json import loads
from acupress.web.deps import current_user_id, engine_of, kb_of, read_conn
from acupress.web.formats import Day, Moment, TimeOfDay
from acupress.web.jsonbody import StrictJSONRoute
from acupress.web.openapi import error_responses, json_body, plan_responses
from acupress.web.schemas import (
    AnswersIn,
    DiaryEntryIn,
    DiaryEntryOut,
    DiaryEntryPatch,
    SessionIn,
    SessionOut,
)

router = APIRouter(prefix="/api/v1", responses=error_responses(), route_class=StrictJSONRoute)
PLAN_RESPONSES = plan_responses()
KB = Annotated[Knowledge, Depends(kb_of)]
User = Annotated[int, Depends(current_user_id)]
Reader = Annotated[Connection, Depends(read_conn)]
TODAY_HELP = "Your local date; default: today where your newest diary entry was written (UTC before any)"
EntryId = Annotated[int, Path(ge=1, le=MAX_ID, description="A diary entry's id")]


@router.get("/health")
def health(request: Request) -> dict[str, str]:
    return {"status": "ok", "knowledge_version": request.app.state.kb.version}


@router.post("/plan", summary="Answers in, plan out (same as `acupress plan --format json`)",
             response_class=Response, responses=PLAN_RESPONSES, openapi_extra=json_body(AnswersIn))
async def plan(request: Request, kb: KB) -> Response:
    # The body goes through the same strict reader and the same parse_answers as the CLI: same words for the same mistake.
    data = build_plan(parse_answers(loads(await request.body(), field="body"), kb), kb).to_dict()
    # Encoded here: the plan is plain JSON already, so FastAPI's generic encoder would only add cost.
    return Response(json.dumps(data, ensure_ascii=False).encode(), media_type="application/json")


@router.get("/points")
def points(kb: KB) -> list[dict[str, Any]]:
    return [as_dict(point) for point in kb.points.values()]


@router.get("/points/{point_id}")
def point(point_id: str, kb: KB) -> dict[str, Any]:
    found = kb.points.get(point_id.upper())
    if found is None:
        raise NotFound(f"unknown point {point_id!r}; known: {', '.join(kb.points)}", field="point_id")
    data: dict[str, Any] = as_dict(found)
    return data


@router.get("/session-script", summary="Timed cues for a session following your latest plan")
def script(kb: KB, user: User, conn: Reader) -> dict[str, Any]:
    built = _latest_plan(conn, user, kb)
    return {"plan": built.to_dict(), "cues": [cue.to_dict() for cue in session_script(built)]}


def _latest_plan(conn: Connection, user_id: int, kb: Knowledge) -> Plan:
    built = current_plan(conn, user_id, kb)
    if built is None:
        raise NotFound("no assessment yet: answer the questions first", field="assessment")
    return built


@router.get("/diary", response_model=list[DiaryEntryOut])
def list_diary(user: User, conn: Reader,
               start: Annotated[Moment | None, Query(alias="from", description="Entries from this moment on")] = None,
               end: Annotated[Moment | None, Query(alias="to", description="Entries up to this moment")] = None,
               limit: Annotated[int | None, Query(ge=1, le=1000, description="At most this many entries (a page)")] = None,
               offset: Annotated[int, Query(ge=0, le=MAX_ID, description="Skip this many entries first")] = 0,
               ) -> list[dict[str, Any]]:
    """Your diary entries, oldest first; `limit` and `offset` read it a page at a time."""
    return diary.list_entries(conn, user, start, end, limit, offset)


@router.post("/diary", status_code=201, response_model=DiaryEntryOut)
async def create_diary(entry: DiaryEntryIn, user: User, request: Request) -> dict[str, Any]:
    new = diary.NewEntry(**{**entry.model_dump(), "recorded_at": entry.recorded_at or utc_now()})
    return await write_async(engine_of(request), lambda conn: diary.add_entry(conn, user, new))  # after the commit


@router.get("/diary/{entry_id}", response_model=DiaryEntryOut)
def get_diary(entry_id: EntryId, user: User, conn: Reader) -> dict[str, Any]:
    return diary.get_entry(conn, user, entry_id)


@router.patch("/diary/{entry_id}", response_model=DiaryEntryOut)
async def update_diary(entry_id: EntryId, changes: DiaryEntryPatch, user: User, request: Request) -> dict[str, Any]:
    values = changes.model_dump(exclude_unset=True)  # pain, note and recorded_at cannot be null (the schema says so)
    return await write_async(engine_of(request), lambda conn: diary.update_entry(conn, user, entry_id, values))


@router.delete("/diary/{entry_id}", status_code=204)
async def delete_diary(entry_id: EntryId, user: User, request: Request) -> Response:
    await write_async(engine_of(request), lambda conn: diary.delete_entry(conn, user, entry_id))
    return Response(status_code=204)


@router.get("/sessions", response_model=list[SessionOut])
def list_sessions(user: User, conn: Reader) -> list[dict[str, Any]]:
    return sessions.list_sessions(conn, user)


@router.post("/sessions", status_code=201, response_model=SessionOut)
async def create_session(record: SessionIn, user: User, request: Request, kb: KB) -> dict[str, Any]:
    if not record.completed and record.stop_reason is None:
        raise InvalidInput(f"is required when completed is false: {', '.join(kb.stop_reasons)}", field="stop_reason")
    given = build_plan(parse_answers(record.answers.model_dump(), kb), kb) if record.answers is not None else None

    def save(conn: Connection) -> dict[str, Any]:  # in the writer: the latest plan is read in the same transaction
        plan_data = (given or _latest_plan(conn, user, kb)).to_dict()
        new = sessions.NewSession(
            started_at=record.started_at, ended_at=max(record.ended_at, record.started_at), plan=plan_data,
            steps_done=[step.model_dump() for step in record.steps_done], pain_before=record.pain_before,
            pain_after=record.pain_after, completed=record.completed, stop_reason=record.stop_reason,
            demo=record.demo, client_id=record.client_id)
        return sessions.add_session(conn, user, new)

    return await write_async(engine_of(request), save)


@router.get("/summary")
def summary(user: User, conn: Reader, kb: KB,
            today: Annotated[Day | None, Query(description=TODAY_HELP)] = None) -> dict[str, Any]:
    data = user_summary(conn, user, person_today(conn, user, today), kb)
    change = data["change"]
    return {
        "last_pain": data["last_entry"]["pain"] if data["last_entry"] else None,
        "change": as_dict(change) if change else None,
        "adherence": as_dict(data["adherence"]),
        "entries": data["entry_count"],
        "sessions": data["session_count"],
    }


@router.get("/export", summary="Everything stored about you, as JSON")
def export_everything(user: User, conn: Reader) -> dict[str, Any]:
    return everything(conn, user)


@router.get("/export.fhir.json", summary="Your records as a FHIR R4 Bundle: pain, PEG and activity checks, plan, sessions",
            response_class=Response, responses={200: {"content": {"application/fhir+json": {}}}})
def export_fhir(user: User, conn: Reader, kb: KB) -> Response:
    bundle = records_bundle(conn, user, kb)
    headers = {"content-disposition": 'attachment; filename="acupress-records.fhir.json"'}
    return Response(json.dumps(bundle), media_type="application/fhir+json", headers=headers)


@router.delete("/me/data", status_code=204, summary="Delete all your answers, diary entries and sessions")
async def delete_my_data(user: User, request: Request) -> Response:
    await write_async(engine_of(request), lambda conn: delete_user_data(conn, user))
    return Response(status_code=204)


@router.get("/reminders.ics", summary="Daily calendar reminders for your plan (iCalendar)",
            response_class=Response, responses={200: {"content": {"text/calendar": {}}}})
def reminders(user: User, conn: Reader, kb: KB,
              at: Annotated[TimeOfDay, Query(alias="time", description="Your local time of day")] = "08:00",
              today: Annotated[Day | None, Query(description=TODAY_HELP)] = None) -> Response:
    when = parse_time_of_day(at)
    built = _latest_plan(conn, user, kb)
    ics = reminders_ics(built, person_today(conn, user, today), when)
    headers = {"content-disposition": 'attachment; filename="acupress-reminders.ics"'}
    return Response(ics, media_type="text/calendar; charset=utf-8", headers=headers)
