"""Each rule has one home: change it there and the CLI, the API and the pages all follow.

Every test here changes one thing in one module and watches every interface.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from fastapi.testclient import TestClient

from acupress.cli.storage_access import open_storage
from acupress.core import answers
from acupress.knowledge import load_knowledge
from acupress.services import today
from acupress.storage.diary import NewEntry, add_entry
from acupress.storage.sessions import NewSession, add_session
from acupress.web.app import create_app
from tests.helpers import csrf_of

TOKYO = timezone(timedelta(hours=9))


def _stop_clock(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(today, "utc_now", lambda: moment.astimezone(UTC))


def _session(day: datetime) -> NewSession:
    return NewSession(started_at=day, ended_at=day + timedelta(minutes=5), plan={}, pain_before=6, pain_after=5)


def _streak_on_home_page(client) -> int:
    found = re.search(r'<span class="stat">(\d+)</span> days? in a row', client.get("/").text)
    assert found, "the home page shows no streak"
    return int(found.group(1))


def test_the_web_takes_today_from_one_clock_in_the_persons_zone(client, monkeypatch):
    """Late evening in UTC is already tomorrow morning in Tokyo: the page and the API count the same day."""
    morning = datetime(2026, 11, 26, 7, 0, tzinfo=TOKYO)  # 25 November, 22:00 UTC
    user = client.app.state.local_user_id
    with client.app.state.engine.begin() as conn:
        add_entry(conn, user, NewEntry(morning, 4))
        for days_ago in range(3):
            add_session(conn, user, _session(morning - timedelta(days=days_ago)))
    _stop_clock(monkeypatch, morning + timedelta(minutes=30))
    api = client.get("/api/v1/summary").json()
    assert api["adherence"]["current_streak"] == _streak_on_home_page(client) == 3
    _stop_clock(monkeypatch, morning + timedelta(days=3))  # two whole days without a session
    assert client.get("/api/v1/summary").json()["adherence"]["current_streak"] == _streak_on_home_page(client) == 0


def test_the_cli_takes_today_from_the_same_clock(cli, monkeypatch):
    morning = datetime(2026, 11, 26, 7, 0).astimezone()  # the machine's own zone
    storage = open_storage()
    storage.write(lambda conn, user: [add_session(conn, user, _session(morning - timedelta(days=n))) for n in range(3)])
    _stop_clock(monkeypatch, morning + timedelta(minutes=30))
    assert cli("diary", "--format", "json").json()["adherence"]["current_streak"] == 3
    _stop_clock(monkeypatch, morning + timedelta(days=3))
    assert cli("diary", "--format", "json").json()["adherence"]["current_streak"] == 0
    saved = cli("log", "5")
    assert saved.code == 0 and f"at {morning + timedelta(days=3):%Y-%m-%d %H:%M}" in saved.out


@pytest.fixture
def fresh_knowledge():
    """The knowledge base is built again (from its validated cache) now and after the test."""
    from acupress.knowledge import load

    load._load_cached.cache_clear()
    yield
    load._load_cached.cache_clear()


def test_an_answer_range_changed_in_its_table_reaches_the_cli_the_api_and_the_form(cli, settings, tmp_path, monkeypatch,
                                                                                    fresh_knowledge):
    """core/answers.py's INTEGER_RANGES is the one home of answer ranges: parsing, the API schema and the questions page."""
    monkeypatch.setitem(answers.INTEGER_RANGES, "age", (0, 110))
    too_old = {"age": 115, "pain_now": 5, "pain_started_days_ago": 40}
    answers_path = tmp_path / "answers.json"
    answers_path.write_text(json.dumps(too_old))
    refused = cli("plan", "--answers", str(answers_path), "--format", "json")
    assert refused.code == 2 and "age" in refused.err and "110" in refused.err
    with TestClient(create_app(settings)) as client:
        api = client.post("/api/v1/plan", json=too_old)
        assert api.status_code == 422 and api.json()["field"] == "age" and "110" in api.json()["message"]
        form = {"csrf_token": csrf_of(client), "age": "115", "pain_now": "5", "pain_started_days_ago": "40"}
        page = client.post("/assess", data=form, follow_redirects=False)
        assert page.status_code == 422 and "110" in page.text
        assert 'data-max="110"' in client.get("/assess").text
    from acupress.web.schemas import answers_model

    assert answers_model(load_knowledge()).model_json_schema()["properties"]["age"]["maximum"] == 110  # /api/docs


def test_the_plan_options_have_one_table(cli, answers_file):
    """cli/plan_output.py: the fast path and Typer read the same flags, formats and help."""
    from acupress.cli import fast_plan, options, plan_output

    assert tuple(member.value for member in options.OutputFormat) == plan_output.FORMATS
    shown = " ".join(cli("plan", "--help").out.split())
    for flag, words in plan_output.HELP.items():
        assert flag in shown and " ".join(words.split()[:4]) in shown
    path = answers_file()
    for output_format in plan_output.FORMATS:  # each format the table lists is served by the fast path
        assert fast_plan.try_fast_plan([plan_output.ANSWERS, path, plan_output.FORMAT, output_format]) == 0
    assert fast_plan.try_fast_plan([plan_output.ANSWERS, path, plan_output.FORMAT, "yaml"]) is None  # Typer says why
