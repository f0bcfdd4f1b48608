"""Accuracy of the SI3 locator on labelled photos.

    python -m acupress.vision.evaluate LABELS.json [--photos DIR] [--format text|json]

Labels format (JSON):
    {"format": "acupress-si3-labels/1",
     "photos_dir": "relative/to/this/file",           # optional; --photos overrides
     "method": "how the labels were placed",
     "photos": [{"file": "hands_0.jpg",
                 "hands": [{"side": "left", "SI3": [x, y], "certainty": "clear" | "rough"}]}]}
x, y are pixels of the photo as a person sees it (EXIF orientation applied).

A label counts as detected when a predicted SI3 lies within half a hand size
(at least 15 px) of it; errors are reported in pixels and as a share of hand
size (wrist to middle-finger knuckle, from the detected landmarks).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from acupress.core.locate import distance
from acupress.errors import InvalidInput, run_reporting_errors
from acupress.knowledge import load_knowledge
from acupress.vision.locate import locate

MIN_MATCH_PX = 15.0


def load_labels(path: Path) -> dict[str, Any]:
    try:
        labels: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInput(f"cannot read {str(path)!r} as JSON ({error})", field="LABELS") from None
    if labels.get("format") != "acupress-si3-labels/1" or not isinstance(labels.get("photos"), list):
        raise InvalidInput("is not an acupress-si3-labels/1 file (see the module help)", field="LABELS")
    return labels


def evaluate(labels: dict[str, Any], photos_dir: Path) -> dict[str, Any]:
    kb = load_knowledge()
    rows: list[dict[str, Any]] = []
    for photo in labels["photos"]:
        located, _ = locate((photos_dir / photo["file"]).read_bytes(), kb, point="SI3")
        predictions = [p for p in located.points if p.id == "SI3"]
        for label in photo["hands"]:
            rows.append(_score(photo["file"], label, predictions))
    detected = [r for r in rows if r["detected"]]
    return {
        "labels": len(rows),
        "detected": len(detected),
        "detection_rate": round(len(detected) / len(rows), 3) if rows else 0.0,
        "mean_error_px": _stat(statistics.mean, detected, "error_px"),
        "max_error_px": _stat(max, detected, "error_px"),
        "mean_error_share": _stat(statistics.mean, detected, "error_share"),
        "max_error_share": _stat(max, detected, "error_share"),
        "side_agreement": round(sum(r["side_ok"] for r in detected) / len(detected), 3) if detected else 0.0,
        "rows": rows,
    }


def _score(file: str, label: dict[str, Any], predictions: list[Any]) -> dict[str, Any]:
    target = (float(label["SI3"][0]), float(label["SI3"][1]))
    row: dict[str, Any] = {"file": file, "side": label["side"], "certainty": label.get("certainty", "clear"),
                           "detected": False, "error_px": None, "error_share": None, "side_ok": False}
    if not predictions:
        return row
    nearest = min(predictions, key=lambda p: distance((p.x, p.y), target))
    error = distance((nearest.x, nearest.y), target)
    size = float(nearest.extra["hand_size"])
    row.update(detected=error <= max(0.5 * size, MIN_MATCH_PX), error_px=round(error, 1),
               error_share=round(error / size, 3) if size else None, side_ok=nearest.side == label["side"])
    return row


def _stat(function: Any, rows: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in rows if r[key] is not None]
    return round(float(function(values)), 3) if values else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m acupress.vision.evaluate", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("labels", type=Path)
    parser.add_argument("--photos", type=Path, help="folder of the photos (default: photos_dir in the labels file)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--traceback", action="store_true", help="show the full traceback of an unexpected error")
    options = parser.parse_args(argv)
    return run_reporting_errors(lambda: _report(options), options.traceback)


def _report(options: argparse.Namespace) -> int:
    labels = load_labels(options.labels)
    folder = options.photos or (options.labels.parent / labels.get("photos_dir", "."))
    try:
        report = evaluate(labels, folder)
    except FileNotFoundError as error:
        raise InvalidInput(f"{error.filename} does not exist", field="--photos") from None
    if options.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    for row in report["rows"]:
        shown = "not found" if not row["detected"] else f"{row['error_px']:5.1f} px = {row['error_share']:.2f} hand"
        print(f"{row['file']:<18} {row['side']:<5} {row['certainty']:<5} {shown}{'' if row['side_ok'] else '  (side differs)'}")
    print(f"\ndetected {report['detected']}/{report['labels']} ({report['detection_rate']:.0%}); "
          f"error mean {report['mean_error_px']} px (max {report['max_error_px']}), "
          f"mean {report['mean_error_share']} of hand size (max {report['max_error_share']}); "
          f"side agrees on {report['side_agreement']:.0%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
