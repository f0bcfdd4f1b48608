"""Bad answers: one clear message naming the field and what is allowed."""

from __future__ import annotations

import pytest

from acupress.core.answers import parse_answers
from acupress.errors import InvalidInput

GOOD = {"age": 40, "pain_now": 5, "pain_started_days_ago": 10}


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"age": -1}, "age", "from 0 to 120"),
    ({"age": 121}, "age", "from 0 to 120"),
    ({"age": "40"}, "age", "whole number"),
    ({"age": 40.5}, "age", "whole number"),
    ({"age": True}, "age", "whole number"),
    ({"pain_now": -1}, "pain_now", "from 0 to 10"),
    ({"pain_now": 11}, "pain_now", "from 0 to 10"),
    ({"pain_now": None}, "pain_now", "whole number"),
    ({"pain_started_days_ago": -3}, "pain_started_days_ago", "from 0"),
    ({"pregnant": "yes"}, "pregnant", "true or false"),
    ({"pregnant": 1}, "pregnant", "true or false"),
    ({"clinician_cleared": "no"}, "clinician_cleared", "true or false"),
    ({"red_flags": ["headache"]}, "red_flags", "saddle_numbness"),
    ({"red_flags": "fever"}, "red_flags", "list of ids"),
    ({"red_flags": [1]}, "red_flags", "list of ids"),
    ({"conditions": ["diabetes"]}, "conditions", "anticoagulants"),
    ({"protocol": "magic"}, "protocol", "article"),
    ({"pregnancy_signs": ["headache"]}, "pregnancy_signs", "vaginal_bleeding"),
    ({"pregnancy_signs": ["fever"]}, "pregnancy_signs", "unknown id 'fever'"),
    ({"pregnancy_signs": "vaginal_bleeding"}, "pregnancy_signs", "list of ids"),
    ({"pregnancy_signs": True}, "pregnancy_signs", "list of ids"),
    ({"pain-now": 3}, "answers", "unknown field 'pain-now'"),
])
def test_bad_answers_name_the_field(kb, change, field, words):
    with pytest.raises(InvalidInput) as caught:
        parse_answers({**GOOD, **change}, kb)
    assert caught.value.field == field
    assert words in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("missing", ["age", "pain_now", "pain_started_days_ago"])
def test_missing_required_field(kb, missing):
    data = {k: v for k, v in GOOD.items() if k != missing}
    with pytest.raises(InvalidInput, match="is required") as caught:
        parse_answers(data, kb)
    assert caught.value.field == missing


@pytest.mark.parametrize("value", [[], "text", 3, None])
def test_answers_must_be_an_object(kb, value):
    with pytest.raises(InvalidInput, match="JSON object"):
        parse_answers(value, kb)


def test_defaults_and_duplicates(kb):
    answers = parse_answers({**GOOD, "conditions": ["osteoporosis", "osteoporosis"]}, kb)
    assert answers.pregnant is False and answers.clinician_cleared is False
    assert answers.red_flags == () and answers.conditions == ("osteoporosis",)


@pytest.mark.parametrize(("key", "shown"), [
    ("acp2017", "Qaseem et al., 2017"),
    ("betts2011", "Betts and Budd, 2011"),
    ("batavia2004", "Batavia, 2004"),
    ("alban", "Alban, undated"),
    ("who2008", "World Health Organization Regional Office for the Western Pacific, 2008"),
])
def test_sources_have_a_short_name_for_people(kb, key, shown):
    assert kb.sources[key].short() == shown


@pytest.mark.parametrize(("given", "parsed"), [
    ({}, None), ({"pregnancy_signs": None}, None), ({"pregnancy_signs": []}, ()),
    ({"pregnancy_signs": ["fluid_leaking", "fluid_leaking"]}, ("fluid_leaking",)),
])
def test_pregnancy_signs_absent_or_null_mean_not_answered(kb, given, parsed):
    answers = parse_answers({**GOOD, "pregnant": True, **given}, kb)
    assert answers.pregnancy_signs == parsed
    assert ("pregnancy_signs" in answers.to_dict()) is (parsed is not None)


def test_answer_fields_describe_every_key_once(kb):
    from acupress.core.answers import ALLOWED_KEYS, answer_fields

    fields = {field.key: field for field in answer_fields(kb)}
    assert list(fields) == [key for key in fields] and set(fields) == set(ALLOWED_KEYS)
    signs = fields["pregnancy_signs"]
    assert (signs.kind, signs.nullable, signs.required) == ("id_list", True, False)
    assert "reduced_baby_movements" in signs.choices and "fever" not in signs.choices
    assert (fields["age"].minimum, fields["age"].maximum) == (0, 120)
    assert kb.questionnaires["assessment"].items[0].min == fields["age"].minimum, "the form asks the same range"
