"""The application factory: `create_app(settings)` builds a complete app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from acupress import __version__
from acupress.config import Settings
from acupress.core.record import replace
from acupress.knowledge import load_knowledge
from acupress.storage.db import open_database
from acupress.storage.users import ensure_local_user
from acupress.web.auth import AccountMiddleware, login_cookie_name
from acupress.web.errors import install_error_handlers
from acupress.web.limits import BodyLimitMiddleware
from acupress.web.routes import admin, api, assess, auth, care, docs, locate, outcomes, outcomes_api, pages, practitioner
from acupress.web.security import SecurityMiddleware

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    secret = settings.signing_key()
    settings = replace(settings, secret_key=secret)
    app = FastAPI(
        title="acupress",
        version=__version__,
        summary="Acupressure self-care coach for back pain. A self-care guide, not a diagnostic device.",
        docs_url=None,  # served by routes/docs.py from vendored files, under the app's strict CSP
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.kb = load_knowledge()
    app.state.engine = open_database(settings)
    app.state.local_user_id = ensure_local_user(app.state.engine) if settings.local_mode else None
    if not settings.local_mode:
        app.add_middleware(AccountMiddleware, settings=settings)  # inside the security checks: no route runs without both
    app.add_middleware(SecurityMiddleware, secret=secret, secure_cookies=settings.secure_cookies,
                       allowed_hosts=settings.allowed_hosts,
                       login_cookie=None if settings.local_mode else login_cookie_name(settings))
    app.add_middleware(BodyLimitMiddleware)  # outermost: nothing reads a body before its size is checked
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(assess.router)
    app.include_router(locate.router)
    app.include_router(docs.router)
    app.include_router(outcomes.router)
    app.include_router(outcomes_api.router)
    for accounts_router in (auth.router, care.router, practitioner.router, admin.router):
        app.include_router(accounts_router)
    app.state.static_dir = HERE / "static"
    app.mount("/static", StaticFiles(directory=app.state.static_dir), name="static")
    return app
