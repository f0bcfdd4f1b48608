"""A practitioner's prescription: a home program of steps from the knowledge base, or a protocol.

The plan builder takes a prescription's steps in place of a protocol's and
puts them through the same limits as a self-care plan (core/steps.py): triage
first, then every caution, cleared warning sign and schedule cap. A
prescription can ask for anything the knowledge base describes; what the
person's answers rule out is capped or left out, with the reason shown.

The format (JSON, as stored and as the API takes it):
  {"steps": [{"step": "SI3", "intensity": "moderate", "minutes": 2, "sides": "both",
              "frequency": "daily", "variant": null}, ...],   # or "protocol": "trial_6_weeks"
   "start_date": "2026-11-26", "weeks": 6, "notes": "..."}
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from acupress.errors import InvalidInput, shorten

from .model import INTENSITY_ORDER, Knowledge, ProtocolStep
from .record import record

MAX_STEPS = 8
MINUTES = (0.5, 30.0)
MAX_WEEKS = 52
MAX_NOTES = 2000
INTENSITIES = (*INTENSITY_ORDER, "by_pain")
POINT_SIDES = ("both", "left", "right")
PRESCRIBED_RULE = "prescribed_step"


@record
class PrescribedStep:
    step: str
    intensity: str  # an Intensity, or "by_pain"
    minutes: float
    frequency: str
    sides: str | None = None  # points: both, left or right; techniques: None
    variant: str | None = None  # techniques only

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.step, "intensity": self.intensity, "minutes": self.minutes, "frequency": self.frequency,
                "sides": self.sides, "variant": self.variant}


@record
class Prescription:
    prescriber: str  # the practitioner's name, as the patient sees it
    start_date: date
    weeks: int | None
    notes: str
    steps: tuple[PrescribedStep, ...] = ()
    protocol: str | None = None  # a protocol id, used in place of steps

    @property
    def ends_on(self) -> date | None:
        return None if self.weeks is None else self.start_date + timedelta(weeks=self.weeks)

    def program(self) -> dict[str, Any]:
        """The stored format (everything but the prescriber, who is the account that prescribed)."""
        return {"steps": [step.to_dict() for step in self.steps], "protocol": self.protocol,
                "start_date": self.start_date.isoformat(), "weeks": self.weeks, "notes": self.notes}

    def to_dict(self) -> dict[str, Any]:
        ends = self.ends_on
        return {"prescriber": self.prescriber, **self.program(), "ends_on": ends.isoformat() if ends else None}


def prescribable_steps(kb: Knowledge) -> tuple[str, ...]:
    """Steps a program may contain: points with a self-care technique, and techniques."""
    return (*(p.id for p in kb.points.values() if p.technique is not None and p.evidence is not None), *kb.techniques)


def parse_prescription(data: object, kb: Knowledge, prescriber: str) -> Prescription:
    """Validate a program (the format above); every error names its field in one line."""
    if not isinstance(data, Mapping):
        raise InvalidInput("must be an object with steps or protocol, start_date, weeks and notes", field="prescription")
    unknown = [key for key in data if key not in ("steps", "protocol", "start_date", "weeks", "notes")]
    if unknown:
        raise InvalidInput(f"unknown field {shorten(unknown[0])}; allowed: steps, protocol, start_date, weeks, notes",
                           field="prescription")
    protocol = data.get("protocol")
    steps = data.get("steps") or []
    if protocol is not None and protocol not in kb.protocols:
        raise InvalidInput(f"unknown protocol {shorten(protocol)}; allowed: {', '.join(kb.protocols)}", field="protocol")
    if (protocol is None) == (not steps):
        raise InvalidInput("give either steps or a protocol (one of them, not both)", field="steps")
    if not isinstance(steps, list) or len(steps) > MAX_STEPS:
        raise InvalidInput(f"must be a list of 1 to {MAX_STEPS} steps", field="steps")
    parsed = tuple(_step(item, kb, f"steps[{index}]") for index, item in enumerate(steps))
    seen = [step.step for step in parsed]
    if len(set(seen)) != len(seen):
        raise InvalidInput("each step may appear once; set its minutes and how often instead", field="steps")
    return Prescription(prescriber, _start_date(data.get("start_date")), _weeks(data.get("weeks")),
                        _notes(data.get("notes", "")), parsed, protocol)


def _step(item: object, kb: Knowledge, where: str) -> PrescribedStep:
    if not isinstance(item, Mapping):
        raise InvalidInput("must be an object with step, intensity, minutes, frequency (and sides or variant)", field=where)
    allowed = ("step", "intensity", "minutes", "frequency", "sides", "variant")
    unknown = [key for key in item if key not in allowed]
    if unknown:
        raise InvalidInput(f"unknown field {shorten(unknown[0])}; allowed: {', '.join(allowed)}", field=where)
    step_id = item.get("step")
    choices = prescribable_steps(kb)
    if step_id not in choices:
        raise InvalidInput(f"must be one of {', '.join(choices)} (got {shorten(step_id)})", field=f"{where}.step")
    intensity = _one_of(item.get("intensity"), INTENSITIES, f"{where}.intensity")
    frequency = _one_of(item.get("frequency"), tuple(kb.frequencies), f"{where}.frequency")
    minutes = item.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, (int, float)) or not MINUTES[0] <= minutes <= MINUTES[1]:
        raise InvalidInput(f"must be a number of minutes from {MINUTES[0]:g} to {MINUTES[1]:g} (got {shorten(minutes)})",
                           field=f"{where}.minutes")
    if step_id in kb.techniques:
        variants = tuple(v.id for v in kb.techniques[step_id].variants)
        variant = item.get("variant")
        if variant is not None:
            _one_of(variant, variants, f"{where}.variant")
        if item.get("sides") not in (None, "n/a"):
            raise InvalidInput("is not chosen for this step (it has no sides)", field=f"{where}.sides")
        return PrescribedStep(step_id, intensity, float(minutes), frequency, None, variant or variants[0])
    if item.get("variant") is not None:
        raise InvalidInput("applies to techniques only", field=f"{where}.variant")
    sides = _one_of(item.get("sides") or "both", POINT_SIDES, f"{where}.sides")
    return PrescribedStep(step_id, intensity, float(minutes), frequency, sides, None)


def _one_of(value: object, allowed: tuple[str, ...], field: str) -> str:
    if not isinstance(value, str) or value not in allowed:
        raise InvalidInput(f"must be one of {', '.join(allowed)} (got {shorten(value)})", field=field)
    return value


def _start_date(value: object) -> date:
    try:
        return date.fromisoformat(str(value)) if isinstance(value, str) and len(value) == 10 else _bad_date(value)
    except ValueError:
        return _bad_date(value)


def _bad_date(value: object) -> date:
    raise InvalidInput(f"must be a date written YYYY-MM-DD (got {shorten(value)})", field="start_date")


def _weeks(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_WEEKS:
        raise InvalidInput(f"must be a whole number of weeks from 1 to {MAX_WEEKS}, or empty for no end "
                           f"(got {shorten(value)})", field="weeks")
    return value


def _notes(value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_NOTES:
        raise InvalidInput(f"must be text of at most {MAX_NOTES} characters", field="notes")
    return value.strip()


def prescribed_origins(prescription: Prescription) -> tuple[ProtocolStep, ...]:
    """The prescription's steps in the shape of a protocol's, for the one plan builder."""
    origins = []
    for step in prescription.steps:
        rules = (PRESCRIBED_RULE, "si3_intensity_by_pain") if step.intensity == "by_pain" else (PRESCRIBED_RULE,)
        origins.append(ProtocolStep(step.step, step.intensity, step.minutes, step.frequency, rules, step.variant,
                                    step.sides))
    return tuple(origins)
