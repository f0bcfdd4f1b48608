"""The guided-session script: a plan turned into a deterministic list of timed cues.

Interfaces (terminal, browser) play the script; they decide how fast time
runs, so a demonstration or a test can play it in seconds.
"""

from __future__ import annotations

from typing import Any

from .plan import Plan, Step
from .record import record, replace

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
    pacing: str | None = None  # circles, press_release or slow_strokes (work cues)

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "at": self.at, "seconds": self.seconds, "kind": self.kind,
            "step_id": self.step_id, "side": self.side, "text": self.text, "pace_seconds": self.pace_seconds,
            "pacing": self.pacing,
        }


def session_script(plan: Plan) -> list[Cue]:
    """Every cue of a session, in order; empty when triage allows no self-care."""
    drafts = [cue for step in plan.steps for cue in _step_cues(step)]
    if drafts:
        drafts.append(_cue(0, "done", None, None, "That is the whole session. Well done."))
    cues: list[Cue] = []
    clock = 0
    for index, draft in enumerate(drafts):  # number the cues and put them on one clock
        cues.append(replace(draft, index=index, at=clock))
        clock += draft.seconds
    return cues


def _cue(seconds: int, kind: str, step_id: str | None, side: str | None, text: str,
         pace: float | None = None, pacing: str | None = None) -> Cue:
    return Cue(0, 0, seconds, kind, step_id, side, text, pace, pacing)


def _step_cues(step: Step) -> list[Cue]:
    pace = PACE_SECONDS[step.pacing]
    rhythm = PACE_WORDS[step.pacing].format(pace=pace)
    how = step.technique
    sides: tuple[str | None, ...] = ("left", "right") if step.sides == "both" else (
        (step.sides,) if step.sides in ("left", "right") else (None,))  # one side: a prescription's choice
    place = SIDE_PLACES.get(step.site, step.site)
    cues = [_cue(INTRO_SECONDS, "intro", step.id, sides[0], f"Next: {step.name}. {step.how_to_find[0]}")]
    for number, side in enumerate(sides):
        if number > 0:
            cues.append(_cue(SWITCH_SECONDS, "switch", step.id, side, f"Switch to your {side} {place}."))
        where = f" on your {side} {place}" if side else ""
        text = f"{step.name}{where}: {how} Pace: {rhythm}."
        cues.append(_cue(round(step.minutes * 60), "work", step.id, side, text, pace, step.pacing))
    check = "Check in: if the pain or spasm is worse than when you started, stop here."
    cues.append(_cue(CHECK_SECONDS, "check", step.id, None, check))
    return cues


def total_seconds(cues: list[Cue]) -> int:
    return sum(cue.seconds for cue in cues)
