"""`acupress serve`: the web app on this machine."""

from __future__ import annotations

import socket
from typing import Annotated

import typer

from acupress.errors import InvalidInput

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless you know why.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Start the web app (SQLite by default) and print its URL."""
    import uvicorn

    from acupress.config import Settings
    from acupress.web.app import create_app

    _check_port_free(host, port)
    settings = Settings.from_env()
    if host not in LOOPBACK:
        typer.echo("warning: local mode has no login; anyone who can reach this address can read the diary.", err=True)
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"acupress is running at http://{shown}:{port}/  (database: {settings.database_url})")
    typer.echo("Press Ctrl+C to stop.")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise InvalidInput(f"cannot listen on {host}:{port} ({error.strerror}); choose another --port", field="--port") from None
