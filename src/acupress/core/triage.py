"""Triage: decide whether self-care is safe to start, before any plan.

The one home of red-flag escalation: the plan builder, `acupress assess`
and the web form all call `triage_flags` (or `triage`, which adds the warning
signs worked out from the answers: age, severe new pain, pregnancy...).
"""

from __future__ import annotations

from collections.abc import Iterable

from .answers import Answers
from .model import Duration, Knowledge, Level, RedFlag, SeeWithin, level_rank, urgency_rank
from .record import record
from .when import any_holds

DEFAULT_SEE_WITHIN: dict[str, SeeWithin] = {"emergency": "now", "urgent": "today"}


@record
class Reason:
    id: str
    message: str
    see_within: SeeWithin
    see_within_text: str  # the same timing, in words
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "message": self.message, "see_within": self.see_within,
                "see_within_text": self.see_within_text, "sources": list(self.sources)}


@record
class Triage:
    level: Level
    title: str
    reasons: tuple[Reason, ...]
    advice: str
    rules: tuple[str, ...]
    see_within: SeeWithin | None = None  # how soon to be seen; None when self-care may start
    cleared: tuple[str, ...] = ()  # warning signs a clinician has checked

    @property
    def allows_self_care(self) -> bool:
        return self.level == "self_care"

    def to_dict(self) -> dict[str, object]:
        return {
            "level": self.level,
            "title": self.title,
            "reasons": [reason.to_dict() for reason in self.reasons],
            "advice": self.advice,
            "see_within": self.see_within,
            "see_within_text": self.reasons[0].see_within_text if self.reasons else None,
            "cleared": list(self.cleared),
            "rules": list(self.rules),
        }


def duration_class(days: int, kb: Knowledge) -> Duration:
    params = kb.rule("duration_class").params
    if days < params["subacute_from_days"]:
        return "acute"
    if days <= params["chronic_after_days"]:
        return "subacute"
    return "chronic"


def raised_flags(answers: Answers, kb: Knowledge) -> tuple[RedFlag, ...]:
    """Every warning sign in the answers: ticked ones, then those the answers themselves raise."""
    ticked = dict.fromkeys((*answers.red_flags, *(answers.pregnancy_signs or ())))
    found = [kb.red_flags[flag_id] for flag_id in ticked]
    found += [flag for flag in kb.answer_flags.values() if any_holds(flag.when, answers)]
    return tuple(found)


def triage(answers: Answers, kb: Knowledge) -> Triage:
    return triage_flags(raised_flags(answers, kb), answers.clinician_cleared, kb)


def triage_flags(flags: Iterable[RedFlag], clinician_cleared: bool, kb: Knowledge) -> Triage:
    """Emergency signs always stop; urgent ones stop unless clearable and cleared by a clinician."""
    flags = tuple(flags)
    stopping = [flag for flag in flags if not (clinician_cleared and flag.clearable)]
    if stopping:
        return _stop(stopping, kb)
    cleared = tuple(flag.id for flag in flags)
    text = kb.levels["self_care_cleared" if cleared else "self_care"]
    rules = ("clinician_cleared", "cleared_sign_keeps_limits") if cleared else ()
    return Triage("self_care", text.title, (), text.advice, rules, None, cleared)


def _stop(flags: list[RedFlag], kb: Knowledge) -> Triage:
    level: Level = max((flag.level for flag in flags), key=level_rank)
    shown = sorted((flag for flag in flags if flag.level == level), key=lambda flag: -urgency_rank(flag.see_within))
    soonest = shown[0].see_within
    first = [flag for flag in shown if flag.see_within == soonest]
    text = kb.levels[level]
    titles = list(dict.fromkeys(flag.title or text.title for flag in first))
    advice = " ".join(dict.fromkeys(flag.advice or text.advice for flag in first))
    reasons = tuple(Reason(f.id, f.why_asked, f.see_within, f.see_within_text or kb.see_within[f.see_within], f.sources)
                    for f in shown)
    rule = "emergency_stops_plan" if level == "emergency" else "urgent_needs_clearance"
    return Triage(level, titles[0] if len(titles) == 1 else text.title, reasons, advice, (rule,), soonest)
