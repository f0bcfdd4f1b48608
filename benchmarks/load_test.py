"""A crowd on the web app: throughput, p50/p99 and errors, SQLite with one worker and
PostgreSQL with several.

Simulated people (asyncio + httpx, each with its own connection and cookies)
repeat what a person does: open Today, get a plan, run a fast session (POST
a session), log their pain and read the diary, pausing 1-5 s between steps
(as locust's `between(1, 5)`: about 65 requests a second from 200 people). Bounded: fixed users and duration, loopback only, stops by itself.
The server runs in its own processes (uvicorn, the app factory), started and
stopped here; PostgreSQL is a temporary cluster from Debian's binaries.
Target on a 2-core machine: 200 users, 0 errors, p99 < 200 ms.
Run: python benchmarks/load_test.py [--users 200] [--seconds 30] [--workers 2] [--only sqlite|postgresql]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx

HOST = "127.0.0.1"  # loopback only
ANSWERS = {"age": 52, "pain_now": 6, "pain_started_days_ago": 40}
TARGET_P99_MS = 200.0
THINK_SECONDS = (1.0, 5.0)  # a person reads, presses, breathes between steps


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def session_body() -> dict[str, object]:
    ended = datetime.now(UTC)
    return {"started_at": (ended - timedelta(minutes=2)).isoformat(), "ended_at": ended.isoformat(), "answers": ANSWERS,
            "steps_done": [{"step_id": "SI3", "side": "left", "seconds": 30}, {"step_id": "SI3", "side": "right", "seconds": 30}],
            "pain_before": 6, "pain_after": 5, "completed": True}


async def person(client: httpx.AsyncClient, deadline: float, timings: dict[str, list[float]], errors: list[str]) -> None:
    steps = [("GET /", "GET", "/", None), ("POST /api/v1/plan", "POST", "/api/v1/plan", lambda: ANSWERS),
             ("POST /api/v1/sessions", "POST", "/api/v1/sessions", session_body),
             ("POST /api/v1/diary", "POST", "/api/v1/diary", lambda: {"pain": random.randint(0, 10), "note": "load test"}),
             ("GET /api/v1/diary", "GET", "/api/v1/diary", None)]
    await asyncio.sleep(random.uniform(0, THINK_SECONDS[1]))  # people arrive over the first seconds
    while time.monotonic() < deadline:
        for name, method, path, body in steps:
            if time.monotonic() >= deadline:
                return
            start = time.perf_counter()
            try:
                response = await client.request(method, path, json=body() if body else None)
                if response.status_code >= 400:
                    errors.append(f"{name}: {response.status_code} {response.text[:120]}")
            except httpx.HTTPError as error:
                errors.append(f"{name}: {type(error).__name__}")
            timings[name].append(time.perf_counter() - start)
            await asyncio.sleep(random.uniform(*THINK_SECONDS))


async def crowd(base: str, users: int, seconds: float) -> tuple[dict[str, list[float]], list[str], float]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    # One client, one connection per person (made once: an httpx client per person costs ~20 ms of CPU each).
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:
        start, cpu = time.monotonic(), time.process_time()
        await asyncio.gather(*(person(client, start + seconds, timings, errors) for _ in range(users)))
        elapsed = time.monotonic() - start
        print(f"    (the simulated people used {100 * (time.process_time() - cpu) / elapsed:.0f}% of a core)")
        return timings, errors, elapsed


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000


@contextlib.contextmanager
def server(database_url: str, workers: int, folder: str) -> Iterator[str]:
    """uvicorn with the app factory, on loopback, stopped on exit."""
    from acupress.config import Settings
    from acupress.storage.db import open_database
    from acupress.storage.users import ensure_local_user

    ensure_local_user(open_database(Settings(database_url=database_url)))  # migrate once, before the workers start
    port = free_port()
    env = {**os.environ, "ACUPRESS_DATABASE_URL": database_url, "ACUPRESS_DATA_DIR": f"{folder}/data",
           "ACUPRESS_CACHE_DIR": f"{folder}/cache", "ACUPRESS_SECRET_KEY": "load-test"}
    command = [sys.executable, "-m", "uvicorn", "acupress.web.app:create_app", "--factory", "--host", HOST,
               "--port", str(port), "--workers", str(workers), "--log-level", "warning", "--no-access-log",
               "--timeout-keep-alive", "65"]  # longer than a person's pause: idle connections stay open, as behind a proxy
    process = subprocess.Popen(command, env=env)
    try:
        _wait_until_up(port, process)
        yield f"http://{HOST}:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_up(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server stopped while starting")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://{HOST}:{port}/api/v1/health", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise SystemExit("the server did not start")


@contextlib.contextmanager
def temporary_postgres() -> Iterator[str | None]:
    """A throw-away PostgreSQL database on loopback (Debian's binaries), or None when they are missing."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.postgres import binaries, running_postgres

    if binaries() is None:
        yield None
        return
    with running_postgres("max_connections=200") as server:
        import sqlalchemy as sa

        admin = sa.create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql("CREATE DATABASE load")
        admin.dispose()
        yield f"{server}/load"


def report(label: str, timings: dict[str, list[float]], errors: list[str], elapsed: float) -> bool:
    every = [t for values in timings.values() for t in values]
    p99 = percentile(every, 0.99)
    print(f"{label}: {len(every)} requests in {elapsed:.0f} s = {len(every) / elapsed:.0f} req/s, "
          f"p50 {percentile(every, 0.5):.1f} ms, p99 {p99:.1f} ms, errors {len(errors)}")
    for name, values in timings.items():
        print(f"    {name:<24} {len(values):6d}  p50 {percentile(values, 0.5):6.1f} ms  p99 {percentile(values, 0.99):6.1f} ms"
              f"  mean {statistics.mean(values) * 1000:6.1f} ms")
    for line in sorted(set(errors))[:5]:
        print(f"    error: {line}")
    ok = not errors and p99 < TARGET_P99_MS
    print(f"    target (0 errors, p99 < {TARGET_P99_MS:.0f} ms): {'OK' if ok else 'MISSED'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers for PostgreSQL")
    parser.add_argument("--only", choices=("sqlite", "postgresql"))
    options = parser.parse_args()
    print(f"{options.users} simulated people for {options.seconds:.0f} s each run, on {os.cpu_count()} cores")
    with tempfile.TemporaryDirectory() as folder:
        if options.only in (None, "sqlite"):
            with server(f"sqlite:///{folder}/load.db", 1, folder) as base:
                report("SQLite, 1 worker", *asyncio.run(crowd(base, options.users, options.seconds)))
        if options.only in (None, "postgresql"):
            with temporary_postgres() as url:
                if url is None:
                    print("PostgreSQL: not installed here (apt-get install postgresql); skipped")
                    return
                with server(url, options.workers, folder) as base:
                    report(f"PostgreSQL, {options.workers} workers", *asyncio.run(crowd(base, options.users, options.seconds)))


if __name__ == "__main__":
    main()
