"""The photo with its points drawn: a zone to press within, the mark, and a label."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from acupress.errors import InvalidInput
from acupress.vision.image import Photo
from acupress.vision.locate import Found, Located

RED = (32, 0, 176)  # BGR
WHITE = (255, 255, 255)


def annotate(photo: Photo, located: Located) -> bytes:
    """A PNG of the photo with each point's zone ringed, its centre marked and its side written.

    Drawn on the working copy (at most 1600 pixels across): scaling it back up to a 60-megapixel original would
    add no detail and cost hundreds of MB per request.
    """
    import cv2
    import numpy as np

    canvas = cv2.cvtColor(np.ascontiguousarray(photo.rgb), cv2.COLOR_RGB2BGR)
    height, width = canvas.shape[:2]
    line = max(2, round(min(width, height) / 300))
    shown = [_scaled(found, photo.scale) for found in located.points]
    for found in shown:
        _zone(canvas, found, line)
    for found in shown:
        _label(canvas, found, width, height, line)
    ok, encoded = cv2.imencode(".png", canvas)
    if not ok:
        raise InvalidInput("could not draw the annotated image", field="out")
    return bytes(encoded)


def _scaled(found: Found, scale: float) -> Found:
    """The point in the working copy's pixels (results are given in the original's)."""
    extra = dict(found.extra)
    if "zone_radius" in extra:
        extra["zone_radius"] = float(extra["zone_radius"]) * scale
    return replace(found, x=found.x * scale, y=found.y * scale, extra=extra)


def _zone(canvas: Any, found: Found, line: int) -> None:
    import cv2

    centre = (round(found.x), round(found.y))
    radius = max(4, round(float(found.extra.get("zone_radius", 8))))
    overlay = canvas.copy()
    cv2.circle(overlay, centre, radius, RED, -1, cv2.LINE_AA)
    cv2.addWeighted(overlay, 0.18, canvas, 0.82, 0, dst=canvas)
    cv2.circle(canvas, centre, radius + line, WHITE, line, cv2.LINE_AA)
    cv2.circle(canvas, centre, radius, RED, line, cv2.LINE_AA)
    cv2.circle(canvas, centre, line + 1, RED, -1, cv2.LINE_AA)


def _label(canvas: Any, found: Found, width: int, height: int, line: int) -> None:
    import cv2

    radius = max(4, round(float(found.extra.get("zone_radius", 8))))
    side = "side unsure" if found.side == "unsure" else (found.side or "")
    text = f"{found.id} {side}".strip()
    scale = max(0.45, min(width, height) / 900)
    (w, h), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_SIMPLEX, scale, line)
    x = min(round(found.x) + radius + 6, width - w - 4)
    y = max(round(found.y) - radius - 6, h + 4)
    cv2.rectangle(canvas, (x - 3, y - h - 4), (x + w + 3, y + 5), WHITE, -1)
    cv2.putText(canvas, text, (x, y), cv2.FONT_HERSHEY_SIMPLEX, scale, RED, line, cv2.LINE_AA)
