"""`acupress serve`: loopback by default; beyond it only by an explicit choice, with a URL that works."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
import urllib.request

from tests.helpers import free_port


def test_listening_on_the_network_without_login_is_refused(cli):
    result = cli("serve", "--host", "0.0.0.0", "--port", str(free_port()))
    assert result.code == 2
    assert result.err.startswith("error: --host: refusing to listen on 0.0.0.0")
    assert "--allow-network-without-login" in result.err and "delete" in result.err


def test_accounts_mode_lifts_the_loopback_rule():
    from acupress.cli.serve import check_listening_allowed
    from acupress.config import Settings

    check_listening_allowed("0.0.0.0", Settings(database_url="sqlite://", local_mode=False), network_without_login=False)


@contextlib.contextmanager
def serving(tmp_path, *options: str):
    """`acupress serve` in its own process on a free port: yields (port, its output stream)."""
    port = free_port()
    env = {**os.environ, "ACUPRESS_DATA_DIR": str(tmp_path / "data"), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "acupress", "serve", "--port", str(port), *options]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield port, server.stdout
    finally:
        server.terminate()
        server.wait(timeout=10)


def answers_health(url: str, host: str | None = None) -> bool:
    deadline = time.time() + 20
    while True:
        try:
            request = urllib.request.Request(url, headers={"host": host} if host else {})
            with urllib.request.urlopen(request, timeout=2) as response:
                return response.status == 200
        except OSError:
            assert time.time() < deadline, "server did not start"
            time.sleep(0.2)


def test_explicit_flag_listens_and_prints_reachable_urls(tmp_path):
    with serving(tmp_path, "--host", "0.0.0.0", "--allow-network-without-login") as (port, output):
        first = output.readline()
        assert first.startswith(f"acupress is running at http://127.0.0.1:{port}/"), first
        second = output.readline()
        lan = re.search(r"http://([^/]+)/", second)
        assert lan and "0.0.0.0" not in second, second
        # the printed address is one the server answers to
        assert answers_health(f"http://127.0.0.1:{port}/api/v1/health", host=lan.group(1))


def test_another_loopback_address_is_printed_and_answered(tmp_path):
    """`--host 127.0.0.2` printed 127.0.0.1 (which refused) and answered 400 to its own address."""
    with serving(tmp_path, "--host", "127.0.0.2") as (port, output):
        first = output.readline()
        assert first.startswith(f"acupress is running at http://127.0.0.2:{port}/"), first
        assert answers_health(f"http://127.0.0.2:{port}/api/v1/health")


def test_several_workers_need_postgresql(cli):
    result = cli("serve", "--workers", "2")
    assert result.code == 2 and result.err.count("\n") == 1
    assert "--workers" in result.err and "PostgreSQL" in result.err
