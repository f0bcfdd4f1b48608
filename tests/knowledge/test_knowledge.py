"""The knowledge base: complete, cited, in our own words, and loud when broken."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from acupress.errors import KnowledgeError
from acupress.knowledge.load import FILES, KNOWLEDGE_DIR, load_knowledge
from tests.helpers import SHARED

DESIGN_RED_FLAGS = {
    "emergency": {"saddle_numbness", "bladder_bowel_dysfunction", "bilateral_leg_symptoms",
                  "progressive_weakness", "major_trauma", "chest_or_abdominal_pain"},
    "urgent": {"fever", "cancer_history", "unexplained_weight_loss", "night_pain",
               "osteoporosis_trauma", "iv_drug_use", "immunosuppression"},
}
DESIGN_CONDITIONS = {"anticoagulants", "bleeding_disorder", "osteoporosis", "skin_problem_back",
                     "skin_problem_hand", "skin_problem_ankle", "varicose_veins_ankle"}


def test_design_red_flags_present_with_their_levels(kb):
    for level, ids in DESIGN_RED_FLAGS.items():
        for flag_id in ids:
            assert kb.red_flags[flag_id].level == level
            assert kb.red_flags[flag_id].question.endswith("?")


def test_design_conditions_present(kb):
    assert set(kb.conditions) >= DESIGN_CONDITIONS


def test_si3_and_ki3_are_complete(kb):
    for point_id, site in (("SI3", "hand"), ("KI3", "ankle")):
        point = kb.points[point_id]
        assert point.role == "self_care" and point.site == site
        assert point.technique and point.technique.sides == "both"
        assert len(point.how_to_find) >= 3 and point.chinese and point.pinyin
        assert "alban" in point.sources and "who2008" in point.sources


def test_every_cited_source_resolves(kb):
    cited = set()
    for group in (kb.points, kb.techniques, kb.red_flags, kb.conditions, kb.rules, kb.questionnaires):
        for item in group.values():
            cited.update(item.sources)
    assert cited <= set(kb.sources)
    assert {"alban", "who2008", "murphy2019", "krebs2009", "farrar2001"} <= cited


def test_unverified_facts_are_marked(kb):
    assert kb.sources["nhs-pregnancy-back-pain"].verified is False
    assert kb.sources["nccih-massage"].verified is False
    assert kb.sources["reed2024"].verified is True


def test_batavia_is_never_the_only_authority(kb):
    for group in (kb.points, kb.techniques, kb.red_flags, kb.answer_flags, kb.conditions, kb.rules):
        for item in group.values():
            assert tuple(item.sources) != ("batavia2004",), item.id


def test_points_said_to_be_avoided_in_pregnancy_are_marked(kb):
    for point in kb.points.values():
        if any("avoided in pregnancy" in caution for caution in point.cautions):
            assert point.avoid_in_pregnancy, point.id


@pytest.mark.parametrize(("point_id", "words"), [
    ("GB30", "sacral hiatus"),
    ("KI3", "tip of that bone"),
])
def test_point_locations_follow_the_who_standard(kb, point_id, words):
    assert words in kb.points[point_id].location


def test_si3_is_found_from_the_crease_nearest_the_fingers_with_a_loose_fist(kb):
    steps = " ".join(kb.points["SI3"].how_to_find)
    assert "loose fist" in steps and "nearest the fingers" in steps and "little-finger edge" in steps
    evidence = kb.points["SI3"].evidence.text
    assert "No trial has tested pressing SI3 yourself" in evidence and "Needles at SI3" in evidence


def test_the_article_can_be_found(kb):
    alban = kb.sources["alban"]
    assert alban.url and alban.url.startswith("https://albanacupuncture.com/")
    assert alban.title == "Phenomenal Acupressure for Back Pain"


def test_every_question_belongs_to_a_screen(kb):
    asked = [*(f.group for f in kb.red_flags.values()), *(c.group for c in kb.conditions.values() if not c.applies_when),
             *(item.group for item in kb.questionnaires["assessment"].items)]
    assert all(group in kb.groups for group in asked)
    assert kb.groups["pregnancy_signs"].shown_when == {"pregnant": True}


def _sentences_of_article() -> list[str]:
    text = (SHARED / "seed" / "000_55eaf6997b57023a.txt").read_text(encoding="utf-8")
    return [s for s in re.split(r"[.!?\n]", text) if len(s.split()) >= 6]


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


@pytest.mark.skipif(not (SHARED / "seed").exists(), reason="the article is in ../shared/seed")
def test_no_sentence_is_copied_from_the_article():
    ours = " ".join(_words(" ".join((Path(KNOWLEDGE_DIR) / f"{name}.yaml").read_text() for name in FILES)))
    for sentence in _sentences_of_article():
        words = _words(sentence)
        for start in range(len(words) - 6):
            run = " ".join(words[start:start + 7])
            assert run not in ours, f"seven words in a row copied from the article: {run!r}"


@pytest.fixture
def broken_copy(tmp_path: Path):
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))

    def edit(file: str, change) -> Path:
        path = target / f"{file}.yaml"
        data = yaml.safe_load(path.read_text())
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True))
        return target

    return edit


@pytest.mark.parametrize(("file", "change", "expected"), [
    ("points", lambda d: d["points"][0].update(site="elbow"), r"points\.yaml: points/0/site: 'elbow' is not one of"),
    ("points", lambda d: d["points"][1].update(sources=["nobody2099"]), r"points\.yaml: points/1/sources: unknown source 'nobody2099'"),
    ("points", lambda d: d["points"][0].pop("location"), r"points\.yaml: points/0: 'location' is a required property"),
    ("red_flags", lambda d: d["red_flags"][0].update(level="soon"), r"red_flags\.yaml: red_flags/0/level"),
    ("rules", lambda d: d["rules"].pop(0), r"rules\.yaml: rules: rule 'duration_class' is used by the code but missing"),
    ("rules", lambda d: d["rules"][0]["params"].pop("chronic_after_days"), r"rules/duration_class/params: missing number"),
    ("protocols", lambda d: d["protocols"][0]["steps"]["acute"][0].update(step="XX9"), r"protocols\.yaml: protocols/0/steps/acute/0/step: unknown point"),
    ("protocols", lambda d: d["protocols"][0]["steps"]["acute"][0].update(step="LI4"), r"reference point"),
    ("protocols", lambda d: d["protocols"][0].update(default=False), r"exactly one protocol"),
    ("conditions", lambda d: d["conditions"][0]["effects"].update(only_variants={"back_rub": ["elbow"]}), r"variants must be some of"),
    ("sources", lambda d: d["sources"]["alban"].update(url="http://insecure"), r"sources\.yaml: sources/alban/url"),
    ("questionnaires", lambda d: d["groups"].pop(3), r"questionnaires\.yaml: groups: 'pregnancy_signs' is used by the code but missing"),
    ("questionnaires", lambda d: d["questionnaires"].pop(0), r"questionnaires\.yaml: questionnaires: 'assessment' is used by the code but missing"),
    ("points", lambda d: d["points"].pop(0), r"points\.yaml: points: 'SI3' is used by the code but missing"),
    ("sources", lambda d: d["sources"].pop("hsieh2006"), r"sources\.yaml: sources: 'hsieh2006' is used by the code but missing"),
    ("questionnaires", lambda d: d["questionnaires"][0]["items"][0].update(min=12), r"the range of 'age' comes from core/answers\.py"),
    ("questionnaires", lambda d: d["questionnaires"][0]["items"][0].update(id="height"), r"'height' is not an answer key"),
    ("questionnaires", lambda d: d["questionnaires"][0]["items"][3].update(kind="integer"), r"items/3/kind: must be 'boolean'"),
    ("red_flags", lambda d: d["red_flags"][0].update(group="nerves"), r"red_flags/0/group: unknown group 'nerves'"),
    ("red_flags", lambda d: d["red_flags"][7].pop("after_clearance"), r"red_flags\.yaml: red_flags/7: a sign a clinician can clear needs after_clearance"),
    ("red_flags", lambda d: d["red_flags"][7].update(see_within="weeks"), r"needs its own title and advice"),
    ("red_flags", lambda d: d["from_answers"][0]["when"].append({"conditions_any": ["gout"]}), r"unknown condition 'gout'"),
    ("red_flags", lambda d: d["red_flags"][9]["after_clearance"].pop("note"), r"effects that remain need a note"),
    ("rules", lambda d: d["rules"][11]["outcomes"].pop("capped"), r"rules/si3_intensity_by_pain/outcomes: must give words"),
    ("conditions", lambda d: d["conditions"][9].update(group="cautions"), r"conditions\.yaml: conditions/9"),
])
def test_broken_files_fail_loudly_with_file_and_path(broken_copy, file, change, expected):
    directory = broken_copy(file, change)
    with pytest.raises(KnowledgeError, match=expected):
        load_knowledge(directory)


def test_invalid_yaml_names_the_line(tmp_path):
    shutil.copytree(KNOWLEDGE_DIR, tmp_path / "k", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (tmp_path / "k" / "rules.yaml").write_text("rules:\n  - id: [unclosed\n")
    with pytest.raises(KnowledgeError, match=r"rules\.yaml: line \d+: not valid YAML"):
        load_knowledge(tmp_path / "k")


def test_missing_file_is_named(tmp_path):
    shutil.copytree(KNOWLEDGE_DIR, tmp_path / "k", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    (tmp_path / "k" / "points.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"points\.yaml: cannot be read"):
        load_knowledge(tmp_path / "k")


def test_adding_a_point_is_a_yaml_change(tmp_path, broken_copy):
    new_point = {
        "id": "GB34", "who_code": "GB34", "name_en": "Yang Mound Spring", "pinyin": "Yanglingquan",
        "chinese": "阳陵泉", "channel": "Gallbladder", "site": "leg", "role": "reference",
        "location": "Outer lower leg, in the dip in front of and below the head of the fibula.",
        "how_to_find": ["Find the small bony knob below the outside of the knee; the point is in the dip just in front of and below it."],
        "helps_with": ["acute"], "avoid_in_pregnancy": False, "sources": ["who2008"],
    }
    directory = broken_copy("points", lambda d: d["points"].append(new_point))
    assert load_knowledge(directory).points["GB34"].pinyin == "Yanglingquan"


def test_cache_is_used_and_version_follows_content(tmp_path, broken_copy, monkeypatch):
    first = load_knowledge()
    directory = broken_copy("rules", lambda d: d["rules"][0].update(statement="Changed wording for the test."))
    changed = load_knowledge(directory)
    assert changed.version != first.version
    assert changed.rules["duration_class"].statement == "Changed wording for the test."
