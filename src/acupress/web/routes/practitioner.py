"""The practitioner's pages: the dashboard of linked patients, invite codes, a page per patient, prescribing.

Every page about a patient checks, in its own database read, that the patient
is linked with this practitioner right now (services.care.linked_patient): an
unlinked or unknown patient is "not found", the same words either way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.core.prescription import INTENSITIES, POINT_SIDES
from acupress.errors import AcupressError, InvalidInput, NotFound
from acupress.services import care
from acupress.services.dashboard import SORTS, dashboard, patient_detail
from acupress.services.logins import Account
from acupress.services.plans import current_prescription
from acupress.services.report import person_report
from acupress.services.summary import timeline
from acupress.services.today import person_now
from acupress.storage import care as care_store
from acupress.web.chart import pain_chart_svg
from acupress.web.deps import current_practitioner, engine_of, kb_of, read_conn
from acupress.web.forms import refuse_conflicts
from acupress.web.prescription_form import form_field, form_values, program_from_form, step_choices
from acupress.web.rendering import render
from acupress.web.report_render import pdf_download, report_figures

router = APIRouter(prefix="/practitioner", include_in_schema=False)
Practitioner = Annotated[Account, Depends(current_practitioner)]
KB = Annotated[Knowledge, Depends(kb_of)]
Reader = Annotated[Connection, Depends(read_conn)]
PatientId = Annotated[int, Path(ge=1, le=2_147_483_647)]
InviteId = Annotated[int, Path(ge=1, le=2_147_483_647)]
From = Annotated[str | None, Query(alias="from", description="First day, YYYY-MM-DD")]
To = Annotated[str | None, Query(alias="to", description="Last day, YYYY-MM-DD")]


def _dashboard(request: Request, practitioner: Account, kb: Knowledge, conn: Connection, status_code: int = 200,
               **context: Any) -> HTMLResponse:
    sort = request.query_params.get("sort", "name")
    descending = request.query_params.get("order") == "desc"
    rows = dashboard(conn, practitioner.id, kb, sort if sort in SORTS else "name", descending)
    return render(request, "practitioner.html", status_code=status_code, title="Your patients", rows=rows,
                  sort=sort, descending=descending, invites=care_store.list_invites(conn, practitioner.id),
                  now=datetime.now(UTC), values={}, **context)


@router.get("")
def dashboard_page(request: Request, practitioner: Practitioner, kb: KB, conn: Reader) -> HTMLResponse:
    return _dashboard(request, practitioner, kb, conn)


@router.post("/invites")
async def new_invite(request: Request, practitioner: Practitioner, kb: KB, conn: Reader) -> Response:
    form = await request.form()
    try:
        code, expires = care.create_invite(engine_of(request), practitioner, str(form.get("label") or ""), datetime.now(UTC))
    except AcupressError as error:
        return _dashboard(request, practitioner, kb, conn, status_code=error.http_status, error=error)
    # Shown once, here: only the code's hash is kept. (The page's reads start after the invite's commit.)
    return _dashboard(request, practitioner, kb, conn, new_code=code, new_code_expires=expires)


@router.post("/invites/{invite_id}/cancel")
def cancel_invite(request: Request, invite_id: InviteId, practitioner: Practitioner) -> Response:
    care.cancel_invite(engine_of(request), practitioner, invite_id)
    return RedirectResponse("/practitioner?cancelled=1#invites", status_code=303)


def _linked(patient_id: PatientId, practitioner: Practitioner, conn: Reader) -> dict[str, Any] | None:
    """The patient when linked with this practitioner right now, else None (every page then says "not found")."""
    try:
        return care.linked_patient(conn, practitioner, patient_id)
    except NotFound:
        return None


Linked = Annotated[dict[str, Any] | None, Depends(_linked)]


def _not_linked(request: Request) -> HTMLResponse:
    return render(request, "error.html", status_code=404, title="Not found", message=(
        "There is no patient of yours here. They may have unlinked: only patients who are linked with you now "
        "can be seen."))


@router.get("/patients/{patient_id}")
def patient_page(request: Request, patient: Linked, practitioner: Practitioner, kb: KB, conn: Reader) -> HTMLResponse:
    if patient is None:
        return _not_linked(request)
    detail = patient_detail(conn, patient, kb, practitioner.id)
    entries, sessions = detail.pop("entries"), detail.pop("sessions")
    flash = "Saved: the program is now this patient's plan." if request.query_params.get("saved") else None
    chart = pain_chart_svg(entries, sessions, detail["now"], diary_start=detail["summary"]["first_record_day"])
    return render(request, "patient.html", title=patient["display_name"], patient=patient, flash=flash, **detail,
                  chart=chart, timeline=timeline(conn, patient["id"], limit=30))


@router.get("/patients/{patient_id}/report")
def patient_report(request: Request, patient: Linked, kb: KB, conn: Reader, start: From = None,
                   end: To = None) -> Response:
    """The patient's progress report, as they would see it; only while they are linked with this practitioner."""
    if patient is None:
        return _not_linked(request)
    try:
        report = person_report(conn, patient["id"], kb, start, end, name=patient["display_name"])
    except InvalidInput as error:
        return render(request, "error.html", status_code=422, message=str(error), title="Report")
    return render(request, "report.html", report=report, title=f"Report: {patient['display_name']}",
                  report_base=f"/practitioner/patients/{patient['id']}/report", **report_figures(report))


@router.get("/patients/{patient_id}/report.pdf")
def patient_report_pdf(request: Request, patient: Linked, kb: KB, conn: Reader, start: From = None,
                       end: To = None) -> Response:
    if patient is None:
        return _not_linked(request)
    return pdf_download(person_report(conn, patient["id"], kb, start, end, name=patient["display_name"]))


def _prescribe_form(request: Request, patient: dict[str, Any], kb: Knowledge, values: dict[str, str],
                    status_code: int = 200, error: AcupressError | None = None) -> HTMLResponse:
    return render(request, "prescribe.html", status_code=status_code, title=f"A program for {patient['display_name']}",
                  patient=patient, values=values, error=error, choices=step_choices(kb), intensities=INTENSITIES,
                  sides=POINT_SIDES, frequency_words={key: f.text for key, f in kb.frequencies.items()},
                  protocol_words={"": "No: the steps above", **{key: p.name for key, p in kb.protocols.items()}})


@router.get("/patients/{patient_id}/prescribe")
def prescribe_page(request: Request, patient_id: PatientId, patient: Linked, practitioner: Practitioner, kb: KB,
                  conn: Reader) -> HTMLResponse:
    if patient is None:
        return _not_linked(request)
    current = current_prescription(conn, patient_id, kb, practitioner_id=practitioner.id)
    today = person_now(conn, patient_id).date().isoformat()
    return _prescribe_form(request, patient, kb, form_values(current, kb, today))


@router.post("/patients/{patient_id}/prescribe")
async def prescribe(request: Request, patient_id: PatientId, patient: Linked, practitioner: Practitioner, kb: KB) -> Response:
    if patient is None:
        return _not_linked(request)
    raw = await request.form()
    form = {key: str(value) for key, value in raw.items()}
    chosen: list[str] = []
    try:
        refuse_conflicts(raw)  # intensity_SI3=gentle&intensity_SI3=strong is refused, not guessed
        program, chosen = program_from_form(form, kb)
        care.prescribe(engine_of(request), practitioner, patient_id, program, kb, datetime.now(UTC))
    except InvalidInput as error:
        return _prescribe_form(request, patient, kb, form, status_code=422, error=form_field(error, chosen))
    except NotFound:  # unlinked while the form was open
        return _not_linked(request)
    return RedirectResponse(f"/practitioner/patients/{patient_id}?saved=1#plan", status_code=303)
