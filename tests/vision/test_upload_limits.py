"""Huge photos cost little memory, and the locator takes a few photos at a time, then says 503."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from tests.vision.conftest import PHOTOS
from tests.vision.test_locate_interfaces import upload

BUDGET_MB = 150  # the most reading one allowed photo may add to a process, at its peak
PEAK = """
import sys
def megabytes(key):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) // 1024
from acupress.vision.image import read_photo
data = open(sys.argv[1], 'rb').read()
before = megabytes('VmRSS')
photo = read_photo(data)
print(megabytes('VmHWM') - before, photo.width, photo.height, max(photo.rgb.shape))
"""


def encode(image: Image.Image, kind: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


MARKED = """
import sys
def megabytes(key):
    for line in open('/proc/self/status'):
        if line.startswith(key):
            return int(line.split()[1]) // 1024
from acupress.vision.drawing import annotate
from acupress.vision.image import read_photo
from acupress.vision.locate import Found, Located
photo = read_photo(open(sys.argv[1], 'rb').read())
before = megabytes('VmRSS')
spot = Found("SI3", photo.width / 2, photo.height / 2, "left", 0.9, "landmarks", {"zone_radius": 200.0})
png = annotate(photo, Located(photo.width, photo.height, [spot], []))
print(megabytes('VmHWM') - before, len(png))
"""


@pytest.mark.parametrize(("size", "kind"), [((7740, 7740), "JPEG"), ((4800, 4800), "PNG")], ids=["60 MP JPEG", "23 MP PNG"])
def test_reading_the_largest_allowed_photo_stays_within_budget(tmp_path, size, kind):
    path = tmp_path / f"big.{kind.lower()}"
    path.write_bytes(encode(Image.new("RGB", size, "white"), kind))
    done = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True, text=True, check=True)
    added, width, height, working = (int(part) for part in done.stdout.split())
    assert (width, height) == size and working == 1600
    assert added < BUDGET_MB, f"reading a {size[0]}x{size[1]} {kind} added {added} MB"


def test_the_marked_photo_of_the_largest_jpeg_stays_within_budget(tmp_path):
    """output=png drew on a full-size copy: +579 MB for one 60 MP photo. It is drawn at the working size now."""
    path = tmp_path / "big.jpeg"
    path.write_bytes(encode(Image.new("RGB", (7740, 7740), "white"), "JPEG"))
    done = subprocess.run([sys.executable, "-c", MARKED, str(path)], capture_output=True, text=True, check=True)
    added, size = (int(part) for part in done.stdout.split())
    assert added < BUDGET_MB, f"drawing the marked photo added {added} MB"
    assert size > 1000


def test_a_huge_png_is_refused_before_decoding():
    from acupress.errors import InvalidInput
    from acupress.vision.image import read_photo

    tiny_file = encode(Image.new("1", (7740, 7740)), "PNG")  # 227 KB on disk, 60 MP once decoded
    with pytest.raises(InvalidInput, match="limit for PNG is 24 megapixels") as refused:
        read_photo(tiny_file)
    assert refused.value.field == "photo"


def test_locator_busy_answers_503_with_retry_after(client):
    from acupress.web.routes.locate import LocatorSlots

    slots = LocatorSlots(running=1, waiting=0)
    slots.inside = 1  # another photo is being worked on
    client.app.state.locator_slots = slots
    response = upload(client, PHOTOS / "hands_0.jpg", point="SI3")
    assert response.status_code == 503 and response.headers["retry-after"] == "5"
    assert response.json()["field"] == "photo"
    slots.inside = 0
    assert upload(client, PHOTOS / "hands_0.jpg", point="SI3").status_code == 200
