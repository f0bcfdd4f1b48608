"""Table-driven tests: one row per rule of design.md, with its boundaries."""

from __future__ import annotations

import pytest

from acupress.core.triage import duration_class
from tests.helpers import make_plan, step, step_ids

EMERGENCY = ["saddle_numbness", "bladder_bowel_dysfunction", "bilateral_leg_symptoms", "sexual_dysfunction",
             "progressive_weakness", "major_trauma", "chest_or_abdominal_pain"]
URGENT = ["fever", "generally_unwell", "cancer_history", "unexplained_weight_loss", "night_pain",
          "osteoporosis_trauma", "iv_drug_use", "immunosuppression", "calf_swelling", "worsening_over_weeks",
          "inflammatory_back_pain"]


@pytest.mark.parametrize(("days", "expected"), [
    (0, "acute"), (27, "acute"), (28, "subacute"), (84, "subacute"), (85, "chronic"), (3650, "chronic"),
])
def test_duration_class_boundaries(kb, days, expected):
    assert duration_class(days, kb) == expected
    assert make_plan(kb, pain_started_days_ago=days)["duration"] == expected


@pytest.mark.parametrize("flag", EMERGENCY)
@pytest.mark.parametrize("cleared", [False, True])
def test_emergency_flag_stops_everything(kb, flag, cleared):
    plan = make_plan(kb, red_flags=[flag], clinician_cleared=cleared)
    assert plan["triage"]["level"] == "emergency"
    assert plan["steps"] == []
    assert [r["id"] for r in plan["triage"]["reasons"]] == [flag]
    assert "emergency" in plan["triage"]["advice"].lower()


@pytest.mark.parametrize("flag", URGENT)
def test_urgent_flag_stops_without_clearance(kb, flag):
    plan = make_plan(kb, red_flags=[flag])
    assert plan["triage"]["level"] == "urgent"
    assert plan["steps"] == []
    assert "doctor" in plan["triage"]["advice"] or "GP" in plan["triage"]["advice"]


@pytest.mark.parametrize("flag", URGENT)
def test_urgent_flag_with_clearance_becomes_warning(kb, flag):
    plan = make_plan(kb, red_flags=[flag], clinician_cleared=True)
    assert plan["triage"]["level"] == "self_care"
    assert plan["steps"], "a cleared person gets a plan"
    assert flag in [w["id"] for w in plan["warnings"]]


def test_emergency_beats_urgent_and_clearance(kb):
    plan = make_plan(kb, red_flags=["fever", "saddle_numbness"], clinician_cleared=True)
    assert plan["triage"]["level"] == "emergency"
    assert plan["steps"] == []


@pytest.mark.parametrize(("days", "expected_order"), [
    (3, ["SI3", "back_rub"]),
    (27, ["SI3", "back_rub"]),
    (28, ["SI3", "KI3", "back_rub"]),
    (84, ["SI3", "KI3", "back_rub"]),
    (85, ["KI3", "SI3", "back_rub"]),
])
def test_steps_by_duration(kb, days, expected_order):
    assert step_ids(make_plan(kb, pain_started_days_ago=days)) == expected_order


def test_acute_si3_first_and_before_ki3(kb):
    ids = step_ids(make_plan(kb, pain_started_days_ago=30))
    assert ids.index("SI3") < ids.index("KI3")
    assert step_ids(make_plan(kb, pain_started_days_ago=1))[0] == "SI3"


def test_chronic_ki3_daily_gentle_circles(kb):
    ki3 = step(make_plan(kb, pain_started_days_ago=200, pain_now=9), "KI3")
    assert ki3["frequency"] == "daily"
    assert ki3["intensity"] == "gentle"
    assert "circles" in ki3["technique"]
    assert "warm" in ki3["technique"]
    assert "alban" in ki3["sources"]


def test_chronic_si3_regular(kb):
    si3 = step(make_plan(kb, pain_started_days_ago=200), "SI3")
    assert si3["frequency"] == "daily"
    assert "chronic_si3_regular" in si3["rules"]


@pytest.mark.parametrize(("pain", "intensity"), [
    (0, "gentle"), (3, "gentle"), (4, "moderate"), (7, "moderate"), (8, "strong"), (10, "strong"),
])
def test_si3_intensity_follows_pain_for_the_moment(kb, pain, intensity):
    si3 = step(make_plan(kb, pain_now=pain, pain_started_days_ago=3), "SI3")
    assert si3["frequency"] == "as_needed"
    assert si3["intensity"] == intensity
    assert "si3_intensity_by_pain" in si3["rules"]
    assert any(f"Your pain is {pain} out of 10" in line for line in si3["why"])


@pytest.mark.parametrize(("pain", "intensity"), [
    (0, "gentle"), (3, "gentle"), (4, "moderate"), (7, "moderate"), (8, "moderate"), (10, "moderate"),
])
@pytest.mark.parametrize("days", [50, 200])
def test_a_daily_si3_is_never_strong(kb, pain, intensity, days):
    si3 = step(make_plan(kb, pain_now=pain, pain_started_days_ago=days), "SI3")
    assert si3["frequency"] == "daily"
    assert si3["intensity"] == intensity
    assert ("strength_is_a_moment" in si3["rules"]) == (pain >= 8)
    if pain >= 8:
        assert any("keeps this step moderate" in line for line in si3["why"]), "the why admits the cap"
        assert not any("very firmly" in line for line in si3["why"])


def test_back_rub_palm_or_knuckles_slowly_stop_if_worse(kb):
    rub = step(make_plan(kb, pain_started_days_ago=3), "back_rub")
    assert rub["variant"] == "palm" and rub["intensity"] == "gentle"
    assert "slowly" in rub["technique"]
    assert "spasm" in rub["technique"]
    assert any("knuckles" in reason for reason in rub["why"])
    chronic_rub = step(make_plan(kb, pain_started_days_ago=200), "back_rub")
    assert chronic_rub["variant"] == "knuckles"


@pytest.mark.parametrize("condition", ["anticoagulants", "bleeding_disorder"])
@pytest.mark.parametrize("days", [3, 50, 200])
def test_bleeding_risk_caps_everything_at_gentle(kb, condition, days):
    plan = make_plan(kb, pain_now=10, pain_started_days_ago=days, conditions=[condition])
    assert plan["steps"]
    assert {s["intensity"] for s in plan["steps"]} == {"gentle"}
    assert condition in [w["id"] for w in plan["warnings"]]
    assert step(plan, "SI3")["rules"][-1] == "caution_limits_intensity"


def test_bleeding_risk_switches_knuckles_to_palm(kb):
    rub = step(make_plan(kb, pain_started_days_ago=200, conditions=["anticoagulants"]), "back_rub")
    assert rub["variant"] == "palm"


@pytest.mark.parametrize(("days", "pain", "si3"), [(3, 6, "moderate"), (200, 9, "moderate"), (200, 3, "gentle")])
@pytest.mark.parametrize("condition", ["osteoporosis", "long_term_steroids"])
def test_thin_bones_back_rub_gentle_palm_only(kb, days, pain, si3, condition):
    plan = make_plan(kb, pain_now=pain, pain_started_days_ago=days, conditions=[condition])
    rub = step(plan, "back_rub")
    assert (rub["variant"], rub["intensity"]) == ("palm", "gentle")
    assert "knuckles" not in rub["technique"].lower()
    assert not any("knuckles" in line for line in rub["how_to_find"])
    assert condition in [w["id"] for w in plan["warnings"]]
    assert step(plan, "SI3")["intensity"] == si3, "the hand is not the spine"


@pytest.mark.parametrize(("condition", "gone"), [
    ("skin_problem_back", {"back_rub"}),
    ("skin_problem_hand", {"SI3"}),
    ("skin_problem_ankle", {"KI3"}),
    ("varicose_veins_ankle", {"KI3"}),
])
def test_site_problems_remove_steps_at_that_site(kb, condition, gone):
    plan = make_plan(kb, pain_started_days_ago=50, conditions=[condition])
    assert gone.isdisjoint(step_ids(plan))
    assert set(step_ids(plan)) == {"SI3", "KI3", "back_rub"} - gone
    assert gone == {s["id"] for s in plan["skipped"]}


def test_all_sites_blocked_says_so(kb):
    plan = make_plan(kb, pain_started_days_ago=3, conditions=["skin_problem_back", "skin_problem_hand"])
    assert plan["steps"] == []
    assert "no_safe_steps" in [w["id"] for w in plan["warnings"]]


AVOIDED_IN_PREGNANCY = {"LI4", "SP6", "BL60", "BL67", "GB21", "BL23", "GV4"}


@pytest.mark.parametrize("days", [3, 50, 200])
@pytest.mark.parametrize("protocol", ["article", "trial_6_weeks"])
def test_pregnancy_avoids_points_and_warns(kb, days, protocol):
    plan = make_plan(kb, pregnant=True, pain_started_days_ago=days, protocol=protocol)
    assert AVOIDED_IN_PREGNANCY.isdisjoint(step_ids(plan))
    warning = next(w for w in plan["warnings"] if w["id"] == "pregnancy")
    assert "midwife" in warning["message"]


def test_pregnancy_points_are_marked_in_the_knowledge(kb):
    assert {p.id for p in kb.points.values() if p.avoid_in_pregnancy} == AVOIDED_IN_PREGNANCY


def test_every_step_explains_itself(kb):
    for days in (3, 50, 200):
        for s in make_plan(kb, pain_started_days_ago=days)["steps"]:
            assert s["why"] and s["sources"] and s["rules"]
            assert all(key in kb.sources for key in s["sources"])
            assert "stop_if_worse" in s["rules"]


@pytest.mark.parametrize("pain", [2, 9, 10])
def test_trial_protocol_is_daily_three_minutes_never_strong(kb, pain):
    plan = make_plan(kb, protocol="trial_6_weeks", pain_started_days_ago=200, pain_now=pain)
    assert step_ids(plan) == ["SI3", "KI3"]
    assert {(s["minutes"], s["frequency"]) for s in plan["steps"]} == {(3, "daily")}
    assert {s["intensity"] for s in plan["steps"]} <= {"gentle", "moderate"}
    assert plan["protocol"]["weeks"] == 6
    assert "murphy2019" in plan["references"]
    text = plan["protocol"]["description"] + " ".join(step(plan, "SI3")["why"])
    assert "cannot be compared" in text and "so results can be compared" not in text
