"""Median wall time of `acupress plan --answers X --format json` against `python -c pass`.

Both run with the same interpreter in the same run; prints the ratio.
Target: at most 3x. Run: python benchmarks/cli_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def median_seconds(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    runs = parser.parse_args().runs
    exe = str(Path(sys.executable).with_name("acupress"))
    # Byte-compile the package first, as `pip install` does: an editable checkout run with
    # PYTHONDONTWRITEBYTECODE=1 would otherwise recompile every module on every start.
    import acupress

    compileall.compile_dir(Path(acupress.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.json"
        answers.write_text(json.dumps({"age": 50, "pain_now": 7, "pain_started_days_ago": 120}))
        plan = [exe, "plan", "--answers", str(answers), "--format", "json"]
        subprocess.run(plan, check=True, stdout=subprocess.DEVNULL)  # warm the knowledge cache
        baseline = median_seconds([sys.executable, "-c", "pass"], runs)
        ours = median_seconds(plan, runs)
    ratio = ours / baseline
    print(f"python -c pass       median {baseline * 1000:7.1f} ms")
    print(f"acupress plan --json median {ours * 1000:7.1f} ms")
    print(f"ratio {ratio:.2f}x (target <= 3x): {'OK' if ratio <= 3 else 'ABOVE TARGET'}")


if __name__ == "__main__":
    main()
