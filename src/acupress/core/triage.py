"""Triage: decide whether self-care is safe to start, before any plan."""

from __future__ import annotations

from .answers import Answers
from .model import Duration, Knowledge, Level, level_rank
from .record import record


@record
class Reason:
    id: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "message": self.message}


@record
class Triage:
    level: Level
    title: str
    reasons: tuple[Reason, ...]
    advice: str
    rules: tuple[str, ...]

    @property
    def allows_self_care(self) -> bool:
        return self.level == "self_care"

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "title": self.title,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "advice": self.advice,
            "rules": list(self.rules),
        }


def duration_class(days: int, kb: Knowledge) -> Duration:
    params = kb.rule("duration_class").params
    if days < params["subacute_from_days"]:
        return "acute"
    if days <= params["chronic_after_days"]:
        return "subacute"
    return "chronic"


def _reasons(answers: Answers, kb: Knowledge, level: Level) -> tuple[Reason, ...]:
    flags = (kb.red_flags[flag_id] for flag_id in answers.red_flags)
    return tuple(Reason(flag.id, flag.why_asked) for flag in flags if flag.level == level)


def triage(answers: Answers, kb: Knowledge) -> Triage:
    """Emergency flags always stop; urgent flags stop unless a clinician cleared them."""
    levels = [kb.red_flags[flag_id].level for flag_id in answers.red_flags]
    worst: Level = max(levels, key=level_rank, default="self_care")
    if worst == "emergency":
        return _stop(answers, kb, "emergency", "emergency_stops_plan")
    if worst == "urgent" and not answers.clinician_cleared:
        return _stop(answers, kb, "urgent", "urgent_needs_clearance")
    rules = ("clinician_cleared",) if worst == "urgent" else ()
    text = kb.levels["self_care"]
    return Triage("self_care", text.title, (), text.advice, rules)


def _stop(answers: Answers, kb: Knowledge, level: Level, rule_id: str) -> Triage:
    text = kb.levels[level]
    return Triage(level, text.title, _reasons(answers, kb, level), text.advice, (rule_id,))
