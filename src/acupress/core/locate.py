"""Point positions from landmarks: pure geometry shared by every locator.

Coefficients come from each point's `locator` in the knowledge base, so the
browser (which reads the same numbers) and Python place points the same way.

Points live in a frame fixed to the body (see `Frame`): SI3 is "so far
toward the wrist, so far out to the little-finger edge", in hand sizes; KI3
(assisted) is "this share of the way from the ankle bone to the tendon". So
the rule's position and a person's own confirmed position can be placed on
any later photo or camera frame.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from acupress.errors import InvalidInput

Point2 = tuple[float, float]
Locator = Mapping[str, float | int | str]

# A mark closer than this share of the photo's diagonal to the other cannot be
# two different structures; farther than MAX, it is unlikely to be one ankle.
MARKS_MIN_SHARE = 0.02
MARKS_MAX_SHARE = 0.6


def _sub(a: Point2, b: Point2) -> Point2:
    return (a[0] - b[0], a[1] - b[1])


def _length(v: Point2) -> float:
    return math.hypot(v[0], v[1])


def _unit(v: Point2) -> Point2:
    size = _length(v)
    return (v[0] / size, v[1] / size) if size else (0.0, 0.0)


def _dot(a: Point2, b: Point2) -> float:
    return a[0] * b[0] + a[1] * b[1]


def distance(a: Point2, b: Point2) -> float:
    return _length(_sub(a, b))


class Frame(NamedTuple):
    """A frame on the body: an origin, two unit directions and a length unit (pixels)."""

    origin: Point2
    along: Point2  # SI3: toward the wrist, parallel to the hand's long axis
    outward: Point2  # SI3: at right angles to it, toward the little-finger edge
    size: float  # SI3: the hand's size, wrist to middle-finger knuckle

    def place(self, along: float, outward: float) -> Point2:
        """The point `along` and `outward` sizes away from the origin."""
        a, b = along * self.size, outward * self.size
        return (self.origin[0] + a * self.along[0] + b * self.outward[0],
                self.origin[1] + a * self.along[1] + b * self.outward[1])

    def measure(self, point: Point2) -> tuple[float, float]:
        """The inverse of `place`: where a point is, in sizes."""
        if not self.size:
            return (0.0, 0.0)
        offset = _sub(point, self.origin)
        return (_dot(offset, self.along) / self.size, _dot(offset, self.outward) / self.size)

    def to_dict(self) -> dict[str, object]:
        return {"origin": [round(c, 2) for c in self.origin], "along": [round(c, 5) for c in self.along],
                "outward": [round(c, 5) for c in self.outward], "size": round(self.size, 2)}


def hand_size(landmarks: Sequence[Point2], locator: Locator) -> float:
    """Wrist to middle-finger knuckle, in pixels."""
    return distance(landmarks[int(locator["size_from"])], landmarks[int(locator["size_to"])])


def hand_frame(landmarks: Sequence[Point2], locator: Locator) -> Frame:
    """SI3's frame: at the little-finger knuckle, along the hand's long axis (middle knuckle to wrist)."""
    origin = landmarks[int(locator["origin"])]
    along = _unit(_sub(landmarks[int(locator["axis_to"])], landmarks[int(locator["axis_from"])]))
    side = (-along[1], along[0])
    away = _sub(origin, landmarks[int(locator["across_from"])])  # index knuckle -> little knuckle
    outward = side if _dot(side, away) >= 0 else (-side[0], -side[1])
    return Frame(origin, along, outward, hand_size(landmarks, locator))


def si3_from_hand(landmarks: Sequence[Point2], locator: Locator) -> Point2:
    """SI3: from the little-finger knuckle toward the wrist, then out to the hand's edge."""
    return hand_frame(landmarks, locator).place(float(locator["along"]), float(locator["outward"]))


def zone_unit(landmarks: Sequence[Point2], locator: Locator) -> float:
    """The zone's length unit: the hand's length or its knuckles' width, whichever is larger
    (a hand seen end-on or foreshortened looks short, but not narrow)."""
    return max(hand_size(landmarks, locator), distance(landmarks[5], landmarks[17]))


def zone_radius(landmarks: Sequence[Point2], locator: Locator, reading: str = "ok") -> float:
    """The radius (pixels) of the zone to press within: the rule's measured error on hands read this well."""
    share = float(locator["zone_radius"] if reading == "ok" else locator["rough_zone_radius"])
    return max(share * zone_unit(landmarks, locator), float(locator["zone_min_px"]))


def hand_problem(landmarks: Sequence[Point2], locator: Locator) -> str | None:
    """Why a hand's landmarks cannot be trusted, or None.

    "too_small": too few pixels to read at all (both wrist to knuckle and the
    knuckles' width are short). "end_on": wrist to knuckle is
    short next to the knuckles' width, so the hand is seen end-on or edge-on
    and the point may be off.
    """
    size = hand_size(landmarks, locator)
    knuckles = distance(landmarks[5], landmarks[17])
    if max(size, knuckles) < float(locator["min_size_px"]):
        return "too_small"
    if size < float(locator["min_length_to_width"]) * knuckles:
        return "end_on"
    return None


def hand_reading(landmarks: Sequence[Point2], locator: Locator, spot: Point2, width: float, height: float) -> str:
    """How well a hand is read: a `hand_problem`, "at_edge" when SI3 is within `min_border` hand sizes
    of the picture's border (the hand's edge or wrist is likely cut off, and the model guesses the
    rest), else "ok"."""
    problem = hand_problem(landmarks, locator)
    if problem is not None:
        return problem
    border = min(spot[0], spot[1], width - spot[0], height - spot[1])
    return "at_edge" if border < float(locator["min_border"]) * hand_size(landmarks, locator) else "ok"


def ankle_frame(ankle_bone: Point2, tendon: Point2) -> Frame:
    """KI3's frame for marks a person made: from the inner ankle bone toward the Achilles tendon."""
    along = _unit(_sub(tendon, ankle_bone))
    return Frame(ankle_bone, along, (-along[1], along[0]), distance(ankle_bone, tendon))


def ki3_assisted(ankle_bone: Point2, tendon: Point2, locator: Locator) -> Point2:
    """KI3 in the hollow between the inner ankle bone and the Achilles tendon."""
    return ankle_frame(ankle_bone, tendon).place(float(locator["assisted_fraction"]), 0.0)


def assisted_zone_radius(frame: Frame, locator: Locator) -> float:
    """The zone around assisted KI3: the hollow's width, as a share of the bone-tendon distance."""
    return max(float(locator["assisted_zone"]) * frame.size, 4.0)


def ankle_marks_problem(ankle_bone: Point2, tendon: Point2, width: int, height: int) -> str | None:
    """What is wrong with two ankle marks, as far as geometry can tell ("too_close", "too_far"), or None."""
    share = distance(ankle_bone, tendon) / math.hypot(width, height)
    if share < MARKS_MIN_SHARE:
        return "too_close"
    if share > MARKS_MAX_SHARE:
        return "too_far"
    return None


def ki3_from_pose(ankle: Point2, heel: Point2, toes: Point2, locator: Locator) -> Point2:
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
    if not (math.isfinite(x) and math.isfinite(y)):
        raise InvalidInput(f"must be two finite pixel numbers like 312,540 (got {text!r})", field=field)
    return (x, y)
