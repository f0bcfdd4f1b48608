"""What a long diary costs Today, the diary page and the API's summary, against a short one.

Each page is timed in-process (the app factory, a SQLite file, the local
profile) with a diary of 60 records and again with a long one (two years of
two pain scores and a session a day); the ratio long / short says whether a
page reads the whole diary (it grows with it) or a bounded part (near 1x).
Target: every page <= 2x. Run: python benchmarks/diary_size.py [--days 730]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from acupress.config import Settings
from acupress.storage import diary, sessions
from acupress.web.app import create_app

PAGES = ("/", "/diary", "/api/v1/summary")
TARGET = 2.0


def fill(app, days: int) -> None:
    """Two pain scores and one session a day for `days` days up to now."""
    now, user = datetime.now(UTC), app.state.local_user_id
    with app.state.engine.begin() as conn:
        for day in range(days):
            moment = now - timedelta(days=day, hours=2)
            for hours in (0, 8):
                diary.add_entry(conn, user, diary.NewEntry(moment - timedelta(hours=hours), (day + hours) % 11))
            sessions.add_session(conn, user, sessions.NewSession(
                started_at=moment, ended_at=moment + timedelta(minutes=6), plan={}, pain_before=6, pain_after=4))


def timings(days: int, runs: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=f"sqlite:///{Path(folder) / 'bench.db'}", secret_key="bench", local_mode=True,
                            allowed_hosts=("testserver",))
        with TestClient(create_app(settings)) as client:
            fill(client.app, days)
            result = {}
            for page in PAGES:
                client.get(page)  # warm
                samples = []
                for _ in range(runs):
                    start = time.perf_counter()
                    assert client.get(page).status_code == 200
                    samples.append(time.perf_counter() - start)
                result[page] = min(samples) * 1000  # the least disturbed run: the machine may be shared
            return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=730, help="length of the long diary in days")
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    short, long = timings(20, args.runs), timings(args.days, args.runs)
    worst = 0.0
    for page in PAGES:
        ratio = long[page] / short[page]
        worst = max(worst, ratio)
        print(f"{page:<18} 60 records {short[page]:7.1f} ms   {args.days * 3} records {long[page]:7.1f} ms   {ratio:5.2f}x")
    print(f"worst {worst:.2f}x (target <= {TARGET:g}x): {'OK' if worst <= TARGET else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
