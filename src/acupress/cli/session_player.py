"""Plays a session script in the terminal: countdowns, pacing, pause, skip, stop."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from acupress.cli.keys import KeySource
from acupress.core.model import StopReason
from acupress.core.session import Cue


@dataclass
class Outcome:
    completed: bool = True
    stop_reason: str | None = None
    seconds_done: dict[tuple[str, str | None], int] = field(default_factory=dict)
    skipped_steps: list[str] = field(default_factory=list)


def help_line(stop_reasons: Mapping[str, StopReason]) -> str:
    stops = ", ".join(f"{r.key} {r.label.lower()}{' (stop)' if r.safety else ''}" for r in stop_reasons.values())
    return f"Keys: p pause/resume, s skip this step, {stops}"


class Player:
    def __init__(self, keys: KeySource, stop_reasons: Mapping[str, StopReason], step_names: Mapping[str, str],
                 speed: float = 1.0, live: bool = False, write: Callable[[str], object] | None = None) -> None:
        self.keys, self.tick, self.live = keys, 1.0 / speed, live
        self.stops = {reason.key: reason.id for reason in stop_reasons.values()}
        self.end_key = next((reason.key for reason in stop_reasons.values() if not reason.safety), None)
        self.help = help_line(stop_reasons)
        self.names = step_names
        self._write = write or sys.stdout.write
        self._line_open = False  # a live countdown is being redrawn on the current line

    def write(self, text: str) -> None:
        if self._line_open:
            self._write("\n")
            self._line_open = False
        self._write(text)

    def play(self, cues: list[Cue]) -> Outcome:
        outcome = Outcome()
        self.write(self.help + "\n")
        index = 0
        while index < len(cues):
            cue = cues[index]
            self.write(f"\n[{_clock(cue.seconds)}] {cue.text}\n")
            key, elapsed = self._countdown(cue)
            if cue.kind == "work" and cue.step_id:
                slot = (cue.step_id, cue.side)
                outcome.seconds_done[slot] = outcome.seconds_done.get(slot, 0) + elapsed
            if key in self.stops:
                outcome.completed, outcome.stop_reason = False, self.stops[key]
                return outcome
            if key == "s" and cue.step_id:
                outcome.skipped_steps.append(cue.step_id)
                self.write(f"Skipped: {self.names.get(cue.step_id, cue.step_id)}.\n")
                index = _next_step_index(cues, index)
                continue
            index += 1
        return outcome

    def _countdown(self, cue: Cue) -> tuple[str | None, int]:
        """Count the cue down one session-second at a time; return (key that ended it, seconds done)."""
        elapsed = 0
        while elapsed < cue.seconds:
            key = self.keys.wait(self.tick)
            if key == "p":
                self.write("Paused. Press p to carry on.\n")
                key = self._wait_resume()
            if key in self.stops or key == "s":
                return key, elapsed
            elapsed += 1
            self._show_progress(cue, elapsed)
        return None, elapsed

    def _wait_resume(self) -> str | None:
        """While paused only p (carry on) and the stop keys work: a skip waits until the session moves again."""
        while True:
            if self.keys.closed:  # nobody can press p any more: the session ends here
                return self.end_key
            key = self.keys.wait(0.5)
            if key == "p":
                self.write("Carrying on.\n")
                return None
            if key in self.stops:
                return key
            if key == "s":
                self.write("Still paused: press p to carry on first, then s to skip this step.\n")

    def _show_progress(self, cue: Cue, elapsed: int) -> None:
        if not self.live or cue.kind != "work":
            return
        pace = cue.pace_seconds or 1
        beat = "●" if int(elapsed // pace) % 2 else "○"
        self._write(f"\r  {beat}  {_clock(cue.seconds - elapsed)} left   ")
        self._line_open = elapsed < cue.seconds
        if not self._line_open:
            self._write("\n")

    def close(self) -> None:
        """End a live countdown line before someone else writes."""
        self.write("")


def _next_step_index(cues: list[Cue], index: int) -> int:
    step_id = cues[index].step_id
    while index < len(cues) and cues[index].step_id == step_id:
        index += 1
    return index


def _clock(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"
