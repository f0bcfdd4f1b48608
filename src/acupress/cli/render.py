"""Plain-text renderings, shared by every command that prints for people.

A plan is rendered from its own dictionary (`Plan.to_dict()`), which carries
every word it shows: no knowledge base, no internal ids, no source keys.
"""

from __future__ import annotations

import textwrap
from typing import Any

from acupress.core.model import Knowledge, Point

WIDTH = 78
BANNER_MARKS = {"emergency": "!!!", "urgent": "!!"}
EVIDENCE_WORDS = {"trials": "tested in trials", "traditional": "traditional practice, not tested in trials"}


def wrap(text: str, indent: str = "", first: str | None = None) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=first if first is not None else indent, subsequent_indent=indent)


def banner(triage: dict[str, Any]) -> str:
    mark = BANNER_MARKS.get(triage["level"])
    return f"{mark} {triage['title'].upper()} {mark}" if mark else triage["title"]


def plan_text(plan: dict[str, Any]) -> str:
    triage, names = plan["triage"], plan["source_names"]
    lines = [banner(triage), "", wrap(triage["advice"])]
    if triage["reasons"]:
        lines += ["", "Why:"]
        lines += [wrap(f"{r['message']} When: {r['see_within_text'].lower()}.", "    ", "  - ") for r in triage["reasons"]]
    if plan["steps"]:
        lines += ["", f"Your plan for {plan['duration_text']} ({plan['protocol']['name']}):"]
        for number, step in enumerate(plan["steps"], start=1):
            lines += [""] + _step_lines(number, step, names)
    for title, notes in (("Whatever else you do", plan["core_advice"]), ("Take care", plan["warnings"]),
                         ("Left out", plan["skipped"])):
        if notes:
            lines += ["", f"{title}:"] + [wrap(note["message"], "    ", "  - ") for note in notes]
    if plan["references"]:
        lines += ["", "Sources:"] + [wrap(f"{names[key]}: {text}", "    ", "  ") for key, text in plan["references"].items()]
    lines += ["", wrap(plan["notice"]), f"(knowledge base {plan['knowledge_version']})", ""]
    return "\n".join(lines)


def amount(step: dict[str, Any]) -> str:
    """ "2 min each side" or "3 min in total", from the plan's own `minutes_are`."""
    return f"{step['minutes']:g} min {'each side' if step['minutes_are'] == 'per side' else 'in total'}"


def _step_lines(number: int, step: dict[str, Any], names: dict[str, str]) -> list[str]:
    lines = [
        f"{number}. {step['name']}: {step['intensity']}, {amount(step)}, {step['frequency_text'].lower()}",
        wrap(step["technique"], "     ", "   How: "),
    ]
    if step["kind"] == "point":
        lines.append("   Finding it:")
        lines += [wrap(item, "       ", "     - ") for item in step["how_to_find"]]
    lines.append("   Why:")
    lines += [wrap(item, "       ", "     - ") for item in step["why"]]
    evidence = step["evidence"]
    lines.append(wrap(evidence["text"], "     ", f"   Evidence ({EVIDENCE_WORDS[evidence['basis']]}): "))
    lines.append(wrap("; ".join(names[key] for key in step["sources"]), "     ", "   Sources: "))
    return lines


def point_summary(point: Point) -> str:
    role = "self-care" if point.role == "self_care" else "reference"
    pregnancy = ", avoided in pregnancy" if point.avoid_in_pregnancy else ""
    return f"{point.id:<5} {point.pinyin} {point.chinese} ({point.name_en}): {point.site}, {role}{pregnancy}"


def point_text(point: Point, kb: Knowledge) -> str:
    lines = [f"{point.id}: {point.pinyin} {point.chinese}, {point.name_en} ({point.channel} channel)", ""]
    lines += [wrap(point.location, "  ", "Where: "), "", "How to find it:"]
    lines += [wrap(item, "     ", f"  {n}. ") for n, item in enumerate(point.how_to_find, start=1)]
    if point.technique:
        lines += ["", wrap(point.technique.motion, "  ", "How: ")]
    if point.avoid_in_pregnancy:
        who = "; ".join(kb.sources[key].short() for key in kb.rule("pregnancy_avoided_points").sources)
        lines += ["", f"Avoided in pregnancy (by tradition; see {who})."]
    if point.cautions:
        lines += ["", "Cautions:"] + [wrap(item, "    ", "  - ") for item in point.cautions]
    if point.evidence:
        basis = EVIDENCE_WORDS[point.evidence.basis]
        lines += ["", wrap(point.evidence.text, "  ", f"Evidence ({basis}): ")]
    lines += ["", "Sources: " + "; ".join(kb.sources[key].short() for key in point.sources), ""]
    return "\n".join(lines)


def sources_text(kb: Knowledge) -> str:
    lines = []
    for source in kb.sources.values():
        flag = " [awaiting confirmation]" if not source.verified else ""
        lines.append(wrap(f"{source.short()}: {source.citation()}{flag}", "    "))
    return "\n".join(lines) + "\n"
