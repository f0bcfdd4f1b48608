"""Plan steps: drafted from a protocol, limited by cautions, finished with their words.

Every limit (a condition, a cleared warning sign, a schedule) is an `Effects`
from the knowledge base, applied by one generic function, so a new caution
is a YAML change. A step's `why` is written last, from what the step ended
up being, so it never promises more than the limits allow.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from .answers import Answers
from .model import Effects, Evidence, HowTo, Intensity, Knowledge, ProtocolStep, Rule, intensity_rank
from .record import record, replace

T = TypeVar("T")


@record
class Limit:
    """Something that limits steps, with the words that explain it and its sources."""

    id: str
    effects: Effects
    message: str
    sources: tuple[str, ...]
    rule: str  # the rule id that names this kind of limit


@record
class Note:
    """A warning, a skipped step or a piece of advice, with the id of what caused it."""

    id: str
    message: str
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "message": self.message, "sources": list(self.sources)}


@record
class Step:
    id: str
    name: str
    kind: str  # "point" or "technique"
    site: str
    intensity: Intensity
    minutes: float
    minutes_are: str  # "per side" or "in total": decided here, read by every renderer
    sides: str
    frequency: str
    frequency_text: str
    variant: str | None
    pacing: str
    technique: str
    how_to_find: tuple[str, ...]
    why: tuple[str, ...]
    rules: tuple[str, ...]
    sources: tuple[str, ...]
    evidence: Evidence

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "kind": self.kind, "site": self.site,
            "intensity": self.intensity, "minutes": self.minutes, "minutes_are": self.minutes_are,
            "sides": self.sides, "frequency": self.frequency, "frequency_text": self.frequency_text,
            "variant": self.variant, "pacing": self.pacing, "technique": self.technique,
            "how_to_find": list(self.how_to_find), "why": list(self.why), "rules": list(self.rules),
            "sources": list(self.sources), "evidence": self.evidence.to_dict(),
        }


@record
class Draft:
    """A step while limits are applied to it."""

    origin: ProtocolStep
    kind: str
    site: str
    intensity: Intensity
    wanted: Intensity  # what the protocol (or the pain) asked for before any limit
    variant: str | None
    variants: tuple[str, ...]  # variants still allowed (techniques only)
    variant_limited: bool
    rules: tuple[str, ...]
    explanations: tuple[str, ...]
    sources: tuple[str, ...]
    notes: tuple[str, ...]


MEMO_SIZE = 20_000
_MISSING = object()


def remembered(kb: Knowledge, key: Any, make: Callable[[], T]) -> T:
    """`make()`, kept in the knowledge base's memo: a step depends only on its protocol step, the
    pain and its limits, and few combinations occur, so most plans reuse finished steps."""
    memo = kb.memo
    found = memo.get(key, _MISSING)  # one lookup: another thread may clear the memo meanwhile
    if found is not _MISSING:
        return found  # type: ignore[no-any-return]
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    value = memo[key] = make()
    return value


def plan_step(origin: ProtocolStep, limits: tuple[Limit, ...], answers: Answers, kb: Knowledge,
              remember: bool = True) -> Step | Note:
    """One protocol step under every limit: a finished Step, or a Note saying why it is left out.

    `remember=False` for steps that do not live in the knowledge base (a prescription's): the memo
    is keyed by id(origin), which only a protocol step, living as long as the memo, keeps unique.
    """
    if not remember:
        return _plan_step(origin, limits, answers, kb)
    key = ("step", id(origin), answers.pain_now, tuple((limit.id, limit.rule) for limit in limits))
    return remembered(kb, key, lambda: _plan_step(origin, limits, answers, kb))


def _plan_step(origin: ProtocolStep, limits: tuple[Limit, ...], answers: Answers, kb: Knowledge) -> Step | Note:
    draft = draft_step(origin, answers, kb)
    for limit in limits:
        outcome = apply_limit(draft, limit, kb)
        if isinstance(outcome, Note):
            return outcome
        draft = outcome
    return finish_step(draft, answers, kb)


def intensity_for_pain(pain_now: int, kb: Knowledge) -> Intensity:
    """The `by_pain` rule: how firm a step may be for this much pain, before any limit."""
    params = kb.rule("si3_intensity_by_pain").params
    if pain_now >= params["strong_from"]:
        return "strong"
    if pain_now >= params["moderate_from"]:
        return "moderate"
    return "gentle"


def draft_step(origin: ProtocolStep, answers: Answers, kb: Knowledge) -> Draft:
    wanted: Intensity = intensity_for_pain(answers.pain_now, kb) if origin.intensity == "by_pain" \
        else origin.intensity  # type: ignore[assignment]
    variants: tuple[str, ...] = ()
    if origin.step in kb.points:
        kind, site, own = "point", kb.points[origin.step].site, kb.points[origin.step].sources
    else:
        technique = kb.techniques[origin.step]
        kind, site, own = "technique", technique.site, technique.sources
        variants = tuple(variant.id for variant in technique.variants)
    rules = (*origin.rules, "stop_if_worse")
    sources = merge(own, *(kb.rule(rule_id).sources for rule_id in rules))
    return Draft(origin, kind, site, wanted, wanted, origin.variant, variants, False, rules, (), sources, ())


def apply_limit(draft: Draft, limit: Limit, kb: Knowledge) -> Draft | Note:
    """The draft under one limit, or a Note saying why the step is left out."""
    effects, step_id = limit.effects, draft.origin.step
    if draft.site in effects.skip_sites:
        return _skip(draft, limit, kb, "caution_skips_site")
    point = kb.points.get(step_id)
    if effects.avoid_pregnancy_points and point is not None and point.avoid_in_pregnancy:
        return _skip(draft, limit, kb, "pregnancy_avoided_points")
    allowed = effects.only_variants.get(step_id)
    if allowed:
        draft = replace(draft, variants=tuple(v for v in draft.variants if v in allowed), variant_limited=True)
        if draft.variant not in draft.variants:
            draft = _explain(_fit_variant(draft, kb), limit, "caution_limits_variant", kb)
    cap = _lowest(effects.max_intensity, effects.max_intensity_at.get(draft.site))
    if cap is not None:
        draft = _cap(draft, cap, limit, kb)
    note = effects.site_notes.get(draft.site)
    if note and note not in draft.notes:
        draft = _explain(replace(draft, notes=(*draft.notes, note)), limit, limit.rule, kb)
    return draft


def _cap(draft: Draft, cap: Intensity, limit: Limit, kb: Knowledge) -> Draft:
    if draft.kind == "technique":
        variants = kb.techniques[draft.origin.step].variants
        fitting = tuple(v.id for v in variants if v.id in draft.variants and intensity_rank(v.intensity) <= intensity_rank(cap))
        if fitting != draft.variants:  # e.g. no knuckles under a gentle cap, even while the palm is used
            draft = _explain(replace(draft, variants=fitting, variant_limited=True), limit, "caution_limits_variant", kb)
    if intensity_rank(draft.intensity) > intensity_rank(cap):
        draft = _explain(_fit_variant(replace(draft, intensity=cap), kb), limit, limit.rule, kb)
    return draft


def _fit_variant(draft: Draft, kb: Knowledge) -> Draft:
    """A technique keeps the firmest allowed variant that fits its intensity."""
    if draft.kind != "technique" or not draft.variants:
        return draft
    variants = [v for v in kb.techniques[draft.origin.step].variants if v.id in draft.variants]
    fitting = [v for v in variants if intensity_rank(v.intensity) <= intensity_rank(draft.intensity)] or variants[:1]
    chosen = max(fitting, key=lambda v: intensity_rank(v.intensity))
    return replace(draft, variant=chosen.id, intensity=_lowest(draft.intensity, chosen.intensity) or draft.intensity)


def _explain(draft: Draft, limit: Limit, rule_id: str, kb: Knowledge) -> Draft:
    if limit.message in draft.explanations:
        return draft
    return replace(draft, rules=(*draft.rules, rule_id), explanations=(*draft.explanations, limit.message),
                   sources=merge(draft.sources, kb.rule(rule_id).sources, limit.sources))


def _skip(draft: Draft, limit: Limit, kb: Knowledge, rule_id: str) -> Note:
    message = f"{step_name(draft.origin.step, kb)} is left out: {limit.message}"
    return Note(draft.origin.step, message, merge(kb.rule(rule_id).sources, limit.sources))


def _lowest(*caps: Intensity | None) -> Intensity | None:
    present: list[Intensity] = [cap for cap in caps if cap is not None]
    if not present:
        return None
    lowest: Intensity = min(present, key=intensity_rank)
    return lowest


def step_name(step_id: str, kb: Knowledge) -> str:
    point = kb.points.get(step_id)
    return f"{point.id} ({point.pinyin}, {point.name_en})" if point else kb.techniques[step_id].name


def finish_step(draft: Draft, answers: Answers, kb: Knowledge) -> Step:
    origin = draft.origin
    why = tuple(rule_words(kb.rule(rule_id), draft, answers) for rule_id in (*origin.rules, "stop_if_worse"))
    return Step(
        id=origin.step, name=step_name(origin.step, kb), kind=draft.kind, site=draft.site,
        intensity=draft.intensity, minutes=origin.minutes, minutes_are="per side" if _sides(draft, kb) == "both" else "in total",
        sides=_sides(draft, kb), frequency=origin.frequency, frequency_text=kb.frequencies[origin.frequency].text,
        variant=draft.variant, pacing=_pacing(draft, kb), technique=_technique_text(draft, kb),
        how_to_find=_how_to(draft, kb), why=(*why, *draft.explanations), rules=draft.rules,
        sources=draft.sources, evidence=_evidence(draft, kb),
    )


def rule_words(rule: Rule, draft: Draft, answers: Answers) -> str:
    """A rule's words for this step: its outcome when it has outcomes, else its statement."""
    if rule.outcome_by == "intensity":
        key = "capped" if draft.intensity != draft.wanted else draft.intensity
        return rule.outcomes[key].format(pain=answers.pain_now, intensity=draft.intensity)
    if rule.outcome_by == "variant" and draft.variant:
        return rule.outcomes["limited" if draft.variant_limited else draft.variant]
    return rule.statement


def _sides(draft: Draft, kb: Knowledge) -> str:
    point = kb.points.get(draft.origin.step)
    if point is not None:
        own = point.technique.sides if point.technique else "both"
        return draft.origin.sides if own == "both" and draft.origin.sides in ("left", "right") else own
    return kb.techniques[draft.origin.step].sides


def _pacing(draft: Draft, kb: Knowledge) -> str:
    point = kb.points.get(draft.origin.step)
    if point is not None:
        return point.technique.pacing if point.technique else "press_release"
    return kb.techniques[draft.origin.step].pacing


def _technique_text(draft: Draft, kb: Knowledge) -> str:
    pressure = kb.intensities[draft.intensity]
    point = kb.points.get(draft.origin.step)
    if point is not None:
        words = [point.technique.motion if point.technique else "", pressure]
    else:
        technique = kb.techniques[draft.origin.step]
        variant = technique.variant(draft.variant or technique.variants[0].id)
        words = [variant.how, pressure, technique.stop_if]
    return " ".join(part for part in (*words, *draft.notes) if part)


def _how_to(draft: Draft, kb: Knowledge) -> tuple[str, ...]:
    point = kb.points.get(draft.origin.step)
    if point is not None:
        return point.how_to_find
    lines: tuple[HowTo, ...] = kb.techniques[draft.origin.step].how_to
    return tuple(line.text for line in lines if line.variant is None or line.variant in draft.variants)


def _evidence(draft: Draft, kb: Knowledge) -> Evidence:
    point = kb.points.get(draft.origin.step)
    evidence = point.evidence if point is not None else kb.techniques[draft.origin.step].evidence
    assert evidence is not None  # the schema requires it for self-care points
    return evidence


def merge(*groups: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of all groups, once each, in order of first appearance."""
    merged: dict[str, None] = {}
    for group in groups:
        for key in group:
            merged[key] = None
    return tuple(merged)
