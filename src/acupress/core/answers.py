"""Answers: validation of the questionnaire answers that drive a plan.

Every error names the field and what is allowed, in one line.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from acupress.errors import InvalidInput, shorten

from .model import Knowledge
from .record import record
from .rules_used import PREGNANCY_SIGNS_GROUP

# Ages from 0: children are answered for too, and are told to see a doctor
# (red_flags.yaml, under_16) rather than refused.
INTEGER_RANGES = {
    "age": (0, 120),
    "pain_now": (0, 10),
    "pain_started_days_ago": (0, 36500),
}
BOOLEANS = ("pregnant", "clinician_cleared")
ID_LISTS = ("red_flags", "conditions")
NULLABLE_ID_LISTS = ("pregnancy_signs",)  # absent or null: not answered
OPTIONAL_TEXT = ("protocol",)
ALLOWED_KEYS = (*INTEGER_RANGES, *BOOLEANS, *ID_LISTS, *NULLABLE_ID_LISTS, *OPTIONAL_TEXT)
REQUIRED_KEYS = tuple(INTEGER_RANGES)
DESCRIPTIONS = {
    "age": "Age in whole years (under 16: no self-treatment plan, see a doctor)",
    "pain_now": "Pain right now, 0 (none) to 10 (worst imaginable)",
    "pain_started_days_ago": "How many days ago this episode of back pain started",
    "pregnant": "Currently pregnant",
    "red_flags": "Warning signs present (ids from red_flags.yaml)",
    "conditions": "Health conditions that change the plan (ids from conditions.yaml)",
    "pregnancy_signs": "Pregnancy warning signs present (ids from red_flags.yaml, group pregnancy_signs); "
                       "[] means none, absent or null means not answered",
    "clinician_cleared": "A clinician has checked the urgent warning signs and said self-care is fine",
    "protocol": "Which protocol to follow (ids from protocols.yaml); default: the everyday one",
}


@record
class AnswerField:
    """One key of the answers object, as interfaces (API schema, forms) need to describe it."""

    key: str
    kind: str  # "integer", "boolean", "id_list" or "choice"
    required: bool
    description: str
    minimum: int | None = None
    maximum: int | None = None
    choices: tuple[str, ...] = ()  # allowed ids for id_list and choice
    nullable: bool = False  # null (or absent) means "not answered"


def answer_fields(kb: Knowledge) -> tuple[AnswerField, ...]:
    """Every answer key, its type and what it allows: the one description interfaces build on."""
    fields: list[AnswerField] = []
    for key, (low, high) in INTEGER_RANGES.items():
        fields.append(AnswerField(key, "integer", True, DESCRIPTIONS[key], minimum=low, maximum=high))
    fields.extend(AnswerField(key, "boolean", False, DESCRIPTIONS[key]) for key in BOOLEANS)
    known = {"red_flags": tuple(kb.red_flags), "conditions": tuple(kb.conditions),
             "pregnancy_signs": pregnancy_sign_ids(kb)}
    fields.extend(AnswerField(key, "id_list", False, DESCRIPTIONS[key], choices=known[key]) for key in ID_LISTS)
    fields.extend(AnswerField(key, "id_list", False, DESCRIPTIONS[key], choices=known[key], nullable=True)
                  for key in NULLABLE_ID_LISTS)
    fields.append(AnswerField("protocol", "choice", False, DESCRIPTIONS["protocol"], choices=tuple(kb.protocols), nullable=True))
    return tuple(fields)


def pregnancy_sign_ids(kb: Knowledge) -> tuple[str, ...]:
    return tuple(flag.id for flag in kb.flags_in_group(PREGNANCY_SIGNS_GROUP))


@record
class Answers:
    age: int
    pain_now: int
    pain_started_days_ago: int
    pregnant: bool = False
    red_flags: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    clinician_cleared: bool = False
    protocol: str | None = None
    pregnancy_signs: tuple[str, ...] | None = None  # None: not answered

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "age": self.age,
            "pain_now": self.pain_now,
            "pain_started_days_ago": self.pain_started_days_ago,
            "pregnant": self.pregnant,
            "red_flags": list(self.red_flags),
            "conditions": list(self.conditions),
            "clinician_cleared": self.clinician_cleared,
        }
        if self.protocol is not None:
            data["protocol"] = self.protocol
        if self.pregnancy_signs is not None:
            data["pregnancy_signs"] = list(self.pregnancy_signs)
        return data


def _integer(data: Mapping[str, Any], key: str) -> int:
    low, high = INTEGER_RANGES[key]
    allowed = f"must be a whole number from {low} to {high}"
    if key not in data:
        raise InvalidInput(f"is required and {allowed}", field=key)
    value = data[key]
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        value = int(value)  # JSON has one number type: 7.0 is the whole number 7 (JSON Schema agrees)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{allowed} (got {shorten(value)})", field=key)
    if not low <= value <= high:
        raise InvalidInput(f"{allowed} (got {value})", field=key)
    return value


def _boolean(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise InvalidInput(f"must be true or false (got {shorten(value)})", field=key)
    return value


def _id_list(data: Mapping[str, Any], key: str, known: Mapping[str, object] | tuple[str, ...]) -> tuple[str, ...]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInput(f"must be a list of ids, from: {', '.join(known)}", field=key)
    for item in value:
        if item not in known:
            raise InvalidInput(f"unknown id {shorten(item)}; allowed: {', '.join(known)}", field=key)
    return tuple(dict.fromkeys(value))  # drop duplicates, keep order


def _protocol(data: Mapping[str, Any], kb: Knowledge) -> str | None:
    value = data.get("protocol")
    if value is None or (isinstance(value, str) and value in kb.protocols):
        return value
    allowed = ", ".join(kb.protocols)
    raise InvalidInput(f"unknown protocol {shorten(value)}; allowed: {allowed}", field="protocol")


def parse_answers(data: object, kb: Knowledge) -> Answers:
    """Validate a decoded JSON value and return typed answers."""
    if not isinstance(data, Mapping):
        raise InvalidInput("must be a JSON object with keys " + ", ".join(ALLOWED_KEYS), field="answers")
    unknown = [key for key in data if key not in ALLOWED_KEYS]
    if unknown:
        allowed = ", ".join(ALLOWED_KEYS)
        raise InvalidInput(f"unknown field {shorten(unknown[0])}; allowed: {allowed}", field="answers")
    return Answers(
        age=_integer(data, "age"),
        pain_now=_integer(data, "pain_now"),
        pain_started_days_ago=_integer(data, "pain_started_days_ago"),
        pregnant=_boolean(data, "pregnant"),
        red_flags=_id_list(data, "red_flags", kb.red_flags),
        conditions=_id_list(data, "conditions", kb.conditions),
        clinician_cleared=_boolean(data, "clinician_cleared"),
        protocol=_protocol(data, kb),
        pregnancy_signs=None if data.get("pregnancy_signs") is None
        else _id_list(data, "pregnancy_signs", pregnancy_sign_ids(kb)),  # only built when answered
    )
