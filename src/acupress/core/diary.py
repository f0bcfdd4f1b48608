"""Diary maths: PEG score, change from baseline, meaningful change, adherence, streaks.

Pure functions. Dates are the person's local calendar dates, worked out by
the caller from each entry's timestamp and time zone; "today" is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from .model import Knowledge
from .outcomes import judge_change
from .record import record

BASELINE_DAYS = 7
PEG_ITEMS = ("peg_pain", "peg_enjoyment", "peg_activity")  # the diary's names of the PEG's three items (krebs2009)
ADHERENCE_WINDOW_DAYS = 14


@record
class PainPoint:
    day: date
    pain: int


@record
class Change:
    baseline: float
    current: float
    points: float  # positive = pain went down
    percent: float
    meaningful: bool
    summary: str


@record
class Adherence:
    days_planned: int
    days_done: int
    share: float
    current_streak: int
    longest_streak: int


def peg_score(pain: int, enjoyment: int, activity: int) -> float:
    """PEG (krebs2009): the mean of three 0-10 items, rounded to one decimal."""
    return round((pain + enjoyment + activity) / 3, 1)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def baseline_and_recent(points: Iterable[tuple[date, float]], today: date) -> tuple[list[float], list[float]] | None:
    """The values of the first 7 days and of the last 7 days after them; None until both exist."""
    ordered = sorted(points, key=lambda p: p[0])
    if not ordered:
        return None
    first_day = ordered[0][0]
    baseline = [value for day, value in ordered if day < first_day + timedelta(days=BASELINE_DAYS)]
    recent = [value for day, value in ordered
              if day >= max(first_day + timedelta(days=BASELINE_DAYS), today - timedelta(days=BASELINE_DAYS - 1))]
    return (baseline, recent) if recent else None


def pain_change(points: Iterable[PainPoint], today: date, kb: Knowledge) -> Change | None:
    """Average pain of the last 7 days against the first 7 days of the diary.

    None until there is a baseline week and at least one entry after it.
    """
    windows = baseline_and_recent(((p.day, p.pain) for p in points), today)
    if windows is None:
        return None
    before, now = _mean(windows[0]), _mean(windows[1])
    drop = before - now
    percent = 100 * drop / before if before else 0.0
    threshold = kb.questionnaires["pain_nrs"].change
    assert threshold is not None, "pain_nrs has a meaningful_change (checked at load)"
    meaningful = judge_change(threshold, before, now).verdict == "meaningful"
    return Change(round(before, 1), round(now, 1), round(drop, 1), round(percent), meaningful,
                  _change_words(drop, percent, meaningful))


def _change_words(drop: float, percent: float, meaningful: bool) -> str:
    if abs(drop) < 0.05:
        return "Your average pain this week is the same as in your first week."
    direction = "lower" if drop > 0 else "higher"
    text = f"Your average pain this week is {abs(drop):.1f} points {direction} than in your first week ({abs(percent):.0f}%)"
    if drop > 0 and meaningful:
        return text + ": a meaningful improvement."
    if drop > 0:
        return text + ": a small change, not yet a clearly meaningful one."
    return text + ". If it keeps rising, please talk to a clinician."


def adherence(session_days: Iterable[date], start: date, today: date) -> Adherence:
    """Share of planned daily sessions done over the last 14 days (or since the start)."""
    done = set(session_days)
    window_start = max(start, today - timedelta(days=ADHERENCE_WINDOW_DAYS - 1))
    planned = (today - window_start).days + 1 if today >= window_start else 0
    in_window = sum(1 for day in done if window_start <= day <= today)
    share = in_window / planned if planned else 0.0
    return Adherence(planned, in_window, round(share, 2), current_streak(done, today), longest_streak(done))


def current_streak(days: set[date], today: date) -> int:
    """Consecutive days with a session, ending today (or yesterday: today is not over yet)."""
    cursor = today if today in days else today - timedelta(days=1)
    streak = 0
    while cursor in days:
        streak += 1
        cursor -= timedelta(days=1)
    return streak


def longest_streak(days: set[date]) -> int:
    longest = 0
    for day in days:
        if day - timedelta(days=1) in days:
            continue  # not the first day of a run
        length = 1
        while day + timedelta(days=length) in days:
            length += 1
        longest = max(longest, length)
    return longest
