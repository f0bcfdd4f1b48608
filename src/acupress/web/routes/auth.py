"""Signing in and out, signing up, the account page, and setting a password with a one-time code.

Pages only (forms that work without JavaScript). Each answer that signs
someone in sets a new login cookie (the old login, if any, ends: no session
fixation); signing out and deleting the account also clear what this browser
kept (Clear-Site-Data), so the next person on a shared phone finds nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from acupress.config import Settings
from acupress.errors import AcupressError, InvalidInput
from acupress.services import accounts, care
from acupress.services.logins import Account, end
from acupress.storage import accounts as store
from acupress.storage.writes import write
from acupress.web.auth import client_address, expired_login_cookie, login_cookie, safe_next, signed_in
from acupress.web.deps import accounts_enabled, current_account, engine_of
from acupress.web.forms import refuse_conflicts
from acupress.web.rendering import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(accounts_enabled)])
SignedIn = Annotated[Account, Depends(current_account)]
CLEAR_BROWSER = '"cache", "storage"'  # pages kept offline, the outbox, the service worker: gone at sign-out
HOME_OF = {"practitioner": "/practitioner", "admin": "/admin", "patient": "/"}


def _settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def _form(values: Any) -> dict[str, str]:
    return {key: str(value) for key, value in values.items() if isinstance(value, str)}


def _refused(response: HTMLResponse, error: AcupressError) -> HTMLResponse:
    """A form shown again with its error; a "too many tries" answer also says when to come back (Retry-After)."""
    response.headers.update(getattr(error, "headers", {}))
    return response


def _signed_in_redirect(request: Request, token: str, target: str) -> Response:
    response = RedirectResponse(target, status_code=303)
    response.headers.append("set-cookie", login_cookie(_settings(request), token))
    return response


def _signed_out_redirect(request: Request, target: str) -> Response:
    response = RedirectResponse(target, status_code=303)
    response.headers.append("set-cookie", expired_login_cookie(_settings(request)))
    response.headers["clear-site-data"] = CLEAR_BROWSER
    return response


@router.get("/login")
def login_page(request: Request) -> HTMLResponse:
    notes = {"signed_out": "You are signed out.", "reset": "Your new password is set. Log in with it.",
             "deleted": "Your account and everything in it have been deleted.",
             "changed": "Your password was changed. Log in again."}
    flash = next((text for key, text in notes.items() if key in request.query_params), None)
    return render(request, "login.html", title="Log in", values={"next": safe_next(request.query_params.get("next"))},
                  flash=flash, signup=_settings(request).signup)


@router.post("/login")
async def login_submit(request: Request) -> Response:
    raw = await request.form()
    form = _form(raw)
    target = safe_next(form.get("next"))
    try:
        refuse_conflicts(raw)  # a field sent twice with different values is refused, not guessed
        token, account = accounts.log_in(engine_of(request), _settings(request), form.get("email", ""),
                                         form.get("password", ""), client_address(request), datetime.now(UTC),
                                         replaces=signed_in(request))
    except AcupressError as error:
        values = {"email": form.get("email", "")[:254], "next": target}
        return _refused(render(request, "login.html", status_code=error.http_status, title="Log in", error=error,
                               values=values, signup=_settings(request).signup), error)
    return _signed_in_redirect(request, token, target if target != "/" else HOME_OF.get(account.role, "/"))


@router.post("/logout")
def logout(request: Request, account: SignedIn) -> Response:
    end(engine_of(request), account)
    return _signed_out_redirect(request, "/login?signed_out=1")


@router.get("/signup")
def signup_page(request: Request) -> HTMLResponse:
    values = {"role": "patient", "invite_code": request.query_params.get("code", "")[:20]}
    return render(request, "signup.html", title="Create an account", values=values, signup=_settings(request).signup)


@router.post("/signup")
async def signup_submit(request: Request) -> Response:
    raw = await request.form()
    form = _form(raw)
    try:
        refuse_conflicts(raw)  # a field sent twice with different values is refused, not guessed
        token, account = accounts.sign_up(engine_of(request), _settings(request), form, client_address(request),
                                          datetime.now(UTC))
    except AcupressError as error:
        values = {key: form.get(key, "")[:254] for key in ("email", "display_name", "role", "invite_code")}
        return _refused(render(request, "signup.html", status_code=error.http_status, title="Create an account",
                               error=error, values=values, signup=_settings(request).signup), error)
    # Patients answer the questions first: a practitioner's program, too, starts with the warning signs.
    return _signed_in_redirect(request, token, "/assess?welcome=1" if account.role == "patient" else HOME_OF[account.role])


@router.get("/account")
def account_page(request: Request, account: SignedIn) -> HTMLResponse:
    flash = {"password": "Your password is changed; every other device was signed out.",
             "others": "Every other device was signed out."}.get(request.query_params.get("saved", ""))
    return _account(request, account, flash=flash)


def _account(request: Request, account: Account, status_code: int = 200, **context: Any) -> HTMLResponse:
    practitioners = care.practitioners_of(engine_of(request), account.id) if account.role == "patient" else []
    return render(request, "account.html", status_code=status_code, title="Your account", practitioners=practitioners,
                  values={}, **context)


@router.post("/account/password")
async def change_password(request: Request, account: SignedIn) -> Response:
    raw = await request.form()
    form = _form(raw)
    try:
        refuse_conflicts(raw)  # a field sent twice with different values is refused, not guessed
        token = accounts.change_password(engine_of(request), _settings(request), account, form.get("current_password", ""),
                                         form.get("new_password", ""), form.get("new_password_again", ""), datetime.now(UTC))
    except AcupressError as error:
        return _account(request, account, status_code=error.http_status, error=error, error_form="password")
    return _signed_in_redirect(request, token, "/account?saved=password")


@router.post("/account/logout-others")
def logout_others(request: Request, account: SignedIn) -> Response:
    write(engine_of(request), lambda conn: store.delete_logins_of(conn, account.id, keep_login_id=account.login_id))
    return RedirectResponse("/account?saved=others", status_code=303)


@router.post("/account/delete")
async def delete_account(request: Request, account: SignedIn) -> Response:
    raw = await request.form()
    form = _form(raw)
    try:
        refuse_conflicts(raw)  # a field sent twice with different values is refused, not guessed
        if form.get("confirm") != "yes":
            raise InvalidInput("Nothing was deleted: tick the box to confirm first", field="confirm")
        accounts.delete_own_account(engine_of(request), account, form.get("password", ""), datetime.now(UTC))
    except AcupressError as error:
        return _account(request, account, status_code=error.http_status, error=error, error_form="delete")
    return _signed_out_redirect(request, "/login?deleted=1")


@router.get("/reset")
def reset_page(request: Request) -> HTMLResponse:
    return render(request, "reset.html", title="Set a new password", values={"code": request.query_params.get("code", "")[:30]})


@router.post("/reset")
async def reset_submit(request: Request) -> Response:
    raw = await request.form()
    form = _form(raw)
    try:
        refuse_conflicts(raw)  # a field sent twice with different values is refused, not guessed
        accounts.set_password_with_code(engine_of(request), form, client_address(request), datetime.now(UTC))
    except AcupressError as error:
        return _refused(render(request, "reset.html", status_code=error.http_status, title="Set a new password",
                               error=error, values={"code": form.get("code", "")[:30]}), error)
    return RedirectResponse("/login?reset=1", status_code=303)
