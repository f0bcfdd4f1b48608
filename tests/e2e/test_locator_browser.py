"""The locator in the browser: the same SI3 and sides as Python, a zone confirmed by touch, a live fake camera."""

from __future__ import annotations

import subprocess
import time

import pytest
from benchmarks.locator import fake_camera

from acupress.core.hand_side import SIDE_RULE
from acupress.core.locate import distance
from acupress.knowledge import load_knowledge
from acupress.vision import messages
from tests.e2e.browser import CHROMIUM, CHROMIUM_ARGS, PHONE, screenshot
from tests.e2e.test_journeys import answer_questions, api
from tests.helpers import PHOTOS

PHOTO_NAMES = ["hands_0.jpg", "hands_5.jpg", "hands_7.jpg", "hands_10.jpg"]
KB = load_knowledge()


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
def test_browser_and_python_place_si3_alike_and_agree_on_sides(locate_page, name):
    from acupress.vision.locate import locate

    browser = locate_page.evaluate("async (url) => await window.acupressLive.locateImage(url)", f"/test-photo/{name}")
    python, _ = locate((PHOTOS / name).read_bytes(), KB, point="SI3")
    # Python takes a second look (the lite model) for hands the full model passes over; the browser does not.
    assert len(python.points) - 2 <= len(browser) <= len(python.points)
    for theirs in browser:
        ours = min(python.points, key=lambda p: distance((theirs["x"], theirs["y"]), (p.x, p.y)))
        # Same rule and models; the two MediaPipe builds crop the hand slightly differently.
        assert distance((theirs["x"], theirs["y"]), (ours.x, ours.y)) <= max(0.15 * ours.extra["hand_size"], 8.0)
        assert theirs["side"] == ours.side
        assert theirs["zone_radius"] == pytest.approx(ours.extra["zone_radius"], rel=0.2, abs=2)


SAME_RULE = """async ({ url, hands }) => {
    const { si3Spot } = await import('/static/hand-geometry.mjs');
    const rules = JSON.parse(document.getElementById('locator-data').textContent);
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = Object.assign(document.createElement('canvas'), { width: image.naturalWidth, height: image.naturalHeight });
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = { x0: 0, y0: 0, width: canvas.width, height: canvas.height, imageWidth: canvas.width,
                     imageHeight: canvas.height, data: context.getImageData(0, 0, canvas.width, canvas.height).data };
    return hands.map((points) => si3Spot(points.map(([x, y]) => ({ x, y })), rules.si3, pixels));
}"""


@pytest.mark.parametrize("name", ["hands_0.jpg", "hands_5.jpg"])
def test_the_browser_finds_the_same_edge_on_the_same_pixels_and_landmarks(locate_page, tmp_path, name):
    """The edge search alone: Python's and the browser's code on one lossless picture and one set of landmarks."""
    from PIL import Image

    from acupress.core.hand_edge import si3_spot
    from acupress.vision.image import read_photo
    from acupress.vision.locate import locate

    lossless = tmp_path / "picture.png"
    Image.open(PHOTOS / name).convert("RGB").save(lossless)
    locate_page.route("**/lossless.png", lambda route: route.fulfill(path=str(lossless), content_type="image/png"))
    photo = read_photo(lossless.read_bytes())
    hands = [point.landmarks for point in locate(lossless.read_bytes(), KB, point="SI3")[0].points]
    browser = locate_page.evaluate(SAME_RULE, {"url": "/lossless.png", "hands": hands})
    locator = KB.points["SI3"].locator
    assert len(browser) == len(hands) >= 2
    for points, theirs in zip(hands, browser, strict=True):
        ours = si3_spot(points, locator, photo.colour_at)
        assert (theirs["edge"] is None) == (ours.edge is None)
        assert theirs["edge"] == pytest.approx(ours.edge, abs=1e-9)
        assert (theirs["spot"]["x"], theirs["spot"]["y"]) == pytest.approx(ours.point, abs=1e-6)
    assert any(theirs["edge"] is not None for theirs in browser)


def test_the_page_reads_the_rules_from_the_knowledge_base(locate_page):
    rules = locate_page.evaluate("() => JSON.parse(document.getElementById('locator-data').textContent)")
    assert rules == {"si3": KB.points["SI3"].locator, "ki3": KB.points["KI3"].locator, "sides": SIDE_RULE}


def upload(page, server, photo, point="all"):
    page.goto(f"{server}/locate")
    page.set_input_files("#photo", str(PHOTOS / photo))
    page.select_option("#point", point)
    page.click("text=Find the point")


def test_a_zone_to_press_within_then_move_the_mark_and_save_it(page, server):
    upload(page, server, "hands_0.jpg")
    cards = page.locator("li.spot")
    cards.first.wait_for()
    assert cards.count() == 2 and page.locator("figure.spot-photo circle.spot-zone").count() == 2
    assert "Press within the red circle" in cards.first.inner_text()
    assert messages.HAND_NOT_ANKLE in page.inner_text("#upload-result")
    assert page.locator("#ankle-help").is_hidden(), "a hand photo with Both shows nothing about ankles"
    assert "--" not in page.inner_text("main") and "%" not in page.inner_text("#upload-result")
    close_up = cards.first.locator("svg.spot-zoom")
    mark = close_up.locator("circle.spot-mark")
    before = (mark.get_attribute("cx"), mark.get_attribute("cy"))
    box = close_up.bounding_box()
    close_up.click(position={"x": box["width"] * 0.45, "y": box["height"] * 0.55})
    assert (mark.get_attribute("cx"), mark.get_attribute("cy")) != before, "the tap moved the mark"
    cards.first.locator("text=Confirm this spot").click()
    cards.first.locator(".spot-status", has_text="Saved").wait_for()
    screenshot(page, "locate-zone-saved-phone")
    (saved,) = api(server, "/api/v1/marks")["marks"]
    side = cards.first.locator("h3").inner_text().split(", ")[1].split()[0]
    assert cards.first.locator("h3").inner_text().startswith("1: SI3, "), "with two hands, cards are numbered"
    labels = page.evaluate("() => [...document.querySelectorAll('svg.spot-overlay text.spot-label')].map(t => t.textContent)")
    assert sorted(labels) == ["1", "2"], "the whole photo's labels carry the cards' numbers, not overlapping words"
    assert saved["point_id"] == "SI3" and saved["side"] == side
    assert abs(saved["along"]) < 1 and abs(saved["outward"]) < 1
    page.click("text=Find the point")  # the same photo again: the mark starts where the person put it
    page.locator("li.spot", has_text="The mark starts at the spot you saved last time").wait_for()
    labels = page.evaluate("() => [...document.querySelectorAll('figure.spot-photo text.spot-label')].map(t => t.getBoundingClientRect().height)")
    assert labels and min(labels) >= 12, f"the photo's labels are readable: {labels}"
    confirm, reset = cards.first.locator("button", has_text="Confirm this spot").bounding_box(), cards.first.locator("button", has_text="Put the mark back").bounding_box()
    assert reset["x"] >= confirm["x"] + confirm["width"] + 8 or reset["y"] >= confirm["y"] + confirm["height"] + 8, "space between them"
    close_up = cards.first.locator("svg.spot-zoom")
    box = close_up.bounding_box()
    close_up.click(position={"x": box["width"] * 0.5, "y": box["height"] * 0.85})  # well outside the circle
    cards.first.locator("button", has_text="Confirm this spot").click()
    status = cards.first.locator(".spot-status")
    assert "outside the suggested circle" in status.inner_text() and "again" in status.inner_text()
    assert abs(api(server, "/api/v1/marks")["marks"][0]["along"]) < 1, "not saved until confirmed again"
    cards.first.locator("button", has_text="Confirm this spot").click()
    status.filter(has_text="Saved").wait_for()


def test_assisted_ki3_is_the_persons_judgement_never_100_percent(page, server):
    upload(page, server, "hands_0.jpg", point="KI3")
    page.locator("#ankle-help").wait_for(state="visible")
    image = page.locator("figure.spot-photo")
    box = image.bounding_box()
    image.click(position={"x": box["width"] * 0.6, "y": box["height"] * 0.15})
    page.locator("#ankle-step", has_text="Now tap the Achilles tendon").wait_for()
    image.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.15})
    card = page.locator("li.spot", has_text="KI3")
    card.wait_for()
    text = page.inner_text("#upload-result")
    assert "your own judgement" in card.inner_text() and "100" not in text and "--" not in text
    assert messages.ASSISTED in text
    card.locator("text=Confirm this spot").click()
    card.locator(".spot-status", has_text="Choose left or right first").wait_for()
    card.locator("label", has_text="My right").click()
    card.locator("text=Confirm this spot").click()
    card.locator(".spot-status", has_text="Saved").wait_for()
    assert api(server, "/api/v1/marks")["marks"][0]["point_id"] == "KI3"
    screenshot(page, "locate-assisted-ki3-phone")


def test_the_session_diagram_shows_the_persons_own_spot(page, server):
    answer_questions(page, server, pain="8", days="3")
    page.evaluate("""async () => fetch('/api/v1/marks/SI3/left', {method: 'PUT', headers: {'content-type': 'application/json'},
                                     body: JSON.stringify({along: 0.3, outward: 0.1})})""")
    page.goto(f"{server}/session?speed=1")
    page.click("[data-target=before] button[data-value='6']")
    spot = page.locator(".session-diagrams [data-step=SI3] .your-spot")
    spot.wait_for()
    assert page.locator(".session-diagrams [data-step=SI3] text.your-spot-label").text_content() == "your spot"
    assert float(spot.get_attribute("cx")) < 184, "further toward the drawn wrist than the textbook point"


MIRRORED = """() => {
    const video = document.getElementById('live-video'), canvas = document.getElementById('live-canvas');
    const plain = document.createElement('canvas');
    plain.width = canvas.width; plain.height = canvas.height;
    plain.getContext('2d').drawImage(video, 0, 0);
    const mean = (context, x) => { const d = context.getImageData(x, 0, 1, canvas.height).data;
        let s = 0; for (let i = 0; i < d.length; i += 4) s += d[i] + d[i + 1] + d[i + 2]; return s / (d.length / 4); };
    const live = canvas.getContext('2d', { willReadFrequently: true }), raw = plain.getContext('2d');
    return { liveLeft: mean(live, 0), rawRight: mean(raw, canvas.width - 1), rawLeft: mean(raw, 0) };
}"""


def test_live_camera_mirrors_like_a_mirror_marks_si3_and_saves_a_spot(playwright, server, tmp_path):
    video = tmp_path / "hand.y4m"
    fake_camera(PHOTOS / "hands_0.jpg", video, frames=30)
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}"])
    try:
        page = browser.new_context(permissions=["camera"], viewport=PHONE).new_page()
        page.goto(f"{server}/locate")
        page.click("#live-start")
        page.locator("#live-fps", has_text="frames per second").wait_for(timeout=60_000)
        deadline = time.time() + 30
        while time.time() < deadline and page.evaluate("() => window.acupressLive.frames") < 20:
            time.sleep(0.2)
        live = page.evaluate("() => ({frames: window.acupressLive.frames, fps: window.acupressLive.fps, lastPoints: window.acupressLive.lastPoints})")
        mirror = page.evaluate(MIRRORED)
        page.click("#live-pause")
        canvas = page.locator("#live-canvas")
        box = canvas.bounding_box()
        (hand,) = live["lastPoints"]  # the live view follows one hand, the one the person holds up
        far_x = 0.02 if hand["x"] < 250 else 0.98  # the screen's other side from this (mirrored) hand
        canvas.click(position={"x": box["width"] * far_x, "y": box["height"] * 0.02})
        page.locator("#live-spots", has_text="far from every circle").wait_for()
        # Mirrored: the person's right hand (left in an ordinary photo) shows on the right of the screen.
        canvas.click(position={"x": box["width"] * (1 - hand["x"] / 500), "y": box["height"] * hand["y"] / 432})
        page.locator("#live-spots .spot", has_text=f"{hand['side']} hand").locator("text=Confirm this spot").click()
        page.locator("#live-spots", has_text="Saved").wait_for()
        screenshot(page, "locate-live-camera")
    finally:
        browser.close()
    assert live["frames"] >= 20 and live["fps"] > 0
    live_share = KB.points["SI3"].locator["live_zone_radius"]
    assert hand["zone_radius"] >= live_share * hand["hand_size"] - 0.5, "a frame read once gets the wider live circle"
    assert hand["side"] == ("right" if hand["x"] < 250 else "left"), "the person's own side, in unmirrored pixels"
    assert abs(mirror["liveLeft"] - mirror["rawRight"]) < abs(mirror["liveLeft"] - mirror["rawLeft"])
    assert [m["side"] for m in api(server, "/api/v1/marks")["marks"]] == [hand["side"]]
    print(f"\nlive camera in headless Chromium: {live['fps']:.1f} frames per second")


def test_no_camera_falls_back_to_upload(browser, server):
    context = browser.new_context()  # no camera permission, no fake device
    page = context.new_page()
    page.goto(f"{server}/locate")
    page.click("#live-start")
    page.locator("#live-status", has_text="Use the photo upload above instead").wait_for(timeout=20_000)
    context.close()


def test_chromium_exists():
    assert subprocess.run([CHROMIUM, "--version"], capture_output=True, check=False).returncode == 0
