"""API schemas (pydantic): the shapes of the HTTP API, separate from domain types."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, WithJsonSchema, create_model
from pydantic.config import JsonDict
from pydantic.types import Strict

from acupress.core.answers import AnswerField, answer_fields
from acupress.core.model import Knowledge
from acupress.knowledge import load_knowledge
from acupress.storage.idempotent import CLIENT_ID_PATTERN
from acupress.web.formats import Moment, matches
from acupress.web.formats import NoteText as Note


def _whole(value: Any) -> Any:
    """JSON has one number type: 7.0 is the whole number 7 (JSON Schema agrees); 7.5, "7" and true are not."""
    return int(value) if isinstance(value, float) and value.is_integer() and abs(value) < 2**53 else value


def whole_number(low: int, high: int, description: str | None = None) -> Any:
    """A whole number from low to high (the bounds are placed before the validator, so the OpenAPI description shows them)."""
    return Annotated[int, Strict(), Field(ge=low, le=high, description=description), BeforeValidator(_whole)]


Score = Annotated[int, Strict(), Field(ge=0, le=10), BeforeValidator(_whole)]
Seconds = Annotated[int, Strict(), Field(ge=0, le=7200), BeforeValidator(_whole)]


def _client_id(value: object) -> object:
    text = matches(CLIENT_ID_PATTERN, value)  # the same check as the published pattern
    if text is None:
        raise ValueError("must be 8 to 64 letters, digits, - or _")
    return text


CLIENT_ID_TEXT = ("An id the device makes for this record (8 to 64 letters, digits, - or _): "
                  "sending the same record again, e.g. from an offline queue, saves it once")
ClientId = Annotated[str, BeforeValidator(_client_id),
                     WithJsonSchema({"type": "string", "pattern": CLIENT_ID_PATTERN, "description": CLIENT_ID_TEXT})]
StopReasonId = Literal[tuple(load_knowledge().stop_reasons)]  # type: ignore[valid-type]  # the ids of knowledge/safety.yaml


def _answer_type(field: AnswerField) -> tuple[Any, Any]:
    """(type, default) of one answer key, from the core's description of it."""
    described = Field(description=field.description)
    if field.kind == "integer":
        ranged = whole_number(field.minimum, field.maximum, field.description)  # type: ignore[arg-type]
        if field.required:
            return ranged, ...
        return (ranged | None, None) if field.nullable else (ranged, None)
    if field.kind == "boolean":
        return Annotated[StrictBool, described], False
    allowed: Any = Literal[field.choices] if field.choices else str
    if field.kind == "id_list" and field.nullable:  # null (or absent): not answered
        return Annotated[list[allowed] | None, described], None
    if field.kind == "id_list":
        return Annotated[list[allowed], described], Field(default_factory=list)
    return Annotated[allowed | None if field.nullable else allowed, described], None


def answers_model(kb: Knowledge) -> type[BaseModel]:
    """The answers object (`acupress plan --answers FILE`), built from core.answers.answer_fields:
    a key added there appears here, in the API's validation and in its OpenAPI description."""
    config = ConfigDict(extra="forbid", strict=True,
                        json_schema_extra={"example": {"age": 45, "pain_now": 8, "pain_started_days_ago": 3}})
    fields: dict[str, Any] = {field.key: _answer_type(field) for field in answer_fields(kb)}
    doc = "The answers a plan is built from: the same object as `acupress plan --answers FILE`."
    model: type[BaseModel] = create_model("AnswersIn", __config__=config, __doc__=doc, **fields)
    return model


AnswersIn = answers_model(load_knowledge())


class DiaryEntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pain: Score = Field(description="Pain now, 0 (none) to 10 (worst imaginable)")
    recorded_at: Moment | None = Field(None, description="When; default (or null): now")
    peg_pain: Score | None = None
    peg_enjoyment: Score | None = None
    peg_activity: Score | None = None
    note: Note = ""
    client_id: ClientId | None = None


class DiaryEntryPatch(BaseModel):
    """Only the fields sent change. pain, recorded_at and note cannot be null; PEG items can (to clear them)."""

    model_config = ConfigDict(extra="forbid")
    pain: Score = None  # type: ignore[assignment]
    recorded_at: Moment = None  # type: ignore[assignment]
    peg_pain: Score | None = None
    peg_enjoyment: Score | None = None
    peg_activity: Score | None = None
    note: Note = None  # type: ignore[assignment]


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
    seconds: Seconds


# JSON Schema can say "a session stopped early names its reason", so the description says it.
_STOPPED_EARLY_NEEDS_A_REASON: JsonDict = {
    "if": {"properties": {"completed": {"const": False}}, "required": ["completed"]},
    "then": {"required": ["stop_reason"], "properties": {"stop_reason": {"type": "string"}}},
}


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_STOPPED_EARLY_NEEDS_A_REASON)
    started_at: Moment
    ended_at: Moment = Field(description="When it ended. An end before the start (a device clock corrected "
                                         "during the session) is recorded as the start: the time worked is in steps_done.")
    answers: AnswersIn | None = Field(None, description="Answers the plan was built from; default: your latest assessment")  # type: ignore[valid-type]
    steps_done: list[StepDone] = Field(default_factory=list, max_length=100)
    pain_before: Score | None = None
    pain_after: Score | None = None
    completed: StrictBool
    stop_reason: StopReasonId | None = None  # type: ignore[valid-type]
    demo: StrictBool = Field(False, description="Played faster than real time: kept, but not counted as a real session")
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
