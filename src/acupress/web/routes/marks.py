"""The spots a person confirmed by touch: saved per point and side, shown on later photos and diagrams.

A spot is stored relative to landmarks (`along`, `outward`: see
core.locate.Frame), so the page can place it on any later photo or camera
frame. For the session diagrams the API also says where it falls on the
drawing: the drawn textbook point moved by the person's difference from the
rule, in the drawing's own frame.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.engine import Connection

from acupress.core.locate import Frame
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput, NotFound
from acupress.storage import marks
from acupress.storage.writes import write
from acupress.web.deps import current_user_id, engine_of, kb_of, read_conn
from acupress.web.jsonbody import StrictJSONRoute
from acupress.web.openapi import error_responses

router = APIRouter(prefix="/api/v1", tags=["locator"], responses=error_responses(), route_class=StrictJSONRoute)
KB = Annotated[Knowledge, Depends(kb_of)]
User = Annotated[int, Depends(current_user_id)]
Reader = Annotated[Connection, Depends(read_conn)]
PointId = Annotated[str, Path(max_length=20, description="A point the locator finds: SI3 or KI3")]
Side = Annotated[str, Path(max_length=10, description="left or right")]

# Each diagram's frame (templates/diagrams/*.svg, viewBox 320x220): the drawn point, the
# drawing's directions for "along" and "outward", and its size unit. The SI3 drawing looks
# at the little-finger edge, so "outward" (off that edge) is drawn as down, toward the crease.
DIAGRAMS = {
    "SI3": Frame((184.0, 132.0), (-1.0, 0.0), (0.0, 1.0), 160.0),
    "KI3": Frame((104.0, 112.0), (-0.987, -0.161), (0.161, -0.987), 93.0),
}
VIEW = (320.0, 220.0)


class MarkIn(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)  # "0.5" and true are not numbers
    along: float = Field(ge=-2, le=2, description="Toward the wrist (SI3) or the tendon (KI3), in sizes of the body part")
    outward: float = Field(ge=-2, le=2, description="Out to the little-finger edge (SI3), in sizes of the body part")


def _rule(kb: Knowledge, point_id: str) -> tuple[float, float]:
    """The rule's own position in the frame the marks use."""
    locator = kb.points[point_id].locator
    if locator["method"] == "hand_landmarks":
        return (float(locator["along"]), float(locator["outward"]))
    return (float(locator["assisted_fraction"]), 0.0)


def _checked(kb: Knowledge, point_id: str, side: str) -> str:
    point = kb.points.get(point_id.upper())
    if point is None or not point.locator:
        known = ", ".join(p.id for p in kb.points.values() if p.locator)
        raise NotFound(f"acupress keeps spots only for points it can find on a photo: {known} (got {point_id!r})",
                       field="point_id")
    if side not in ("left", "right"):
        raise InvalidInput(f"must be left or right (got {side!r})", field="side")
    return point.id


def _shown(kb: Knowledge, mark: dict[str, Any]) -> dict[str, Any]:
    drawn = DIAGRAMS.get(mark["point_id"])
    diagram = None
    if drawn is not None:
        rule_along, rule_outward = _rule(kb, mark["point_id"])
        x, y = drawn.place(mark["along"] - rule_along, mark["outward"] - rule_outward)
        diagram = {"x": round(min(max(x, 0.0), VIEW[0]), 1), "y": round(min(max(y, 0.0), VIEW[1]), 1)}
    return {**mark, "confirmed_at": mark["confirmed_at"].isoformat(), "diagram": diagram}


@router.get("/marks", summary="The spots you confirmed by touch, per point and side")
def list_marks(kb: KB, user: User, conn: Reader) -> dict[str, Any]:
    return {"marks": [_shown(kb, mark) for mark in marks.list_marks(conn, user) if mark["point_id"] in kb.points]}


@router.put("/marks/{point_id}/{side}", summary="Save the spot you found, relative to your hand or ankle")
def save_mark(point_id: PointId, side: Side, mark: MarkIn, kb: KB, user: User, request: Request) -> dict[str, Any]:
    point = _checked(kb, point_id, side)
    if not (math.isfinite(mark.along) and math.isfinite(mark.outward)):
        raise InvalidInput("must be finite numbers", field="along")
    saved = write(engine_of(request), lambda conn: marks.save_mark(conn, user, point, side, mark.along, mark.outward))
    return _shown(kb, saved)


@router.delete("/marks/{point_id}/{side}", status_code=204, summary="Forget a saved spot")
def delete_mark(point_id: PointId, side: Side, kb: KB, user: User, request: Request) -> Response:
    point = _checked(kb, point_id, side)
    write(engine_of(request), lambda conn: marks.delete_mark(conn, user, point, side))
    return Response(status_code=204)
