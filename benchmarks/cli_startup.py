"""Start-up time of every acupress command against `python -c pass`, in the same run.

Each command of the Typer app is timed twice: `acupress CMD --help` (start-up
and an answer, for every command, including the interactive ones and
`serve`), and, for the commands that finish by themselves, a real run
(`plan`, `points`, `sources`, and the diary commands on a fresh database).
The fastest of N runs each (other processes on a shared machine only ever
add time, so the fastest run is the command's own cost; the median is shown
too), after one warm-up run (which writes the knowledge and command caches,
as the first use after installing does).
Target: at most 3x `python -c pass`. The diary commands open the database,
so they also pay for importing SQLAlchemy: their ratio is shown separately.
Run: python benchmarks/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 3.0


def timed(command: list[str], runs: int, env: dict[str, str]) -> tuple[float, float]:
    """(fastest, median) wall time in seconds."""
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)  # warm the caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def every_command() -> list[list[str]]:
    """Every command path of the Typer app, e.g. ["plan"], ["export", "csv"]."""
    from acupress.cli.app import app

    paths = [[info.name or ""] for info in app.registered_commands]
    for group in app.registered_groups:
        paths += [[group.name or "", info.name or ""] for info in group.typer_instance.registered_commands]  # type: ignore[union-attr]
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    exe = str(Path(sys.executable).with_name("acupress"))
    import acupress

    # Byte-compile the package first, as `pip install` does: an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on every start.
    compileall.compile_dir(Path(acupress.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "ACUPRESS_CACHE_DIR": f"{folder}/cache", "ACUPRESS_DATA_DIR": f"{folder}/data"}
        answers = Path(folder) / "answers.json"
        answers.write_text(json.dumps({"age": 50, "pain_now": 7, "pain_started_days_ago": 120}))
        baseline, baseline_median = timed([sys.executable, "-c", "pass"], runs, env)
        quick = [["plan", "--answers", str(answers), "--format", "json"], ["plan", "--answers", str(answers)],
                 ["points"], ["points", "KI3"], ["sources"], ["--help"]]
        quick += [[*path, "--help"] for path in every_command()]
        storage = [["log", "5"], ["diary"], ["export", "csv"], ["export", "json"], ["export", "fhir"], ["forget", "--yes"]]
        print(f"{'':<34} {'fastest':>8} {'median':>9}")
        print(f"{'python -c pass':<34} {baseline * 1000:7.1f} ms {baseline_median * 1000:6.1f} ms")
        worst = 0.0
        for words in quick:
            fastest, median = timed([exe, *words], runs, env)
            worst = max(worst, fastest / baseline)
            shown = " ".join(w if w != str(answers) else "A.json" for w in words)
            print(f"acupress {shown:<25} {fastest * 1000:7.1f} ms {median * 1000:6.1f} ms  {fastest / baseline:5.2f}x"
                  f"{'' if fastest / baseline <= TARGET else '  ABOVE TARGET'}")
        print(f"start-up: worst {worst:.2f}x (target <= {TARGET:g}x): {'OK' if worst <= TARGET else 'ABOVE TARGET'}")
        for words in storage:
            fastest, median = timed([exe, *words], runs, env)
            print(f"acupress {' '.join(words):<25} {fastest * 1000:7.1f} ms {median * 1000:6.1f} ms  {fastest / baseline:5.2f}x"
                  "  (opens the database)")


if __name__ == "__main__":
    main()
