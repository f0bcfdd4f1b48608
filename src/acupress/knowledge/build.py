"""Turn validated YAML documents into the core's immutable types."""

from __future__ import annotations

from typing import Any

from acupress.core.model import (
    Condition,
    Effects,
    EmergencyNumbers,
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
    Source,
    StopReason,
    Technique,
    Variant,
)


def build_knowledge(raw: dict[str, Any], version: str) -> Knowledge:
    protocols_doc = raw["protocols"]
    return Knowledge(
        version=version,
        sources={key: Source(key=key, **value) for key, value in raw["sources"]["sources"].items()},
        points={p["id"]: _point(p) for p in raw["points"]["points"]},
        techniques={t["id"]: _technique(t) for t in raw["techniques"]["techniques"]},
        levels={key: LevelText(**value) for key, value in raw["red_flags"]["levels"].items()},
        red_flags={f["id"]: _red_flag(f) for f in raw["red_flags"]["red_flags"]},
        conditions={c["id"]: _condition(c) for c in raw["conditions"]["conditions"]},
        rules={r["id"]: _rule(r) for r in raw["rules"]["rules"]},
        frequencies=dict(protocols_doc["frequencies"]),
        intensities=dict(protocols_doc["intensities"]),
        protocols={p["id"]: _protocol(p) for p in protocols_doc["protocols"]},
        questionnaires={q["id"]: _questionnaire(q) for q in raw["questionnaires"]["questionnaires"]},
        stop_reasons={r["id"]: _stop_reason(r) for r in raw["safety"]["stop_reasons"]},
        emergency_numbers=_emergency_numbers(raw["safety"]["emergency_numbers"]),
    )


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
        evidence=data.get("evidence"),
        locator=dict(data.get("locator", {})),
    )


def _technique(data: dict[str, Any]) -> Technique:
    return Technique(
        **{key: data[key] for key in ("id", "name", "site", "sides", "pacing", "summary", "stop_if", "evidence")},
        variants=tuple(Variant(**v) for v in data["variants"]),
        how_to=tuple(data["how_to"]),
        sources=tuple(data["sources"]),
    )


def _red_flag(data: dict[str, Any]) -> RedFlag:
    return RedFlag(**{**data, "sources": tuple(data["sources"])})


def _condition(data: dict[str, Any]) -> Condition:
    effects = data["effects"]
    return Condition(
        id=data["id"],
        label=data["label"],
        warning=data["warning"],
        sources=tuple(data["sources"]),
        effects=Effects(
            max_intensity=effects.get("max_intensity"),
            max_intensity_at=dict(effects.get("max_intensity_at", {})),
            skip_sites=tuple(effects.get("skip_sites", ())),
            only_variants={k: tuple(v) for k, v in effects.get("only_variants", {}).items()},
            avoid_pregnancy_points=effects.get("avoid_pregnancy_points", False),
        ),
    )


def _rule(data: dict[str, Any]) -> Rule:
    return Rule(
        id=data["id"],
        statement=data["statement"],
        sources=tuple(data["sources"]),
        params=dict(data.get("params", {})),
        verified=data.get("verified", True),
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


def _questionnaire(data: dict[str, Any]) -> Questionnaire:
    return Questionnaire(
        id=data["id"],
        title=data["title"],
        items=tuple(Question(**item) for item in data["items"]),
        sources=tuple(data["sources"]),
        intro=data.get("intro"),
        scoring=data.get("scoring"),
    )


def _stop_reason(data: dict[str, Any]) -> StopReason:
    return StopReason(**{**data, "do_now": tuple(data.get("do_now", ())), "sources": tuple(data.get("sources", ()))})


def _emergency_numbers(data: dict[str, Any]) -> EmergencyNumbers:
    return EmergencyNumbers(default=data["default"], by_region=dict(data["by_region"]), sources=tuple(data["sources"]))
