"""The questions page: every group from the knowledge base, pregnancy questions that count, honest plan pages."""

from __future__ import annotations

import pytest

from tests.web.conftest import csrf_of


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
