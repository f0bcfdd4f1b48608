"""The assessment page: its screens, in order, built from the knowledge base.

One screen per group of questionnaires.yaml. The page works as one long form
without JavaScript; static/assess.js shows it one screen at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from acupress.core.answers import answer_fields
from acupress.core.model import Condition, Group, Knowledge, Question, RedFlag
from acupress.core.rules_used import PREGNANCY_SIGNS_GROUP
from acupress.core.triage import triage_flags
from acupress.web.forms import DAYS_KEY, DURATION_UNITS, field_help


@dataclass(frozen=True)
class Asked:
    """One question and how the page asks it: "scale" (0 to 10 taps), "duration", "number" or "yes_no"."""

    question: Question
    widget: str
    help: str

    @property
    def anchor(self) -> str:
        """The id of the control a link to this question's problem leads to."""
        first = {"scale": f"{self.question.id}-{self.question.min}", "duration": "duration_amount",
                 "yes_no": f"{self.question.id}-yes"}
        return first.get(self.widget, self.question.id)


@dataclass(frozen=True)
class Screen:
    group: Group
    flag_key: str  # the answer key its warning signs go to
    flags: tuple[RedFlag, ...]
    items: tuple[Asked, ...]
    conditions: tuple[Condition, ...]

    @property
    def has_emergency_signs(self) -> bool:
        return any(flag.level == "emergency" for flag in self.flags)

    @property
    def asks_clearance(self) -> bool:
        return any(flag.clearable for flag in self.flags)

    @property
    def ticks(self) -> bool:
        """Only boxes to tick (or none): "None of these" is an answer."""
        return not self.items


def _widget(question: Question) -> str:
    if question.kind == "boolean":
        return "yes_no"
    if question.id == DAYS_KEY:
        return "duration"
    return "scale" if (question.min, question.max) == (0, 10) else "number"


def screens(kb: Knowledge) -> tuple[Screen, ...]:
    helps = {field.key: field_help(field) for field in answer_fields(kb) if field.kind == "integer"}
    items = kb.questionnaires["assessment"].items
    return tuple(
        Screen(
            group=group,
            flag_key="pregnancy_signs" if group.id == PREGNANCY_SIGNS_GROUP else "red_flags",
            flags=kb.flags_in_group(group.id),
            items=tuple(Asked(item, _widget(item), helps.get(item.id, "")) for item in items if item.group == group.id),
            conditions=tuple(c for c in kb.conditions.values() if c.group == group.id),
        )
        for group in kb.groups.values()
    )


def emergency_screens(kb: Knowledge) -> dict[str, dict[str, Any]]:
    """What to do now for each sign that needs help now: shown at once, even offline."""
    return {flag.id: triage_flags([flag], False, kb).to_dict()
            for flag in kb.red_flags.values() if flag.level == "emergency" and flag.group}


def page_context(kb: Knowledge, values: dict[str, Any], problems: dict[str, str]) -> dict[str, Any]:
    shown = screens(kb)
    anchors = {asked.question.id: asked.anchor for screen in shown for asked in screen.items}
    return {
        "anchors": anchors,
        "screens": shown,
        "routine_screen": next(s.group.id for s in reversed(shown) if s.group.shown_when is None),
        "emergency_screens": emergency_screens(kb),
        "units": tuple(DURATION_UNITS),
        "values": values,
        "problems": problems,
        "questionnaire": kb.questionnaires["assessment"],
        "title": "Questions",
    }


def clearance_offered(triage: dict[str, Any], kb: Knowledge) -> bool:
    """Whether a stop may be lifted by saying a clinician has checked it (never for help now, or for a child)."""
    reasons = triage.get("reasons") or []
    return triage.get("level") == "urgent" and bool(reasons) and all(kb.flag(r["id"]).clearable for r in reasons)


def form_values(form: Any) -> dict[str, Any]:
    """What the person sent, to show it again beside any problem."""
    lists = ("red_flags", "conditions", "pregnancy_signs")
    return {key: form.getlist(key) if key in lists else form.get(key) for key in form}
