"""The session script: deterministic timed cues for each point and side."""

from __future__ import annotations

import itertools

from acupress.core.answers import parse_answers
from acupress.core.plan import build_plan
from acupress.core.session import session_script, total_seconds


def script(kb, **answers):
    data = {"age": 40, "pain_now": 5, "pain_started_days_ago": 50, **answers}
    return session_script(build_plan(parse_answers(data, kb), kb))


def test_each_point_is_worked_on_both_sides_for_its_minutes(kb):
    cues = script(kb)
    work = [(c.step_id, c.side, c.seconds) for c in cues if c.kind == "work"]
    assert work == [("SI3", "left", 120), ("SI3", "right", 120), ("KI3", "left", 120),
                    ("KI3", "right", 120), ("back_rub", None, 180)]


def test_switch_sides_and_check_pain_cues(kb):
    cues = script(kb)
    switches = [c for c in cues if c.kind == "switch"]
    assert [(c.step_id, c.side) for c in switches] == [("SI3", "right"), ("KI3", "right")]
    assert "right hand" in switches[0].text and "right ankle" in switches[1].text
    assert sum(c.kind == "check" for c in cues) == 3
    assert cues[-1].kind == "done"


def test_cues_are_contiguous_and_deterministic(kb):
    cues = script(kb)
    assert cues == script(kb)
    for before, after in itertools.pairwise(cues):
        assert after.at == before.at + before.seconds
    assert total_seconds(cues) == cues[-1].at


def test_pacing_cue_for_circles(kb):
    ki3 = next(c for c in script(kb) if c.step_id == "KI3" and c.kind == "work")
    assert ki3.pace_seconds == 2.0 and ki3.pacing == "circles" and "circle" in ki3.text


def test_no_script_when_triage_stops(kb):
    assert script(kb, red_flags=["saddle_numbness"]) == []
