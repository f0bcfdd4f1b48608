"""Does a change to the locator hold up on photos that differ from the development ones?

    .venv/bin/python scripts/locator_robustness.py [LABELS.json]

Fifteen labelled hands are few, and a landmark model's reading of a small
hand changes with the pixels: saving the same photo again as a JPEG moves
some hands' SI3 by a tenth of a hand size. So this measures SI3 against the
raters' mean on the photos as given and on five altered copies (saved again
as JPEG, mirrored, turned a quarter, shrunk into a grey frame, doubled), with
the labels moved alike, once with the closer look at each hand and once with
the first reading alone. The rule's numbers are those in points.yaml (not
refitted per copy), so this compares readings of the hand, not fits. Used for
the choice of the closer look's crops in docs/locator.md; takes a few minutes.
"""

from __future__ import annotations

import io
import statistics
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

from PIL import Image

from acupress.core.locate import Point2, distance
from acupress.knowledge import load_knowledge
from acupress.vision import hands
from acupress.vision.labels import LabelledHand, load_labels
from acupress.vision.locate import locate

DEFAULT_LABELS = Path(__file__).resolve().parents[2] / "shared" / "data" / "photos" / "si3_two_raters.json"
Copy = tuple[str, bytes, Callable[[Point2], Point2], float]  # name, photo, where a label moves, hand-size factor


def copies(path: Path) -> Iterator[Copy]:
    original = Image.open(path).convert("RGB")
    width, height = original.size
    yield "as given", path.read_bytes(), lambda p: p, 1.0
    yield "saved again", _jpeg(original), lambda p: p, 1.0
    yield "mirrored", _jpeg(original.transpose(Image.Transpose.FLIP_LEFT_RIGHT)), lambda p: (width - p[0], p[1]), 1.0
    yield "quarter turn", _jpeg(original.transpose(Image.Transpose.ROTATE_90)), lambda p: (p[1], width - p[0]), 1.0
    small = original.resize((int(width * 0.6), int(height * 0.6)), Image.Resampling.LANCZOS)
    frame = Image.new("RGB", (width, height), (90, 90, 90))
    left, top = (width - small.width) // 2, (height - small.height) // 2
    frame.paste(small, (left, top))
    yield "shrunk", _jpeg(frame), lambda p: (p[0] * small.width / width + left, p[1] * small.height / height + top), small.width / width
    doubled = original.resize((width * 2, height * 2), Image.Resampling.BICUBIC)
    yield "doubled", _jpeg(doubled), lambda p: (2 * p[0] + 0.5, 2 * p[1] + 0.5), 2.0


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def errors(labelled: list[LabelledHand], folder: Path, crops: tuple[float, ...]) -> dict[str, list[float]]:
    """Each copy's SI3 errors (hand sizes) on the hands both raters marked; hands not found are left out."""
    kb = load_knowledge()
    hands.CLOSER_CROPS = crops  # () reads each hand once: the first reading alone
    found: dict[str, list[float]] = {}
    for file in sorted({hand.file for hand in labelled}):
        for name, data, moved, factor in copies(folder / file):
            located, _ = locate(data, kb, point="SI3")
            for hand in (h for h in labelled if h.file == file and h.raters_gap is not None):
                target, size = moved(hand.si3), (hand.size or 1.0) * factor
                nearest = min((distance((p.x, p.y), target) / size for p in located.points), default=None)
                if nearest is not None and nearest < 0.5:
                    found.setdefault(name, []).append(nearest)
    return found


def main(argv: list[str]) -> int:
    labelled, folder = load_labels(Path(argv[0]) if argv else DEFAULT_LABELS)
    built = hands.CLOSER_CROPS
    table = {"first reading alone": errors(labelled, folder, ()), f"closer look, crops {built}": errors(labelled, folder, built)}
    for what, by_copy in table.items():
        print(what)
        for name, values in by_copy.items():
            print(f"  {name:<13} {len(values):>2} hands  mean {statistics.mean(values):.3f}  median {statistics.median(values):.3f}")
        print(f"  mean over the copies: {statistics.mean(statistics.mean(v) for v in by_copy.values()):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
