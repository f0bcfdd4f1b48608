"""Reading a photo safely: EXIF orientation applied, sizes bounded, decoded no larger than needed, clear refusals."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image, UnidentifiedImageError

from acupress.errors import InvalidInput

MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 60_000_000  # JPEG: decoded at a fraction of its size (draft), so big phone photos are cheap
MAX_PIXELS_FULL_DECODE = 24_000_000  # PNG, WebP, BMP, TIFF must be decoded whole: 24 MP is 72 MB as RGB
WORK_SIDE = 1600  # larger photos are scaled down for detection; results come back in original pixels
FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "TIFF", "MPO"}
SCALED_DECODE = {"JPEG", "MPO"}  # formats Pillow can decode at 1/2, 1/4 or 1/8 of their size
# EXIF orientation -> the transposition that shows the photo upright (as ImageOps.exif_transpose does).
UPRIGHT = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
           5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
           8: Image.Transpose.ROTATE_90}

Image.MAX_IMAGE_PIXELS = MAX_PIXELS


@dataclass(frozen=True)
class Photo:
    rgb: np.ndarray[Any, Any]  # working copy, RGB uint8, at most WORK_SIDE on its long side
    width: int  # as the user sees it (EXIF orientation applied), before scaling
    height: int
    scale: float  # working pixels per original pixel

    def to_original(self, x: float, y: float) -> tuple[float, float]:
        return (x / self.scale, y / self.scale)

    def colour_at(self, x: float, y: float) -> tuple[float, float, float] | None:
        """The colour at a point given in original pixels (bilinear between pixel centres); None off the photo.

        The same sampling as `colourAt` in static/hand-geometry.mjs, so both find the same edges.
        """
        if not (0 <= x < self.width and 0 <= y < self.height):
            return None
        rows, columns = self.rgb.shape[:2]
        u = min(max(x * self.scale - 0.5, 0.0), columns - 1.0)
        v = min(max(y * self.scale - 0.5, 0.0), rows - 1.0)
        u0, v0 = min(int(u), columns - 2) if columns > 1 else 0, min(int(v), rows - 2) if rows > 1 else 0
        fu, fv = u - u0, v - v0
        block = self.rgb[v0:v0 + 2, u0:u0 + 2].astype(float)
        top = block[0, 0] * (1 - fu) + block[0, -1] * fu
        bottom = block[-1, 0] * (1 - fu) + block[-1, -1] * fu
        r, g, b = top * (1 - fv) + bottom * fv
        return (float(r), float(g), float(b))



def _decode(data: bytes, field: str) -> tuple[Image.Image, int, int]:
    """The photo upright as RGB, decoded no larger than the work needs; and its size as the person sees it.

    Memory stays near the working size: JPEGs are decoded at reduced scale, other
    formats are reduced before colour conversion and rotation make copies.
    """
    with Image.open(io.BytesIO(data)) as opened:
        kind = opened.format or "unknown"
        if kind not in FORMATS:
            raise InvalidInput(f"is a {kind} image; allowed: JPEG, PNG, WebP, BMP, TIFF", field=field)
        _check_pixels(kind, opened.width, opened.height, field)
        orientation = opened.getexif().get(0x0112, 1)
        width, height = opened.size
        long_side = WORK_SIDE * max(width, height) // max(width, height, WORK_SIDE)
        if kind in SCALED_DECODE:
            opened.draft("RGB", (width * long_side // max(width, height), height * long_side // max(width, height)))
        opened.load()  # decode now: a truncated file fails here, not later
        factor = max(1, max(opened.size) // max(long_side, 1))
        image = opened.reduce(factor) if factor > 1 else opened.copy()
    image = _eight_bit(image).convert("RGB")  # grayscale, palette and alpha become plain RGB
    if orientation in UPRIGHT:
        image = image.transpose(UPRIGHT[orientation])
        if orientation >= 5:
            width, height = height, width
    return image, width, height


def _eight_bit(image: Image.Image) -> Image.Image:
    """16- and 32-bit greyscale (PNG, TIFF) scaled to 0-255: Pillow's own conversion clips them, and a
    16-bit photo would arrive as a white page."""
    if image.mode.startswith("I;16"):
        return Image.fromarray((np.asarray(image) >> 8).astype(np.uint8))
    if image.mode not in ("I", "F"):
        return image
    values = np.asarray(image, dtype=np.float32)
    top = float(values.max()) if values.size else 0.0
    if top > 255:
        scale = 255 / (65535 if top <= 65535 else top)
    else:
        scale = 255.0 if image.mode == "F" and top <= 1.0 else 1.0
    return Image.fromarray(np.clip(values * scale, 0, 255).astype(np.uint8))


def _check_pixels(kind: str, width: int, height: int, field: str) -> None:
    limit = MAX_PIXELS if kind in SCALED_DECODE else MAX_PIXELS_FULL_DECODE
    if width * height > limit:
        others = "" if kind in SCALED_DECODE else f" (JPEG photos up to {MAX_PIXELS // 1_000_000})"
        raise InvalidInput(f"is {width}x{height} pixels; the limit for {kind} is {limit // 1_000_000} megapixels{others}: "
                           "send a smaller photo", field=field)


def read_photo(data: bytes, field: str = "photo") -> Photo:
    if not data:
        raise InvalidInput("is empty: send a JPEG or PNG photo", field=field)
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"is {len(data) / 1_000_000:.1f} MB; the limit is {MAX_BYTES / 1_000_000:.1f} MB", field=field)
    try:
        with warnings.catch_warnings():
            # Pillow warns about big images as it opens them; we refuse them below, before decoding.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            rgb, width, height = _decode(data, field)
    except InvalidInput:
        raise
    except Image.DecompressionBombError:
        raise InvalidInput(f"is larger than {MAX_PIXELS // 1_000_000} megapixels", field=field) from None
    except UnidentifiedImageError:
        raise InvalidInput("is not an image acupress can read; send a JPEG or PNG photo", field=field) from None
    except (OSError, SyntaxError, ValueError):
        raise InvalidInput("could not be read as an image: the file may be damaged or cut short", field=field) from None
    if min(width, height) < 32:
        raise InvalidInput(f"is only {width}x{height} pixels; send a photo at least 32 pixels on each side "
                           "(a hand shows best when it is a few hundred pixels across)", field=field)
    scale = min(1.0, WORK_SIDE / max(width, height))
    size = (round(width * scale), round(height * scale))
    working = rgb if rgb.size == size else rgb.resize(size, Image.Resampling.LANCZOS)
    return Photo(np.asarray(working), width, height, scale)
