"""The questions (assessment) pages: one long form, shown a screen at a time by static/assess.js.

What each answer means is decided by the core (`build_plan`, `triage_flags`),
as for the CLI and the API; this module reads the form and says what to show.
"""

from __future__ import annotations

import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from acupress.core.answers import parse_answers
from acupress.core.model import Knowledge, RedFlag
from acupress.core.plan import Plan, build_plan
from acupress.core.triage import triage_flags
from acupress.errors import InvalidInput
from acupress.storage.assessments import latest_assessment, save_assessment
from acupress.storage.db import reading
from acupress.storage.writes import write
from acupress.web import assessment, words
from acupress.web.deps import current_user_id, engine_of, kb_of
from acupress.web.forms import FormProblems, answers_from_form, emergency_signs, with_signs
from acupress.web.rendering import render, templates

router = APIRouter(include_in_schema=False)
templates.env.globals["clearance_offered"] = assessment.clearance_offered
KB = Annotated[Knowledge, Depends(kb_of)]
User = Annotated[int, Depends(current_user_id)]


@router.get("/assess")
def assess_form(request: Request, kb: KB) -> HTMLResponse:
    return render(request, "assess.html", **assessment.page_context(kb, {}, {}))


@router.post("/assess")
async def assess_submit(request: Request, kb: KB, user: User) -> Response:
    form = await request.form()
    try:
        answers = answers_from_form(form, kb)
        built = build_plan(parse_answers(answers, kb), kb)
    except InvalidInput as error:
        signs = emergency_signs(form, kb)
        if signs:  # help now matters more than the answers still missing
            return _stopped_at_once(request, kb, user, signs)
        problems = error.problems if isinstance(error, FormProblems) else {error.field or "answers": str(words.page_error(error))}
        context = assessment.page_context(kb, assessment.form_values(form), problems)
        return render(request, "assess.html", status_code=422, **context)
    signs = emergency_signs(form, kb)
    if signs and built.triage.level != "emergency":
        # A sign ticked on a screen the other answers would skip (a pregnancy sign, then "not pregnant"):
        # help now still comes first; acupress never guesses which answer was the mistake.
        return _stopped_at_once(request, kb, user, signs)
    return _saved(request, user, answers, built)


@router.post("/assess/cleared")
async def assess_cleared(request: Request, kb: KB, user: User) -> Response:
    """The stop page's "a clinician has already checked this": the latest answers again, cleared."""
    with reading(engine_of(request)) as conn:
        latest = latest_assessment(conn, user)
    if latest is None:
        return RedirectResponse("/assess", status_code=303)
    if not assessment.clearance_offered(build_plan(parse_answers(latest["answers"], kb), kb).triage.to_dict(), kb):
        return RedirectResponse("/plan", status_code=303)  # nothing a clinician's go-ahead could lift
    answers = {**latest["answers"], "clinician_cleared": True}
    return _saved(request, user, answers, build_plan(parse_answers(answers, kb), kb))


def _stopped_at_once(request: Request, kb: Knowledge, user: int, signs: list[RedFlag]) -> Response:
    """The emergency screen before every question is answered.

    Earlier answers, if any, are saved again with the new signs, so that the
    plan and the session stop too until the questions are answered afresh.
    """
    with reading(engine_of(request)) as conn:
        latest = latest_assessment(conn, user)
    if latest is not None:
        answers = with_signs(latest["answers"], signs)
        with contextlib.suppress(InvalidInput):  # answers from an older knowledge base: show the stop unsaved
            return _saved(request, user, answers, build_plan(parse_answers(answers, kb), kb))
    stop = triage_flags(signs, False, kb)
    return render(request, "stop.html", plan={"triage": stop.to_dict()}, title=stop.title)


def _saved(request: Request, user: int, answers: dict[str, Any], built: Plan) -> Response:
    write(engine_of(request), lambda conn: save_assessment(conn, user, answers, built.triage.level))
    if not built.triage.allows_self_care:
        return render(request, "stop.html", plan=built.to_dict(), title=built.triage.title)
    return RedirectResponse("/plan", status_code=303)
