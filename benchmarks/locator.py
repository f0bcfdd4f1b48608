"""Milliseconds per photo for `locate` against raw MediaPipe inference on the same
photos, in the same run (target <= 1.2x), and the browser's frames per second
for the live camera's hand model in headless Chromium.

Raw inference = the hands model's process() on photos already decoded to RGB;
`locate` adds reading the file (EXIF, checks), the SI3 rule and the result.
Run: python benchmarks/locator.py [--rounds N] [--no-browser]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = ROOT.parent / "shared" / "data" / "photos"


def median_ms(work, items, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        for item in items:
            start = time.perf_counter()
            work(item)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def python_figures(rounds: int) -> None:
    from acupress.knowledge import load_knowledge
    from acupress.vision.image import read_photo
    from acupress.vision.locate import locate
    from acupress.vision.models import run_hands, run_pose

    kb = load_knowledge()
    photos = [path.read_bytes() for path in sorted(PHOTOS.glob("*.jpg"))]
    decoded = [read_photo(data).rgb for data in photos]
    run_hands(decoded[0])  # load the models before timing
    run_pose(decoded[0])
    raw = median_ms(run_hands, decoded, rounds)
    ours = median_ms(lambda data: locate(data, kb, point="SI3"), photos, rounds)
    raw_both = median_ms(lambda rgb: (run_hands(rgb), run_pose(rgb)), decoded, rounds)
    ours_both = median_ms(lambda data: locate(data, kb, point="all"), photos, rounds)
    print(f"{len(photos)} photos x {rounds} rounds, median per photo")
    print(f"raw hands inference      {raw:7.1f} ms")
    print(f"locate --point SI3       {ours:7.1f} ms   ratio {ours / raw:.2f}x (target <= 1.2x)")
    print(f"raw hands + pose         {raw_both:7.1f} ms")
    print(f"locate --point all       {ours_both:7.1f} ms   ratio {ours_both / raw_both:.2f}x")


def browser_figures(frames: int = 60) -> None:
    import shutil
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from acupress.config import Settings
    from acupress.web.app import create_app

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(database_url=f"sqlite:///{folder}/b.db", secret_key="bench"))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8791, log_level="error"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.route("**/test-photo/*", lambda route: route.fulfill(path=str(PHOTOS / "hands_0.jpg")))
            page.goto("http://127.0.0.1:8791/locate")
            page.wait_for_function("() => window.acupressLive && window.acupressLive.locateImage")
            page.evaluate("async () => await window.acupressLive.locateImage('/test-photo/hands_0.jpg')")  # load the model
            per_frame = page.evaluate("""async (frames) => {
                const times = [];
                for (let i = 0; i < frames; i++) {
                    const start = performance.now();
                    await window.acupressLive.locateImage('/test-photo/hands_0.jpg');
                    times.push(performance.now() - start);
                }
                times.sort((a, b) => a - b);
                return times[Math.floor(times.length / 2)];
            }""", frames)
            browser.close()
        server.should_exit = True
    print(f"browser (tasks-vision WASM, CPU, headless Chromium): {per_frame:.1f} ms per frame = {1000 / per_frame:.1f} frames/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    options = parser.parse_args()
    if not PHOTOS.exists():
        sys.exit(f"photos not found at {PHOTOS}")
    python_figures(options.rounds)
    if not options.no_browser:
        browser_figures()


if __name__ == "__main__":
    main()
