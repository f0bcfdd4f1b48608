"""Fit SI3's two numbers (`along`, `outward`) to labelled hands, and measure them honestly.

The rule places SI3 at frame.place(along, outward) in each hand's own frame
(core.locate.hand_frame). Given labelled hands, the two numbers that bring
the rule closest to the raters are a small weighted least-squares problem;
re-weighting by each hand's error (IRLS) makes it minimise the mean distance,
which is what the evaluation reports, rather than the mean squared distance,
which one odd hand would dominate. Hands both raters marked weigh twice as
much as hands only one did.

Leave-one-photo-out: fit on every other photo, measure on the one left out,
for each photo in turn. That is the error to expect on a new photo.
"""

from __future__ import annotations

import statistics
from typing import TYPE_CHECKING, Any

from acupress.core.locate import Frame, Point2, distance

if TYPE_CHECKING:
    from acupress.vision.evaluate import Row

Sample = tuple[Frame, Point2, float, float]  # frame, target, size, weight
ROUNDS = 30


def fit(samples: list[Sample]) -> tuple[float, float]:
    along, outward = _least_squares(samples, [1.0] * len(samples))
    for _ in range(ROUNDS):
        errors = [distance(frame.place(along, outward), target) / size for frame, target, size, _ in samples]
        along, outward = _least_squares(samples, [1.0 / max(error, 0.02) for error in errors])
    return along, outward


def _least_squares(samples: list[Sample], extra: list[float]) -> tuple[float, float]:
    """Minimise sum of w * |frame.place(a, b) - target|^2 / size^2 over a, b (2x2 normal equations)."""
    m = [[0.0, 0.0], [0.0, 0.0]]
    v = [0.0, 0.0]
    for (frame, target, size, weight), more in zip(samples, extra, strict=True):
        w = weight * more / size**2
        columns = [(frame.size * frame.along[0], frame.size * frame.along[1]),
                   (frame.size * frame.outward[0], frame.size * frame.outward[1])]
        rest = (target[0] - frame.origin[0], target[1] - frame.origin[1])
        for i in range(2):
            v[i] += w * (columns[i][0] * rest[0] + columns[i][1] * rest[1])
            for j in range(2):
                m[i][j] += w * (columns[i][0] * columns[j][0] + columns[i][1] * columns[j][1])
    det = m[0][0] * m[1][1] - m[0][1] * m[1][0]
    if not det:
        return (0.0, 0.0)
    return ((v[0] * m[1][1] - v[1] * m[0][1]) / det, (m[0][0] * v[1] - m[1][0] * v[0]) / det)


def _samples(rows: list[Row]) -> list[Sample]:
    return [(row.frame, row.hand.si3, row.size, 1.0 if len(row.hand.marks) == 2 else 0.5)
            for row in rows if row.frame is not None]


def leave_one_photo_out(rows: list[Row]) -> dict[str, Any]:
    usable = [row for row in rows if row.frame is not None]
    held_out: list[tuple[Row, Point2]] = []
    for file in sorted({row.hand.file for row in usable}):
        along, outward = fit(_samples([row for row in usable if row.hand.file != file]))
        held_out += [(row, row.frame.place(along, outward)) for row in usable if row.hand.file == file and row.frame]
    both = [(row, point) for row, point in held_out if row.hand.raters_gap is not None]
    errors = sorted(distance(point, row.hand.si3) / row.size for row, point in both)
    along, outward = fit(_samples(usable))
    return {
        "hands": len(held_out), "hands_both_raters": len(both),
        "error_to_mean": _round(statistics.mean(errors)) if errors else None,
        "median_error_to_mean": _round(statistics.median(errors)) if errors else None,
        "p80": _round(errors[min(len(errors) - 1, round(0.8 * (len(errors) - 1)))]) if errors else None,
        "error_to_rater": [_round(statistics.mean(distance(p, r.hand.marks[i]) / r.size for r, p in both)) for i in (0, 1)]
        if both else None,
        "error_all_hands": _round(statistics.mean(distance(p, r.hand.si3) / r.size for r, p in held_out)) if held_out else None,
        "along": _round(along), "outward": _round(outward),
    }


def _round(value: float) -> float:
    return round(value, 3)
