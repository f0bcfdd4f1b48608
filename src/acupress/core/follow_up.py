"""What a practitioner follows for each patient: adherence to the program, PEG change, stops, warning signs.

Pure functions over plain values (days, scores, stop reasons, answers); the
caller reads them from storage and passes "today" in the patient's own dates.
They reuse the diary maths (core/diary.py), so a patient and their
practitioner see the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from .answers import Answers
from .diary import Adherence, Change, adherence, baseline_and_recent
from .model import Knowledge, level_rank
from .outcomes import judge_change
from .prescription import Prescription
from .record import record
from .triage import triage


def peg_change(points: Iterable[tuple[date, float]], today: date, kb: Knowledge) -> Change | None:
    """PEG score of the last 7 days against the first 7 days; meaningful by the PEG's threshold in the
    knowledge base (questionnaires.yaml `meaningful_change`, judged as the progress report does)."""
    windows = baseline_and_recent(points, today)
    if windows is None:
        return None
    before, now = sum(windows[0]) / len(windows[0]), sum(windows[1]) / len(windows[1])
    drop = before - now
    threshold = kb.questionnaires["peg"].change
    assert threshold is not None, "peg has a meaningful_change (checked at load)"
    meaningful = judge_change(threshold, before, now).verdict == "meaningful"
    direction = "lower" if drop > 0 else "higher"
    words = (f"PEG {before:.1f} in the first week, {now:.1f} in the last week"
             + ("" if abs(drop) < 0.05 else f" ({abs(drop):.1f} points {direction})")
             + (": a meaningful improvement." if meaningful else "."))
    percent = 100 * drop / before if before else 0.0
    return Change(round(before, 1), round(now, 1), round(drop, 1), round(percent), meaningful, words)


def program_adherence(session_days: Iterable[date], prescription: Prescription | None, first_day: date,
                      today: date) -> Adherence:
    """Days with a session over the days the program asked for, in the last 14 days (from its start)."""
    start = prescription.start_date if prescription else first_day
    ends = prescription.ends_on if prescription else None
    last = min(today, ends - timedelta(days=1)) if ends else today
    return adherence(session_days, start, last)


@record
class Flags:
    level: str  # the most serious triage level among the answers: self_care, urgent or emergency
    reported: tuple[str, ...]  # warning signs (ids) the answers reported, cleared or not
    stopped: bool  # some answers stopped self-care


def warning_signs(answer_sets: Iterable[Answers], kb: Knowledge) -> Flags:
    """Every warning sign the patient's answers reported, and the most serious triage among them."""
    level = "self_care"
    reported: dict[str, None] = {}  # ids in the order first reported
    for answers in answer_sets:
        result = triage(answers, kb)
        level = max(level, result.level, key=level_rank)
        for flag_id in (*result.cleared, *(reason.id for reason in result.reasons)):
            reported[flag_id] = None
    return Flags(level, tuple(reported), level != "self_care")


def safety_stops(stop_reasons: Iterable[str | None], kb: Knowledge) -> int:
    """Sessions stopped for safety (worse pain, a spasm: safety.yaml's `safety: true`)."""
    return sum(1 for reason in stop_reasons if reason and reason in kb.stop_reasons and kb.stop_reasons[reason].safety)

