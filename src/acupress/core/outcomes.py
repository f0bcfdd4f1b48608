"""Outcome measures: meaningful change against a threshold, PSFS scores, what is due when.

Pure functions. Thresholds, schedules and their sources are data
(questionnaires.yaml); this module only applies them. Dates are the person's
local dates, worked out by the caller; "today" is passed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Literal

from .model import ChangeThreshold, Questionnaire
from .record import record

Verdict = Literal["meaningful", "possible", "too_small", "worse"]


@record
class MeasureChange:
    """A measure's first value against its latest, judged against its threshold."""

    baseline: float
    current: float
    improvement: float  # positive = better, whichever way the measure runs
    percent: float | None  # the improvement as a share of the baseline, where that means something
    verdict: Verdict
    met_by: Literal["points", "percent"] | None  # which part of the threshold was reached
    decision: str  # how it was decided, in words


def judge_change(threshold: ChangeThreshold, baseline: float, current: float) -> MeasureChange:
    """Compare two values of a measure with its meaningful-change threshold."""
    improvement = round(baseline - current if threshold.better == "lower" else current - baseline, 2)
    percent = round(100 * improvement / baseline, 1) if threshold.percent is not None and baseline > 0 else None
    met_by: Literal["points", "percent"] | None = None
    if improvement >= threshold.points_to:
        verdict: Verdict = "meaningful"
        met_by = "points"
    elif percent is not None and threshold.percent is not None and percent >= threshold.percent:
        verdict, met_by = "meaningful", "percent"
    elif improvement >= threshold.points_from:
        verdict = "possible"
    elif -improvement >= threshold.points_from:
        verdict = "worse"
    else:
        verdict = "too_small"
    return MeasureChange(round(baseline, 2), round(current, 2), improvement, percent, verdict, met_by,
                         _decision(threshold, improvement, percent, verdict, met_by))


def _points(value: float) -> str:
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{shown} point" if shown == "1" else f"{shown} points"


def _threshold_words(threshold: ChangeThreshold) -> str:
    points = (_points(threshold.points_to) if threshold.points_from == threshold.points_to
              else f"{threshold.points_from:g} to {_points(threshold.points_to)}")
    return points + (f" or {threshold.percent:g} %" if threshold.percent is not None else "")


def _decision(threshold: ChangeThreshold, improvement: float, percent: float | None, verdict: Verdict,
              met_by: str | None) -> str:
    way = "better" if improvement >= 0 else "worse"
    size = _points(abs(improvement)) + (f" ({abs(percent):g} %)" if percent is not None else "")
    limit = _threshold_words(threshold)
    if verdict == "meaningful":
        reached = f"{threshold.percent:g} %" if met_by == "percent" else _points(threshold.points_to)
        return f"{size} {way}: a meaningful improvement (at least {reached}; the threshold is {limit})."
    if verdict == "possible":
        return f"{size} {way}: possibly meaningful (inside the range of {limit} where people start to notice a change)."
    if verdict == "worse":
        return f"{size} {way}: a change for the worse that people would notice (threshold {limit})."
    if improvement == 0:
        return f"No change (a meaningful change would be {limit})."
    return f"{size} {way}: too small to tell (a meaningful change would be {limit})."


def psfs_score(abilities: Sequence[int]) -> float:
    """PSFS (stratford1995): the mean of the activity ratings, rounded to one decimal."""
    return round(sum(abilities) / len(abilities), 1)


@record
class Due:
    """A measure that is due: asked for the first time, or its interval has passed."""

    measure: str
    first_time: bool
    last: date | None
    every_days: int


def due_measures(measures: Iterable[Questionnaire], last_answered: dict[str, date | None], today: date,
                 started: date | None) -> tuple[Due, ...]:
    """Which measures to ask today.

    `last_answered` maps a measure id to the date it was last answered (None:
    never). `started` is the first day the person used acupress (None: not
    yet): measures without `at_start` are only asked once they have begun.
    """
    due = []
    for measure in measures:
        if measure.schedule is None:
            continue
        last = last_answered.get(measure.id)
        if last is None:
            if measure.schedule.at_start or started is not None:
                due.append(Due(measure.id, True, None, measure.schedule.every_days))
        elif today >= last + timedelta(days=measure.schedule.every_days):
            due.append(Due(measure.id, False, last, measure.schedule.every_days))
    return tuple(due)
