"""`services.care.may_see_patient`: the one answer to "may this account see patient P's data?"."""

from __future__ import annotations

import pytest

from acupress.services import care
from acupress.services.accounts import account_by_email
from acupress.services.logins import account_of
from acupress.storage.db import reading
from tests.accounts.helpers import People, csrf, post_form

EMAILS = {"patient_a": "a@example.org", "patient_b": "b@example.org", "linked_practitioner": "doc@example.org",
          "other_practitioner": "other@example.org", "admin": "admin@example.org"}


def _may_see(people: People, viewer: str, patient: str) -> bool:
    account = account_of(account_by_email(people.app.state.engine, EMAILS[viewer]))
    with reading(people.app.state.engine) as conn:
        return care.may_see_patient(conn, account, people.ids[patient])


@pytest.mark.parametrize(("viewer", "allowed"), [
    ("patient_a", True), ("linked_practitioner", True),
    ("patient_b", False), ("other_practitioner", False), ("admin", False),
])
def test_who_may_see_patient_a(people: People, viewer: str, allowed: bool):
    assert _may_see(people, viewer, "patient_a") is allowed


def test_unlinking_ends_it_at_once(people: People):
    doctor_id = people.ids["linked_practitioner"]
    answer = post_form(people["patient_a"], "/care/unlink", {"practitioner_id": str(doctor_id)}, page="/care")
    assert answer.status_code == 303
    assert _may_see(people, "linked_practitioner", "patient_a") is False
    assert _may_see(people, "patient_a", "patient_a") is True


def test_the_linked_practitioner_reads_the_patients_report_until_they_unlink(people: People):
    a, doctor = people["patient_a"], people["linked_practitioner"]
    a.post("/api/v1/diary", json={"pain": 6}, headers={"x-csrf-token": csrf(a, "/diary")})
    url = f"/practitioner/patients/{people.ids['patient_a']}/report"
    page = doctor.get(url)
    assert page.status_code == 200 and "Back pain progress report" in page.text and "Patient Alpha" in page.text
    assert f'href="{url}.pdf?from=' in page.text, "the PDF link is the patient's, not the practitioner's own"
    pdf = doctor.get(f"{url}.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert people["other_practitioner"].get(url).status_code == 404
    doctor_id = people.ids["linked_practitioner"]
    assert post_form(a, "/care/unlink", {"practitioner_id": str(doctor_id)}, page="/care").status_code == 303
    assert doctor.get(url).status_code == 404 and doctor.get(f"{url}.pdf").status_code == 404
