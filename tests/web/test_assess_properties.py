"""Safety properties of the questions form, whatever a person (or a script) sends."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acupress.config import Settings
from acupress.knowledge import load_knowledge
from acupress.web.app import create_app
from tests.web.conftest import csrf_of

KB = load_knowledge()
EMERGENCY = sorted(flag.id for flag in KB.red_flags.values() if flag.level == "emergency")
ANY_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)
FIELD_VALUES = {
    "age": st.one_of(st.integers(-5, 130).map(str), ANY_TEXT),
    "pain_now": st.one_of(st.integers(-1, 11).map(str), ANY_TEXT),
    "duration_amount": st.one_of(st.decimals(0, 40000, places=1).map(str), ANY_TEXT),
    "duration_unit": st.sampled_from(["days", "weeks", "months", "years", "", "fortnights"]),
    "pregnant": st.sampled_from(["yes", "no", ""]),
    "clinician_cleared": st.sampled_from(["yes", ""]),
    "protocol": st.sampled_from(["", *KB.protocols]),
    "red_flags": st.lists(st.sampled_from(sorted(KB.red_flags)), max_size=3),
    "conditions": st.lists(st.sampled_from(sorted(KB.conditions)), max_size=3),
}
forms = st.fixed_dictionaries({}, optional=FIELD_VALUES)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    database = tmp_path_factory.mktemp("props") / "web.db"
    with TestClient(create_app(Settings(database_url=f"sqlite:///{database}", secret_key="p", local_mode=True,
                                             allowed_hosts=("testserver",)))) as c:
        yield c


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forms, st.sampled_from(EMERGENCY))
def test_a_sign_that_needs_help_now_always_stops_whatever_else_is_sent(client, form, sign):
    key = "pregnancy_signs" if KB.red_flags[sign].group == "pregnancy_signs" else "red_flags"
    data = {**form, key: [*form.get(key, []), sign], "csrf_token": csrf_of(client)}
    response = client.post("/assess", data=data, follow_redirects=False)
    assert response.status_code == 200, response.text[:300]
    assert "No self-treatment plan is shown" in response.text
    assert 'action="/assess/cleared"' not in response.text, "help now is never lifted by a go-ahead"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(forms)
def test_any_form_gets_a_plan_a_stop_or_its_problems_in_words(client, form):
    response = client.post("/assess", data={**form, "csrf_token": csrf_of(client)}, follow_redirects=False)
    assert response.status_code in (200, 303, 422)
    if response.status_code == 422:
        assert 'id="error-summary"' in response.text
        for field in ("age", "pain_now", "pain_started_days_ago", "red_flags", "conditions"):
            assert f">{field}:" not in response.text
