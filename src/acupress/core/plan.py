"""The plan builder: answers in, an ordered, self-explaining and self-contained plan out.

Each step carries the rules that put it there (`rules`, `why`), what it rests
on (`evidence`) and its sources. Cautions, cleared warning signs and
schedules limit steps through one generic function (core/steps.py). The
plan resolves every word it shows, so `Plan.to_dict()` and every renderer
need no knowledge base: a plan can be rendered, stored and compared alone.
"""

from __future__ import annotations

from typing import Any

from .answers import Answers
from .model import Condition, Duration, Effects, Knowledge, ProtocolStep
from .prescription import Prescription, prescribed_origins
from .record import record, replace
from .rules_used import CORE_ADVICE_RULES
from .steps import Limit, Note, Step, merge, plan_step, remembered
from .triage import Triage, duration_class, triage
from .when import any_holds

__all__ = ["Note", "Plan", "Step", "build_plan"]


@record
class ProtocolInfo:
    id: str
    name: str
    weeks: int | None
    description: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "weeks": self.weeks, "description": self.description}


@record
class Plan:
    answers: Answers
    triage: Triage
    duration: Duration
    duration_text: str
    protocol: ProtocolInfo
    steps: tuple[Step, ...]
    warnings: tuple[Note, ...]
    skipped: tuple[Note, ...]
    core_advice: tuple[Note, ...]
    notice: str
    references: dict[str, tuple[str, str]]  # key: (short name as people see it, citation)
    knowledge_version: str
    prescription: Prescription | None = None  # the practitioner's program this plan follows

    @property
    def protocol_id(self) -> str:
        return self.protocol.id

    def to_dict(self) -> dict[str, Any]:
        return {
            "triage": self.triage.to_dict(),
            "duration": self.duration,
            "duration_text": self.duration_text,
            "protocol": self.protocol.to_dict(),
            "steps": [step.to_dict() for step in self.steps],
            "core_advice": [note.to_dict() for note in self.core_advice],
            "warnings": [note.to_dict() for note in self.warnings],
            "skipped": [note.to_dict() for note in self.skipped],
            "notice": self.notice,
            "references": {key: citation for key, (_, citation) in self.references.items()},
            "source_names": {key: short for key, (short, _) in self.references.items()},
            "answers": self.answers.to_dict(),
            "knowledge_version": self.knowledge_version,
            **({"prescription": self.prescription.to_dict()} if self.prescription else {}),
        }


def build_plan(answers: Answers, kb: Knowledge, prescription: Prescription | None = None) -> Plan:
    """The plan for these answers: a protocol's steps, or a practitioner's prescription.

    Either way triage comes first and every step goes through the same limits
    (cautions, cleared warning signs, schedules): a prescription cannot ask
    for more than the answers allow.
    """
    result = triage(answers, kb)
    duration = duration_class(answers.pain_started_days_ago, kb)
    origins, info = _origins(answers, kb, duration, prescription)
    if not result.allows_self_care:
        return _assemble(answers, kb, result, duration, info, (), (), (), prescription)
    conditions = applied_conditions(answers, kb)
    limits = active_limits(conditions, result, kb)
    steps: list[Step] = []
    skipped: list[Note] = []
    for origin in origins:
        outcome = plan_step(origin, (*limits, *_schedule_limit(origin, kb)), answers, kb,
                            remember=prescription is None or bool(prescription.protocol))
        if isinstance(outcome, Note):
            skipped.append(outcome)
        else:
            steps.append(outcome)
    warnings = _warnings(answers, conditions, result, kb, has_steps=bool(steps))
    if not steps:
        text = kb.levels["self_care_no_steps"]
        result = replace(result, title=text.title, advice=text.advice)
    return _assemble(answers, kb, result, duration, info, tuple(steps), warnings, tuple(skipped), prescription)


def _origins(answers: Answers, kb: Knowledge, duration: Duration,
             prescription: Prescription | None) -> tuple[tuple[ProtocolStep, ...], ProtocolInfo]:
    """The steps to plan, and what to call them: the answers' protocol, or the prescription."""
    protocol_id = (prescription.protocol if prescription else None) or answers.protocol
    protocol = kb.protocols[protocol_id] if protocol_id else kb.default_protocol
    if prescription is None:
        return protocol.steps[duration], ProtocolInfo(protocol.id, protocol.name, protocol.weeks, protocol.description)
    name = f"Prescribed by {prescription.prescriber}"
    if prescription.protocol:
        return protocol.steps[duration], ProtocolInfo(protocol.id, f"{name}: {protocol.name}",
                                                      prescription.weeks or protocol.weeks, protocol.description)
    return prescribed_origins(prescription), ProtocolInfo("prescription", name, prescription.weeks,
                                                          prescription.notes or "A home program from your practitioner.")


def active_limits(conditions: list[Condition], result: Triage, kb: Knowledge) -> tuple[Limit, ...]:
    """Conditions (ticked or set by the answers), then what cleared warning signs still mean."""
    limits = [Limit(c.id, c.effects, c.warning, c.sources, "caution_limits_intensity") for c in conditions]
    for flag_id in result.cleared:
        flag = kb.flag(flag_id)
        if flag.after_clearance is not None and flag.after_clearance != Effects():
            limits.append(Limit(flag.id, flag.after_clearance, flag.cleared_note or flag.why_asked, flag.sources,
                                "cleared_sign_keeps_limits"))
    return tuple(limits)


def applied_conditions(answers: Answers, kb: Knowledge) -> list[Condition]:
    ticked = [kb.conditions[condition_id] for condition_id in answers.conditions]
    derived = [c for c in kb.conditions.values()
               if c.applies_when and c.id not in answers.conditions and any_holds(c.applies_when, answers)]
    return ticked + derived


def _schedule_limit(origin: ProtocolStep, kb: Knowledge) -> tuple[Limit, ...]:
    """Strength is a moment: a step on a schedule is capped by its frequency."""
    cap = kb.frequencies[origin.frequency].max_intensity
    if cap is None:
        return ()
    rule = kb.rule("strength_is_a_moment")
    return (Limit(origin.frequency, Effects(max_intensity=cap), rule.statement, rule.sources, rule.id),)


def _warnings(answers: Answers, conditions: list[Condition], result: Triage, kb: Knowledge,
              has_steps: bool) -> tuple[Note, ...]:
    notes: list[Note] = []
    for flag_id in result.cleared:
        flag = kb.flag(flag_id)
        message = (f"A clinician has checked this warning sign, so it no longer stops self-care; go back to them "
                   f"if it changes. ({flag.why_asked})")
        if flag.cleared_note:
            message += f" {flag.cleared_note}"
        notes.append(Note(flag.id, message, merge(kb.rule("clinician_cleared").sources, flag.sources)))
    notes.extend(Note(c.id, c.warning, c.sources) for c in conditions)
    notes.extend(Note(w.id, w.message, w.sources) for w in kb.answer_warnings if any_holds(w.when, answers))
    if not has_steps:
        text = kb.levels["self_care_no_steps"]
        notes.append(Note("no_safe_steps", text.advice, kb.rule("caution_skips_site").sources))
    return tuple(notes)


def _core_advice(kb: Knowledge) -> tuple[Note, ...]:
    """Keep active; acupressure is an add-on (NICE NG59, ACP 2017): in every self-care plan."""
    return remembered(kb, "core_advice", lambda: tuple(
        Note(rule_id, kb.rule(rule_id).statement, kb.rule(rule_id).sources) for rule_id in CORE_ADVICE_RULES))


def _assemble(answers: Answers, kb: Knowledge, result: Triage, duration: Duration, protocol: ProtocolInfo,
              steps: tuple[Step, ...], warnings: tuple[Note, ...], skipped: tuple[Note, ...],
              prescription: Prescription | None = None) -> Plan:
    core = _core_advice(kb) if result.allows_self_care else ()
    notice = kb.rule("self_care_not_diagnosis")
    groups = [*(kb.rule(rule_id).sources for rule_id in result.rules), *(reason.sources for reason in result.reasons)]
    for step in steps:
        groups += (step.sources, step.evidence.sources)
    groups += [note.sources for note in (*warnings, *skipped, *core)]
    groups.append(notice.sources)
    references = {key: kb.citations[key] for key in merge(*groups)}
    duration_text = kb.rule("duration_class").outcomes[duration]
    return Plan(answers, result, duration, duration_text, protocol, steps, warnings, skipped, core, notice.statement,
                references, kb.version, prescription)
