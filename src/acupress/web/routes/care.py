"""The patient's side of care: join a practitioner with their invite code, see who follows you, unlink.

Unlinking ends the practitioner's access at once (every page they open checks
the link) and ends the program they prescribed: your plan goes back to the
self-care plan for your answers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from acupress.core.model import Knowledge
from acupress.errors import AcupressError, InvalidInput
from acupress.services import care
from acupress.services.logins import Account
from acupress.services.plans import current_prescription
from acupress.storage.db import reading
from acupress.web.auth import client_address
from acupress.web.deps import current_account, engine_of, kb_of
from acupress.web.rendering import render

router = APIRouter(include_in_schema=False)
SignedIn = Annotated[Account, Depends(current_account)]
KB = Annotated[Knowledge, Depends(kb_of)]


def _page(request: Request, account: Account, kb: Knowledge, status_code: int = 200, **context: Any) -> HTMLResponse:
    engine = engine_of(request)
    with reading(engine) as conn:
        prescription = current_prescription(conn, account.id, kb, datetime.now(UTC).date())
    context.setdefault("values", {})
    return render(request, "care.html", status_code=status_code, title="Your practitioners",
                  practitioners=care.practitioners_of(engine, account.id), prescription=prescription, **context)


@router.get("/care")
def care_page(request: Request, account: SignedIn, kb: KB) -> HTMLResponse:
    flash = None
    if "joined" in request.query_params:
        flash = "You are linked: the practitioner below can now see your answers, diary and sessions."
    elif "unlinked" in request.query_params:
        flash = "Unlinked: that practitioner can no longer see anything of yours."
    return _page(request, account, kb, flash=flash, values={"code": request.query_params.get("code", "")[:20]})


@router.post("/care/join")
async def join(request: Request, account: SignedIn, kb: KB) -> Response:
    form = await request.form()
    try:
        care.join(engine_of(request), account, str(form.get("code") or ""), client_address(request), datetime.now(UTC))
    except AcupressError as error:
        return _page(request, account, kb, status_code=error.http_status, error=error,
                     values={"code": str(form.get("code") or "")[:20]})
    return RedirectResponse("/care?joined=1", status_code=303)


@router.post("/care/unlink")
async def unlink(request: Request, account: SignedIn, kb: KB) -> Response:
    form = await request.form()
    try:
        practitioner_id = int(str(form.get("practitioner_id") or ""))
        care.unlink(engine_of(request), account, practitioner_id)
    except ValueError:
        return _page(request, account, kb, status_code=422, error=InvalidInput("choose whom to unlink", field="practitioner_id"))
    except AcupressError as error:
        return _page(request, account, kb, status_code=error.http_status, error=error)
    return RedirectResponse("/care?unlinked=1", status_code=303)
