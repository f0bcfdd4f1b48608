"""Managing accounts, for admins: who has an account, with which role, and signing an account out.

Least privilege: managing accounts is not reading diaries. Admins see names,
emails, roles and dates, never anyone's answers, diary, sessions or programs,
and cannot take an account over: new passwords come from one-time codes that
only the operator prints (`acupress users reset-password`), never from this page.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from acupress.errors import InvalidInput, NotFound
from acupress.services import accounts
from acupress.services.logins import Account
from acupress.storage import accounts as store
from acupress.storage.db import reading
from acupress.storage.writes import write
from acupress.web.deps import current_admin, engine_of
from acupress.web.rendering import render

router = APIRouter(prefix="/admin", include_in_schema=False)
Admin = Annotated[Account, Depends(current_admin)]
AccountId = Annotated[int, Path(ge=1, le=2_147_483_647)]
ROLES_AN_ADMIN_SETS = ("patient", "practitioner")  # making an admin is for the operator (`acupress users create`)


@router.get("")
def accounts_page(request: Request, admin: Admin) -> HTMLResponse:
    flash = {"signed_out": "That account was signed out everywhere.", "role": "Role changed."}.get(
        request.query_params.get("done", ""))
    return render(request, "admin.html", title="Accounts", accounts=accounts.list_accounts(engine_of(request)),
                  roles=ROLES_AN_ADMIN_SETS, flash=flash)


def _other_account(request: Request, admin: Account, account_id: int) -> dict[str, object]:
    with reading(engine_of(request)) as conn:
        found = store.get_account(conn, account_id)
    if found is None or account_id == admin.id or found["email"] == "local":
        raise NotFound("no such account", field="account_id")
    return found


@router.post("/accounts/{account_id}/sign-out")
def sign_out_everywhere(request: Request, account_id: AccountId, admin: Admin) -> Response:
    _other_account(request, admin, account_id)
    write(engine_of(request), lambda conn: store.delete_logins_of(conn, account_id))
    return RedirectResponse("/admin?done=signed_out", status_code=303)


@router.post("/accounts/{account_id}/role")
async def change_role(request: Request, account_id: AccountId, admin: Admin) -> Response:
    found = _other_account(request, admin, account_id)
    role = str((await request.form()).get("role") or "")
    if role not in ROLES_AN_ADMIN_SETS or found["role"] == "admin":
        raise InvalidInput(f"must be one of {', '.join(ROLES_AN_ADMIN_SETS)}; admins are changed by the operator",
                           field="role")
    write(engine_of(request), lambda conn: store.set_role(conn, account_id, role))
    return RedirectResponse("/admin?done=role", status_code=303)
