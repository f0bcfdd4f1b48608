"""The questions page: every group from the knowledge base, pregnancy questions that count, honest plan pages."""

from __future__ import annotations

import re

import pytest

from tests.helpers import csrf_of


def post(client, **fields):
    data = {"csrf_token": csrf_of(client), "age": "30", "pain_now": "4", "pain_started_days_ago": "40", **fields}
    return client.post("/assess", data=data, follow_redirects=False)


def test_every_group_is_a_fieldset_in_order(client, kb):
    page = client.get("/assess").text
    positions = [page.index(f'id="group-{group_id}"') for group_id in kb.groups]
    assert positions == sorted(positions)
    for flag in kb.red_flags.values():
        assert f'value="{flag.id}"' in page
    assert 'name="pregnancy_signs" value="reduced_baby_movements"' in page
    assert 'value="pregnancy"' not in page and 'value="older_age"' not in page, "set from the answers, not asked"


@pytest.mark.parametrize("sign", ["vaginal_bleeding", "reduced_baby_movements"])
def test_a_pregnancy_sign_on_the_form_means_the_maternity_unit_now(client, sign):
    response = post(client, pregnant="yes", pregnancy_signs=sign, pregnancy_signs_asked="yes")
    assert response.status_code == 200
    assert "Contact your maternity unit now" in response.text and "No self-treatment plan is shown" in response.text


def test_pregnancy_questions_answered_on_the_form_count_as_answered(client):
    post(client, pregnant="yes", pregnancy_signs_asked="yes")
    plan = client.get("/plan").text
    assert "You have not answered the pregnancy warning questions" not in plan
    assert "<dd>strong</dd>" not in plan and "<dd>moderate</dd>" not in plan and "Whatever else you do" in plan
    assert "traditional practice, not tested in trials" in plan


def test_a_child_is_sent_to_a_doctor_with_a_parent(client):
    response = post(client, age="12", pain_now="9", pain_started_days_ago="2")
    assert response.status_code == 200
    assert "parent or carer" in response.text and "Start a guided session" not in response.text


def test_plan_page_shows_sources_by_name_not_key(client):
    post(client, age="40", pain_now="5", pain_started_days_ago="200")
    plan = client.get("/plan").text
    assert ">Alban, undated<" in plan and ">alban<" not in plan and ">murphy2019<" not in plan


# ---- Onboarding: every answer on the page, in words a person reads ----

def saved_answers(client) -> dict:
    return client.get("/api/v1/export").json()["assessments"][-1]["answers"]


def send(client, **fields):
    """The form as the page sends it: how long as a number and a unit."""
    data = {"csrf_token": csrf_of(client), "age": "30", "pain_now": "4", "duration_amount": "6", "duration_unit": "weeks"}
    return client.post("/assess", data={**data, **fields}, follow_redirects=False)


def test_every_answer_the_api_takes_can_be_given_on_the_page(client, kb):
    from acupress.core.answers import answer_fields

    page = client.get("/assess").text
    set_from_answers = {c.id for c in kb.conditions.values() if c.applies_when}
    pregnancy = {flag.id for flag in kb.flags_in_group("pregnancy_signs")}  # the page asks them as pregnancy_signs
    for field in answer_fields(kb):
        if field.key == "pain_started_days_ago":
            assert 'name="duration_amount"' in page and 'name="duration_unit"' in page
        elif field.kind == "integer":
            assert f'name="{field.key}"' in page, field.key
        for choice in field.choices:
            value = "" if field.key == "protocol" and kb.protocols[choice].default else choice
            if choice not in set_from_answers and not (field.key == "red_flags" and choice in pregnancy):
                assert f'name="{field.key}" value="{value}"' in page, (field.key, choice)
    assert 'name="pregnant" value="yes"' in page and 'name="clinician_cleared" value="yes"' in page


def test_pain_is_a_tap_scale_with_labelled_ends_not_a_number_box(client):
    page = client.get("/assess").text
    assert 'type="number"' not in page
    assert all(f'type="radio" name="pain_now" value="{n}"' in page for n in range(11))
    assert "0 = no pain" in page and "10 = the worst you can imagine" in page


@pytest.mark.parametrize(("amount", "unit", "days"), [
    ("3", "days", 3), ("0", "days", 0), ("2", "weeks", 14), ("1", "months", 30), ("6", "months", 180),
    ("1", "years", 365), ("1.5", "years", 548), ("2,5", "weeks", 18), ("100", "years", 36500),
])
def test_how_long_is_kept_in_days(client, amount, unit, days):
    assert send(client, duration_amount=amount, duration_unit=unit).status_code == 303
    assert saved_answers(client)["pain_started_days_ago"] == days


def test_the_page_says_how_months_and_years_are_counted(client):
    assert "A month counts as 30 days and a year as 365 days." in client.get("/assess").text


@pytest.mark.parametrize(("amount", "unit", "words"), [
    ("101", "years", "at most 100 years"),
    ("soon", "days", "a number such as 3 or 1.5"),
    ("-2", "weeks", "a number such as 3 or 1.5"),
    ("3", "", "Please choose whether that is days, weeks, months or years."),
    ("", "", "Please say how long ago the pain started"),
])
def test_a_wrong_duration_is_explained_beside_it(client, amount, unit, words):
    response = send(client, duration_amount=amount, duration_unit=unit)
    assert response.status_code == 422
    beside = re.search(r'<p class="field-error" id="pain_started_days_ago-error">([^<]*)</p>', response.text)
    assert beside and words in beside.group(1)
    assert 'aria-describedby="duration-hint pain_started_days_ago-error"' in response.text
    assert f'value="{amount}"' in response.text, "what was typed stays"


def test_every_missing_answer_is_named_at_once_in_words(client):
    response = client.post("/assess", data={"csrf_token": csrf_of(client)})
    assert response.status_code == 422
    summary = response.text.split('id="error-summary"')[1].split("</div>")[0]
    for words in ("Please give your age in years", "Please choose a number from 0 (no pain) to 10",
                  "Please say how long ago the pain started"):
        assert words in summary
    for field in ("age", "pain_now", "pain_started_days_ago"):
        assert f'id="{field}-error"' in response.text
        assert f"{field}:" not in response.text, "words, not field ids"
    assert 'href="#age"' in summary and 'href="#pain_now-0"' in summary and 'href="#duration_amount"' in summary


def test_answers_stay_on_the_page_after_a_problem(client):
    response = send(client, age="", pain_now="7", duration_unit="months", pregnant="yes", conditions="osteoporosis")
    assert response.status_code == 422
    for checked in ('value="7" id="pain_now-7" checked', 'value="months" id="unit-months" checked',
                    'value="yes" id="pregnant-yes" checked', 'value="osteoporosis" id="cond-osteoporosis" checked'):
        assert checked in response.text


@pytest.mark.parametrize(("fields", "title"), [
    ({"red_flags": "saddle_numbness"}, "Get medical help now"),
    ({"red_flags": ["fever", "major_trauma"]}, "Get medical help now"),
    ({"pregnancy_signs": "fluid_leaking"}, "Contact your maternity unit now"),
])
def test_a_sign_that_needs_help_now_stops_before_the_other_questions(client, fields, title):
    data = {"csrf_token": csrf_of(client), "stop": "now", **fields}
    response = client.post("/assess", data=data)
    assert response.status_code == 200 and title in response.text
    assert "No self-treatment plan is shown" in response.text and "Please give your age" not in response.text
    assert client.get("/plan", follow_redirects=False).headers["location"] == "/assess", "nothing half-answered is saved"


def test_a_sign_that_needs_help_now_also_stops_an_earlier_plan(client):
    send(client)
    assert "Your plan" in client.get("/plan").text
    client.post("/assess", data={"csrf_token": csrf_of(client), "red_flags": "progressive_weakness"})
    assert "Get medical help now" in client.get("/plan").text and "Get medical help now" in client.get("/session").text
    assert saved_answers(client)["red_flags"] == ["progressive_weakness"]
    assert saved_answers(client)["age"] == 30, "the earlier answers are kept, not invented"


def test_pregnancy_questions_count_only_when_pregnant(client):
    send(client, pregnant="no", pregnancy_signs_asked="yes")
    assert "pregnancy_signs" not in saved_answers(client), "not shown, so not answered"
    send(client, pregnant="yes", pregnancy_signs_asked="yes")
    assert saved_answers(client)["pregnancy_signs"] == [] and saved_answers(client)["pregnant"] is True


def test_the_routine_can_be_chosen(client):
    send(client)
    assert "protocol" not in saved_answers(client), "the everyday routine unless another is chosen"
    send(client, protocol="trial_6_weeks")
    assert saved_answers(client)["protocol"] == "trial_6_weeks"
    assert "Six-week daily routine" in client.get("/plan").text


def test_a_new_condition_in_the_knowledge_base_is_asked_and_counts(client, tmp_path):
    import shutil

    import yaml

    from acupress.knowledge.load import KNOWLEDGE_DIR, load_knowledge

    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    path = target / "conditions.yaml"
    data = yaml.safe_load(path.read_text())
    data["conditions"].append({"id": "hand_arthritis", "group": "cautions", "label": "My hands are stiff and sore with arthritis",
                               "effects": {"max_intensity_at": {"hand": "gentle"}}, "warning": "Press your hands gently.",
                               "sources": ["nice-ng59"]})
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    client.app.state.kb = load_knowledge(target)
    assert "My hands are stiff and sore with arthritis" in client.get("/assess").text
    assert send(client, conditions="hand_arthritis").status_code == 303
    assert saved_answers(client)["conditions"] == ["hand_arthritis"]


def test_a_stop_a_clinician_can_lift_offers_it_and_keeps_the_limits(client):
    response = send(client, age="80", pain_now="6", duration_amount="5", duration_unit="days")
    assert "Have your back checked before pressing on it" in response.text
    assert 'action="/assess/cleared"' in response.text
    lifted = client.post("/assess/cleared", data={"csrf_token": csrf_of(client)}, follow_redirects=False)
    assert lifted.status_code == 303 and lifted.headers["location"] == "/plan"
    assert saved_answers(client)["clinician_cleared"] is True
    plan = client.get("/plan").text
    assert "Self-care, with your clinician" in plan and "<dd>strong</dd>" not in plan


@pytest.mark.parametrize("fields", [{"red_flags": "saddle_numbness"}, {"age": "12"}])
def test_no_clinician_go_ahead_is_offered_for_help_now_or_a_child(client, fields):
    response = send(client, **fields)
    assert "No self-treatment plan is shown" in response.text and 'action="/assess/cleared"' not in response.text
    client.post("/assess/cleared", data={"csrf_token": csrf_of(client)})
    assert saved_answers(client)["clinician_cleared"] is False, "nothing to lift, nothing saved"


@pytest.mark.parametrize(("fields", "title"), [
    ({"red_flags": "saddle_numbness"}, "Get medical help now"),
    ({"pregnant": "yes", "pregnancy_signs_asked": "yes", "pregnancy_signs": "reduced_baby_movements"}, "Contact your maternity unit now"),
    ({"red_flags": "fever"}, "See a doctor soon"),
    ({"red_flags": "calf_swelling"}, "Get the swollen calf checked today"),
    ({"red_flags": "inflammatory_back_pain"}, "Book an appointment with your GP"),
    ({"age": "9"}, "Please see a doctor"),
    ({"age": "70", "pain_now": "8", "duration_amount": "2", "duration_unit": "days"}, "Have your back checked"),
])
def test_every_safety_screen_has_the_chosen_call_button(client, fields, title):
    client.post("/settings", data={"csrf_token": csrf_of(client, "/settings"), "emergency_number": "999"})
    stop = send(client, **fields).text
    for page in (stop, client.get("/plan").text, client.get("/session").text, client.get("/").text):
        assert title in page and 'href="tel:999"' in page
    assert 'href="tel:999"' in client.get("/about").text


def test_the_questions_page_carries_each_emergency_screen_with_the_call_button(client, kb):
    client.post("/settings", data={"csrf_token": csrf_of(client, "/settings"), "emergency_number": "112"})
    page = client.get("/assess").text
    for flag in kb.red_flags.values():
        if flag.level == "emergency":
            screen = page.split(f'id="stop-{flag.id}"')[1].split("data-undo")[0]
            assert 'href="tel:112"' in screen, flag.id


def test_a_field_sent_twice_with_different_values_is_refused_not_guessed(client):
    """`age=12&age=45` must not quietly become 45 and skip the under-16 rule."""
    token = csrf_of(client)
    body = f"csrf_token={token}&age=12&age=45&pain_now=9&pain_started_days_ago=2"
    response = client.post("/assess", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 422 and "sent twice with different values" in response.text
    assert client.get("/plan").status_code != 200 or "Start a guided session" not in client.get("/plan").text
    same = f"csrf_token={token}&age=45&age=45&pain_now=3"
    repeated = client.post("/assess", content=same, headers={"content-type": "application/x-www-form-urlencoded"})
    assert "sent twice" not in repeated.text, "the same value twice is harmless"


def test_a_pain_score_sent_twice_is_refused_and_nothing_saved(client):
    token = csrf_of(client, "/diary")
    body = f"csrf_token={token}&pain=2&pain=9"
    response = client.post("/diary", content=body, headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 422
    assert client.get("/api/v1/diary").json() == []


def test_a_pregnancy_sign_ticked_then_not_pregnant_still_stops(client):
    """Found by the property test: the pregnancy screen's answers were dropped as 'not shown', and a plan followed."""
    token = csrf_of(client)
    data = {"csrf_token": token, "age": "16", "pain_now": "0", "duration_amount": "3", "duration_unit": "days",
            "pregnant": "no", "pregnancy_signs": ["fever_or_burning_urine"]}
    response = client.post("/assess", data=data, follow_redirects=False)
    assert response.status_code == 200 and "maternity unit" in response.text.lower()
