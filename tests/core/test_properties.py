"""Safety invariants that must hold for answers nobody tuned for."""

from __future__ import annotations

import json

import jsonschema
from hypothesis import given, settings
from hypothesis import strategies as st

from acupress.core.answers import parse_answers, pregnancy_sign_ids
from acupress.core.model import intensity_rank, level_rank
from acupress.core.plan import build_plan
from acupress.knowledge import load_knowledge
from tests.helpers import ROOT

KB = load_knowledge()
PLAN_SCHEMA = json.loads((ROOT / "src/acupress/schemas/plan.schema.json").read_text())
EMERGENCY = sorted(f.id for f in KB.red_flags.values() if f.level == "emergency")
AVOIDED = {p.id for p in KB.points.values() if p.avoid_in_pregnancy}
CLEARABLE_WITH_LIMITS = sorted(f.id for f in KB.red_flags.values() if f.after_clearance is not None
                               and f.after_clearance != type(f.after_clearance)())


@st.composite
def answers(draw: st.DrawFn) -> dict:
    data = {
        "age": draw(st.integers(0, 120)),
        "pain_now": draw(st.integers(0, 10)),
        "pain_started_days_ago": draw(st.integers(0, 20000)),
        "pregnant": draw(st.booleans()),
        "red_flags": draw(st.lists(st.sampled_from(sorted(KB.red_flags)), unique=True, max_size=4)),
        "conditions": draw(st.lists(st.sampled_from(sorted(KB.conditions)), unique=True, max_size=4)),
        "clinician_cleared": draw(st.booleans()),
        "protocol": draw(st.sampled_from(sorted(KB.protocols))),
    }
    signs = draw(st.none() | st.lists(st.sampled_from(pregnancy_sign_ids(KB)), unique=True, max_size=2))
    if signs is not None:
        data["pregnancy_signs"] = signs
    return data


def plan_of(data: dict) -> dict:
    return build_plan(parse_answers(data, KB), KB).to_dict()


def no_less_cautious(after: dict, before: dict) -> bool:
    """`after` stops at least as hard, and never has a step `before` lacked or a firmer one."""
    if level_rank(after["triage"]["level"]) != level_rank(before["triage"]["level"]):
        return level_rank(after["triage"]["level"]) > level_rank(before["triage"]["level"])
    earlier = {s["id"]: s for s in before["steps"]}
    return all(s["id"] in earlier and intensity_rank(s["intensity"]) <= intensity_rank(earlier[s["id"]]["intensity"])
               for s in after["steps"])


@settings(max_examples=300, deadline=None)
@given(answers(), st.sampled_from(EMERGENCY))
def test_any_emergency_flag_means_no_steps(data, flag):
    data["red_flags"] = [*data["red_flags"], flag] if flag not in data["red_flags"] else data["red_flags"]
    plan = plan_of(data)
    assert plan["triage"]["level"] == "emergency"
    assert plan["steps"] == []


@settings(max_examples=300, deadline=None)
@given(answers(), st.sampled_from(sorted(KB.red_flags)))
def test_more_flags_never_mean_less_caution(data, extra_flag):
    before = plan_of(data)
    if extra_flag not in data["red_flags"]:
        data["red_flags"].append(extra_flag)
    assert no_less_cautious(plan_of(data), before)


@settings(max_examples=300, deadline=None)
@given(answers(), st.sampled_from(sorted(KB.conditions)))
def test_more_conditions_never_mean_less_caution(data, extra):
    before = plan_of(data)
    if extra not in data["conditions"]:
        data["conditions"].append(extra)
    assert no_less_cautious(plan_of(data), before)


@settings(max_examples=300, deadline=None)
@given(answers())
def test_under_16_never_gets_steps(data):
    data["age"] = data["age"] % 16
    plan = plan_of(data)
    assert plan["steps"] == []
    assert plan["triage"]["level"] in ("urgent", "emergency")


@settings(max_examples=300, deadline=None)
@given(answers(), st.sampled_from(["anticoagulants", "bleeding_disorder"]))
def test_bleeding_risk_means_nothing_above_gentle(data, condition):
    if condition not in data["conditions"]:
        data["conditions"].append(condition)
    assert all(step["intensity"] == "gentle" for step in plan_of(data)["steps"])


@settings(max_examples=300, deadline=None)
@given(answers())
def test_pregnancy_is_always_gentle_and_never_an_avoided_point(data):
    data["pregnant"] = True
    plan = plan_of(data)
    assert AVOIDED.isdisjoint(step["id"] for step in plan["steps"])
    assert all(step["intensity"] == "gentle" for step in plan["steps"])
    if plan["steps"]:
        assert "pregnancy" in [w["id"] for w in plan["warnings"]]


@settings(max_examples=300, deadline=None)
@given(answers())
def test_no_scheduled_step_is_strong(data):
    for step in plan_of(data)["steps"]:
        if step["frequency"] != "as_needed":
            assert step["intensity"] != "strong", step


@settings(max_examples=300, deadline=None)
@given(answers(), st.sampled_from(CLEARABLE_WITH_LIMITS))
def test_a_cleared_flag_never_yields_a_plan_its_physical_meaning_forbids(data, flag_id):
    data["red_flags"] = [*{*data["red_flags"], flag_id}]
    data["clinician_cleared"] = True
    effects = KB.red_flags[flag_id].after_clearance
    assert effects is not None
    for step in plan_of(data)["steps"]:
        assert step["site"] not in effects.skip_sites
        caps = [cap for cap in (effects.max_intensity, effects.max_intensity_at.get(step["site"])) if cap]
        assert all(intensity_rank(step["intensity"]) <= intensity_rank(cap) for cap in caps)
        allowed = effects.only_variants.get(step["id"])
        assert not allowed or step["variant"] in allowed


@settings(max_examples=300, deadline=None)
@given(answers())
def test_every_plan_validates_against_the_plan_schema(data):
    jsonschema.validate(plan_of(data), PLAN_SCHEMA)


@settings(max_examples=200, deadline=None)
@given(answers())
def test_thin_bones_never_get_knuckles_or_force_on_the_back(data):
    data["conditions"] = [*set(data["conditions"]) | {"osteoporosis"}]
    for step in plan_of(data)["steps"]:
        if step["site"] == "back":
            assert step["intensity"] == "gentle" and step["variant"] == "palm"


@settings(max_examples=200, deadline=None)
@given(answers())
def test_what_people_read_names_no_source_key_and_no_jargon(data):
    plan = plan_of(data)
    words = [plan["triage"]["title"], plan["triage"]["advice"], plan["duration_text"],
             *(r["message"] for r in plan["triage"]["reasons"]),
             *(n["message"] for n in plan["core_advice"] + plan["warnings"] + plan["skipped"]),
             *(line for s in plan["steps"] for line in (*s["why"], s["technique"], s["evidence"]["text"]))]
    text = " ".join(words)
    assert "subacute" not in text
    assert not any(key in text for key in KB.sources if len(key) > 4)
