"""Turn validated YAML documents into the core's immutable types."""

from __future__ import annotations

from typing import Any

from acupress.core.answers import INTEGER_RANGES
from acupress.core.model import (
    AnswerWarning,
    ChangeThreshold,
    Condition,
    Effects,
    EmergencyNumbers,
    Evidence,
    Frequency,
    Group,
    HowTo,
    Knowledge,
    LevelText,
    Point,
    PointTechnique,
    Protocol,
    ProtocolStep,
    Question,
    Questionnaire,
    RedFlag,
    Rule,
    Schedule,
    Source,
    StopReason,
    Technique,
    Variant,
)

DEFAULT_SEE_WITHIN = {"emergency": "now", "urgent": "today"}


def build_knowledge(raw: dict[str, Any], version: str) -> Knowledge:
    protocols_doc = raw["protocols"]
    flags_doc = raw["red_flags"]
    sources = {key: Source(key=key, **value) for key, value in raw["sources"]["sources"].items()}
    return Knowledge(
        version=version,
        sources=sources,
        citations={key: (s.short(), s.citation() + ("" if s.verified else " [awaiting confirmation]"))
                   for key, s in sources.items()},
        points={p["id"]: _point(p) for p in raw["points"]["points"]},
        techniques={t["id"]: _technique(t) for t in raw["techniques"]["techniques"]},
        levels={key: LevelText(**value) for key, value in flags_doc["levels"].items()},
        see_within=dict(flags_doc["see_within"]),
        red_flags={f["id"]: _red_flag(f) for f in flags_doc["red_flags"]},
        answer_flags={f["id"]: _red_flag(f) for f in flags_doc["from_answers"]},
        answer_warnings=tuple(_answer_warning(w) for w in flags_doc["warnings_from_answers"]),
        conditions={c["id"]: _condition(c) for c in raw["conditions"]["conditions"]},
        rules={r["id"]: _rule(r) for r in raw["rules"]["rules"]},
        frequencies={key: Frequency(**value) for key, value in protocols_doc["frequencies"].items()},
        intensities=dict(protocols_doc["intensities"]),
        protocols={p["id"]: _protocol(p) for p in protocols_doc["protocols"]},
        groups={g["id"]: Group(**g) for g in raw["questionnaires"]["groups"]},
        questionnaires={q["id"]: _questionnaire(q) for q in raw["questionnaires"]["questionnaires"]},
        stop_reasons={r["id"]: _stop_reason(r) for r in raw["safety"]["stop_reasons"]},
        emergency_numbers=_emergency_numbers(raw["safety"]["emergency_numbers"]),
    )


def _evidence(data: dict[str, Any]) -> Evidence | None:
    if "evidence" not in data:
        return None
    return Evidence(data.get("evidence_basis", "traditional"), data["evidence"], tuple(data.get("evidence_sources", ())))


def _point(data: dict[str, Any]) -> Point:
    technique = data.get("technique")
    return Point(
        **{key: data[key] for key in ("id", "who_code", "name_en", "pinyin", "chinese", "channel",
                                      "site", "role", "location", "avoid_in_pregnancy")},
        how_to_find=tuple(data["how_to_find"]),
        helps_with=tuple(data["helps_with"]),
        sources=tuple(data["sources"]),
        technique=PointTechnique(**technique) if technique else None,
        cautions=tuple(data.get("cautions", ())),
        evidence=_evidence(data),
        locator=dict(data.get("locator", {})),
    )


def _technique(data: dict[str, Any]) -> Technique:
    evidence = _evidence(data)
    assert evidence is not None  # required by the schema
    return Technique(
        **{key: data[key] for key in ("id", "name", "site", "sides", "pacing", "summary", "stop_if")},
        variants=tuple(Variant(**v) for v in data["variants"]),
        how_to=tuple(HowTo(line) if isinstance(line, str) else HowTo(**line) for line in data["how_to"]),
        evidence=evidence,
        sources=tuple(data["sources"]),
    )


def effects(data: dict[str, Any]) -> Effects:
    return Effects(
        max_intensity=data.get("max_intensity"),
        max_intensity_at=dict(data.get("max_intensity_at", {})),
        skip_sites=tuple(data.get("skip_sites", ())),
        only_variants={k: tuple(v) for k, v in data.get("only_variants", {}).items()},
        avoid_pregnancy_points=data.get("avoid_pregnancy_points", False),
        site_notes=dict(data.get("site_notes", {})),
    )


def _red_flag(data: dict[str, Any]) -> RedFlag:
    cleared = data.get("after_clearance")
    return RedFlag(
        id=data["id"],
        level=data["level"],
        why_asked=data["why_asked"],
        sources=tuple(data["sources"]),
        see_within=data.get("see_within", DEFAULT_SEE_WITHIN[data["level"]]),
        question=data.get("question"),
        group=data.get("group"),
        title=data.get("title"),
        advice=data.get("advice"),
        clearable=data["level"] == "urgent" and data.get("clearable", True),
        after_clearance=effects(cleared["effects"]) if cleared else None,
        cleared_note=cleared.get("note") if cleared else None,
        when=tuple(dict(clause) for clause in data.get("when", ())),
        see_within_text=data.get("see_within_text"),
    )


def _answer_warning(data: dict[str, Any]) -> AnswerWarning:
    return AnswerWarning(data["id"], tuple(dict(c) for c in data["when"]), data["message"], tuple(data["sources"]))


def _condition(data: dict[str, Any]) -> Condition:
    return Condition(
        id=data["id"],
        label=data["label"],
        warning=data["warning"],
        sources=tuple(data["sources"]),
        effects=effects(data["effects"]),
        group=data.get("group"),
        applies_when=tuple(dict(c) for c in data.get("applies_when", ())),
    )


def _rule(data: dict[str, Any]) -> Rule:
    return Rule(
        id=data["id"],
        statement=data["statement"],
        sources=tuple(data["sources"]),
        params=dict(data.get("params", {})),
        verified=data.get("verified", True),
        outcome_by=data.get("outcome_by"),
        outcomes=dict(data.get("outcomes", {})),
    )


def _protocol(data: dict[str, Any]) -> Protocol:
    steps = {
        duration: tuple(
            ProtocolStep(**{**step, "rules": tuple(step["rules"])}) for step in items
        )
        for duration, items in data["steps"].items()
    }
    return Protocol(
        id=data["id"],
        name=data["name"],
        default=data["default"],
        description=data["description"],
        weeks=data["weeks"],
        steps=steps,
        sources=tuple(data.get("sources", ())),
    )


def _question(item: dict[str, Any]) -> Question:
    """An item that is an answer key takes its range from the one home of the answers format."""
    low, high = INTEGER_RANGES.get(item["id"], (item.get("min"), item.get("max")))
    return Question(id=item["id"], kind=item["kind"], text=item["text"], min=low, max=high, group=item.get("group"))


def _questionnaire(data: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        id=data["id"],
        title=data["title"],
        items=tuple(_question(item) for item in data["items"]),
        sources=tuple(data["sources"]),
        intro=data.get("intro"),
        scoring=data.get("scoring"),
        short=data.get("short"),
        schedule=Schedule(**data["schedule"]) if "schedule" in data else None,
        change=_change(data["meaningful_change"]) if "meaningful_change" in data else None,
        activities=dict(data.get("activities", {})),
        fhir=dict(data.get("fhir", {})),
    )


def _change(data: dict[str, Any]) -> ChangeThreshold:
    return ChangeThreshold(better=data["better"], points_from=data["points"]["from"], points_to=data["points"]["to"],
                           compare=data["compare"], how=data["how"], sources=tuple(data["sources"]),
                           percent=data.get("percent"))


def _stop_reason(data: dict[str, Any]) -> StopReason:
    return StopReason(**{**data, "do_now": tuple(data.get("do_now", ())), "sources": tuple(data.get("sources", ()))})


def _emergency_numbers(data: dict[str, Any]) -> EmergencyNumbers:
    return EmergencyNumbers(default=data["default"], by_region=dict(data["by_region"]), sources=tuple(data["sources"]))
