"""Safety invariants that must hold for answers nobody tuned for."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from acupress.core.answers import parse_answers
from acupress.core.model import level_rank
from acupress.core.plan import build_plan
from acupress.knowledge import load_knowledge
from tests.conftest import ROOT

KB = load_knowledge()
PLAN_SCHEMA = json.loads((ROOT / "src/acupress/schemas/plan.schema.json").read_text())
EMERGENCY = sorted(f.id for f in KB.red_flags.values() if f.level == "emergency")
AVOIDED = {p.id for p in KB.points.values() if p.avoid_in_pregnancy}


@st.composite
def answers(draw: st.DrawFn) -> dict:
    return {
        "age": draw(st.integers(12, 120)),
        "pain_now": draw(st.integers(0, 10)),
        "pain_started_days_ago": draw(st.integers(0, 20000)),
        "pregnant": draw(st.booleans()),
        "red_flags": draw(st.lists(st.sampled_from(sorted(KB.red_flags)), unique=True, max_size=4)),
        "conditions": draw(st.lists(st.sampled_from(sorted(KB.conditions)), unique=True, max_size=4)),
        "clinician_cleared": draw(st.booleans()),
        "protocol": draw(st.sampled_from(sorted(KB.protocols))),
    }


def plan_of(data: dict) -> dict:
    return build_plan(parse_answers(data, KB), KB).to_dict()


@settings(max_examples=300)
@given(answers(), st.sampled_from(EMERGENCY))
def test_any_emergency_flag_means_no_steps(data, flag):
    data["red_flags"] = [*data["red_flags"], flag] if flag not in data["red_flags"] else data["red_flags"]
    plan = plan_of(data)
    assert plan["triage"]["level"] == "emergency"
    assert plan["steps"] == []


@settings(max_examples=300)
@given(answers(), st.sampled_from(sorted(KB.red_flags)))
def test_adding_a_red_flag_never_lowers_the_level(data, extra_flag):
    before = plan_of(data)["triage"]["level"]
    if extra_flag not in data["red_flags"]:
        data["red_flags"].append(extra_flag)
    after = plan_of(data)["triage"]["level"]
    assert level_rank(after) >= level_rank(before)


@settings(max_examples=300)
@given(answers(), st.sampled_from(["anticoagulants", "bleeding_disorder"]))
def test_bleeding_risk_means_nothing_above_gentle(data, condition):
    if condition not in data["conditions"]:
        data["conditions"].append(condition)
    assert all(step["intensity"] == "gentle" for step in plan_of(data)["steps"])


@settings(max_examples=300)
@given(answers())
def test_pregnancy_never_shows_avoided_points(data):
    data["pregnant"] = True
    plan = plan_of(data)
    assert AVOIDED.isdisjoint(step["id"] for step in plan["steps"])
    if plan["steps"]:
        assert "pregnancy" in [w["id"] for w in plan["warnings"]]


@settings(max_examples=300)
@given(answers())
def test_every_plan_validates_against_the_plan_schema(data):
    jsonschema.validate(plan_of(data), PLAN_SCHEMA)


@settings(max_examples=200)
@given(answers())
def test_osteoporosis_never_gets_knuckles_or_force_on_the_back(data):
    data["conditions"] = [*set(data["conditions"]) | {"osteoporosis"}]
    for step in plan_of(data)["steps"]:
        if step["site"] == "back":
            assert step["intensity"] == "gentle" and step["variant"] == "palm"
