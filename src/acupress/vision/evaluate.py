"""Accuracy of the SI3 locator on labelled photos, next to the raters' own disagreement.

    python -m acupress.vision.evaluate LABELS.json [--photos DIR] [--lopo] [--format text|json]

LABELS is either label format of `acupress.vision.labels`. Each labelled hand
is found when the locator put an SI3 within half a hand size (at least 15 px)
of the raters' mean; errors are in hand sizes (the raters' wrist to middle
knuckle when they marked it, else the detected hand's). With two raters the
report also gives the error against each rater alone and how far apart the
raters are on the same hands. --lopo refits the rule's two numbers leaving
out one photo at a time (`acupress.vision.fit`): the honest error on photos
the numbers never saw.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from acupress.core.locate import Frame, Locator, distance, hand_frame
from acupress.errors import InvalidInput, run_reporting_errors
from acupress.knowledge import load_knowledge
from acupress.vision.fit import edge_table
from acupress.vision.image import Photo
from acupress.vision.labels import LabelledHand, load_labels
from acupress.vision.locate import Found, locate

MIN_MATCH_PX = 15.0


@dataclass(frozen=True)
class Row:
    hand: LabelledHand
    found: Found | None  # the locator's SI3 for this hand, if it put one close enough
    frame: Frame | None  # the hand frame of the detected hand nearest to the label (for refitting)
    edges: Mapping[float, float | None] = field(default_factory=dict)  # that hand's edge at each `along` (refitting)
    reading: str = "ok"  # that hand's reading: "ok", "end_on", "at_edge"
    points: tuple[tuple[float, float], ...] = ()  # that hand's landmarks

    @property
    def size(self) -> float:
        if self.hand.size:
            return self.hand.size
        return self.frame.size if self.frame else 1.0

    def error(self, target: tuple[float, float] | None = None) -> float | None:
        if self.found is None:
            return None
        return distance((self.found.x, self.found.y), target or self.hand.si3) / self.size


def measure(hands: list[LabelledHand], photos: Path) -> list[Row]:
    kb = load_knowledge()
    locator = kb.points["SI3"].locator
    rows = []
    for file in sorted({hand.file for hand in hands}):
        located, photo = locate((photos / file).read_bytes(), kb, point="SI3")
        found = [point for point in located.points if point.id == "SI3" and point.landmarks]
        for hand in (h for h in hands if h.file == file):
            rows.append(_row(hand, found, photo, locator))
    return rows


def _row(hand: LabelledHand, found: list[Found], photo: Photo, locator: Locator) -> Row:
    """The locator's SI3 nearest the label, and the hand nearest to it for refitting (each only if close)."""
    framed = [(point, hand_frame(point.landmarks or [], locator)) for point in found]
    near_hand = min(framed, key=lambda pair: distance(pair[1].origin, hand.si3), default=None)
    size = hand.size or (near_hand[1].size if near_hand else 0.0)
    if near_hand is not None and distance(near_hand[1].origin, hand.si3) > max(size, MIN_MATCH_PX):
        near_hand = None
    nearest = min(found, key=lambda p: distance((p.x, p.y), hand.si3), default=None)
    if nearest is not None and distance((nearest.x, nearest.y), hand.si3) > max(0.5 * (hand.size or nearest.extra["hand_size"]), MIN_MATCH_PX):
        nearest = None
    if near_hand is None:
        return Row(hand, nearest, None)
    point, frame = near_hand
    landmarks = point.landmarks or []
    return Row(hand, nearest, frame, edge_table(landmarks, frame, photo.colour_at, locator), point.extra["reading"],
               tuple(landmarks))


def summary(rows: list[Row]) -> dict[str, Any]:
    found = [r for r in rows if r.found is not None]
    both = [r for r in found if r.hand.raters_gap is not None]
    sided = [r for r in found if r.hand.side is not None]
    report: dict[str, Any] = {
        "labels": len(rows), "found": len(found),
        "mean_error": _mean(r.error() for r in found),
        "max_error": round(max((r.error() or 0.0) for r in found), 3) if found else None,
        "side_right": sum(1 for r in sided if r.found and r.found.side == r.hand.side),
        "side_unsure": sum(1 for r in sided if r.found and r.found.side == "unsure"),
        "side_checked": len(sided),
    }
    if both:
        report["both_raters"] = {
            "hands": len(both),
            "error_to_mean": _mean(r.error() for r in both),
            "median_error_to_mean": round(statistics.median(r.error() or 0.0 for r in both), 3),
            "error_to_rater": [_mean(r.error(r.hand.marks[i]) for r in both) for i in (0, 1)],
            "raters_gap": _mean(r.hand.raters_gap for r in both),
            "median_raters_gap": round(statistics.median(r.hand.raters_gap or 0.0 for r in both), 3),
        }
    return report


def _mean(values: Any) -> float | None:
    kept = [v for v in values if v is not None]
    return round(statistics.mean(kept), 3) if kept else None


def row_dict(row: Row) -> dict[str, Any]:
    return {"file": row.hand.file, "sides": list(row.hand.sides), "certainty": row.hand.certainty,
            "found": row.found is not None, "error": row.error() and round(row.error() or 0.0, 3),
            "raters_gap": row.hand.raters_gap and round(row.hand.raters_gap, 3),
            "side": row.found.side if row.found else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acupress.vision.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--photos", type=Path, help="folder of the photos (default: photos_dir in the labels file)")
    parser.add_argument("--lopo", action="store_true", help="also refit the rule leaving out one photo at a time")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--traceback", action="store_true", help="show the full traceback of an unexpected error")
    options = parser.parse_args(argv)
    return run_reporting_errors(lambda: _report(options), options.traceback)  # the CLI's exit codes and one-line errors


def _report(options: argparse.Namespace) -> int:
    hands, folder = load_labels(options.labels)
    try:
        rows = measure(hands, options.photos or folder)
    except FileNotFoundError as error:
        raise InvalidInput(f"{error.filename} does not exist", field="--photos") from None
    report = {**summary(rows), "rows": [row_dict(r) for r in rows]}
    if options.lopo:
        from acupress.vision.fit import leave_one_photo_out

        report["lopo"] = leave_one_photo_out(rows)
        report["lopo_landmarks_only"] = leave_one_photo_out(rows, edges=False)
    print(json.dumps(report, indent=2) if options.format == "json" else _text(report))
    return 0


def _text(report: dict[str, Any]) -> str:
    lines = []
    for row in report["rows"]:
        shown = f"{row['error']:.3f} of hand size" if row["found"] else "not found"
        gap = f"  (raters {row['raters_gap']:.3f} apart)" if row["raters_gap"] is not None else ""
        lines.append(f"{row['file']:<18} {'/'.join(row['sides']):<11} {row['certainty']:<5} {shown}{gap}  side {row['side']}")
    lines.append(f"\nfound {report['found']} of {report['labels']}; mean error {report['mean_error']} of hand size "
                 f"(max {report['max_error']}); side right on {report['side_right']} of {report['side_checked']} "
                 f"hands whose raters agree ({report['side_unsure']} unsure)")
    both = report.get("both_raters")
    if both:
        lines.append(f"on the {both['hands']} hands both raters marked: {both['error_to_mean']} from their mean "
                     f"(median {both['median_error_to_mean']}), {both['error_to_rater'][0]} and "
                     f"{both['error_to_rater'][1]} from each rater; the raters are {both['raters_gap']} apart "
                     f"(median {both['median_raters_gap']})")
    for key, what in (("lopo_landmarks_only", "landmarks alone"), ("lopo", "with the hand's edge")):
        lopo = report.get(key)
        if lopo:
            lines.append(_lopo_text(lopo, what))
    return "\n".join(lines)


def _lopo_text(lopo: dict[str, Any], what: str) -> str:
    def stats(name: str) -> str:
        return f"{lopo['mean_' + name]} (median {lopo['median_' + name]}, 80th percentile {lopo['p80_' + name]})"

    rule = f"along {lopo['along']}, outward {lopo['outward']}" + (f", inset {lopo['inset']}" if lopo["inset"] is not None else "")
    zones = "; ".join(f"hands read {reading}: {stats['mean']} (80th percentile {stats['p80']}, {stats['n']} hands)"
                      for reading, stats in lopo["zone"].items())
    return (f"leave one photo out, {what}, on the {lopo['hands_both_raters']} hands both raters marked: "
            f"{stats('to_mean')} from the raters' mean; {stats('to_rater1')} from rater 1; {stats('to_rater2')} "
            f"from rater 2; in zone units, on all {lopo['hands']} hands: {zones}; fitted on all photos: {rule}")


if __name__ == "__main__":
    sys.exit(main())
