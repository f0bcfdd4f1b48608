"""Each rule has one home: change it there and the CLI, the API and the pages all follow.

Every test here changes one thing in one module and watches every interface.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

import pytest

from acupress.cli.storage_access import open_storage
from acupress.services import today
from acupress.storage.diary import NewEntry, add_entry
from acupress.storage.sessions import NewSession, add_session

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
