"""Which hand is it, the person's left or right? Three cues, and "unsure" when they disagree.

1. The model's own label (MediaPipe's handedness), which is often wrong on
   the back of a hand or a hand seen from the side.
2. The hand's shape, which needs no label: looking at the palm of a right
   hand, wrist -> index knuckle -> little-finger knuckle turns one way; on
   the back of it, or the palm of a left hand, the other way. Whether we see
   the palm or the back comes from depth: fingertips and thumb sit in front
   of the palm (they bend toward it), so when they are nearer the camera
   than the palm's plane, the palm faces the camera.
3. The body, when a photo shows the person (the pose model knows their left
   wrist from their right).

The browser applies the same rule with the same numbers (`SIDE_RULE`, sent
to the page), on the same landmark indexes.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import NamedTuple

Point3 = tuple[float, float, float]

SIDE_RULE = {
    "min_turn": 0.15,  # |turn| below this (in hand sizes squared): seen edge-on, turn unknown
    "min_depth": 0.05,  # |depth| below this (in hand sizes): flat hand, facing unknown
    "max_cue": 3.0,  # either cue beyond this: the landmarks are broken, ignore the shape
    "min_score": 0.8,  # the model's label counts only with at least this score
}
PALM_PLANE = (0, 5, 9, 13, 17)  # wrist and the four knuckles
IN_FRONT_OF_PALM = (3, 4, 8, 12, 16, 20)  # thumb and fingertips


class SideReading(NamedTuple):
    side: str  # "left", "right" or "unsure"
    basis: str  # the cues that agree with it, e.g. "body+shape" or "model", or "cues disagree"


def turn(landmarks: Sequence[Point3]) -> float:
    """Signed area of wrist -> index knuckle -> little knuckle, in hand sizes squared (image y down)."""
    (x0, y0, _), (x5, y5, _), (x9, y9, _), (x17, y17, _) = (landmarks[i] for i in (0, 5, 9, 17))
    size_sq = (x9 - x0) ** 2 + (y9 - y0) ** 2
    if not size_sq:
        return 0.0
    return ((x5 - x0) * (y17 - y0) - (y5 - y0) * (x17 - x0)) / size_sq


def depth_in_front(landmarks: Sequence[Point3]) -> float | None:
    """How far thumb and fingertips sit from the palm's plane along the camera axis, in hand sizes.

    Negative: nearer the camera than the palm (so the palm faces the camera).
    None when the palm's plane cannot be fitted (all knuckles on a line).
    """
    plane = _plane([landmarks[i] for i in PALM_PLANE])
    (x0, y0, _), (x9, y9, _) = landmarks[0], landmarks[9]
    size = math.hypot(x9 - x0, y9 - y0)
    if plane is None or not size:
        return None
    a, b, c = plane
    return statistics.median((z - (a * x + b * y + c)) / size for x, y, z in (landmarks[i] for i in IN_FRONT_OF_PALM))


def side_from_shape(landmarks: Sequence[Point3], rule: dict[str, float] = SIDE_RULE) -> str | None:
    """The side the hand's shape says, or None when the shape cannot tell."""
    spin, depth = turn(landmarks), depth_in_front(landmarks)
    if depth is None or not rule["min_turn"] <= abs(spin) <= rule["max_cue"] or not rule["min_depth"] <= abs(depth) <= rule["max_cue"]:
        return None
    palm_facing = depth < 0
    return "right" if (spin < 0) == palm_facing else "left"


def read_side(landmarks: Sequence[Point3], model_side: str | None, model_score: float,
              body_side: str | None = None, rule: dict[str, float] = SIDE_RULE) -> SideReading:
    """The person's own side for one hand; "unsure" rather than a guess when the cues disagree.

    The body, when known, is the independent cue: it wins unless the model's
    label and the shape both say otherwise. Without it, the label and the
    shape must not contradict each other.
    """
    cues = {"body": body_side, "model": model_side if model_score >= rule["min_score"] else None,
            "shape": side_from_shape(landmarks, rule)}
    side = "unsure"
    if body_side is not None:
        against = [name for name in ("model", "shape") if cues[name] not in (None, body_side)]
        side = "unsure" if len(against) == 2 else body_side
    else:
        known = {cue for cue in (cues["model"], cues["shape"]) if cue is not None}
        if len(known) == 1:
            side = known.pop()
    agreeing = [name for name, cue in cues.items() if cue == side]
    return SideReading(side, "+".join(agreeing) if agreeing else "cues disagree")


def _plane(points: list[Point3]) -> tuple[float, float, float] | None:
    """Least-squares z = a*x + b*y + c through the points; None when they lie on a line."""
    n = len(points)
    mx, my, mz = (sum(p[k] for p in points) / n for k in range(3))
    sxx = sum((p[0] - mx) ** 2 for p in points)
    syy = sum((p[1] - my) ** 2 for p in points)
    sxy = sum((p[0] - mx) * (p[1] - my) for p in points)
    sxz = sum((p[0] - mx) * (p[2] - mz) for p in points)
    syz = sum((p[1] - my) * (p[2] - mz) for p in points)
    det = sxx * syy - sxy * sxy
    if det <= 1e-6 * (sxx + syy) ** 2:
        return None
    a = (sxz * syy - syz * sxy) / det
    b = (syz * sxx - sxz * sxy) / det
    return (a, b, mz - a * mx - b * my)
