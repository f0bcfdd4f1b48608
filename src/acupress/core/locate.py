"""Point positions from landmarks: pure geometry shared by every locator.

Coefficients come from each point's `locator` in the knowledge base, so the
browser (which reads the same numbers) and Python place points the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from acupress.errors import InvalidInput

Point2 = tuple[float, float]


def _sub(a: Point2, b: Point2) -> Point2:
    return (a[0] - b[0], a[1] - b[1])


def _length(v: Point2) -> float:
    return math.hypot(v[0], v[1])


def _unit(v: Point2) -> Point2:
    size = _length(v)
    return (v[0] / size, v[1] / size) if size else (0.0, 0.0)


def distance(a: Point2, b: Point2) -> float:
    return _length(_sub(a, b))


def hand_size(landmarks: Sequence[Point2], locator: Mapping[str, float | int | str]) -> float:
    """Wrist to middle-finger knuckle, in pixels."""
    return distance(landmarks[int(locator["size_from"])], landmarks[int(locator["size_to"])])


def si3_from_hand(landmarks: Sequence[Point2], locator: Mapping[str, float | int | str]) -> Point2:
    """SI3: from the little-finger knuckle toward the wrist, then out to the hand's edge."""
    origin = landmarks[int(locator["origin"])]
    size = hand_size(landmarks, locator)
    along = _unit(_sub(landmarks[int(locator["toward"])], origin))
    across = _sub(origin, landmarks[int(locator["across_from"])])
    # Keep only the part of "index knuckle -> little knuckle" at right angles to the bone.
    dot = across[0] * along[0] + across[1] * along[1]
    outward = _unit((across[0] - dot * along[0], across[1] - dot * along[1]))
    a, b = float(locator["along"]) * size, float(locator["outward"]) * size
    return (origin[0] + a * along[0] + b * outward[0], origin[1] + a * along[1] + b * outward[1])


def ki3_assisted(ankle_bone: Point2, tendon: Point2, locator: Mapping[str, float | int | str]) -> Point2:
    """KI3 in the hollow between the inner ankle bone and the Achilles tendon."""
    share = float(locator["assisted_fraction"])
    return (ankle_bone[0] + share * (tendon[0] - ankle_bone[0]), ankle_bone[1] + share * (tendon[1] - ankle_bone[1]))


def ki3_from_pose(ankle: Point2, heel: Point2, toes: Point2, locator: Mapping[str, float | int | str]) -> Point2:
    """KI3 behind the ankle, toward the heel along the foot's long axis."""
    backward = _unit(_sub(heel, toes))
    step = float(locator["behind_ankle"]) * distance(ankle, heel)
    return (ankle[0] + step * backward[0], ankle[1] + step * backward[1])


def parse_mark(text: str | None, field: str) -> Point2 | None:
    """A mark typed or posted as "x,y" in pixels; None when absent."""
    if not text:
        return None
    try:
        x, y = (float(part) for part in text.replace(" ", "").split(","))
    except ValueError:
        raise InvalidInput(f"must be two pixel numbers like 312,540 (got {text!r})", field=field) from None
    return (x, y)
