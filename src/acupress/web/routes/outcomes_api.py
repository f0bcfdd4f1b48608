"""The activity check (PSFS) in the JSON API: `GET|POST /api/v1/function-checks`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema
from sqlalchemy.engine import Connection

from acupress.core.model import Knowledge
from acupress.services.function_checks import check_ratings
from acupress.storage.function_checks import NewFunctionCheck, add_function_check, list_function_checks
from acupress.storage.writes import write
from acupress.web.deps import current_user_id, engine_of, kb_of, read_conn
from acupress.web.formats import Moment, matches
from acupress.web.jsonbody import StrictJSONRoute
from acupress.web.openapi import error_responses
from acupress.web.schemas import ClientId, Score

router = APIRouter(prefix="/api/v1", responses=error_responses(), route_class=StrictJSONRoute)
# An activity's name: 1 to 80 characters, no control characters, no space at either end (the same rule as
# services.function_checks, published as a pattern so the description says what the server takes).
NAME_PATTERN = "^[^\\x00-\\x20](?:[^\\x00-\\x1f]{0,78}[^\\x00-\\x20])?$"
RATINGS_SCHEMA = {
    "type": "object", "minProperties": 1, "maxProperties": 5,
    "propertyNames": {"type": "string", "pattern": NAME_PATTERN, "maxLength": 80},
    "additionalProperties": {"type": "integer", "minimum": 0, "maximum": 10},
    "description": "Up to five everyday activities the back pain makes hard, each with how well it can be done today: "
                   "0 not at all, 10 as well as before the back problem. Each name once.",
    "examples": [{"Putting on socks": 3, "Carrying shopping": 4}],
}


def _ratings(value: object) -> object:
    if isinstance(value, dict) and not all(matches(NAME_PATTERN, name) == name for name in value):
        raise ValueError("each activity's name must be 1 to 80 characters on one line, without spaces at either end")
    return value


class FunctionCheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ratings: Annotated[dict[str, Score], BeforeValidator(_ratings), Field(min_length=1, max_length=5),
                       WithJsonSchema(RATINGS_SCHEMA)]
    recorded_at: Moment | None = Field(None, description="ISO 8601 with a UTC offset; default: now")
    client_id: ClientId | None = None


class Rating(BaseModel):
    activity: str
    ability: int


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
    ratings = check_ratings([{"activity": name, "ability": value} for name, value in check.ratings.items()], kb)
    new = NewFunctionCheck(recorded_at=check.recorded_at or datetime.now(UTC), ratings=ratings, client_id=check.client_id)
    return write(engine_of(request), lambda conn: add_function_check(conn, user, new))
