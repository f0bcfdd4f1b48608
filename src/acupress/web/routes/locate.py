"""The point locator on the web: an upload endpoint and a page with a live camera."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from acupress.core.hand_side import SIDE_RULE
from acupress.core.locate import parse_mark
from acupress.core.model import Knowledge
from acupress.errors import AcupressError, Busy, InvalidInput
from acupress.web.deps import kb_of
from acupress.web.openapi import error_responses
from acupress.web.rendering import render
from acupress.web.routes import marks

router = APIRouter()
router.include_router(marks.router)
KB = Annotated[Knowledge, Depends(kb_of)]
RUNNING, WAITING = 2, 2  # photos worked on at once (MediaPipe runs one at a time anyway), and queued behind them


class LocatorSlots:
    """Bounds the locator's memory and CPU: a few photos at once, a short queue, then 503 with Retry-After."""

    def __init__(self, running: int = RUNNING, waiting: int = WAITING) -> None:
        self.semaphore = asyncio.Semaphore(running)
        self.limit, self.inside = running + waiting, 0

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        if self.inside >= self.limit:
            raise Busy("the photo locator is busy with other photos; nothing was done, try again in a few seconds",
                       field="photo", retry_after_seconds=5)
        self.inside += 1
        try:
            async with self.semaphore:
                yield
        finally:
            self.inside -= 1


def _slots(request: Request) -> LocatorSlots:
    if not hasattr(request.app.state, "locator_slots"):
        request.app.state.locator_slots = LocatorSlots()
    slots: LocatorSlots = request.app.state.locator_slots
    return slots


async def _run_locator(slots: LocatorSlots, photo: UploadFile, kb: Knowledge, point: str, ankle_bone: str | None,
                       tendon: str | None, side: str | None, annotated: bool) -> tuple[dict[str, Any], bytes | None]:
    from acupress.vision import require_vision

    require_vision()
    from acupress.vision.drawing import annotate
    from acupress.vision.image import MAX_BYTES
    from acupress.vision.locate import locate

    if side not in (None, "", "left", "right"):
        raise InvalidInput(f"must be left or right (got {side!r})", field="side")
    marks_given = (parse_mark(ankle_bone, "ankle_bone"), parse_mark(tendon, "tendon"))
    async with slots.slot():
        data = await photo.read(MAX_BYTES + 1)
        located, image = await run_in_threadpool(locate, data, kb, point, marks_given[0], marks_given[1], side or None)
        picture = await run_in_threadpool(annotate, image, located) if annotated else None
    return located.to_dict(), picture


@router.post("/api/v1/locate", tags=["locator"], summary="Find SI3 and KI3 on a photo (multipart upload)",
             responses=error_responses((501, "The photo locator is not installed on this server")))
async def locate_api(
    request: Request,
    kb: KB,
    photo: Annotated[UploadFile, File(description="JPEG or PNG, up to 25 MB")],
    point: Annotated[str, Form(description="SI3, KI3 or all")] = "all",
    ankle_bone: Annotated[str | None, Form(description="x,y of the inner ankle bone (assisted KI3)")] = None,
    tendon: Annotated[str | None, Form(description="x,y of the Achilles tendon (assisted KI3)")] = None,
    side: Annotated[str | None, Form(description="left or right (assisted KI3)")] = None,
    output: Annotated[str, Form(description="json, or png for the marked photo")] = "json",
) -> Response:
    if output not in ("json", "png"):
        raise InvalidInput(f"must be json or png (got {output!r})", field="output")
    result, picture = await _run_locator(_slots(request), photo, kb, point, ankle_bone, tendon, side, output == "png")
    if picture is not None:
        return Response(picture, media_type="image/png")
    return Response(json.dumps(result), media_type="application/json")


def _page(request: Request, kb: Knowledge, **extra: Any) -> dict[str, Any]:
    # The rules the page's scripts apply, read from the knowledge base like the Python locator's.
    rules = {"si3": kb.points["SI3"].locator, "ki3": kb.points["KI3"].locator, "sides": SIDE_RULE}
    return {"title": "Find your points", "rules": rules, "live": _live_assets_ready(request),
            "result": None, "picture": None, "error": None, **extra}


@router.get("/locate", include_in_schema=False)
def locate_page(request: Request, kb: KB) -> HTMLResponse:
    return render(request, "locate.html", **_page(request, kb))


@router.post("/locate", include_in_schema=False)
async def locate_form(request: Request, kb: KB, photo: Annotated[UploadFile, File()],
                      point: Annotated[str, Form()] = "all") -> HTMLResponse:
    """The no-JavaScript path: upload, and get the marked photo back in the page."""
    context = _page(request, kb)
    try:
        result, picture = await _run_locator(_slots(request), photo, kb, point, None, None, None, True)
        context.update(result=result, picture=base64.b64encode(picture or b"").decode())
    except AcupressError as error:
        context["error"] = error
        return render(request, "locate.html", status_code=error.http_status if error.http_status < 500 else 422, **context)
    return render(request, "locate.html", **context)


def _live_assets_ready(request: Request) -> bool:
    static = request.app.state.static_dir
    return bool((static / "vendor" / "tasks-vision" / "vision_bundle.mjs").exists()
                and (static / "vendor" / "models" / "hand_landmarker.task").exists()
                and (static / "vendor" / "models" / "hand_landmarker_live.task").exists())
