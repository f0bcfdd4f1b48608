"""The application factory: `create_app(settings)` builds a complete app."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from acupress import __version__
from acupress.config import Settings
from acupress.knowledge import load_knowledge
from acupress.storage.db import make_engine, migrate
from acupress.storage.users import ensure_local_user
from acupress.web.errors import install_error_handlers
from acupress.web.routes import api, locate, outcomes, outcomes_api, pages
from acupress.web.security import SecurityMiddleware

HERE = Path(__file__).resolve().parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(
        title="acupress",
        version=__version__,
        summary="Acupressure self-care coach for back pain. A self-care guide, not a diagnostic device.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.kb = load_knowledge()
    app.state.engine = make_engine(settings.database_url)
    if settings.run_migrations:
        migrate(app.state.engine)
    app.state.local_user_id = ensure_local_user(app.state.engine) if settings.local_mode else None
    app.add_middleware(SecurityMiddleware, secret=settings.secret_key, secure_cookies=settings.secure_cookies)
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(locate.router)
    app.include_router(outcomes.router)
    app.include_router(outcomes_api.router)
    app.state.static_dir = HERE / "static"
    app.mount("/static", StaticFiles(directory=app.state.static_dir), name="static")
    return app
