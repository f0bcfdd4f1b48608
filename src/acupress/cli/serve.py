"""`acupress serve`: the web app on this machine."""

from __future__ import annotations

import contextlib
import ipaddress
import socket
from typing import TYPE_CHECKING, Annotated

from acupress.cli import lazy_typer as typer
from acupress.errors import InvalidInput

if TYPE_CHECKING:
    from acupress.config import Settings

LOOPBACK = ("127.0.0.1", "localhost", "::1")
NETWORK_FLAG = "--allow-network-without-login"


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless you know why.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    network_without_login: Annotated[bool, typer.Option(
        NETWORK_FLAG, help="Listen beyond this machine although there is no login: anyone on your network "
                           "can then read, change and delete the diary.")] = False,
    accounts: Annotated[bool, typer.Option(
        "--accounts", help="Accounts mode (as ACUPRESS_MODE=accounts): sign-up and login, patients, practitioners; "
                           "may listen beyond this machine (put it behind a TLS proxy).")] = False,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes sharing the database "
                                                             "(use PostgreSQL for more than one).")] = 1,
) -> None:
    """Start the web app (SQLite by default) and print its URL."""
    from acupress.config import Settings

    settings = Settings.from_env(**({"local_mode": False} if accounts else {}))
    check_listening_allowed(host, settings, network_without_login)
    check_workers_allowed(workers, settings)
    _check_port_free(host, port)
    names = () if _is_loopback(host) else served_names(host)
    own = (host,) if _is_loopback(host) and host not in LOOPBACK else ()  # e.g. 127.0.0.2 answers to its own name
    settings = Settings.from_env(allowed_hosts=(*settings.allowed_hosts, *names, *own), local_mode=settings.local_mode)

    import uvicorn

    from acupress.storage.db import open_database

    open_database(settings).dispose()  # migrate once, before any worker starts
    served = url_for("127.0.0.1" if _is_any(host) or host == "localhost" else host, port)
    typer.echo(f"acupress is running at {served}  (database: {_shown_url(settings.database_url)}; "
               f"{settings.mode} mode{f', {workers} workers' if workers > 1 else ''})")
    for name in names:
        typer.echo(f"  from other devices on your network: {url_for(name, port)}")
    if names and settings.local_mode:
        typer.echo("  warning: there is no login; anyone who can reach these addresses can read, change and delete the diary.",
                   err=True)
    elif names and not settings.secure_cookies:
        typer.echo("  warning: logins travel unencrypted over plain HTTP; put a TLS proxy in front and set "
                   "ACUPRESS_SECURE_COOKIES=1 (docs/deployment.md).", err=True)
    typer.echo("Press Ctrl+C to stop.")
    proxies = ",".join(settings.trusted_proxies)
    if workers == 1:
        from acupress.web.app import create_app

        uvicorn.run(create_app(settings), host=host, port=port, log_level="warning", forwarded_allow_ips=proxies)
        return
    _export_for_workers(settings)
    uvicorn.run("acupress.web.app:create_app", factory=True, workers=workers, host=host, port=port,
                log_level="warning", forwarded_allow_ips=proxies)


def _export_for_workers(settings: Settings) -> None:
    """Worker processes build their app from the environment: hand them these settings, and one shared secret key."""
    import os

    os.environ.update({"ACUPRESS_MODE": settings.mode, "ACUPRESS_ALLOWED_HOSTS": ",".join(settings.allowed_hosts),
                       "ACUPRESS_DATABASE_URL": settings.database_url, "ACUPRESS_SECRET_KEY": settings.signing_key()})


def _shown_url(url: str) -> str:
    """The database URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def check_workers_allowed(workers: int, settings: Settings) -> None:
    """Several workers share only the database; SQLite lets one process write at a time, so they need PostgreSQL."""
    if workers > 1 and settings.database_url.startswith("sqlite"):
        raise InvalidInput(f"{workers} workers need PostgreSQL (set ACUPRESS_DATABASE_URL=postgresql+psycopg://...); "
                           "on SQLite run one worker, which is plenty for one household", field="--workers")


def check_listening_allowed(host: str, settings: Settings, network_without_login: bool) -> None:
    """Local mode has no login: listening beyond loopback needs an explicit, well-named choice.
    With accounts (local mode off) a login protects the data, and this check does not apply."""
    if _is_loopback(host) or not settings.local_mode or network_without_login:
        return
    raise InvalidInput(f"refusing to listen on {host}: there is no login, so anyone on your network could read, "
                       f"change and delete your diary; keep 127.0.0.1, or add {NETWORK_FLAG} if that is what you want",
                       field="--host")


def _is_loopback(host: str) -> bool:
    try:
        return host in LOOPBACK or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_any(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def served_names(host: str) -> tuple[str, ...]:
    """The addresses other devices can use: the host asked for, or, for 0.0.0.0/::, this machine's own."""
    if not _is_any(host):
        return (host,)
    found: list[str] = []
    with contextlib.suppress(OSError):
        found = socket.gethostbyname_ex(socket.gethostname())[2]
    with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        # The address this machine would use to reach others (no packet is sent): the one a phone on the
        # same network types, even when the machine's name does not resolve to it.
        probe.connect(("192.0.2.1", 9))
        found.append(probe.getsockname()[0])
    addresses = [address for address in found if not ipaddress.ip_address(address).is_loopback]
    return (*dict.fromkeys(addresses), socket.gethostname())


def url_for(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def _check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise InvalidInput(f"cannot listen on {host}:{port} ({error.strerror}); choose another --port", field="--port") from None
