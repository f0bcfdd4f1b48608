"""Bad photos get a clear message, never a traceback."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from acupress.errors import InvalidInput
from acupress.vision.image import WORK_SIDE, read_photo


def encode(image: Image.Image, kind: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(("data", "words"), [
    (b"", "is empty"),
    (b"hello, this is text", "not an image"),
    (b"%PDF-1.4 fake", "not an image"),
])
def test_not_an_image(data, words):
    with pytest.raises(InvalidInput, match=words) as caught:
        read_photo(data)
    assert caught.value.field == "photo"


def test_truncated_jpeg(photo_bytes):
    data = photo_bytes("hands_0.jpg")
    with pytest.raises(InvalidInput, match="damaged or cut short"):
        read_photo(data[: len(data) // 2])


def test_unsupported_format():
    with pytest.raises(InvalidInput, match="GIF image; allowed"):
        read_photo(encode(Image.new("RGB", (300, 300)), "GIF"))


def test_absurd_size_is_refused():
    huge = encode(Image.new("1", (9000, 9000)))
    with pytest.raises(InvalidInput, match="megapixels"):
        read_photo(huge)


def test_tiny_image_is_refused():
    with pytest.raises(InvalidInput, match="only 20x20"):
        read_photo(encode(Image.new("RGB", (20, 20))))


def test_large_photo_is_scaled_down_for_work_but_reported_in_original_pixels():
    photo = read_photo(encode(Image.new("RGB", (4000, 3000), "white"), "JPEG"))
    assert (photo.width, photo.height) == (4000, 3000)
    assert max(photo.rgb.shape[:2]) == WORK_SIDE
    assert photo.to_original(800, 600) == (2000, 1500)


@pytest.mark.parametrize("mode", ["L", "LA", "RGBA", "P", "I;16"])
def test_grayscale_alpha_and_palette_become_rgb(mode):
    photo = read_photo(encode(Image.new(mode, (120, 80))))
    assert photo.rgb.shape == (80, 120, 3)


@pytest.mark.parametrize("mode", ["I;16", "I", "F"])
def test_deep_greyscale_keeps_its_picture(photo_bytes, mode):
    """A 16-bit greyscale PNG is not a white page: the hands on it are still found."""
    from acupress.knowledge import load_knowledge
    from acupress.vision.locate import locate

    grey = Image.open(io.BytesIO(photo_bytes("hands_0.jpg"))).convert("L")
    deep = grey.point(lambda v: v * 257, "I") if mode != "F" else grey.convert("F")
    data = encode(deep.convert("I;16"), "PNG") if mode == "I;16" else encode(deep, "TIFF")
    photo = read_photo(data)
    assert abs(float(photo.rgb.mean()) - float(np.asarray(grey).mean())) < 3, "the same picture, not a white page"
    if mode == "I;16":
        located, _ = locate(data, load_knowledge(), point="SI3")
        assert len(located.points) == 2


def test_exif_orientation_is_applied():
    image = Image.new("RGB", (300, 200), "white")
    exif = image.getexif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    photo = read_photo(encode(image, "JPEG", exif=exif))
    assert (photo.width, photo.height) == (200, 300)
