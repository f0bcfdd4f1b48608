"""The activity check (PSFS) in the JSON API: `GET|POST /api/v1/function-checks`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.services.function_checks import check_ratings
from acupress.storage.function_checks import NewFunctionCheck, add_function_check, list_function_checks
from acupress.storage.writes import write
from acupress.web.deps import current_user_id, engine_of, kb_of, read_conn
from acupress.web.schemas import ClientId, ErrorOut, Moment

router = APIRouter(prefix="/api/v1", responses={code: {"model": ErrorOut} for code in (403, 422)})


class Rating(BaseModel):
    model_config = ConfigDict(extra="forbid")
    activity: str = Field(min_length=1, max_length=80, description="An everyday activity the back pain makes hard")
    ability: int = Field(ge=0, le=10, description="How well it can be done today: 0 not at all, 10 as before")


class FunctionCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ratings: list[Rating] = Field(min_length=1, max_length=5)
    recorded_at: Moment | None = Field(None, description="ISO 8601 with a UTC offset; default: now")
    client_id: ClientId | None = None


class FunctionCheckOut(BaseModel):
    id: int
    recorded_at: datetime
    ratings: list[Rating]
    score: float = Field(description="The mean of the ratings (Patient-Specific Functional Scale)")
    client_id: str | None


@router.get("/function-checks", response_model=list[FunctionCheckOut], summary="Your activity checks (PSFS), oldest first")
def list_checks(user: Annotated[int, Depends(current_user_id)],
                conn: Annotated[Connection, Depends(read_conn)]) -> list[dict[str, Any]]:
    return list_function_checks(conn, user)


@router.post("/function-checks", status_code=201, response_model=FunctionCheckOut,
             summary="Save an activity check (PSFS): up to five activities, each rated 0-10")
def create_check(check: FunctionCheckIn, request: Request, user: Annotated[int, Depends(current_user_id)],
                 kb: Annotated[Knowledge, Depends(kb_of)]) -> dict[str, Any]:
    ratings = check_ratings([r.model_dump() for r in check.ratings], kb)  # names each activity once
    new = NewFunctionCheck(recorded_at=check.recorded_at or datetime.now(UTC), ratings=ratings, client_id=check.client_id)
    return write(engine_of(request), lambda conn: add_function_check(conn, user, new))
