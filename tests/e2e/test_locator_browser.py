"""The locator in the browser: same SI3 as Python on the same photos, and a live fake camera."""

from __future__ import annotations

import subprocess
import time

import numpy as np
import pytest

from acupress.core.locate import distance
from acupress.knowledge import load_knowledge
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, screenshot
from tests.vision.conftest import PHOTOS

PHOTO_NAMES = ["hands_0.jpg", "hands_5.jpg", "hands_7.jpg", "hands_10.jpg"]


def serve_photos(page) -> None:
    page.route("**/test-photo/*", lambda route: route.fulfill(
        path=str(PHOTOS / route.request.url.rsplit("/", 1)[-1]), content_type="image/jpeg"))


@pytest.fixture
def locate_page(page, server):
    serve_photos(page)
    page.goto(f"{server}/locate")
    page.wait_for_function("() => window.acupressLive && window.acupressLive.locateImage")
    return page


@pytest.mark.parametrize("name", PHOTO_NAMES)
def test_browser_and_python_place_si3_alike(locate_page, name):
    from acupress.vision.locate import locate

    browser = locate_page.evaluate("async (url) => await window.acupressLive.locateImage(url)", f"/test-photo/{name}")
    python, _ = locate((PHOTOS / name).read_bytes(), load_knowledge(), point="SI3")
    assert len(browser) == len(python.points)
    for ours in python.points:
        theirs = min(browser, key=lambda b: distance((b["x"], b["y"]), (ours.x, ours.y)))
        # Same rule and models; the two MediaPipe builds crop the hand slightly differently.
        # (8 px floor: a hand seen end-on has a tiny "size", see the locator's plausibility check.)
        assert distance((theirs["x"], theirs["y"]), (ours.x, ours.y)) <= max(0.15 * ours.extra["hand_size"], 8.0)
        assert theirs["side"] == ours.side


def test_the_page_reads_the_rule_from_the_knowledge_base(locate_page):
    locator = locate_page.evaluate("() => JSON.parse(document.getElementById('locator-data').textContent)")
    assert locator == load_knowledge().points["SI3"].locator


def _write_y4m(photo, target, frames: int = 30) -> None:
    import cv2

    image = cv2.imread(str(photo))
    height, width = (d - d % 2 for d in image.shape[:2])
    yuv = cv2.cvtColor(image[:height, :width], cv2.COLOR_BGR2YUV_I420)
    with open(target, "wb") as handle:
        handle.write(f"YUV4MPEG2 W{width} H{height} F15:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            handle.write(b"FRAME\n" + np.ascontiguousarray(yuv).tobytes())


def test_live_camera_marks_si3_and_shows_frame_rate(playwright, server, tmp_path):
    video = tmp_path / "hand.y4m"
    _write_y4m(PHOTOS / "hands_0.jpg", video)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    try:
        page = browser.new_context(permissions=["camera"]).new_page()
        page.goto(f"{server}/locate")
        page.click("#live-start")
        page.locator("#live-fps", has_text="frames per second").wait_for(timeout=60_000)
        deadline = time.time() + 30
        while time.time() < deadline and page.evaluate("() => window.acupressLive.frames") < 20:
            time.sleep(0.2)
        screenshot(page, "locate-live-camera")
        live = page.evaluate("() => ({frames: window.acupressLive.frames, fps: window.acupressLive.fps, lastPoints: window.acupressLive.lastPoints})")
    finally:
        browser.close()
    assert live["frames"] >= 20 and live["fps"] > 0
    assert sorted(p["side"] for p in live["lastPoints"]) == ["left", "right"]
    print(f"\nlive camera in headless Chromium: {live['fps']:.1f} frames per second")


def test_no_camera_falls_back_to_upload(browser, server):
    context = browser.new_context()  # no camera permission, no fake device
    page = context.new_page()
    page.goto(f"{server}/locate")
    page.click("#live-start")
    page.locator("#live-status", has_text="Use the photo upload above instead").wait_for(timeout=20_000)
    context.close()


def test_upload_and_tap_the_ankle(page, server):
    page.goto(f"{server}/locate")
    page.set_input_files("#photo", str(PHOTOS / "hands_0.jpg"))
    page.select_option("#point", "KI3")
    page.click("text=Find the point")
    page.locator("#ankle-help").wait_for(state="visible")
    image = page.locator("img.located")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.2, "y": box["height"] * 0.5})
    image.click(position={"x": box["width"] * 0.3, "y": box["height"] * 0.5})
    page.locator("#upload-result li", has_text="KI3").wait_for()
    assert "confidence 100%" in page.inner_text("#upload-result")
    screenshot(page, "locate-assisted-ki3-phone")


def test_chromium_exists():
    assert subprocess.run([CHROMIUM, "--version"], capture_output=True, check=False).returncode == 0
