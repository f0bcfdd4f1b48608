"""Requests per second and p50/p99 latency of POST /api/v1/plan and of a diary
write, each against a bare endpoint of the same app stack, in the same run.

The server runs in its own process (uvicorn, one worker, SQLite in a temp
folder) on loopback; the load generator sends a bounded number of requests
over keep-alive connections from a thread pool, and stops by itself.
Targets: plan >= 0.7x bare, diary write on SQLite >= 0.5x bare, no errors.
Run: python benchmarks/web_throughput.py [--requests N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor

SERVER = """
import sys
import uvicorn
from acupress.config import Settings
from acupress.web.app import create_app

app = create_app(Settings(database_url=sys.argv[1], secret_key="bench", local_mode=True))

@app.post("/bench/bare")
def bare(body: dict) -> dict:  # same stack, no work: the baseline
    return {"ok": True}

uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="error", access_log=False)
"""
CASES = {
    "bare POST": ("/bench/bare", {"pain": 4}),
    "POST /api/v1/plan": ("/api/v1/plan", {"age": 52, "pain_now": 7, "pain_started_days_ago": 120,
                                           "conditions": ["osteoporosis"]}),
    "POST /api/v1/diary": ("/api/v1/diary", {"pain": 4, "note": "benchmark"}),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_ready(port: int, deadline: float) -> None:
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/api/v1/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("server did not start")


def worker(port: int, path: str, body: bytes, count: int) -> tuple[list[float], int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies, errors = [], 0
    for _ in range(count):
        start = time.perf_counter()
        connection.request("POST", path, body=body, headers={"content-type": "application/json"})
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        errors += response.status >= 400
    connection.close()
    return latencies, errors


def measure(port: int, path: str, payload: dict, requests: int, concurrency: int) -> dict[str, float]:
    body = json.dumps(payload).encode()
    worker(port, path, body, 50)  # warm up
    per_worker = requests // concurrency
    start = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(lambda _: worker(port, path, body, per_worker), range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies = sorted(t for result in results for t in result[0])
    return {"rps": len(latencies) / elapsed, "p50": statistics.median(latencies) * 1000,
            "p99": latencies[int(len(latencies) * 0.99) - 1] * 1000, "errors": sum(r[1] for r in results)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=8)
    options = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ACUPRESS_CACHE_DIR": folder}
        server = subprocess.Popen([sys.executable, "-c", SERVER, f"sqlite:///{folder}/bench.db", str(port)], env=env)
        try:
            wait_ready(port, time.time() + 30)
            figures = {name: measure(port, path, payload, options.requests, options.concurrency)
                       for name, (path, payload) in CASES.items()}
        finally:
            server.terminate()
            server.wait(timeout=10)
    bare = figures["bare POST"]["rps"]
    for name, figure in figures.items():
        print(f"{name:<20} {figure['rps']:8.0f} req/s  p50 {figure['p50']:6.1f} ms  p99 {figure['p99']:6.1f} ms  "
              f"errors {figure['errors']:.0f}  ratio {figure['rps'] / bare:.2f}x of bare")
    plan_ok = figures["POST /api/v1/plan"]["rps"] / bare >= 0.7
    diary_ok = figures["POST /api/v1/diary"]["rps"] / bare >= 0.5
    no_errors = all(f["errors"] == 0 for f in figures.values())
    print(f"targets: plan >= 0.7x {'OK' if plan_ok else 'MISSED'}, diary >= 0.5x {'OK' if diary_ok else 'MISSED'}, "
          f"no errors {'OK' if no_errors else 'MISSED'}")


if __name__ == "__main__":
    main()
