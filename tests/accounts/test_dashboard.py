"""The practitioner's dashboard: adherence to the program, pain change, stops, warning signs first, sorting."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from acupress.services import care
from acupress.services.logins import Account
from acupress.storage.assessments import save_assessment
from acupress.storage.writes import write
from tests.accounts.helpers import People, csrf, new_invite, sign_up

ANSWERS = {"age": 40, "pain_now": 6, "pain_started_days_ago": 30}


def _api(client, method: str, path: str, body: dict):
    answer = client.request(method, path, json=body, headers={"x-csrf-token": csrf(client, "/diary")})
    assert answer.status_code == 201, answer.text
    return answer


def _at(days_ago: int, hour: int = 9) -> str:
    moment = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0) - timedelta(days=days_ago)
    return moment.isoformat()


def _session(client, days_ago: int, stop_reason: str | None = None) -> None:
    body = {"started_at": _at(days_ago), "ended_at": _at(days_ago, 10), "answers": ANSWERS,
            "completed": stop_reason is None, "pain_before": 6, "pain_after": 4}
    if stop_reason:
        body["stop_reason"] = stop_reason
    _api(client, "POST", "/api/v1/sessions", body)


def _rows(page: str) -> list[str]:
    return re.findall(r'<th scope="row"><a href="/practitioner/patients/\d+">([^<]+)</a>', page)


def test_dashboard_numbers_flags_and_sorting(people: People, kb):
    engine = people.app.state.engine
    doctor = people["linked_practitioner"]
    charlie = people.clients["charlie"] = type(people["patient_a"])(people.app)
    sign_up(charlie, "c@example.org", invite_code=new_invite(doctor), name="Patient Charlie")
    a = people["patient_a"]
    for days_ago in range(20, 13, -1):  # a first week at 8, a last week at 3: a meaningful fall
        _api(a, "POST", "/api/v1/diary", {"pain": 8, "recorded_at": _at(days_ago)})
    for days_ago in range(6, -1, -1):
        _api(a, "POST", "/api/v1/diary", {"pain": 3, "recorded_at": _at(days_ago)})
    for days_ago in (13, 11, 9, 7, 5, 3, 1):  # 7 of the 14 days of the program
        _session(a, days_ago)
    _session(a, 2, stop_reason="pain_increased")
    _session(a, 30, stop_reason="spasm")  # before the 14 days: not counted
    me = Account(people.ids["linked_practitioner"], "doc@example.org", "Dr Linked", "practitioner")
    start = (datetime.now(UTC) - timedelta(days=13)).date().isoformat()
    program = {"steps": [{"step": "SI3", "intensity": "moderate", "minutes": 2, "sides": "both", "frequency": "daily"}],
               "start_date": start, "weeks": 6}
    care.prescribe(engine, me, people.ids["patient_a"], program, kb, datetime.now(UTC))
    urgent = "fever"
    assert kb.red_flags[urgent].level == "urgent"
    charlie_id = int(re.search(r"/practitioner/patients/(\d+)\">Patient Charlie", doctor.get("/practitioner").text).group(1))
    write(engine, lambda conn: save_assessment(conn, charlie_id, {**ANSWERS, "red_flags": [urgent]}, "urgent"))

    page = doctor.get("/practitioner").text
    assert _rows(page) == ["Patient Charlie", "Patient Alpha"]  # a warning sign comes first, whatever the sort
    alpha = page[page.index("Patient Alpha</a>"):].split("</tr>")[0]
    cells = re.findall(r"<td>(.*?)</td>", alpha, flags=re.S)
    assert cells[1].startswith("50%") and "7 of 14 days" in cells[1]
    assert cells[2] == "3"
    assert cells[3].startswith("8.0 → 3.0")
    assert cells[5] == "Yes" and cells[6] == "1"
    charlie_row = page[page.index("Patient Charlie</a>"):].split("</tr>")[0]
    assert 'class="flagged"' in page.split("Patient Charlie")[0].rsplit("<tr", 1)[1] and "See a doctor" in charlie_row
    by_pain = doctor.get("/practitioner?sort=pain&order=desc").text
    assert _rows(by_pain) == ["Patient Charlie", "Patient Alpha"]
    assert doctor.get("/practitioner?sort=nonsense").status_code == 200  # an unknown sort falls back to names
    detail = doctor.get(f"/practitioner/patients/{people.ids['patient_a']}").text
    assert "8.0 in the first week, 3.0 in the last" in detail and "<svg" in detail
