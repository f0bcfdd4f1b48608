"""The locator's speed: photos in Python, and the live camera in headless CPU Chromium.

Python: milliseconds per photo for `locate` against raw MediaPipe inference on
the same decoded photos, in the same run. `locate --point SI3` runs the full
hand model, a second look with the lite one, a closer look at each hand found
(six more runs of the full model on enlarged crops, for steadier landmarks)
and the pose model (for sides and hands the hand model missed), so its ratio
to one raw hand inference is about 15-18x on these photos (two hands each): that is its cost, not waste.

Browser: a 30 frames/s fake camera (a photo of two hands; the live page follows one) feeds the live
page exactly as a person's camera would; the figure is frames of landmarks
per second that the page produced (target >= 20), printed next to the raw
inference time per frame measured by the page itself, so the ratio shows how
much of the budget the page's own work takes; that work (the spots, the
sides, and the search for the hand's edge in the frame's pixels) is timed
by the page too. The machine's other load slows
both alike; so the CPU time each frame costs (the model's thread, and the
whole browser) is printed too, with the frame rate it allows on an idle
2-core machine (Linux only).
Run: python benchmarks/locator.py [--rounds N] [--no-browser] [--seconds S] [--legacy]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHOTOS = ROOT.parent / "shared" / "data" / "photos"
CAMERA_FPS = 30
TARGET_FPS = 20


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
    from acupress.vision.models import run_hands, run_pose, run_second_look

    kb = load_knowledge()
    photos = [path.read_bytes() for path in sorted(PHOTOS.glob("*.jpg"))]
    decoded = [read_photo(data).rgb for data in photos]
    for warm in (run_hands, run_second_look, run_pose):  # load the models before timing
        warm(decoded[0])
    raw = median_ms(run_hands, decoded, rounds)
    ours = median_ms(lambda data: locate(data, kb, point="SI3"), photos, rounds)
    print(f"{len(photos)} photos x {rounds} rounds, median per photo")
    print(f"raw hands inference      {raw:7.1f} ms")
    print(f"locate --point SI3       {ours:7.1f} ms   ratio {ours / raw:.2f}x (full + lite hands, 6 closer looks per hand, pose)")


def fake_camera(photo: Path, target: Path, frames: int = 60, fps: int = CAMERA_FPS) -> None:
    """A video file Chromium plays as its camera (--use-file-for-fake-video-capture): the photo, still."""
    import cv2
    import numpy as np

    image = cv2.imread(str(photo))
    height, width = (d - d % 2 for d in image.shape[:2])
    yuv = cv2.cvtColor(image[:height, :width], cv2.COLOR_BGR2YUV_I420)
    with open(target, "wb") as handle:
        handle.write(f"YUV4MPEG2 W{width} H{height} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            handle.write(b"FRAME\n" + np.ascontiguousarray(yuv).tobytes())


def browser_figures(seconds: float, legacy: bool) -> None:
    import shutil

    import uvicorn
    from playwright.sync_api import sync_playwright

    from acupress.config import Settings
    from acupress.web.app import create_app

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as folder:
        video = Path(folder) / "hands.y4m"
        fake_camera(PHOTOS / "hands_0.jpg", video)
        app = create_app(Settings(database_url=f"sqlite:///{folder}/b.db", secret_key="bench", local_mode=True))
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=8791, log_level="error"))
        threading.Thread(target=server.run, daemon=True).start()
        while not server.started:
            time.sleep(0.05)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=[
                "--no-sandbox", "--disable-gpu", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}"])
            page = browser.new_context(permissions=["camera"]).new_page()
            page.goto("http://127.0.0.1:8791/locate")
            page.click("#live-start")
            page.locator("#live-fps", has_text="frames per second").wait_for(timeout=120_000)
            time.sleep(2)  # past the first frames, which warm the engine up
            processes = _processes_of(str(video))
            cpu_before = _cpu_ms_by_thread(processes)
            start = page.evaluate("() => [window.acupressLive.frames, performance.now()]")
            time.sleep(seconds)
            end = page.evaluate("() => [window.acupressLive.frames, performance.now(), window.acupressLive.inferMs, "
                                "window.acupressLive.spotsMs, window.acupressLive.lastPoints.map((p) => p.edge)]")
            cpu = {name: ms - cpu_before.get(name, 0.0) for name, ms in _cpu_ms_by_thread(processes).items()}
            legacy_ms = _legacy_ms(browser) if legacy else None
            browser.close()
        server.should_exit = True
    fps = (end[0] - start[0]) * 1000 / (end[1] - start[1])
    infer = end[2]
    print(f"live camera ({CAMERA_FPS} frames/s fake camera; the page follows one hand), headless CPU Chromium:")
    print(f"raw inference per frame  {infer:7.1f} ms   = {1000 / infer:5.1f} frames/s at most")
    if end[3] is not None:  # an older page does not time its own work
        print(f"the page's own work      {end[3]:7.2f} ms   ratio {end[3] / infer:.3f} of inference (spots, sides, and "
              f"the hand's edge read from the frame's pixels; edge found: {end[4]})")
    print(f"landmarks on the page    {fps:7.1f} frames/s   ratio {fps * infer / 1000:.2f} of the inference bound, "
          f"{fps / CAMERA_FPS:.2f} of the camera (target >= {TARGET_FPS} frames/s: {'met' if fps >= TARGET_FPS else 'NOT met'})")
    frames = max(1, end[0] - start[0])
    if cpu:
        model, everything = cpu.get("DedicatedWorker", 0.0) / frames, sum(cpu.values()) / frames
        idle = min(CAMERA_FPS, 1000 / max(model, 1e-3), 2000 / max(everything, 1e-3))
        print(f"CPU time per frame of landmarks: model thread {model:.1f} ms, whole browser {everything:.1f} ms "
              f"(CPU time, unlike waiting, barely depends on other load); so an idle 2-core machine allows "
              f"about {idle:.0f} frames/s (estimate)")
    if legacy_ms is not None:
        print(f"legacy @mediapipe/hands  {legacy_ms:7.1f} ms per frame (for comparison; not used)")


def _processes_of(marker: str) -> list[int]:
    """The browser started with `marker` on its command line, and every process under it (Linux /proc)."""
    proc = Path("/proc")
    if not proc.exists():
        return []
    parents, roots = {}, []
    for entry in proc.iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                if marker in (entry / "cmdline").read_text(errors="replace"):
                    roots.append(int(entry.name))
            except OSError:
                continue

    def under(pid: int) -> bool:
        while pid > 1:
            if pid in roots:
                return True
            pid = parents.get(pid, 1)
        return False

    return [pid for pid in parents if under(pid)]


def _cpu_ms_by_thread(processes: list[int]) -> dict[str, float]:
    """CPU milliseconds used so far, summed by thread name ("DedicatedWorker" is the hand model's)."""
    import os

    tick = os.sysconf("SC_CLK_TCK")
    used: dict[str, float] = {}
    for pid in processes:
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                name = (task / "comm").read_text().strip()
                fields = (task / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            used[name] = used.get(name, 0.0) + (int(fields[11]) + int(fields[12])) * 1000 / tick
    return used


def _legacy_ms(browser) -> float | None:
    """The legacy @mediapipe/hands package (a development dependency) on the same photo, for comparison."""
    import http.server

    if not (ROOT / "node_modules" / "@mediapipe" / "hands").exists():
        return None
    photo = str(PHOTOS / "hands_0.jpg")

    class Legacy(http.server.SimpleHTTPRequestHandler):
        def translate_path(self, path: str) -> str:
            if path.startswith("/photo.jpg"):
                return photo
            if path.startswith("/page"):
                return str(ROOT / "benchmarks" / "pages" / "legacy_hands.html")
            return str(ROOT) + path.split("?")[0]

        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 8792), Legacy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    page.goto("http://127.0.0.1:8792/page")
    ms = page.evaluate("async (frames) => (await window.run(frames)).ms", 5)
    server.shutdown()
    return float(ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=8.0, help="how long to watch the live camera")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--legacy", action="store_true", help="also time the legacy @mediapipe/hands package")
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
    browser_figures(options.seconds, options.legacy)


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
