"""A prescription goes through the same safety path as a self-care plan: no program ever yields a step
that the same answers' cautions, cleared warning signs or schedule rules forbid."""

from __future__ import annotations

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from acupress.core.answers import parse_answers
from acupress.core.model import intensity_rank
from acupress.core.plan import build_plan
from acupress.core.prescription import INTENSITIES, POINT_SIDES, parse_prescription, prescribable_steps
from tests.core.test_properties import AVOIDED, KB, PLAN_SCHEMA, answers

STEPS = prescribable_steps(KB)


@st.composite
def prescribed_step(draw: st.DrawFn, step_id: str) -> dict:
    item = {"step": step_id, "intensity": draw(st.sampled_from(INTENSITIES)),
            "minutes": draw(st.integers(1, 60)) / 2, "frequency": draw(st.sampled_from(sorted(KB.frequencies)))}
    if step_id in KB.techniques:
        item["variant"] = draw(st.sampled_from([v.id for v in KB.techniques[step_id].variants]))
    else:
        item["sides"] = draw(st.sampled_from(POINT_SIDES))
    return item


@st.composite
def programs(draw: st.DrawFn) -> dict:
    weeks = draw(st.none() | st.integers(1, 52))
    if draw(st.integers(0, 4)) == 0:
        return {"protocol": draw(st.sampled_from(sorted(KB.protocols))), "start_date": "2026-11-01", "weeks": weeks}
    chosen = draw(st.lists(st.sampled_from(STEPS), unique=True, min_size=1, max_size=8))
    return {"steps": [draw(prescribed_step(step_id)) for step_id in chosen], "start_date": "2026-11-01", "weeks": weeks}


def prescribed_plan(data: dict, program: dict) -> dict:
    prescription = parse_prescription(program, KB, "Dr Test")
    return build_plan(parse_answers(data, KB), KB, prescription).to_dict()


@settings(max_examples=400, deadline=None)
@given(answers(), programs())
def test_triage_comes_first_whatever_was_prescribed(data, program):
    plan = prescribed_plan(data, program)
    self_care = build_plan(parse_answers(data, KB), KB).to_dict()
    assert plan["triage"]["level"] == self_care["triage"]["level"]
    if self_care["triage"]["level"] != "self_care" and not self_care["steps"]:
        assert plan["steps"] == []


@settings(max_examples=400, deadline=None)
@given(answers(), programs())
def test_no_prescribed_step_breaks_a_caution_of_the_same_answers(data, program):
    plan = prescribed_plan(data, program)
    effects = [KB.conditions[c].effects for c in data["conditions"]]
    if data.get("clinician_cleared"):
        effects += [KB.red_flags[f].after_clearance for f in data["red_flags"] if KB.red_flags[f].after_clearance]
    for step in plan["steps"]:
        for effect in effects:
            assert step["site"] not in effect.skip_sites, (step["id"], effect)
            caps = [cap for cap in (effect.max_intensity, effect.max_intensity_at.get(step["site"])) if cap]
            assert all(intensity_rank(step["intensity"]) <= intensity_rank(cap) for cap in caps), (step, effect)
            allowed = effect.only_variants.get(step["id"])
            assert not allowed or step["variant"] in allowed
            if effect.avoid_pregnancy_points and data["pregnant"]:
                assert step["id"] not in AVOIDED


@settings(max_examples=300, deadline=None)
@given(answers(), programs())
def test_pregnancy_and_blood_thinners_keep_every_prescribed_step_gentle(data, program):
    data["pregnant"] = True
    data["conditions"] = [*{*data["conditions"], "anticoagulants"}]
    plan = prescribed_plan(data, program)
    assert AVOIDED.isdisjoint(step["id"] for step in plan["steps"])
    assert all(step["intensity"] == "gentle" for step in plan["steps"])


@settings(max_examples=300, deadline=None)
@given(answers(), programs())
def test_strength_is_a_moment_never_a_schedule(data, program):
    for step in prescribed_plan(data, program)["steps"]:
        if step["frequency"] != "as_needed":
            assert step["intensity"] != "strong", step


@settings(max_examples=200, deadline=None)
@given(answers(), programs())
def test_a_prescribed_plan_says_why_a_step_changed_and_validates(data, program):
    plan = prescribed_plan(data, program)
    jsonschema.validate(plan, PLAN_SCHEMA)
    assert plan["prescription"]["prescriber"] == "Dr Test"
    asked = {item["step"]: item for item in program.get("steps", [])}
    for step in plan["steps"]:
        wanted = asked.get(step["id"], {}).get("intensity")
        if wanted in ("gentle", "moderate", "strong") and step["intensity"] != wanted:
            assert intensity_rank(step["intensity"]) < intensity_rank(wanted)  # only ever gentler
