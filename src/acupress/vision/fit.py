"""Fit SI3's three numbers (`along`, `inset`, `outward`) to labelled hands, and measure them honestly.

The rule places SI3 `along` hand sizes toward the wrist from the little-finger
knuckle, then `inset` in from the hand's edge seen on the picture there, or
`outward` from the knuckle where no edge is clear (core.hand_edge.si3_spot).
Each labelled hand carries the edge seen at every `along` of a grid, so the
fit is a search over that grid (and over a grid of `inset`, one number at a
time, three rounds) for the smallest weighted mean distance to the raters'
SI3, in hand sizes; `outward` is fitted the same way with landmarks alone. Hands both raters marked weigh twice as much
as hands only one did.

Leave-one-photo-out: fit on every other photo, measure on the one left out,
for each photo in turn. That is the error to expect on a new photo.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from acupress.core.hand_edge import ColourAt, edge_outward, palm_colour
from acupress.core.locate import Frame, Locator, Point2, distance

if TYPE_CHECKING:
    from acupress.vision.evaluate import Row

ALONG_GRID = tuple(round(-0.1 + 0.01 * i, 2) for i in range(51))  # -0.10 .. 0.40
INSET_GRID = tuple(round(-0.05 + 0.0025 * i, 4) for i in range(61))  # -0.05 .. 0.10
OUTWARD_GRID = tuple(round(0.005 * i, 3) for i in range(61))  # 0 .. 0.30
ROUNDS = 3


@dataclass(frozen=True)
class Rule:
    along: float
    inset: float
    outward: float

    def place(self, frame: Frame, edges: Mapping[float, float | None]) -> Point2:
        edge = edges.get(round(self.along, 2))
        return frame.place(self.along, self.outward if edge is None else edge - self.inset)


@dataclass(frozen=True)
class Sample:
    frame: Frame
    edges: Mapping[float, float | None]  # along -> the edge seen there, hand sizes out (None: none clear)
    target: Point2
    size: float
    weight: float


def edge_table(points: Sequence[Point2], frame: Frame, colour_at: ColourAt, locator: Locator) -> dict[float, float | None]:
    """The edge seen at each `along` of the grid, for refitting (all None when the palm is off the picture)."""
    palm = palm_colour(points, colour_at)
    if palm is None:
        return dict.fromkeys(ALONG_GRID)
    return {at: edge_outward(frame, at, palm, colour_at, locator) for at in ALONG_GRID}


def mean_error(samples: Sequence[Sample], rule: Rule) -> float:
    total = sum(s.weight * distance(rule.place(s.frame, s.edges), s.target) / s.size for s in samples)
    return total / sum(s.weight for s in samples)


def fit(samples: Sequence[Sample], edges: bool = True) -> Rule:
    """The rule closest to the raters on these samples; with edges=False, from landmarks alone.

    `outward` is always the landmarks-alone fit on every sample: with the edge it only serves the
    few hands with no clear edge, too few to fit it on."""
    plain = [Sample(s.frame, {}, s.target, s.size, s.weight) for s in samples]
    rule = Rule(0.15, 0.0, 0.09)
    for _ in range(ROUNDS):
        rule = _best(plain, (Rule(a, rule.inset, rule.outward) for a in ALONG_GRID))
        rule = _best(plain, (Rule(rule.along, rule.inset, o) for o in OUTWARD_GRID))
    if not edges:
        return rule
    for _ in range(ROUNDS):
        rule = _best(samples, (Rule(a, rule.inset, rule.outward) for a in ALONG_GRID))
        rule = _best(samples, (Rule(rule.along, i, rule.outward) for i in INSET_GRID))
    return rule


def _best(samples: Sequence[Sample], rules: Iterable[Rule]) -> Rule:
    return min(rules, key=lambda rule: mean_error(samples, rule))


def _samples(rows: Iterable[Row]) -> list[Sample]:
    return [Sample(row.frame, row.edges, row.hand.si3, row.size, 1.0 if len(row.hand.marks) == 2 else 0.5)
            for row in rows if row.frame is not None]


def leave_one_photo_out(rows: list[Row], edges: bool = True) -> dict[str, Any]:
    """The rule's error on each photo when fitted on the others, and the rule fitted on all."""
    usable = [row for row in rows if row.frame is not None]
    held_out: list[tuple[Row, Point2]] = []
    for file in sorted({row.hand.file for row in usable}):
        rule = fit(_samples(row for row in usable if row.hand.file != file), edges=edges)
        held_out += [(row, rule.place(row.frame, row.edges if edges else {}))
                     for row in usable if row.hand.file == file and row.frame is not None]
    both = [(row, point) for row, point in held_out if row.hand.raters_gap is not None]
    rule = fit(_samples(usable), edges=edges)
    return {
        "hands": len(held_out), "hands_both_raters": len(both),
        **spread([distance(point, row.hand.si3) / row.size for row, point in both], "to_mean"),
        **{key: value for i in (0, 1) for key, value in
           spread([distance(point, row.hand.marks[i]) / row.size for row, point in both], f"to_rater{i + 1}").items()},
        "error_all_hands": _round(statistics.mean(distance(p, r.hand.si3) / r.size for r, p in held_out)) if held_out else None,
        "zone": _zone_errors(held_out),
        "along": rule.along, "inset": rule.inset if edges else None, "outward": rule.outward,
    }


def _zone_errors(held_out: list[tuple[Row, Point2]]) -> dict[str, Any]:
    """Held-out distances to each rater's own mark on every labelled hand, in the zone's own unit
    (core.locate.zone_unit), hands read well and hands read roughly apart: their 80th percentiles are the
    zones' radii. Each rater's mark, not their mean: the circle should hold where a careful person would
    put the point, and careful people differ."""
    groups: dict[str, list[float]] = {"ok": [], "rough": []}
    for row, point in held_out:
        unit = max(row.frame.size if row.frame else 0.0, distance(row.points[5], row.points[17]) if row.points else 0.0)
        if unit:
            groups["ok" if row.reading == "ok" else "rough"] += [distance(point, mark) / unit for mark in row.hand.marks]
    return {name: spread(errors, "") for name, errors in groups.items()}


def spread(errors: list[float], name: str) -> dict[str, float | int | None]:
    """Mean, median and 80th percentile of some errors, keyed "mean_NAME" and so on."""
    ordered = sorted(errors)
    suffix = f"_{name}" if name else ""
    if not ordered:
        return {f"mean{suffix}": None, f"median{suffix}": None, f"p80{suffix}": None, f"n{suffix}": 0}
    return {f"mean{suffix}": _round(statistics.mean(ordered)), f"median{suffix}": _round(statistics.median(ordered)),
            f"p80{suffix}": _round(ordered[round(0.8 * (len(ordered) - 1))]), f"n{suffix}": len(ordered)}


def _round(value: float) -> float:
    return round(value, 3)
