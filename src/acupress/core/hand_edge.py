"""The little-finger edge of a hand on a picture: where the skin gives way to what is behind it.

SI3 lies on the hand's ulnar border, and people who mark it click on the
hand's outline. Landmarks alone can only put it where an average hand's edge
would be; the picture shows where this hand's edge is. So, level with SI3, a
line of samples runs from inside the hand outward across its edge, and the
edge is where the colour stops looking like this person's palm:

1. the palm's colour: the mean and spread of the colours inside the triangle
   wrist - index knuckle - little-finger knuckle (shrunk toward its centre,
   away from the outline);
2. each sample's colour distance from it (Mahalanobis: in units of the palm's
   own variation, so a patchy palm needs a bigger change);
3. the edge: the one split of that profile into a near part and a far part
   that fits it best (least squares), if the far part is at least
   `edge_contrast` further from the palm's colour than the near part and the
   split lies between `edge_min` and `edge_max` hand sizes out.

The browser does the same on the camera picture (static/hand-geometry.mjs),
with the same numbers from the knowledge base and the same sampling.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from acupress.core.locate import Frame, Locator, Point2, hand_frame

Colour = tuple[float, float, float]
ColourAt = Callable[[float, float], Colour | None]  # the picture's colour at a point; None outside it
Matrix3 = tuple[Colour, Colour, Colour]

PALM_CORNERS = (0, 5, 17)  # wrist, index knuckle, little-finger knuckle
PALM_GRID = 12  # a triangular grid of 13 rows: 91 samples of the palm
PALM_SHRINK = 0.6  # the triangle shrunk toward its centre, so no sample falls on the outline
COLOUR_FLOOR = 25.0  # added to the palm's colour variance (RGB units squared): even a flat palm has noise
MIN_SAMPLES = 8


class PalmColour(NamedTuple):
    mean: Colour
    inverse: Matrix3  # the inverse of the colours' covariance (with the floor added)

    def distance(self, colour: Colour) -> float:
        """How unlike the palm a colour is, in units of the palm's own variation."""
        d = [colour[i] - self.mean[i] for i in range(3)]
        total = sum(d[i] * self.inverse[i][j] * d[j] for i in range(3) for j in range(3))
        return float(max(total, 0.0) ** 0.5)


def palm_colour(points: Sequence[Point2], colour_at: ColourAt) -> PalmColour | None:
    """The palm's colour, from samples inside the wrist-index-little knuckle triangle; None off the picture."""
    corners = [points[i] for i in PALM_CORNERS]
    cx, cy = sum(p[0] for p in corners) / 3, sum(p[1] for p in corners) / 3
    a, b, c = ((cx + PALM_SHRINK * (p[0] - cx), cy + PALM_SHRINK * (p[1] - cy)) for p in corners)
    colours = []
    for i in range(PALM_GRID + 1):
        for j in range(PALM_GRID + 1 - i):
            k = PALM_GRID - i - j
            colour = colour_at((a[0] * i + b[0] * j + c[0] * k) / PALM_GRID, (a[1] * i + b[1] * j + c[1] * k) / PALM_GRID)
            if colour is not None:
                colours.append(colour)
    if len(colours) < MIN_SAMPLES:
        return None
    n = len(colours)
    mean = (sum(q[0] for q in colours) / n, sum(q[1] for q in colours) / n, sum(q[2] for q in colours) / n)
    cov = [[sum((q[i] - mean[i]) * (q[j] - mean[j]) for q in colours) / n + (COLOUR_FLOOR if i == j else 0.0)
            for j in range(3)] for i in range(3)]
    return PalmColour(mean, _inverse(cov))


def _inverse(m: list[list[float]]) -> Matrix3:
    """Inverse of a 3x3 matrix (here always positive definite, thanks to the floor)."""
    cof = [[m[(i + 1) % 3][(j + 1) % 3] * m[(i + 2) % 3][(j + 2) % 3] - m[(i + 1) % 3][(j + 2) % 3] * m[(i + 2) % 3][(j + 1) % 3]
            for j in range(3)] for i in range(3)]
    det = sum(m[0][j] * cof[0][j] for j in range(3))
    def row(i: int) -> Colour:  # the inverse is the cofactors transposed, over the determinant
        return (cof[0][i] / det, cof[1][i] / det, cof[2][i] / det)

    return (row(0), row(1), row(2))


def edge_profile(start: Point2, direction: Point2, length: float, palm: PalmColour, colour_at: ColourAt,
                 count: int) -> list[tuple[float, float]]:
    """(position 0..1 along the line, distance from the palm's colour) for samples inside the picture."""
    profile = []
    for n in range(count):
        t = n / (count - 1)
        colour = colour_at(start[0] + t * length * direction[0], start[1] + t * length * direction[1])
        if colour is not None:
            profile.append((t, palm.distance(colour)))
    return profile


def best_step(profile: Sequence[tuple[float, float]], contrast: float) -> float | None:
    """Where a near-then-far profile is best split in two flat parts (least squares), the far part
    at least `contrast` higher; None when no split is that clear."""
    n = len(profile)
    if n < MIN_SAMPLES:
        return None
    values = [v for _, v in profile]
    total, total_sq = sum(values), sum(v * v for v in values)
    near = near_sq = 0.0
    best: tuple[float, int] | None = None
    for k in range(1, n):  # the near part is values[:k]
        near += values[k - 1]
        near_sq += values[k - 1] ** 2
        if k < 2 or k > n - 2:
            continue
        near_mean, far_mean = near / k, (total - near) / (n - k)
        if far_mean - near_mean < contrast:
            continue
        misfit = near_sq - k * near_mean**2 + (total_sq - near_sq) - (n - k) * far_mean**2
        if best is None or misfit < best[0]:
            best = (misfit, k)
    if best is None:
        return None
    k = best[1]
    return (profile[k - 1][0] + profile[k][0]) / 2


def edge_outward(frame: Frame, at: float, palm: PalmColour, colour_at: ColourAt, locator: Locator) -> float | None:
    """How far out (hand sizes) the hand's edge is, `at` hand sizes along from the frame's origin; None if unclear."""
    low, high = float(locator["edge_from"]), float(locator["edge_to"])
    start = frame.place(at, low)
    profile = edge_profile(start, frame.outward, (high - low) * frame.size, palm, colour_at, int(locator["edge_samples"]))
    step = best_step(profile, float(locator["edge_contrast"]))
    if step is None:
        return None
    found = low + step * (high - low)
    return found if float(locator["edge_min"]) <= found <= float(locator["edge_max"]) else None


class Spot(NamedTuple):
    point: Point2
    frame: Frame
    edge: float | None  # where the edge was seen (hand sizes out), or None: placed from landmarks alone


def si3_spot(points: Sequence[Point2], locator: Locator, colour_at: ColourAt | None) -> Spot:
    """SI3: `along` toward the wrist, then out to the hand's edge seen on the picture and `inset` back in;
    where no edge is clear (or there is no picture), `outward` from the landmarks alone."""
    frame = hand_frame(points, locator)
    along = float(locator["along"])
    palm = palm_colour(points, colour_at) if colour_at is not None and frame.size else None
    edge = edge_outward(frame, along, palm, colour_at, locator) if palm is not None and colour_at is not None else None
    outward = float(locator["outward"]) if edge is None else edge - float(locator["inset"])
    return Spot(frame.place(along, outward), frame, edge)
