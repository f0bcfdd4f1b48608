"""Tricky clinical cases through the real CLI, as a hold-out reviewer would try them.

Each row is what a careful GP, midwife, geriatrician or paediatrician would
accept for these answers: how urgently to be seen, and the most pressure any
step may carry. `acupress plan --answers F --format json` is run exactly as
the console script runs it.
"""

from __future__ import annotations

import pytest

from acupress.core.model import intensity_rank

AVOIDED_IN_PREGNANCY = {"LI4", "SP6", "BL60", "BL67", "GB21", "BL23", "GV4"}
NO_PLAN = {"steps": 0}

CASES = [
    # Pregnancy (midwife)
    ("pregnant, 9/10 for 2 days, signs not answered", {"pregnant": True, "pain_now": 9, "pain_started_days_ago": 2},
     {"level": "urgent", "see_within": "today", "words": "midwife", **NO_PLAN}),
    ("pregnant, 9/10 for 2 days, no signs", {"pregnant": True, "pregnancy_signs": [], "pain_now": 9, "pain_started_days_ago": 2},
     {"level": "urgent", "see_within": "today", **NO_PLAN}),
    ("pregnant, 7/10 for 27 days", {"pregnant": True, "pregnancy_signs": [], "pain_now": 7, "pain_started_days_ago": 27},
     {"level": "urgent", **NO_PLAN}),
    ("pregnant, mild, 6 weeks", {"pregnant": True, "pregnancy_signs": [], "pain_now": 4, "pain_started_days_ago": 40},
     {"level": "self_care", "max": "gentle", "pregnant": True}),
    ("pregnant, signs not answered, mild, long", {"pregnant": True, "pain_now": 5, "pain_started_days_ago": 200},
     {"level": "self_care", "max": "gentle", "pregnant": True, "warning": "pregnancy_signs_not_answered"}),
    ("pregnant, bleeding", {"pregnant": True, "pregnancy_signs": ["vaginal_bleeding"], "pain_now": 2, "pain_started_days_ago": 200},
     {"level": "emergency", "see_within": "now", "words": "maternity unit", **NO_PLAN}),
    ("pregnant, leaking fluid", {"pregnant": True, "pregnancy_signs": ["fluid_leaking"]},
     {"level": "emergency", **NO_PLAN}),
    ("pregnant, regular tightenings, cleared", {"pregnant": True, "pregnancy_signs": ["regular_tightenings"], "clinician_cleared": True},
     {"level": "emergency", **NO_PLAN}),
    ("pregnant, burning urine", {"pregnant": True, "pregnancy_signs": ["fever_or_burning_urine"], "pain_started_days_ago": 100},
     {"level": "emergency", **NO_PLAN}),
    ("pregnant, fewer movements sent as a red flag", {"pregnant": True, "red_flags": ["reduced_baby_movements"]},
     {"level": "emergency", "words": "maternity unit", **NO_PLAN}),
    ("pregnant, on blood thinners, cleared fever", {"pregnant": True, "pregnancy_signs": [], "conditions": ["anticoagulants"],
                                                     "red_flags": ["fever"], "clinician_cleared": True, "pain_started_days_ago": 60},
     {"level": "self_care", "max": "gentle", "pregnant": True}),
    # Children and teenagers (paediatrician)
    ("12-year-old, 9/10", {"age": 12, "pain_now": 9}, {"level": "urgent", "see_within": "today", "words": "parent or carer", **NO_PLAN}),
    ("15-year-old, 4 months", {"age": 15, "pain_now": 3, "pain_started_days_ago": 120}, {"level": "urgent", "see_within": "today", **NO_PLAN}),
    ("15-year-old, mild, recent", {"age": 15, "pain_now": 3, "pain_started_days_ago": 5}, {"level": "urgent", "see_within": "days", **NO_PLAN}),
    ("3-year-old", {"age": 3, "pain_now": 2, "pain_started_days_ago": 1}, {"level": "urgent", "see_within": "today", **NO_PLAN}),
    ("14-year-old said to be cleared", {"age": 14, "clinician_cleared": True, "pain_now": 2}, {"level": "urgent", **NO_PLAN}),
    ("13-year-old with night pain", {"age": 13, "red_flags": ["night_pain"], "pain_now": 4}, {"level": "urgent", "see_within": "today", **NO_PLAN}),
    ("16-year-old, mild", {"age": 16, "pain_now": 3, "pain_started_days_ago": 3}, {"level": "self_care", "max": "gentle"}),
    # Older people (geriatrician)
    ("82, osteoporosis, sudden 9/10, no fall", {"age": 82, "conditions": ["osteoporosis"], "pain_now": 9, "pain_started_days_ago": 1},
     {"level": "urgent", "see_within": "today", "words": "vertebra", **NO_PLAN}),
    ("78, no known thin bones, new 8/10", {"age": 78, "pain_now": 8, "pain_started_days_ago": 4}, {"level": "urgent", **NO_PLAN}),
    ("70, osteoporosis, new 5/10", {"age": 70, "conditions": ["osteoporosis"], "pain_now": 5, "pain_started_days_ago": 6},
     {"level": "urgent", **NO_PLAN}),
    ("45, steroid tablets, new 8/10", {"age": 45, "conditions": ["long_term_steroids"], "pain_now": 8, "pain_started_days_ago": 2},
     {"level": "urgent", **NO_PLAN}),
    ("75, long-lasting 6/10", {"age": 75, "pain_now": 6, "pain_started_days_ago": 400}, {"level": "self_care", "max": "moderate", "back": "gentle"}),
    ("88, long-lasting 9/10", {"age": 88, "pain_now": 9, "pain_started_days_ago": 400}, {"level": "self_care", "max": "moderate", "back": "gentle"}),
    ("82, osteoporosis, fracture ruled out", {"age": 82, "conditions": ["osteoporosis"], "pain_now": 9, "pain_started_days_ago": 1,
                                              "clinician_cleared": True}, {"level": "self_care", "back": "gentle"}),
    # Cleared warning signs keep their meaning (GP)
    ("thin-bone fall, cleared", {"red_flags": ["osteoporosis_trauma"], "clinician_cleared": True, "pain_now": 9, "pain_started_days_ago": 200},
     {"level": "self_care", "back": "gentle", "max": "moderate"}),
    ("swollen calf, cleared", {"red_flags": ["calf_swelling"], "clinician_cleared": True, "pain_started_days_ago": 200},
     {"level": "self_care", "forbidden": {"KI3"}}),
    ("past cancer, cleared, 10/10 today", {"red_flags": ["cancer_history"], "clinician_cleared": True, "pain_now": 10, "pain_started_days_ago": 1},
     {"level": "self_care", "max": "moderate", "back": "gentle"}),
    ("weak immunity, cleared", {"red_flags": ["immunosuppression"], "clinician_cleared": True, "pain_now": 9, "pain_started_days_ago": 2},
     {"level": "self_care", "max": "moderate", "back": "gentle"}),
    ("saddle numbness said to be cleared", {"red_flags": ["saddle_numbness"], "clinician_cleared": True}, {"level": "emergency", **NO_PLAN}),
    # Schedules and strength (GP, researcher)
    ("six-week routine started on a 9/10 day", {"protocol": "trial_6_weeks", "pain_now": 9, "pain_started_days_ago": 200},
     {"level": "self_care", "max": "moderate"}),
    ("six-week routine in acute pain", {"protocol": "trial_6_weeks", "pain_now": 10, "pain_started_days_ago": 2},
     {"level": "self_care", "max": "moderate"}),
    ("long-lasting 10/10, everyday plan", {"pain_now": 10, "pain_started_days_ago": 300}, {"level": "self_care", "max": "moderate"}),
    ("blood thinners, 10/10 today", {"conditions": ["anticoagulants"], "pain_now": 10, "pain_started_days_ago": 2},
     {"level": "self_care", "max": "gentle"}),
    ("varicose veins, 8 weeks", {"conditions": ["varicose_veins_ankle"], "pain_started_days_ago": 56},
     {"level": "self_care", "forbidden": {"KI3"}}),
    # New warning signs (GP)
    ("inflammatory back pain", {"age": 30, "red_flags": ["inflammatory_back_pain"], "pain_started_days_ago": 200},
     {"level": "urgent", "see_within": "weeks", "words": "not an emergency", **NO_PLAN}),
    ("new sexual dysfunction", {"red_flags": ["sexual_dysfunction"]}, {"level": "emergency", **NO_PLAN}),
    ("feels generally unwell", {"red_flags": ["generally_unwell"]}, {"level": "urgent", "see_within": "today", **NO_PLAN}),
]


@pytest.mark.parametrize(("answers", "expect"), [(a, e) for _, a, e in CASES], ids=[name for name, _, _ in CASES])
def test_clinical_case_through_the_cli(cli, answers_file, answers, expect):
    result = cli("plan", "--answers", answers_file(**answers), "--format", "json")
    assert result.code == 0, result.err
    plan = result.json()
    triage = plan["triage"]
    assert triage["level"] == expect["level"]
    if "see_within" in expect:
        assert triage["see_within"] == expect["see_within"]
    if "words" in expect:
        assert expect["words"] in triage["advice"] or expect["words"] in triage["title"]
    steps = plan["steps"]
    if expect.get("steps") == 0:
        assert steps == [] and plan["core_advice"] == []
        return
    assert steps, "a self-care case gets steps"
    assert plan["core_advice"], "keep active; acupressure is an add-on"
    assert all(s["frequency"] == "as_needed" or s["intensity"] != "strong" for s in steps)
    if "max" in expect:
        assert all(intensity_rank(s["intensity"]) <= intensity_rank(expect["max"]) for s in steps)
    if "back" in expect:
        back = [s for s in steps if s["site"] == "back"]
        assert all((s["intensity"], s["variant"]) == (expect["back"], "palm") for s in back)
    if expect.get("pregnant"):
        assert AVOIDED_IN_PREGNANCY.isdisjoint(s["id"] for s in steps)
    assert expect.get("forbidden", set()).isdisjoint(s["id"] for s in steps)
    if "warning" in expect:
        assert expect["warning"] in [w["id"] for w in plan["warnings"]]


def test_there_are_enough_tricky_cases():
    assert len(CASES) >= 30
