"""The plan builder: answers in, an ordered and self-explaining plan out.

Each step carries the rules that put it there (`rules`, `why`) and their
sources. Cautions from conditions are applied generically from their
`effects` in the knowledge base, so a new caution is a YAML change.
"""

from __future__ import annotations

from typing import Any

from .answers import Answers
from .model import (
    Condition,
    Duration,
    Intensity,
    Knowledge,
    ProtocolStep,
    intensity_rank,
)
from .record import record, replace
from .triage import Triage, duration_class, triage


@record
class Step:
    id: str
    name: str
    kind: str  # "point" or "technique"
    site: str
    intensity: Intensity
    minutes: float
    sides: str
    frequency: str
    frequency_text: str
    variant: str | None
    pacing: str
    rules: tuple[str, ...]
    why: tuple[str, ...]
    sources: tuple[str, ...]
    how_to_find: tuple[str, ...]

    def technique_text(self, kb: Knowledge) -> str:
        pressure = kb.intensities[self.intensity]
        if self.kind == "point":
            point = kb.points[self.id]
            motion = point.technique.motion if point.technique else ""
            return f"{motion} {pressure}"
        technique = kb.techniques[self.id]
        variant = technique.variant(self.variant or technique.variants[0].id)
        return f"{variant.how} {pressure} {technique.stop_if}"

    def to_dict(self, kb: Knowledge) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "site": self.site,
            "intensity": self.intensity,
            "minutes": self.minutes,
            "minutes_are": "per side" if self.sides == "both" else "in total",
            "sides": self.sides,
            "frequency": self.frequency,
            "frequency_text": self.frequency_text,
            "variant": self.variant,
            "pacing": self.pacing,
            "technique": self.technique_text(kb),
            "how_to_find": list(self.how_to_find),
            "why": list(self.why),
            "rules": list(self.rules),
            "sources": list(self.sources),
        }


@record
class Note:
    """A warning or a skipped step, with the id of what caused it."""

    id: str
    message: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "message": self.message, "sources": list(self.sources)}


@record
class Plan:
    answers: Answers
    triage: Triage
    duration: Duration
    protocol_id: str
    steps: tuple[Step, ...]
    warnings: tuple[Note, ...]
    skipped: tuple[Note, ...]

    def sources_used(self, kb: Knowledge) -> list[str]:
        keys: dict[str, None] = {}
        for rule_id in self.triage.rules:
            keys.update(dict.fromkeys(kb.rule(rule_id).sources))
        for reason in self.triage.reasons:
            keys.update(dict.fromkeys(kb.red_flags[reason.id].sources))
        for step in self.steps:
            keys.update(dict.fromkeys(step.sources))
        for note in self.warnings:
            keys.update(dict.fromkeys(note.sources))
        return list(keys)

    def to_dict(self, kb: Knowledge) -> dict[str, Any]:
        protocol = kb.protocols[self.protocol_id]
        return {
            "triage": self.triage.to_dict(),
            "duration": self.duration,
            "protocol": {"id": protocol.id, "name": protocol.name, "weeks": protocol.weeks},
            "steps": [step.to_dict(kb) for step in self.steps],
            "warnings": [note.to_dict() for note in self.warnings],
            "skipped": [note.to_dict() for note in self.skipped],
            "notice": kb.rule("self_care_not_diagnosis").statement,
            "references": {key: kb.sources[key].citation() for key in self.sources_used(kb)},
            "answers": self.answers.to_dict(),
            "knowledge_version": kb.version,
        }


def build_plan(answers: Answers, kb: Knowledge) -> Plan:
    result = triage(answers, kb)
    duration = duration_class(answers.pain_started_days_ago, kb)
    protocol = kb.protocols[answers.protocol] if answers.protocol else kb.default_protocol
    if not result.allows_self_care:
        return Plan(answers, result, duration, protocol.id, (), (), ())
    conditions = active_conditions(answers, kb)
    steps: list[Step] = []
    skipped: list[Note] = []
    for protocol_step in protocol.steps[duration]:
        step = _draft_step(protocol_step, answers, kb)
        adjusted = _apply_conditions(step, conditions, kb)
        if isinstance(adjusted, Note):
            skipped.append(adjusted)
        else:
            steps.append(adjusted)
    warnings = _warnings(answers, conditions, kb, has_steps=bool(steps))
    return Plan(answers, result, duration, protocol.id, tuple(steps), warnings, tuple(skipped))


def active_conditions(answers: Answers, kb: Knowledge) -> tuple[Condition, ...]:
    ids = list(answers.conditions)
    if answers.pregnant and "pregnancy" not in ids:
        ids.append("pregnancy")
    return tuple(kb.conditions[condition_id] for condition_id in ids)


def si3_intensity(pain_now: int, kb: Knowledge) -> Intensity:
    params = kb.rule("si3_intensity_by_pain").params
    if pain_now >= params["strong_from"]:
        return "strong"
    if pain_now >= params["moderate_from"]:
        return "moderate"
    return "gentle"


def _draft_step(protocol_step: ProtocolStep, answers: Answers, kb: Knowledge) -> Step:
    rule_ids = (*protocol_step.rules, "stop_if_worse")
    intensity: Intensity
    if protocol_step.intensity == "by_pain":
        intensity = si3_intensity(answers.pain_now, kb)
    else:
        intensity = protocol_step.intensity  # type: ignore[assignment]
    step_id = protocol_step.step
    if step_id in kb.points:
        point = kb.points[step_id]
        technique = point.technique
        name = f"{point.id} ({point.pinyin}, {point.name_en})"
        kind, site, find = "point", point.site, point.how_to_find
        sides = technique.sides if technique else "both"
        pacing = technique.pacing if technique else "press_release"
        own_sources = point.sources
    else:
        method = kb.techniques[step_id]
        name, kind, site, find = method.name, "technique", method.site, method.how_to
        sides, pacing, own_sources = method.sides, method.pacing, method.sources
    return Step(
        id=step_id,
        name=name,
        kind=kind,
        site=site,
        intensity=intensity,
        minutes=protocol_step.minutes,
        sides=sides,
        frequency=protocol_step.frequency,
        frequency_text=kb.frequencies[protocol_step.frequency],
        variant=protocol_step.variant,
        pacing=pacing,
        rules=rule_ids,
        why=tuple(kb.rule(rule_id).statement for rule_id in rule_ids),
        sources=_merge(own_sources, *(kb.rule(rule_id).sources for rule_id in rule_ids)),
        how_to_find=find,
    )


def _apply_conditions(step: Step, conditions: tuple[Condition, ...], kb: Knowledge) -> Step | Note:
    for condition in conditions:
        effects = condition.effects
        if step.site in effects.skip_sites:
            return _skip(step, condition, kb, "caution_skips_site")
        point = kb.points.get(step.id)
        if effects.avoid_pregnancy_points and point is not None and point.avoid_in_pregnancy:
            return _skip(step, condition, kb, "pregnancy_avoided_points")
        allowed = effects.only_variants.get(step.id)
        if allowed and step.variant not in allowed:
            variant = kb.techniques[step.id].variant(allowed[0])
            step = replace(step, variant=variant.id)
            step = _cap(step, variant.intensity, kb)
            step = _explain(step, condition, kb, "caution_limits_variant")
        cap = _intensity_cap(effects.max_intensity, effects.max_intensity_at.get(step.site))
        if cap is not None and intensity_rank(step.intensity) > intensity_rank(cap):
            step = _explain(_cap(step, cap, kb), condition, kb, "caution_limits_intensity")
    return step


def _intensity_cap(*caps: Intensity | None) -> Intensity | None:
    present: list[Intensity] = [cap for cap in caps if cap is not None]
    if not present:
        return None
    lowest: Intensity = min(present, key=intensity_rank)
    return lowest


def _cap(step: Step, cap: Intensity, kb: Knowledge) -> Step:
    """Lower the intensity to `cap`; a technique also switches to a variant that fits."""
    if intensity_rank(step.intensity) > intensity_rank(cap):
        step = replace(step, intensity=cap)
    if step.kind == "technique":
        fitting = [v for v in kb.techniques[step.id].variants if intensity_rank(v.intensity) <= intensity_rank(step.intensity)]
        current = step.variant
        if fitting and current not in {v.id for v in fitting}:
            strongest = max(fitting, key=lambda v: intensity_rank(v.intensity))
            step = replace(step, variant=strongest.id)
    return step


def _explain(step: Step, condition: Condition, kb: Knowledge, rule_id: str) -> Step:
    if condition.warning in step.why:
        return step
    return replace(
        step,
        rules=(*step.rules, rule_id),
        why=(*step.why, condition.warning),
        sources=_merge(step.sources, kb.rule(rule_id).sources, condition.sources),
    )


def _skip(step: Step, condition: Condition, kb: Knowledge, rule_id: str) -> Note:
    message = f"{step.name} is left out: {condition.warning}"
    return Note(step.id, message, _merge(kb.rule(rule_id).sources, condition.sources))


def _warnings(answers: Answers, conditions: tuple[Condition, ...], kb: Knowledge, has_steps: bool) -> tuple[Note, ...]:
    notes: list[Note] = []
    if answers.clinician_cleared:
        for flag_id in answers.red_flags:
            flag = kb.red_flags[flag_id]
            message = f"A clinician has checked this warning sign, so it does not stop self-care. Go back to them if it changes. ({flag.why_asked})"
            notes.append(Note(flag.id, message, _merge(kb.rule("clinician_cleared").sources, flag.sources)))
    notes.extend(Note(c.id, c.warning, c.sources) for c in conditions)
    if not has_steps:
        message = "Your answers leave no step that is safe to do yourself right now. Please ask a clinician about other ways to ease the pain."
        notes.append(Note("no_safe_steps", message, kb.rule("caution_skips_site").sources))
    return tuple(notes)


def _merge(*groups: tuple[str, ...]) -> tuple[str, ...]:
    merged: dict[str, None] = {}
    for group in groups:
        merged.update(dict.fromkeys(group))
    return tuple(merged)
