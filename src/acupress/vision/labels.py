"""Labelled hands for measuring the SI3 locator: one rater's file or two raters' file, one shape.

Formats read:
  acupress-si3-labels/1   {"photos": [{"file", "hands": [{"side", "SI3": [x, y], "certainty"}]}]}
  si3-two-raters/1        {"raters": {"rater1": [{"file", "hands": [{"side", "SI3", "WRIST", "MCP3",
                           "certainty", "note"}], "skipped": [...]}], "rater2": [...]}}
x, y are pixels of the photo as a person sees it (EXIF orientation applied).

Two raters' marks of the same hand are paired when their wrist-to-knuckle
midpoints lie within 0.8 hand sizes of each other. A hand's reference SI3
is the mean of its raters' marks, its size the mean of their WRIST-MCP3.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from acupress.core.locate import Point2, distance
from acupress.errors import InvalidInput

PAIRING = 0.8


@dataclass(frozen=True)
class LabelledHand:
    file: str
    marks: tuple[Point2, ...]  # each rater's SI3
    sides: tuple[str, ...]  # each rater's side
    size: float | None  # mean WRIST-MCP3 of the raters, when they marked it
    certainty: str

    @property
    def si3(self) -> Point2:
        return (sum(m[0] for m in self.marks) / len(self.marks), sum(m[1] for m in self.marks) / len(self.marks))

    @property
    def side(self) -> str | None:
        """The side every rater gave, or None when they differ."""
        return self.sides[0] if len(set(self.sides)) == 1 else None

    @property
    def raters_gap(self) -> float | None:
        """How far apart two raters put SI3, in hand sizes."""
        if len(self.marks) != 2 or not self.size:
            return None
        return distance(self.marks[0], self.marks[1]) / self.size


def load_labels(path: Path) -> tuple[list[LabelledHand], Path]:
    """The labelled hands, and the folder where their photos are (beside the file unless it says)."""
    try:
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InvalidInput(f"cannot read {str(path)!r} as JSON ({error})", field="LABELS") from None
    folder = path.parent / str(data.get("photos_dir", "."))
    if data.get("format") == "acupress-si3-labels/1" and isinstance(data.get("photos"), list):
        return [_one_rater(photo["file"], hand) for photo in data["photos"] for hand in photo["hands"]], folder
    if data.get("format") == "si3-two-raters/1" and isinstance(data.get("raters"), dict):
        return _two_raters(data["raters"]), folder
    raise InvalidInput("is neither an acupress-si3-labels/1 nor an si3-two-raters/1 file (see the module help)",
                       field="LABELS")


def _one_rater(file: str, hand: dict[str, Any]) -> LabelledHand:
    return LabelledHand(file, (_point(hand["SI3"]),), (hand["side"],), _size(hand), hand.get("certainty", "clear"))


def _two_raters(raters: dict[str, list[dict[str, Any]]]) -> list[LabelledHand]:
    first, second = ({photo["file"]: photo["hands"] for photo in photos} for photos in list(raters.values())[:2])
    hands: list[LabelledHand] = []
    for file in sorted(set(first) | set(second)):
        unpaired = list(second.get(file, []))
        for hand in first.get(file, []):
            partner = _partner(hand, unpaired)
            if partner is None:
                hands.append(_one_rater(file, hand))
                continue
            unpaired.remove(partner)
            pair = (hand, partner)
            sizes = [_size(h) for h in pair]
            certainty = "clear" if all(h.get("certainty") == "clear" for h in pair) else "rough"
            hands.append(LabelledHand(file, tuple(_point(h["SI3"]) for h in pair), tuple(h["side"] for h in pair),
                                      sum(s for s in sizes if s) / len(sizes) if all(sizes) else None, certainty))
        hands.extend(_one_rater(file, hand) for hand in unpaired)
    return hands


def _partner(hand: dict[str, Any], candidates: list[dict[str, Any]]) -> dict[str, Any] | None:
    size = _size(hand)
    if not size or "WRIST" not in hand:
        return None
    scored = [(distance(_middle(hand), _middle(other)), other) for other in candidates if "WRIST" in other]
    near = [pair for pair in scored if pair[0] < PAIRING * size]
    return min(near, key=lambda pair: pair[0])[1] if near else None


def _middle(hand: dict[str, Any]) -> Point2:
    (x0, y0), (x1, y1) = hand["WRIST"], hand["MCP3"]
    return ((x0 + x1) / 2, (y0 + y1) / 2)


def _size(hand: dict[str, Any]) -> float | None:
    if "WRIST" not in hand or "MCP3" not in hand:
        return None
    return math.dist(hand["WRIST"], hand["MCP3"]) or None


def _point(value: list[float]) -> Point2:
    return (float(value[0]), float(value[1]))
