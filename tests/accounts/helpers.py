"""Helpers for the accounts tests: forms with their token, signing up and logging in, and `People`, the six
kinds of visitor the authorisation tests need (anonymous, patient A, patient B, a practitioner linked to A, one
not linked, an admin), each in their own browser-like client with its own cookies."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient

from acupress.services import accounts

PASSWORD = "correct horse battery"


def csrf(client: TestClient, path: str = "/login") -> str:
    page = client.get(path)
    match = re.search(r'name="csrf-token" content="([0-9a-f]+)"', page.text)
    assert match, f"{path} has no CSRF token ({page.status_code})"
    return match.group(1)


def post_form(client: TestClient, path: str, data: dict[str, str] | None = None, page: str = "/account", **kwargs: Any):
    return client.post(path, data={"csrf_token": csrf(client, page), **(data or {})}, follow_redirects=False, **kwargs)


def sign_up(client: TestClient, email: str, role: str = "patient", name: str = "", invite_code: str = ""):
    form = {"email": email, "display_name": name or email.split("@")[0].title(), "role": role,
            "password": PASSWORD, "password_again": PASSWORD, "invite_code": invite_code}
    answer = post_form(client, "/signup", form, page="/signup")
    assert answer.status_code == 303, answer.text
    return answer


def log_in(client: TestClient, email: str, password: str = PASSWORD):
    return post_form(client, "/login", {"email": email, "password": password}, page="/login")


def new_invite(client: TestClient) -> str:
    page = post_form(client, "/practitioner/invites", {"label": "test"}, page="/practitioner")
    match = re.search(r"\b([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})\b", page.text)
    assert page.status_code == 200 and match, page.text
    return match.group(1)


def account_id(app, email: str) -> int:
    return int(accounts.account_by_email(app.state.engine, email)["id"])


class People:
    """Six visitors of one app: who they are, and a client holding each one's login."""

    KINDS = ("anonymous", "patient_a", "patient_b", "linked_practitioner", "other_practitioner", "admin")

    def __init__(self, app) -> None:
        self.app = app
        self.clients = {kind: TestClient(app) for kind in self.KINDS}
        sign_up(self.clients["linked_practitioner"], "doc@example.org", "practitioner", "Dr Linked")
        sign_up(self.clients["other_practitioner"], "other@example.org", "practitioner", "Dr Other")
        code = new_invite(self.clients["linked_practitioner"])
        sign_up(self.clients["patient_a"], "a@example.org", invite_code=code, name="Patient Alpha")
        sign_up(self.clients["patient_b"], "b@example.org", name="Patient Beta")
        accounts.create_account(app.state.engine, "admin@example.org", "Admin", "admin", PASSWORD)
        assert log_in(self.clients["admin"], "admin@example.org").status_code == 303
        self.ids = {kind: account_id(app, email) for kind, email in (
            ("patient_a", "a@example.org"), ("patient_b", "b@example.org"), ("linked_practitioner", "doc@example.org"),
            ("other_practitioner", "other@example.org"), ("admin", "admin@example.org"))}

    def __getitem__(self, kind: str) -> TestClient:
        return self.clients[kind]
