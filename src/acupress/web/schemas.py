"""API schemas (pydantic): the shapes of the HTTP API, separate from domain types."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field

from acupress.core.inputs import MAX_NOTE, check_moment, check_note
from acupress.errors import InvalidInput
from acupress.storage.idempotent import CLIENT_ID_PATTERN


def _plausible_moment(moment: datetime) -> datetime:
    try:
        return check_moment(moment, "time")
    except InvalidInput as problem:
        raise ValueError(problem.message) from None


def _plain_text(text: str) -> str:
    try:
        return check_note(text)
    except InvalidInput as problem:
        raise ValueError(problem.message) from None


Moment = Annotated[AwareDatetime, AfterValidator(_plausible_moment)]
Note = Annotated[str, AfterValidator(_plain_text), Field(max_length=MAX_NOTE)]
ClientId = Annotated[str, Field(pattern=CLIENT_ID_PATTERN, description=(
    "An id the device makes for this record (8 to 64 letters, digits, - or _): "
    "sending the same record again, e.g. from an offline queue, saves it once"))]


def _stop_reason_ids() -> tuple[str, ...]:
    from acupress.knowledge import load_knowledge

    return tuple(load_knowledge().stop_reasons)


StopReasonId = Literal[_stop_reason_ids()]  # type: ignore[valid-type]  # the ids of knowledge/safety.yaml


class AnswersIn(BaseModel):
    """The same object as `acupress plan --answers FILE`."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"example": {"age": 45, "pain_now": 8, "pain_started_days_ago": 3}})


class DiaryEntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pain: int = Field(ge=0, le=10, description="Pain now, 0 (none) to 10 (worst imaginable)")
    recorded_at: Moment | None = Field(None, description="ISO 8601 with a UTC offset; default: now")
    peg_pain: int | None = Field(None, ge=0, le=10)
    peg_enjoyment: int | None = Field(None, ge=0, le=10)
    peg_activity: int | None = Field(None, ge=0, le=10)
    note: Note = ""
    client_id: ClientId | None = None


class DiaryEntryPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pain: int | None = Field(None, ge=0, le=10)
    recorded_at: Moment | None = None
    peg_pain: int | None = Field(None, ge=0, le=10)
    peg_enjoyment: int | None = Field(None, ge=0, le=10)
    peg_activity: int | None = Field(None, ge=0, le=10)
    note: Note | None = None


class DiaryEntryOut(BaseModel):
    id: int
    recorded_at: datetime
    pain: int
    peg_pain: int | None
    peg_enjoyment: int | None
    peg_activity: int | None
    peg_score: float | None
    note: str
    client_id: str | None = None


class StepDone(BaseModel):
    model_config = ConfigDict(extra="forbid")
    step_id: str = Field(min_length=1, max_length=40)
    side: Literal["left", "right"] | None = None
    seconds: int = Field(ge=0, le=7200)


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    started_at: Moment
    ended_at: Moment
    answers: dict[str, Any] | None = Field(None, description="Answers the plan was built from; default: your latest assessment")
    steps_done: list[StepDone] = Field(default_factory=list, max_length=100)
    pain_before: int | None = Field(None, ge=0, le=10)
    pain_after: int | None = Field(None, ge=0, le=10)
    completed: bool
    stop_reason: StopReasonId | None = None  # type: ignore[valid-type]
    demo: bool = Field(False, description="Played faster than real time: kept, but not counted as a real session")
    client_id: ClientId | None = None


class SessionOut(BaseModel):
    id: int
    started_at: datetime
    ended_at: datetime
    steps_done: list[dict[str, Any]]
    pain_before: int | None
    pain_after: int | None
    completed: bool
    stop_reason: str | None
    demo: bool = False
    client_id: str | None = None


class ErrorOut(BaseModel):
    error: str
    field: str | None
    message: str
