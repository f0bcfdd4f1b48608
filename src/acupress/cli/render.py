"""Plain-text renderings, shared by every command that prints for people."""

from __future__ import annotations

import textwrap
from typing import Any

from acupress.core.model import Knowledge, Point

WIDTH = 78
BANNERS = {
    "emergency": "!!! GET MEDICAL HELP NOW !!!",
    "urgent": "!! SEE A DOCTOR SOON !!",
    "self_care": "Self-care looks reasonable",
}


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent)


def plan_text(plan: dict[str, Any]) -> str:
    triage = plan["triage"]
    lines = [BANNERS[triage["level"]], "", wrap(triage["advice"])]
    for reason in triage["reasons"]:
        lines.append(wrap(reason["message"], "    ", f"  - {reason['id']}: "))
    if plan["steps"]:
        lines += ["", f"Your plan ({plan['duration']} back pain, {plan['protocol']['name']}):"]
        for number, step in enumerate(plan["steps"], start=1):
            lines += [""] + _step_lines(number, step)
    for title, notes in (("Take care", plan["warnings"]), ("Left out", plan["skipped"])):
        if notes:
            lines += ["", f"{title}:"] + [wrap(note["message"], "    ", "  - ") for note in notes]
    if plan["references"]:
        lines += ["", "Sources:"] + [wrap(f"[{key}] {text}", "    ", "  ") for key, text in plan["references"].items()]
    lines += ["", wrap(plan["notice"]), f"(knowledge base {plan['knowledge_version']})", ""]
    return "\n".join(lines)


def _step_lines(number: int, step: dict[str, Any]) -> list[str]:
    sides = "each side" if step["sides"] == "both" else "in total"
    minutes = f"{step['minutes']:g} min {sides}"
    lines = [
        f"{number}. {step['name']}: {step['intensity']}, {minutes}, {step['frequency_text'].lower()}",
        wrap(step["technique"], "     ", "   How: "),
    ]
    if step["kind"] == "point":
        lines.append("   Finding it:")
        lines += [wrap(item, "       ", "     - ") for item in step["how_to_find"]]
    lines.append("   Why:")
    lines += [wrap(item, "       ", "     - ") for item in step["why"]]
    lines.append("   Sources: " + ", ".join(step["sources"]))
    return lines


def point_summary(point: Point) -> str:
    role = "self-care" if point.role == "self_care" else "reference"
    pregnancy = ", avoided in pregnancy" if point.avoid_in_pregnancy else ""
    return f"{point.id:<5} {point.pinyin} {point.chinese} ({point.name_en}): {point.site}, {role}{pregnancy}"


def point_text(point: Point) -> str:
    lines = [f"{point.id}: {point.pinyin} {point.chinese}, {point.name_en} ({point.channel} channel)", ""]
    lines += [wrap(point.location, "  ", "Where: "), "", "How to find it:"]
    lines += [wrap(item, "     ", f"  {n}. ") for n, item in enumerate(point.how_to_find, start=1)]
    if point.technique:
        lines += ["", wrap(point.technique.motion, "  ", "How: ")]
    if point.avoid_in_pregnancy:
        lines += ["", "Avoided in pregnancy (by tradition; see betts2011)."]
    if point.cautions:
        lines += ["", "Cautions:"] + [wrap(item, "    ", "  - ") for item in point.cautions]
    if point.evidence:
        lines += ["", wrap(point.evidence, "  ", "Evidence: ")]
    lines += ["", "Sources: " + ", ".join(point.sources), ""]
    return "\n".join(lines)


def sources_text(kb: Knowledge) -> str:
    lines = []
    for source in kb.sources.values():
        flag = " [awaiting confirmation]" if not source.verified else ""
        lines.append(wrap(f"[{source.key}] {source.citation()}{flag}", "    "))
    return "\n".join(lines) + "\n"
