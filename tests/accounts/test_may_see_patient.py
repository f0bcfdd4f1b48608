"""`services.care.may_see_patient`: the one answer to "may this account see patient P's data?"."""

from __future__ import annotations

import pytest

from acupress.services import care
from acupress.services.accounts import account_by_email
from acupress.services.logins import account_of
from acupress.storage.db import reading
from tests.accounts.helpers import People, post_form

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
