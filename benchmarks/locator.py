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


TASKS_TIMING = """async (frames) => {
    const { FilesetResolver, HandLandmarker } = await import('/static/vendor/tasks-vision/vision_bundle.mjs');
    const files = await FilesetResolver.forVisionTasks('/static/vendor/tasks-vision/wasm');
    const model = await HandLandmarker.createFromOptions(files, {
        baseOptions: { modelAssetPath: '/static/vendor/models/hand_landmarker.task', delegate: 'CPU' },
        runningMode: 'IMAGE', numHands: 4 });
    const image = new Image();
    image.src = '/test-photo/hands_0.jpg';
    await image.decode();
    model.detect(image);
    const times = [];
    for (let i = 0; i < frames; i++) {
        const start = performance.now();
        model.detect(image);
        times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)];
}"""


def browser_figures(frames: int = 30) -> None:
    """Per-frame time of both browser engines on the same photo, in headless Chromium."""
    import http.server
    import shutil
    import tempfile
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    from acupress.config import Settings
    from acupress.web.app import create_app

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    photo = str(PHOTOS / "hands_0.jpg")

    class Legacy(http.server.SimpleHTTPRequestHandler):
        """Serves the legacy @mediapipe/hands package and a timing page (benchmarks/pages)."""

        def translate_path(self, path: str) -> str:
            if path.startswith("/photo.jpg"):
                return photo
            if path.startswith("/page"):
                return str(ROOT / "benchmarks" / "pages" / "legacy_hands.html")
            return str(ROOT) + path.split("?")[0]

        def log_message(self, *args) -> None:
            pass

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(Settings(database_url=f"sqlite:///{folder}/b.db", secret_key="bench"))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8791, log_level="error"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        legacy = http.server.ThreadingHTTPServer(("127.0.0.1", 8792), Legacy)
        threading.Thread(target=legacy.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.route("**/test-photo/*", lambda route: route.fulfill(path=photo))
            page.goto("http://127.0.0.1:8791/locate")
            tasks_ms = page.evaluate(TASKS_TIMING, frames)
            legacy_ms = None
            if (ROOT / "node_modules" / "@mediapipe" / "hands").exists():
                page.goto("http://127.0.0.1:8792/page")
                legacy_ms = page.evaluate("async (frames) => (await window.run(frames)).ms", max(3, frames // 5))
            browser.close()
        legacy.shutdown()
        server.should_exit = True
    print(f"browser, tasks-vision (used):     {tasks_ms:7.1f} ms per frame = {1000 / tasks_ms:5.1f} frames/s")
    if legacy_ms is not None:
        print(f"browser, legacy @mediapipe/hands: {legacy_ms:7.1f} ms per frame = {1000 / legacy_ms:5.1f} frames/s"
              f"   (tasks-vision is {legacy_ms / tasks_ms:.1f}x faster)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-browser", action="store_true")
    options = parser.parse_args()
    missing = _missing_parts()
    if missing:
        print(f"skipped: {missing}")
        return
    python_figures(options.rounds)
    if options.no_browser:
        return
    bundle = ROOT / "src" / "acupress" / "web" / "static" / "vendor" / "tasks-vision" / "vision_bundle.mjs"
    if not bundle.exists():
        print(f"browser part skipped: {bundle.relative_to(ROOT)} is missing (./run vision builds the front-end files)")
        return
    browser_figures()


def _missing_parts() -> str | None:
    """Why this benchmark cannot run here, in one line; None when it can."""
    import importlib.util

    for module in ("mediapipe", "cv2", "PIL"):
        if importlib.util.find_spec(module) is None:
            return f"the photo locator is not installed ({module} is missing; ./run vision installs it)"
    if not any(PHOTOS.glob("*.jpg")):
        return f"the development photos are not at {PHOTOS} (they come with ../shared beside the clone)"
    return None


if __name__ == "__main__":
    main()
