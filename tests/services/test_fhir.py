"""The FHIR R4 export: SDC-shaped questionnaires, responses and derived observations, the plan and sessions;
every resource valid by fhir.resources (R4B models) and by the official R4 JSON schema."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest

from acupress.services.fhir_bundle import records_bundle
from acupress.storage.db import reading, transaction
from acupress.storage.sessions import NewSession, add_session
from acupress.storage.users import ensure_local_user
from tests.services.month import ZONE, seed_month
from tests.services.r4_schema import SCHEMA, r4_problems, r4_r4b_differences

needs_r4_schema = pytest.mark.skipif(not SCHEMA.exists(), reason="needs node_modules (npm ci): ./run test installs it")
TYPES = ("Bundle", "Patient", "Questionnaire", "QuestionnaireResponse", "Observation", "CarePlan", "Procedure")


@pytest.fixture
def bundle(engine, kb):
    user = ensure_local_user(engine)
    with transaction(engine) as conn:
        plan = seed_month(conn, user, kb)
        add_session(conn, user, NewSession(datetime(2026, 10, 5, 20, tzinfo=ZONE), datetime(2026, 10, 5, 20, 1, tzinfo=ZONE),
                                           plan, [{"step_id": "KI3", "side": "left", "seconds": 60}], 6, 5, demo=True))
    with reading(engine) as conn:
        return records_bundle(conn, user, kb)


def resources(bundle, kind):
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def by_url(bundle):
    return {e["fullUrl"]: e["resource"] for e in bundle["entry"]}


def test_the_bundle_holds_every_record_once_and_no_demonstration(bundle):
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    # 30 pain scores + 5 PEG x (panel, 3 items, score) + 3 PSFS + 2 x 24 session pain ratings
    assert kinds == {"Patient": 1, "Questionnaire": 2, "CarePlan": 1, "Procedure": 24,
                     "QuestionnaireResponse": 8, "Observation": 30 + 25 + 3 + 48}
    urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(urls)) == len(urls) and all(u.startswith("urn:uuid:") for u in urls)


def test_peg_is_the_loinc_panel_and_its_observations_come_from_the_response(bundle):
    peg = next(q for q in resources(bundle, "Questionnaire") if q["name"] == "PEG")
    assert peg["code"][0]["code"] == "91148-7" and peg["url"].startswith("https://")
    assert [i["code"][0]["code"] for i in peg["item"]] == ["75893-8", "91145-3", "91146-1", "91147-9"]
    everything = by_url(bundle)
    responses = [r for r in resources(bundle, "QuestionnaireResponse") if r["id"].startswith("peg-")]
    assert len(responses) == 5
    assert all(r["questionnaire"] == f"{peg['url']}|{peg['version']}" for r in responses)
    panels = [o for o in resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == "91148-7"]
    assert len(panels) == 5
    for panel in panels:
        response = everything[panel["derivedFrom"][0]["reference"]]
        assert response["resourceType"] == "QuestionnaireResponse"
        members = [everything[m["reference"]] for m in panel["hasMember"]]
        score = next(m for m in members if m["code"]["coding"][0]["code"] == "91147-9")
        assert score["valueQuantity"]["code"] == "{score}"
        assert score["valueQuantity"]["value"] == response["item"][-1]["answer"][0]["valueDecimal"]
        assert all(m["derivedFrom"] == panel["derivedFrom"] for m in members)
    first = min(panels, key=lambda p: p["effectiveDateTime"])
    assert [everything[m["reference"]].get("valueInteger") for m in first["hasMember"]][:3] == [7, 6, 6]


def test_psfs_has_a_local_questionnaire_with_a_stable_canonical_url(bundle, kb):
    psfs = next(q for q in resources(bundle, "Questionnaire") if q["name"] == "PSFS")
    assert psfs["url"] == kb.questionnaires["psfs"].fhir["url"] == "https://acupress.dev/fhir/Questionnaire/psfs"
    everything = by_url(bundle)
    scores = [o for o in resources(bundle, "Observation") if o["code"]["coding"][0]["code"] == "psfs-mean"]
    assert [o["valueQuantity"]["value"] for o in sorted(scores, key=lambda o: o["effectiveDateTime"])] == [3.5, 5.0, 6.5]
    for score in scores:
        assert everything[score["derivedFrom"][0]["reference"]]["questionnaire"].startswith(psfs["url"] + "|")
        assert {c["code"]["text"] for c in score["component"]} == {"Putting on socks", "Carrying shopping"}


def test_the_plan_is_a_care_plan_with_scheduled_activities(bundle):
    (plan,) = resources(bundle, "CarePlan")
    assert plan["status"] == "active" and plan["intent"] == "plan"
    steps = {a["detail"]["code"]["text"]: a["detail"] for a in plan["activity"]}
    ki3 = next(d for name, d in steps.items() if name.startswith("KI3"))
    assert ki3["scheduledTiming"]["repeat"] == {"frequency": 1, "period": 1, "periodUnit": "d"}
    assert "Gentle" in ki3["description"]
    assert steps["Weekly check (PEG)"]["scheduledTiming"]["repeat"]["period"] == 7
    assert steps["Activity check (PSFS)"]["scheduledTiming"]["repeat"]["period"] == 14
    assert steps["Weekly check (PEG)"]["instantiatesCanonical"][0].startswith("https://acupress.dev/fhir/Questionnaire/peg|")
    assert any("blood thinners" in note["text"] for note in plan["note"]), "the cautions travel with the plan"


def test_sessions_are_procedures_based_on_the_plan_with_pain_part_of_them(bundle):
    everything = by_url(bundle)
    procedures = resources(bundle, "Procedure")
    stopped = [p for p in procedures if p["status"] == "stopped"]
    assert len(stopped) == 1 and stopped[0]["statusReason"]["text"] == "Pain is getting worse"
    assert all(everything[p["basedOn"][0]["reference"]]["resourceType"] == "CarePlan" for p in procedures)
    around = [o for o in resources(bundle, "Observation") if "partOf" in o]
    assert len(around) == 48
    assert all(everything[o["partOf"][0]["reference"]]["resourceType"] == "Procedure" for o in around)


@needs_r4_schema
def test_every_resource_is_valid_r4_by_the_official_schema(bundle):
    problems = [f"{r['resourceType']}/{r['id']}: {p}" for e in bundle["entry"] for r in [e["resource"]] for p in r4_problems(r)]
    assert problems == []


@needs_r4_schema
def test_a_whole_bundle_is_valid_r4(engine, kb):
    """The Bundle itself, with one record of each kind (the schema tries every resource type per entry: slow)."""
    from acupress.storage.diary import NewEntry, add_entry
    from acupress.storage.function_checks import NewFunctionCheck, add_function_check
    from tests.services.month import PEGS, PSFS, at

    user = ensure_local_user(engine)
    with transaction(engine) as conn:
        add_entry(conn, user, NewEntry(at(datetime(2026, 10, 1).date(), 8), 5, *PEGS[0]))
        add_function_check(conn, user, NewFunctionCheck(at(datetime(2026, 10, 1).date(), 9),
                                                        [{"activity": a, "ability": s} for a, s in PSFS[0]]))
    with reading(engine) as conn:
        bundle = records_bundle(conn, user, kb)
    assert r4_problems(bundle) == []


@needs_r4_schema
def test_r4_and_r4b_differ_only_where_docs_fhir_md_says():
    """How we know what differs: the element names of R4's schema against fhir.resources' R4B models,
    for every element type our resources can reach."""
    differences = r4_r4b_differences(TYPES)
    assert differences == {
        "Extension": "only R4: []; only R4B: ['valueCodeableReference', 'valueRatioRange']",
        "CodeableReference": "not in R4", "RatioRange": "not in R4",
        "Timing_Repeat": "only R4: ['modifierExtension']; only R4B: []",
        "Dosage_DoseAndRate": "only R4: ['modifierExtension']; only R4B: []",
        "DataRequirement_CodeFilter": "only R4: ['modifierExtension']; only R4B: []",
        "DataRequirement_DateFilter": "only R4: ['modifierExtension']; only R4B: []",
        "DataRequirement_Sort": "only R4: ['modifierExtension']; only R4B: []",
        "FHIRPrimitiveExtension": "not in R4", "Resource": "not in R4",
    }


@needs_r4_schema
def test_the_r4_schema_catches_what_r4b_would_let_through():
    """An R4B-only element (a CodeableReference in an extension) is refused by R4: the schema check is not idle."""
    observation = {"resourceType": "Observation", "id": "x", "status": "final", "code": {"text": "pain"},
                   "extension": [{"url": "https://example.org/x", "valueCodeableReference": {"concept": {"text": "y"}}}]}
    assert r4_problems(observation)
    assert r4_problems({**observation, "extension": [], "status": "done"}), "a status outside R4's codes"
