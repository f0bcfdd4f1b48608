"""`acupress serve --accounts --workers 2` on PostgreSQL: stateless workers that share only the database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.accounts.helpers import PASSWORD
from tests.helpers import free_port, new_pg_database


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _fresh(url: str, cookies: httpx.Cookies | None = None) -> httpx.Client:
    """A new connection each time, so the requests spread over the workers."""
    return httpx.Client(base_url=url, cookies=cookies, headers={"connection": "close"}, timeout=20)


def _form(client: httpx.Client, path: str, data: dict[str, str], page: str):
    import re

    token = re.search(r'name="csrf-token" content="([0-9a-f]+)"', client.get(page).text).group(1)
    return client.post(path, data={"csrf_token": token, **data})


def test_two_workers_share_logins_and_limits(postgres_server, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "ACUPRESS_DATA_DIR": str(tmp_path / "data"), "ACUPRESS_DATABASE_URL": new_pg_database(postgres_server),
           "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "acupress", "serve", "--accounts", "--workers", "2", "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stdout.readline()
        assert "accounts mode, 2 workers" in first and "postgresql" in first, first
        deadline = time.time() + 60
        while len(_children(server.pid)) < 2 or not _healthy(url):
            assert server.poll() is None and time.time() < deadline, server.stderr.read() if server.poll() is not None else "slow"
            time.sleep(0.3)
        with _fresh(url) as browser:
            form = {"email": "doc@example.org", "display_name": "Dr Doc", "role": "practitioner",
                    "password": PASSWORD, "password_again": PASSWORD}
            assert _form(browser, "/signup", form, "/signup").status_code == 303
            cookies = browser.cookies
        for _ in range(12):  # every worker knows the login
            with _fresh(url, cookies) as again:
                assert again.get("/practitioner").status_code == 200
        for guess in range(5):
            with _fresh(url) as guesser:
                assert _form(guesser, "/login", {"email": "doc@example.org", "password": f"guess {guess}"}, "/login").status_code == 401
        with _fresh(url) as guesser:  # the sixth try is refused, whichever worker counts it
            assert _form(guesser, "/login", {"email": "doc@example.org", "password": PASSWORD}, "/login").status_code == 429
        with _fresh(url, cookies) as leaving:
            assert _form(leaving, "/logout", {}, "/account").status_code == 303
        for _ in range(6):  # and every worker knows it ended
            with _fresh(url, cookies) as again:
                assert again.get("/practitioner").status_code == 303
    finally:
        server.terminate()
        server.wait(timeout=20)


def _healthy(url: str) -> bool:
    try:
        return httpx.get(f"{url}/api/v1/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
