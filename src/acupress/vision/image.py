"""Reading a photo safely: EXIF orientation applied, sizes bounded, clear refusals."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from acupress.errors import InvalidInput

MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 60_000_000  # refuse: nobody's phone takes a bigger photo
WORK_SIDE = 1600  # larger photos are scaled down for detection; results come back in original pixels
FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "TIFF", "MPO"}

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

    def original_rgb(self) -> np.ndarray[Any, Any]:
        if self.scale == 1.0:
            return self.rgb
        resized = Image.fromarray(self.rgb).resize((self.width, self.height))
        return np.asarray(resized)


def _decode(data: bytes, field: str) -> Image.Image:
    with Image.open(io.BytesIO(data)) as opened:
        kind = opened.format or "unknown"
        if kind not in FORMATS:
            raise InvalidInput(f"is a {kind} image; allowed: JPEG, PNG, WebP, BMP, TIFF", field=field)
        if opened.width * opened.height > MAX_PIXELS:
            raise InvalidInput(f"is {opened.width}x{opened.height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels", field=field)
        upright = ImageOps.exif_transpose(opened)
        upright.load()  # decode now: a truncated file fails here, not later
        return upright.convert("RGB")  # grayscale, palette and alpha become plain RGB


def read_photo(data: bytes, field: str = "photo") -> Photo:
    if not data:
        raise InvalidInput("is empty: send a JPEG or PNG photo", field=field)
    if len(data) > MAX_BYTES:
        raise InvalidInput(f"is {len(data) // 1_000_000} MB; the limit is {MAX_BYTES // 1_000_000} MB", field=field)
    try:
        with warnings.catch_warnings():
            # Pillow warns about big images as it opens them; we refuse them below, before decoding.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            rgb = _decode(data, field)
    except InvalidInput:
        raise
    except Image.DecompressionBombError:
        raise InvalidInput(f"is larger than {MAX_PIXELS // 1_000_000} megapixels", field=field) from None
    except UnidentifiedImageError:
        raise InvalidInput("is not an image acupress can read; send a JPEG or PNG photo", field=field) from None
    except (OSError, SyntaxError, ValueError) as error:
        raise InvalidInput(f"could not be read as an image ({error}); the file may be damaged or cut short", field=field) from None
    width, height = rgb.size
    if min(width, height) < 32:
        raise InvalidInput(f"is only {width}x{height} pixels; send a photo at least 200 pixels across", field=field)
    scale = min(1.0, WORK_SIDE / max(width, height))
    working = rgb if scale == 1.0 else rgb.resize((round(width * scale), round(height * scale)), Image.Resampling.LANCZOS)
    return Photo(np.asarray(working), width, height, scale)
