"""The guided-session script: a plan turned into a deterministic list of timed cues.

Interfaces (terminal, browser) play the script; they decide how fast time
runs, so a demonstration or a test can play it in seconds.
"""

from __future__ import annotations

from typing import Any

from .model import Knowledge
from .plan import Plan, Step
from .record import record

INTRO_SECONDS = 10
SWITCH_SECONDS = 5
CHECK_SECONDS = 10
PACE_SECONDS = {"circles": 2.0, "press_release": 4.0, "slow_strokes": 3.0}
PACE_WORDS = {
    "circles": "one small slow circle every {pace:g} seconds",
    "press_release": "press for 3 seconds, ease off for 1",
    "slow_strokes": "one slow stroke every {pace:g} seconds",
}
SIDE_PLACES = {"hand": "hand", "ankle": "ankle", "foot": "foot", "leg": "leg", "knee": "knee"}


@record
class Cue:
    index: int
    at: int  # seconds from the start of the session
    seconds: int
    kind: str  # intro, work, switch, check, done
    step_id: str | None
    side: str | None  # left, right or None
    text: str
    pace_seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "at": self.at, "seconds": self.seconds, "kind": self.kind,
            "step_id": self.step_id, "side": self.side, "text": self.text, "pace_seconds": self.pace_seconds,
        }


def session_script(plan: Plan, kb: Knowledge) -> list[Cue]:
    """Every cue of a session, in order; empty when triage allows no self-care."""
    drafts: list[tuple[int, str, str | None, str | None, str, float | None]] = []
    for step in plan.steps:
        drafts.extend(_step_cues(step, kb))
    if drafts:
        drafts.append((0, "done", None, None, "That is the whole session. Well done.", None))
    cues: list[Cue] = []
    clock = 0
    for index, (seconds, kind, step_id, side, text, pace) in enumerate(drafts):
        cues.append(Cue(index, clock, seconds, kind, step_id, side, text, pace))
        clock += seconds
    return cues


def _step_cues(step: Step, kb: Knowledge) -> list[tuple[int, str, str | None, str | None, str, float | None]]:
    pace = PACE_SECONDS[step.pacing]
    work_seconds = round(step.minutes * 60)
    how = step.technique_text(kb)
    rhythm = PACE_WORDS[step.pacing].format(pace=pace)
    sides: tuple[str | None, ...] = ("left", "right") if step.sides == "both" else (None,)
    place = SIDE_PLACES.get(step.site, step.site)
    cues: list[tuple[int, str, str | None, str | None, str, float | None]] = [
        (INTRO_SECONDS, "intro", step.id, sides[0], f"Next: {step.name}. {step.how_to_find[0]}", None)
    ]
    for number, side in enumerate(sides):
        if number > 0:
            cues.append((SWITCH_SECONDS, "switch", step.id, side, f"Switch to your {side} {place}.", None))
        where = f" on your {side} {place}" if side else ""
        cues.append((work_seconds, "work", step.id, side, f"{step.name}{where}: {how} Pace: {rhythm}.", pace))
    check = "Check in: if the pain or spasm is worse than when you started, stop here."
    cues.append((CHECK_SECONDS, "check", step.id, None, check, None))
    return cues


def total_seconds(cues: list[Cue]) -> int:
    return sum(cue.seconds for cue in cues)
