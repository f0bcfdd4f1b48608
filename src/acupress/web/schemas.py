"""API schemas (pydantic): the shapes of the HTTP API, separate from domain types."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, StrictInt, create_model

from acupress.core.answers import AnswerField, answer_fields
from acupress.core.inputs import MAX_NOTE, check_moment, check_note
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.knowledge import load_knowledge


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


def _answer_type(field: AnswerField) -> tuple[Any, Any]:
    """(type, default) of one answer key, from the core's description of it."""
    described = Field(description=field.description)
    if field.kind == "integer":
        ranged = Annotated[StrictInt, Field(ge=field.minimum, le=field.maximum, description=field.description)]
        return (ranged, ...) if field.required else (ranged | None, None)
    if field.kind == "boolean":
        return Annotated[StrictBool, described], False
    allowed: Any = Literal[field.choices] if field.choices else str  # type: ignore[valid-type]
    if field.kind == "id_list":
        return Annotated[list[allowed], described], Field(default_factory=list)
    return Annotated[allowed | None if field.nullable else allowed, described], None


def answers_model(kb: Knowledge) -> type[BaseModel]:
    """The answers object (`acupress plan --answers FILE`), built from core.answers.answer_fields:
    a key added there appears here, in the API's validation and in its OpenAPI description."""
    config = ConfigDict(extra="forbid", strict=True,
                        json_schema_extra={"example": {"age": 45, "pain_now": 8, "pain_started_days_ago": 3}})
    fields = {field.key: _answer_type(field) for field in answer_fields(kb)}
    doc = "The answers a plan is built from: the same object as `acupress plan --answers FILE`."
    model: type[BaseModel] = create_model("AnswersIn", __config__=config, __doc__=doc, **fields)
    return model


AnswersIn = answers_model(load_knowledge())


class DiaryEntryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pain: StrictInt = Field(ge=0, le=10, description="Pain now, 0 (none) to 10 (worst imaginable)")
    recorded_at: Moment | None = Field(None, description="ISO 8601 with a UTC offset; default: now")
    peg_pain: StrictInt | None = Field(None, ge=0, le=10)
    peg_enjoyment: StrictInt | None = Field(None, ge=0, le=10)
    peg_activity: StrictInt | None = Field(None, ge=0, le=10)
    note: Note = ""


class DiaryEntryPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pain: StrictInt | None = Field(None, ge=0, le=10)
    recorded_at: Moment | None = None
    peg_pain: StrictInt | None = Field(None, ge=0, le=10)
    peg_enjoyment: StrictInt | None = Field(None, ge=0, le=10)
    peg_activity: StrictInt | None = Field(None, ge=0, le=10)
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


class StepDone(BaseModel):
    model_config = ConfigDict(extra="forbid")
    step_id: str = Field(min_length=1, max_length=40)
    side: Literal["left", "right"] | None = None
    seconds: StrictInt = Field(ge=0, le=7200)


class SessionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    started_at: Moment
    ended_at: Moment
    answers: AnswersIn | None = Field(None, description="Answers the plan was built from; default: your latest assessment")  # type: ignore[valid-type]
    steps_done: list[StepDone] = Field(default_factory=list, max_length=100)
    pain_before: StrictInt | None = Field(None, ge=0, le=10)
    pain_after: StrictInt | None = Field(None, ge=0, le=10)
    completed: StrictBool
    stop_reason: Literal["pain_increased", "spasm", "interrupted"] | None = None


class SessionOut(BaseModel):
    id: int
    started_at: datetime
    ended_at: datetime
    steps_done: list[dict[str, Any]]
    pain_before: int | None
    pain_after: int | None
    completed: bool
    stop_reason: str | None


class ErrorOut(BaseModel):
    error: str
    field: str | None
    message: str
