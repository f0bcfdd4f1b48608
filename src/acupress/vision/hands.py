"""Hands on a photo: MediaPipe's landmarks in the photo's own pixels, and the body around them.

Two looks at the photo: the full hand model first, then the lite model with
a lower threshold, which finds hands the full one passes over on crowded
photos (a sheet of six hands) without inventing any on the development
photos. Then a closer look at each hand found: the model reads crops around
it at three sizes, enlarged, straight and mirrored, and the landmarks are the
mean of those readings and the first. On a whole photo the model sees a small
hand at a fraction of its pixels, and its guesses at hidden or blurred joints
(a wrist cut off by the border, a palm foreshortened) vary from look to look;
their mean is steadier (docs/locator.md: 0.121 -> 0.109 of hand size from two
raters on photos the numbers never saw, better on every altered copy too).
The pose model, when a person is in the picture, says which wrist
is their left and right, and shows hands the hand model did not find.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from PIL import Image

from acupress.core.hand_side import Point3
from acupress.core.locate import Point2, distance
from acupress.vision.image import Photo
from acupress.vision.models import MAX_HANDS, run_hands, run_pose, run_second_look

# The legacy hand solution labels hands as if the picture were a mirrored
# selfie; photos are not mirrored, so its "Left" is the person's right.
PERSON_SIDE = {"Left": "right", "Right": "left"}
POSE_WRISTS = {"left": (15, 17, 19), "right": (16, 18, 20)}  # wrist, little-finger and index knuckles
BODY = (0, 11, 12)  # nose and shoulders: the person is really in the picture
MIN_VISIBILITY = 0.8
SAME_HAND_IOU = 0.3
# The closer look's crops: squares this many times the hand's landmark box, around its centre (chosen
# for holding up on altered copies of the photos, not for the best figure on them: docs/locator.md).
CLOSER_CROPS: tuple[float, ...] = (3.0, 4.0, 5.0)
CLOSER_SIDE = 256  # each crop is scaled to this many pixels before the model reads it


@dataclass(frozen=True)
class Hand:
    landmarks: list[Point3]  # 21 points in original pixels; z in the same pixel scale (MediaPipe's depth)
    model_side: str  # the model's label, as the person's side
    score: float

    @property
    def points(self) -> list[Point2]:
        return [(x, y) for x, y, _ in self.landmarks]


@dataclass(frozen=True)
class BodyHands:
    """Where the pose model sees the person's wrists, when a person is clearly in the photo."""

    wrists: dict[str, Point2]  # side -> wrist position, for wrists seen clearly
    reach: float  # a distance that counts as "at that wrist": a quarter of the shoulders' width


@dataclass(frozen=True)
class FoundHands:
    hands: list[Hand]
    maybe_more: bool  # a look found as many hands as it reads at once: the photo may hold others


def find_hands(photo: Photo, plausible: Callable[[Hand], bool] = lambda hand: True) -> FoundHands:
    """Every hand the full model finds, and the plausible new ones a second look adds (first readings:
    `closer_look` steadies the landmarks of a hand SI3 is placed on)."""
    hands = _read(run_hands(photo.rgb), photo)
    second = _read(run_second_look(photo.rgb), photo)
    capped = len(hands) >= MAX_HANDS or len(second) > MAX_HANDS  # a look was full: there may be more
    for extra in second:
        if plausible(extra) and all(_overlap(extra, known) < SAME_HAND_IOU for known in hands):
            hands.append(extra)
    return FoundHands(hands, capped)


def closer_look(photo: Photo, hand: Hand) -> Hand:
    """The hand's landmarks as the mean of the first reading and those of close crops (straight and mirrored)."""
    readings = [np.array(hand.landmarks)]
    for crop, mirrored in ((crop, mirrored) for crop in CLOSER_CROPS for mirrored in (False, True)):
        reading = _read_crop(photo, hand, crop, mirrored)
        if reading is not None:
            readings.append(reading)
    mean = np.mean(readings, axis=0)
    return Hand([(float(x), float(y), float(z)) for x, y, z in mean], hand.model_side, hand.score)


def _read_crop(photo: Photo, hand: Hand, crop: float, mirrored: bool) -> np.ndarray[Any, Any] | None:
    """The same hand read on an enlarged square crop around it (landmarks in original pixels), if found there."""
    working = np.array(hand.points) * photo.scale
    box = float(max(np.ptp(working[:, 0]), np.ptp(working[:, 1]), 1.0))
    side = int(np.ceil(crop * box))
    x0, y0 = (np.floor(working.mean(axis=0) - side / 2)).astype(int)
    square = _square_crop(photo.rgb, int(x0), int(y0), side)
    enlarged = np.asarray(Image.fromarray(square).resize((CLOSER_SIDE, CLOSER_SIDE), Image.Resampling.BICUBIC, reducing_gap=2.0))
    output = run_hands(np.ascontiguousarray(enlarged[:, ::-1]) if mirrored else enlarged)
    pixels = side / photo.scale  # original pixels per unit of the crop's normalised coordinates
    first = np.array(hand.points)
    best, best_gap = None, 0.5 * box / photo.scale  # the same hand: its landmarks within half a hand box on average
    for marks in output.multi_hand_landmarks or []:
        reading = np.array([((1.0 - m.x if mirrored else m.x) * pixels + x0 / photo.scale,
                             m.y * pixels + y0 / photo.scale, m.z * pixels) for m in marks.landmark])
        gap = float(np.mean(np.hypot(*(reading[:, :2] - first).T)))
        if gap < best_gap:
            best, best_gap = reading, gap
    return best


def _square_crop(rgb: np.ndarray[Any, Any], x0: int, y0: int, side: int) -> np.ndarray[Any, Any]:
    """A side x side crop from (x0, y0); parts beyond the photo repeat its border pixels (no hard black edge)."""
    rows = np.clip(np.arange(y0, y0 + side), 0, rgb.shape[0] - 1)
    columns = np.clip(np.arange(x0, x0 + side), 0, rgb.shape[1] - 1)
    return np.ascontiguousarray(rgb[np.ix_(rows, columns)])


def _read(output: Any, photo: Photo) -> list[Hand]:
    height, width = photo.rgb.shape[:2]
    hands = []
    for marks, handed in zip(output.multi_hand_landmarks or [], output.multi_handedness or [], strict=True):
        # MediaPipe's z is relative depth on the same scale as x (a share of the image width).
        points = [(*photo.to_original(m.x * width, m.y * height), m.z * width / photo.scale) for m in marks.landmark]
        label = handed.classification[0]
        hands.append(Hand(points, PERSON_SIDE[label.label], float(label.score)))
    return hands


def _overlap(a: Hand, b: Hand) -> float:
    """Intersection over union of the two hands' landmark boxes."""
    boxes = [_box(hand.points) for hand in (a, b)]
    (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = boxes
    inter = max(0.0, min(ax1, bx1) - max(ax0, bx0)) * max(0.0, min(ay1, by1) - max(ay0, by0))
    union = sum((x1 - x0) * (y1 - y0) for x0, y0, x1, y1 in boxes) - inter
    return inter / union if union > 0 else 0.0


def _box(points: list[Point2]) -> tuple[float, float, float, float]:
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return (min(xs), min(ys), max(xs), max(ys))


def body_hands(photo: Photo) -> BodyHands | None:
    """The person's clearly visible wrists, or None when no whole person faces the camera."""
    output = run_pose(photo.rgb)
    if output.pose_landmarks is None:
        return None
    marks = output.pose_landmarks.landmark
    if min(float(marks[i].visibility) for i in BODY) < MIN_VISIBILITY:
        return None
    height, width = photo.rgb.shape[:2]

    def at(index: int) -> Point2:
        return photo.to_original(marks[index].x * width, marks[index].y * height)

    wrists = {}
    for side, indexes in POSE_WRISTS.items():
        x, y = at(indexes[0])
        if min(float(marks[i].visibility) for i in indexes) >= MIN_VISIBILITY and 0 <= x < photo.width and 0 <= y < photo.height:
            wrists[side] = (x, y)
    return BodyHands(wrists, 0.25 * distance(at(11), at(12)))


def body_side_of(hand: Hand, body: BodyHands | None) -> str | None:
    """The side of the body wrist this hand belongs to, if exactly one is within reach."""
    if body is None:
        return None
    near = [side for side, wrist in body.wrists.items() if _reaches(hand, wrist, body.reach)]
    return near[0] if len(near) == 1 else None


def unseen_hands(hands: list[Hand], body: BodyHands | None) -> int:
    """Wrists the body shows clearly with no hand found at them."""
    if body is None:
        return 0
    return sum(1 for wrist in body.wrists.values() if not any(_reaches(hand, wrist, body.reach) for hand in hands))


def _reaches(hand: Hand, wrist: Point2, reach: float) -> bool:
    return min(distance(point, wrist) for point in hand.points[:1] + hand.points[5:18:4]) <= reach
