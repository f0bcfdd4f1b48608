"""Table tests for the second clinical pass: age, pregnancy, cleared signs, strength, honesty.

One row per rule and per threshold boundary; each says what a careful
clinician would expect to see.
"""

from __future__ import annotations

import pytest

from tests.conftest import make_plan, step, step_ids


def level_and_timing(plan: dict) -> tuple[str, str | None]:
    return plan["triage"]["level"], plan["triage"]["see_within"]


@pytest.mark.parametrize(("answers", "expected"), [
    ({"age": 16}, ("self_care", None)),
    ({"age": 15}, ("urgent", "days")),
    ({"age": 0}, ("urgent", "today")),
    ({"age": 4}, ("urgent", "today")),
    ({"age": 5}, ("urgent", "days")),
    ({"age": 12, "pain_now": 6}, ("urgent", "days")),
    ({"age": 12, "pain_now": 7}, ("urgent", "today")),
    ({"age": 12, "pain_now": 9}, ("urgent", "today")),
    ({"age": 15, "pain_started_days_ago": 28}, ("urgent", "days")),
    ({"age": 15, "pain_started_days_ago": 29}, ("urgent", "today")),
    ({"age": 15, "pain_started_days_ago": 120}, ("urgent", "today")),
    ({"age": 14, "red_flags": ["night_pain"]}, ("urgent", "today")),
    ({"age": 14, "red_flags": ["night_pain"], "clinician_cleared": True}, ("urgent", "today")),
    ({"age": 14, "clinician_cleared": True}, ("urgent", "days")),
    ({"age": 14, "red_flags": ["saddle_numbness"]}, ("emergency", "now")),
])
def test_under_16_gets_a_doctor_not_a_plan(kb, answers, expected):
    plan = make_plan(kb, **answers)
    assert level_and_timing(plan) == expected
    if answers["age"] < 16:
        assert plan["steps"] == []
        if expected[0] == "urgent":
            assert "a parent, a carer or another adult you trust" in plan["triage"]["advice"]


@pytest.mark.parametrize(("answers", "stops"), [
    ({"conditions": ["osteoporosis"], "pain_now": 6, "pain_started_days_ago": 3}, False),
    ({"conditions": ["osteoporosis"], "pain_now": 7, "pain_started_days_ago": 3}, True),
    ({"conditions": ["osteoporosis"], "pain_now": 9, "pain_started_days_ago": 27}, True),
    ({"conditions": ["osteoporosis"], "pain_now": 9, "pain_started_days_ago": 28}, False),
    ({"conditions": ["long_term_steroids"], "pain_now": 7, "pain_started_days_ago": 1}, True),
    ({"age": 64, "conditions": ["osteoporosis"], "pain_now": 5, "pain_started_days_ago": 3}, False),
    ({"age": 65, "conditions": ["osteoporosis"], "pain_now": 4, "pain_started_days_ago": 3}, True),
    ({"age": 65, "conditions": ["osteoporosis"], "pain_now": 3, "pain_started_days_ago": 3}, False),
    ({"age": 82, "conditions": ["osteoporosis"], "pain_now": 9, "pain_started_days_ago": 1}, True),
    ({"age": 65, "pain_now": 7, "pain_started_days_ago": 27}, True),
    ({"age": 65, "pain_now": 6, "pain_started_days_ago": 2}, False),
    ({"age": 64, "pain_now": 9, "pain_started_days_ago": 2}, False),
    ({"age": 80, "pain_now": 9, "pain_started_days_ago": 200}, False),
    ({"age": 75, "pain_now": 4, "pain_started_days_ago": 3}, True),
    ({"age": 74, "pain_now": 4, "pain_started_days_ago": 3}, False),
    ({"age": 75, "pain_now": 3, "pain_started_days_ago": 3}, False),
])
def test_thin_bones_or_older_age_with_new_pain_gets_a_fracture_check(kb, answers, stops):
    plan = make_plan(kb, **answers)
    reasons = [r["id"] for r in plan["triage"]["reasons"]]
    assert ("possible_fragility_fracture" in reasons) is stops
    assert plan["triage"]["level"] == "urgent" or not stops
    if stops:
        assert plan["steps"] == [] and plan["triage"]["see_within"] == "today"
        assert "press" in plan["triage"]["advice"] and "vertebra" in plan["triage"]["advice"]


def test_a_cleared_fracture_check_keeps_the_back_gentle(kb):
    plan = make_plan(kb, age=82, conditions=["osteoporosis"], pain_now=9, pain_started_days_ago=1, clinician_cleared=True)
    assert plan["triage"]["level"] == "self_care"
    assert plan["triage"]["title"] == "Self-care, with your clinician's go-ahead"
    rub = step(plan, "back_rub")
    assert (rub["intensity"], rub["variant"]) == ("gentle", "palm")
    assert step(plan, "SI3")["intensity"] == "moderate", "thin bones: no very firm step, even for a bad moment"


@pytest.mark.parametrize(("answers", "stops"), [
    ({"conditions": ["osteoporosis"], "pain_now": 9, "pain_started_days_ago": 28}, True),
    ({"conditions": ["long_term_steroids"], "pain_now": 7, "pain_started_days_ago": 60}, True),
    ({"age": 70, "pain_now": 9, "pain_started_days_ago": 40}, True),
    ({"age": 65, "pain_now": 7, "pain_started_days_ago": 84}, True),
    ({"age": 65, "pain_now": 7, "pain_started_days_ago": 85}, False),  # long-lasting pain: a known story by then
    ({"age": 65, "pain_now": 6, "pain_started_days_ago": 40}, False),
    ({"age": 64, "pain_now": 9, "pain_started_days_ago": 40}, False),
])
def test_severe_pain_past_four_weeks_with_thin_bones_or_later_life_is_checked_within_days(kb, answers, stops):
    plan = make_plan(kb, **answers)
    reasons = [r["id"] for r in plan["triage"]["reasons"]]
    assert ("fracture_check_pain_persisting" in reasons) is stops
    if stops:
        assert level_and_timing(plan) == ("urgent", "days") and plan["steps"] == []
        cleared = make_plan(kb, **answers, clinician_cleared=True)
        assert all(s["intensity"] != "strong" for s in cleared["steps"])
        assert (step(cleared, "back_rub")["intensity"], step(cleared, "back_rub")["variant"]) == ("gentle", "palm")


@pytest.mark.parametrize("answers", [
    {"age": 82, "conditions": ["osteoporosis"]},
    {"age": 40, "conditions": ["long_term_steroids"]},
    {"age": 40, "conditions": ["osteoporosis"]},
    {"age": 70},
    {"age": 65},
])
@pytest.mark.parametrize("cleared", [False, True])
def test_frail_bones_never_get_very_firm_pressure(kb, answers, cleared):
    for days, pain in ((1, 9), (200, 10), (40, 3)):
        plan = make_plan(kb, **answers, pain_now=pain, pain_started_days_ago=days, clinician_cleared=cleared)
        assert all(s["intensity"] != "strong" for s in plan["steps"]), (days, pain)


def test_younger_adults_still_get_very_firm_pressure_for_a_bad_moment(kb):
    assert step(make_plan(kb, age=64, pain_now=9, pain_started_days_ago=2), "SI3")["intensity"] == "strong"


@pytest.mark.parametrize("signs", [None, [], ["vaginal_bleeding"]])
def test_a_pregnant_child_is_sent_to_the_maternity_team(kb, signs):
    plan = make_plan(kb, age=15, pain_now=3, pain_started_days_ago=10, pregnant=True, pregnancy_signs=signs)
    assert plan["steps"] == []
    reasons = [r["id"] for r in plan["triage"]["reasons"]]
    if signs:
        assert level_and_timing(plan) == ("emergency", "now") and "maternity unit" in plan["triage"]["advice"]
    else:
        assert level_and_timing(plan) == ("urgent", "today") and reasons[0] == "pregnant_under_16"
        assert plan["triage"]["title"] == "Please contact a midwife, maternity unit or doctor today"
        assert "bleeding" in plan["triage"]["advice"] and "you can call them yourself" in plan["triage"]["advice"]


@pytest.mark.parametrize(("answers", "stops"), [
    ({"age": 16, "pain_now": 9, "pain_started_days_ago": 2}, True),
    ({"age": 17, "pain_now": 5, "pain_started_days_ago": 200}, True),
    ({"age": 17, "pain_now": 6, "pain_started_days_ago": 28}, False),
    ({"age": 17, "pain_now": 6, "pain_started_days_ago": 29}, True),
    ({"age": 18, "pain_now": 9, "pain_started_days_ago": 200}, False),
    ({"age": 16, "pain_now": 5, "pain_started_days_ago": 5}, False),
])
def test_young_people_with_severe_or_lasting_pain_see_a_gp_first(kb, answers, stops):
    plan = make_plan(kb, **answers)
    reasons = [r["id"] for r in plan["triage"]["reasons"]]
    assert ("young_person_see_gp_first" in reasons) is stops
    if stops:
        assert level_and_timing(plan) == ("urgent", "days") and plan["steps"] == []
        assert make_plan(kb, **answers, clinician_cleared=True)["steps"], "a doctor's go-ahead gives a plan"


@pytest.mark.parametrize(("answers", "words"), [
    ({"red_flags": ["calf_swelling"]}, "Today, within a few hours"),
    ({"pregnant": True, "pregnancy_signs": [], "pain_now": 8, "pain_started_days_ago": 2}, "Today, as soon as you can"),
])
def test_signs_that_cannot_wait_until_tomorrow_say_so(kb, answers, words):
    plan = make_plan(kb, **answers)
    assert plan["triage"]["see_within_text"] == words
    assert "tomorrow" not in plan["triage"]["see_within_text"]


@pytest.mark.parametrize("age", [65, 90])
def test_older_age_keeps_the_back_gentle_and_says_why(kb, age):
    plan = make_plan(kb, age=age, pain_now=5, pain_started_days_ago=200)
    rub = step(plan, "back_rub")
    assert (rub["intensity"], rub["variant"]) == ("gentle", "palm")
    assert "older_age" in [w["id"] for w in plan["warnings"]]
    younger = step(make_plan(kb, age=64, pain_now=5, pain_started_days_ago=200), "back_rub")
    assert younger["variant"] == "knuckles"


PREGNANCY_SIGNS = ["vaginal_bleeding", "fluid_leaking", "regular_tightenings", "fever_or_burning_urine",
                   "reduced_baby_movements"]


@pytest.mark.parametrize("sign", PREGNANCY_SIGNS)
@pytest.mark.parametrize("key", ["pregnancy_signs", "red_flags"])
@pytest.mark.parametrize("cleared", [False, True])
def test_each_pregnancy_sign_means_the_maternity_unit_now(kb, sign, key, cleared):
    plan = make_plan(kb, pregnant=True, pain_now=2, clinician_cleared=cleared, **{key: [sign]})
    assert level_and_timing(plan) == ("emergency", "now")
    assert plan["steps"] == []
    assert "maternity unit" in plan["triage"]["advice"] and "maternity unit" in plan["triage"]["title"]


@pytest.mark.parametrize(("pain", "days", "stops"), [
    (6, 2, False), (7, 2, True), (9, 2, True), (7, 27, True), (7, 28, False), (10, 200, False),
])
def test_new_severe_pain_in_pregnancy_goes_to_the_midwife_today(kb, pain, days, stops):
    plan = make_plan(kb, pregnant=True, pregnancy_signs=[], pain_now=pain, pain_started_days_ago=days)
    assert (level_and_timing(plan) == ("urgent", "today")) is stops
    if stops:
        assert "midwife" in plan["triage"]["advice"]
    else:
        assert {s["intensity"] for s in plan["steps"]} == {"gentle"}


@pytest.mark.parametrize("days", [3, 50, 200])
@pytest.mark.parametrize("pain", [0, 6, 10])
def test_pregnancy_every_step_gentle(kb, days, pain):
    plan = make_plan(kb, pregnant=True, pregnancy_signs=[], pain_now=pain, pain_started_days_ago=days, clinician_cleared=True)
    assert plan["steps"]
    assert {s["intensity"] for s in plan["steps"]} == {"gentle"}
    assert "back_rub" not in step_ids(plan) or step(plan, "back_rub")["variant"] == "palm"


def test_pregnancy_ki3_stays_at_the_ankle(kb):
    ki3 = step(make_plan(kb, pregnant=True, pregnancy_signs=[], pain_started_days_ago=200), "KI3")
    assert "SP6" in ki3["technique"] and "do not work up" in ki3["technique"]


def test_unanswered_pregnancy_signs_are_named_and_everything_stays_gentle(kb):
    plan = make_plan(kb, pregnant=True, pain_now=5, pain_started_days_ago=200)
    warning = next(w for w in plan["warnings"] if w["id"] == "pregnancy_signs_not_answered")
    for words in ("bleeding", "leaking fluid", "tightenings", "burning", "moving less", "maternity unit"):
        assert words in warning["message"]
    assert {s["intensity"] for s in plan["steps"]} == {"gentle"}
    answered = make_plan(kb, pregnant=True, pregnancy_signs=[], pain_now=5, pain_started_days_ago=200)
    assert "pregnancy_signs_not_answered" not in [w["id"] for w in answered["warnings"]]


@pytest.mark.parametrize(("flag", "level", "see_within", "words"), [
    ("inflammatory_back_pain", "urgent", "weeks", "not an emergency"),
    ("sexual_dysfunction", "emergency", "now", "emergency"),
    ("generally_unwell", "urgent", "today", "today or tomorrow"),
    ("worsening_over_weeks", "urgent", "days", "next few days"),
    ("calf_swelling", "urgent", "today", "emergency number"),
])
def test_new_warning_signs_and_their_timing(kb, flag, level, see_within, words):
    plan = make_plan(kb, red_flags=[flag])
    assert level_and_timing(plan) == (level, see_within)
    assert words in plan["triage"]["advice"]
    assert plan["triage"]["reasons"][0]["see_within_text"]


def test_the_soonest_timing_leads(kb):
    plan = make_plan(kb, red_flags=["inflammatory_back_pain", "fever"])
    assert level_and_timing(plan) == ("urgent", "today")
    assert [r["id"] for r in plan["triage"]["reasons"]] == ["fever", "inflammatory_back_pain"]
    assert "today or tomorrow" in plan["triage"]["advice"] and "not an emergency" not in plan["triage"]["advice"]


@pytest.mark.parametrize(("flag", "days", "gone", "back"), [
    ("calf_swelling", 200, {"KI3"}, ("gentle", "palm")),  # a treated clot: a blood thinner
    ("osteoporosis_trauma", 200, set(), ("gentle", "palm")),
    ("cancer_history", 200, set(), ("gentle", "palm")),
    ("immunosuppression", 200, set(), ("gentle", "palm")),
    ("fever", 200, set(), ("moderate", "knuckles")),
    ("night_pain", 200, set(), ("moderate", "knuckles")),
])
def test_a_cleared_sign_keeps_its_physical_meaning(kb, flag, days, gone, back):
    plan = make_plan(kb, red_flags=[flag], clinician_cleared=True, pain_started_days_ago=days, pain_now=9)
    assert plan["triage"]["level"] == "self_care"
    assert gone == {s["id"] for s in plan["skipped"]}
    rub = step(plan, "back_rub")
    assert (rub["intensity"], rub["variant"]) == back
    assert all(s["intensity"] != "strong" for s in plan["steps"])


def test_cleared_cancer_history_means_no_very_firm_step_even_for_a_bad_moment(kb):
    plan = make_plan(kb, red_flags=["cancer_history"], clinician_cleared=True, pain_now=10, pain_started_days_ago=2)
    assert step(plan, "SI3")["intensity"] == "moderate"
    plain = make_plan(kb, pain_now=10, pain_started_days_ago=2)
    assert step(plain, "SI3")["intensity"] == "strong"


def test_core_advice_and_evidence_in_every_self_care_plan(kb):
    for days in (3, 50, 200):
        plan = make_plan(kb, pain_started_days_ago=days)
        advice = " ".join(note["message"] for note in plan["core_advice"])
        assert "active" in advice and "add-on" in advice and "not a treatment on its own" in advice
        for s in plan["steps"]:
            assert s["evidence"]["basis"] in ("trials", "traditional") and s["evidence"]["text"]
        assert step(plan, "SI3")["evidence"]["basis"] == "traditional"
        assert step(plan, "back_rub")["evidence"]["basis"] == "trials"
    assert make_plan(kb, red_flags=["fever"])["core_advice"] == []


def test_strong_is_said_to_be_for_the_moment(kb):
    si3 = step(make_plan(kb, pain_now=8, pain_started_days_ago=1), "SI3")
    assert si3["intensity"] == "strong"
    assert any("for this painful moment only" in line and "our reading" in line for line in si3["why"])


@pytest.mark.parametrize("answers", [
    {"conditions": ["anticoagulants"], "pain_now": 9, "pain_started_days_ago": 2},
    {"pregnant": True, "pregnancy_signs": [], "pain_now": 5},
    {"red_flags": ["cancer_history"], "clinician_cleared": True, "pain_now": 9},
])
def test_a_capped_why_never_promises_firm_pressure(kb, answers):
    si3 = step(make_plan(kb, **answers), "SI3")
    assert si3["intensity"] != "strong"
    assert not any("press very firmly" in line for line in si3["why"])


def test_headline_matches_an_empty_plan(kb):
    plan = make_plan(kb, pain_started_days_ago=3, conditions=["skin_problem_back", "skin_problem_hand"])
    assert plan["steps"] == []
    assert plan["triage"]["title"] != "Self-care looks reasonable"
    assert "None of your answers is a warning sign" not in plan["triage"]["advice"]
    assert "other steps are fine" not in " ".join(note["message"] for note in plan["skipped"] + plan["warnings"])


def test_headline_after_a_cleared_sign_does_not_deny_it(kb):
    plan = make_plan(kb, red_flags=["fever"], clinician_cleared=True)
    assert plan["triage"]["cleared"] == ["fever"]
    assert "None of your answers is a warning sign" not in plan["triage"]["advice"]
    assert "clinician" in plan["triage"]["advice"]
