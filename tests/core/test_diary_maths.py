"""Diary maths: PEG, change from the first week, meaningful change, adherence, streaks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acupress.core.diary import PainPoint, adherence, current_streak, longest_streak, pain_change, peg_score

START = date(2026, 11, 1)


def days(*offsets: int) -> set[date]:
    return {START + timedelta(days=n) for n in offsets}


@pytest.mark.parametrize(("items", "score"), [((0, 0, 0), 0.0), ((10, 10, 10), 10.0), ((5, 4, 6), 5.0), ((1, 2, 2), 1.7)])
def test_peg_is_the_mean(items, score):
    assert peg_score(*items) == score


def week(first_day: int, pains: list[int]) -> list[PainPoint]:
    return [PainPoint(START + timedelta(days=first_day + i), pain) for i, pain in enumerate(pains)]


@pytest.mark.parametrize(("baseline", "recent", "meaningful", "words"), [
    ([6] * 7, [4] * 7, True, "2.0 points lower"),        # exactly 2 points: meaningful
    ([6] * 7, [5] * 7, False, "small change"),           # 1 point, 17%: not yet
    ([6] * 7, [4, 5] * 3 + [4], True, "meaningful"),     # 1.57 points: Ostelo 2008's 15 out of 100 reached
    ([6] * 7, [5, 4] * 3 + [5], False, "small change"),  # 1.43 points, 24%: just short
    ([3] * 7, [2] * 7, True, "meaningful"),               # 1 point but 33%: meaningful
    ([10] * 7, [7] * 7, True, "30%"),                     # exactly 30% (and 3 points)
    ([5] * 7, [5] * 7, False, "the same"),
    ([4] * 7, [6] * 7, False, "higher"),                  # worse: never called an improvement
    ([0] * 7, [0] * 7, False, "the same"),                # no pain to begin with
])
def test_change_from_the_first_week(kb, baseline, recent, meaningful, words):
    change = pain_change(week(0, baseline) + week(14, recent), START + timedelta(days=20), kb)
    assert change is not None
    assert change.meaningful is meaningful
    assert words in change.summary


def test_no_change_before_there_is_a_second_week(kb):
    assert pain_change([], START, kb) is None
    assert pain_change(week(0, [5, 6, 4]), START + timedelta(days=3), kb) is None


@pytest.mark.parametrize(("done", "today", "current", "longest"), [
    ((), 10, 0, 0),
    ((10,), 10, 1, 1),
    ((9,), 10, 1, 1),              # today not done yet: yesterday's streak still counts
    ((8,), 10, 0, 1),              # a missed day breaks it
    ((5, 6, 7, 9, 10), 10, 2, 3),
    ((1, 2, 3, 4, 5, 6, 7), 7, 7, 7),
])
def test_streaks(done, today, current, longest):
    assert current_streak(days(*done), START + timedelta(days=today)) == current
    assert longest_streak(days(*done)) == longest


def test_adherence_counts_the_last_fourteen_days_or_since_the_start():
    assert adherence(days(0, 1, 2), START, START + timedelta(days=3)).share == 0.75
    late = adherence(days(*range(0, 30, 2)), START, START + timedelta(days=29))
    assert (late.days_planned, late.days_done) == (14, 7) and late.share == 0.5


@given(st.sets(st.integers(0, 60), max_size=40), st.integers(0, 70))
def test_streak_invariants(offsets, today):
    done = days(*offsets)
    now = START + timedelta(days=today)
    current, longest = current_streak(done, now), longest_streak(done)
    assert 0 <= current <= longest <= len(done)
    result = adherence(done, START, now)
    assert 0.0 <= result.share <= 1.0 and result.days_done <= result.days_planned
