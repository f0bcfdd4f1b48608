"""Meaningful change against each measure's threshold, PSFS scores, and which checks are due."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acupress.core.outcomes import due_measures, judge_change, psfs_score

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(("measure", "baseline", "current", "verdict", "met_by", "words"), [
    # pain NRS, Ostelo 2008: 1.5 points (15/100) or 30 %, whichever comes first
    ("pain_nrs", 6.0, 4.5, "meaningful", "points", "at least 1.5 points"),
    ("pain_nrs", 6.0, 4.6, "too_small", None, "too small to tell"),     # 1.4 points, 23 %
    ("pain_nrs", 3.0, 2.0, "meaningful", "percent", "at least 30 %"),   # 1 point but 33 %
    ("pain_nrs", 5.0, 5.0, "too_small", None, "No change"),
    ("pain_nrs", 4.0, 6.0, "worse", None, "worse"),
    # PEG, Reed 2024: 1 to 1.75 points
    ("peg", 6.3, 4.3, "meaningful", "points", "at least 1.75 points"),
    ("peg", 6.0, 4.75, "possible", None, "possibly meaningful"),        # 1.25: inside the range
    ("peg", 6.0, 5.1, "too_small", None, "too small"),
    ("peg", 4.0, 5.3, "worse", None, "worse"),
    # PSFS, Abbott 2014: 1.3 to 2.7 points, higher is better
    ("psfs", 3.5, 6.5, "meaningful", "points", "at least 2.7 points"),
    ("psfs", 3.5, 5.0, "possible", None, "possibly meaningful"),
    ("psfs", 6.0, 3.0, "worse", None, "worse"),
    ("psfs", 5.0, 5.5, "too_small", None, "too small"),
])
def test_each_threshold_decides_and_says_how(kb, measure, baseline, current, verdict, met_by, words):
    change = judge_change(kb.questionnaires[measure].change, baseline, current)
    assert change.verdict == verdict
    assert change.met_by == met_by
    assert words in change.decision


@given(baseline=st.floats(0, 10), current=st.floats(0, 10), measure=st.sampled_from(["pain_nrs", "peg", "psfs"]))
def test_a_change_for_the_worse_is_never_called_an_improvement(kb, baseline, current, measure):
    threshold = kb.questionnaires[measure].change
    change = judge_change(threshold, baseline, current)
    worse = current > baseline if threshold.better == "lower" else current < baseline
    if worse:
        assert change.verdict in ("worse", "too_small")
        assert "meaningful improvement" not in change.decision


def test_psfs_score_is_the_mean_of_the_ratings():
    assert psfs_score([3, 4]) == 3.5
    assert psfs_score([7, 6, 6]) == 6.3


def test_schedules_pain_daily_peg_weekly_psfs_at_start_and_every_two_weeks(kb):
    measures = [kb.questionnaires[m] for m in ("pain_nrs", "peg", "psfs")]

    def due(last, started=TODAY - timedelta(days=3)):
        return {d.measure for d in due_measures(measures, last, TODAY, started)}

    assert due({}, started=None) == {"psfs"}, "before anything else, only the baseline activity check"
    assert due({}) == {"pain_nrs", "peg", "psfs"}, "after starting, every first check is due"
    recent = {"pain_nrs": TODAY, "peg": TODAY - timedelta(days=6), "psfs": TODAY - timedelta(days=13)}
    assert due(recent) == set()
    later = {"pain_nrs": TODAY - timedelta(days=1), "peg": TODAY - timedelta(days=7), "psfs": TODAY - timedelta(days=14)}
    assert due(later) == {"pain_nrs", "peg", "psfs"}
