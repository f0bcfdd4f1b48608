"""Find SI3 and KI3 on a photo: MediaPipe landmarks, or two marks the person made.

Never guesses silently: when a point cannot be found, a message says why and
what photo to take instead; hands it saw but could not read are counted; a
side it cannot tell is "unsure"; marks a person made are their judgement,
and the messages say what acupress could check about them and what not.
Messages are plain sentences for any interface: no command-line flags, no
"tap"; `asks` tells an interface what to ask for next.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from acupress.core.hand_edge import si3_spot
from acupress.core.hand_side import read_side
from acupress.core.locate import (
    Point2,
    ankle_frame,
    ankle_marks_problem,
    assisted_zone_radius,
    distance,
    hand_problem,
    hand_reading,
    ki3_from_pose,
    zone_radius,
)
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.vision import messages
from acupress.vision.hands import Hand, body_hands, body_side_of, closer_look, find_hands, unseen_hands
from acupress.vision.image import Photo, read_photo
from acupress.vision.models import run_pose

POSE_FEET = {"left": (27, 29, 31), "right": (28, 30, 32)}  # ankle, heel, toes
HIGHEST = 0.95  # the model may be sure it sees a hand; a point placed from a photo never earns certainty
ROUGH = 0.3  # confidence kept for a hand seen end-on or at the photo's edge
ASSISTED = 0.5  # marks a person made: their judgement, never certainty
ASSISTED_DOUBTFUL = 0.2  # ... when a check speaks against them


@dataclass
class Found:
    id: str
    x: float
    y: float
    side: str | None
    confidence: float
    method: str
    extra: dict[str, Any] = field(default_factory=dict)
    landmarks: list[Point2] | None = field(default=None, repr=False)  # the hand it was placed on (not shown)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "x": round(self.x, 1), "y": round(self.y, 1), "side": self.side,
                "confidence": round(self.confidence, 2), "method": self.method, **self.extra}


@dataclass
class Located:
    width: int
    height: int
    points: list[Found]
    messages: list[str]
    asks: list[str] = field(default_factory=list)  # "ankle_marks": the person may mark bone and tendon
    hands_seen: int = 0
    hands_unread: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"image": {"width": self.width, "height": self.height},
                "points": [p.to_dict() for p in self.points], "messages": self.messages, "asks": self.asks,
                "hands": {"read": self.hands_seen - self.hands_unread, "unread": self.hands_unread}}


def locate(data: bytes, kb: Knowledge, point: str = "all", ankle_bone: Point2 | None = None,
           tendon: Point2 | None = None, side: str | None = None) -> tuple[Located, Photo]:
    if point not in ("SI3", "KI3", "all"):
        raise InvalidInput(f"must be SI3, KI3 or all (got {point!r})", field="point")
    if (ankle_bone is None) != (tendon is None):
        raise InvalidInput("needs both marks: the inner ankle bone and the Achilles tendon", field="ankle_bone" if ankle_bone is None else "tendon")
    photo = read_photo(data)
    for name, mark in (("ankle_bone", ankle_bone), ("tendon", tendon)):
        if mark is not None and not (0 <= mark[0] < photo.width and 0 <= mark[1] < photo.height):
            raise InvalidInput(f"({mark[0]:g}, {mark[1]:g}) is outside the {photo.width}x{photo.height} photo", field=name)
    result = Located(photo.width, photo.height, [], [])
    locator = kb.points["SI3"].locator
    needs_hands = point != "KI3" or ankle_bone is not None  # SI3, or checking a person's ankle marks
    found = find_hands(photo, lambda hand: hand_problem(hand.points, locator) is None) if needs_hands else None
    hands = found.hands if found else []
    if point in ("SI3", "all"):
        _find_si3(photo, kb, hands, result)
        if found and found.maybe_more:
            result.messages.append(messages.MAYBE_MORE)
    if point in ("KI3", "all"):
        if ankle_bone is not None and tendon is not None:
            _ki3_from_marks(photo, kb, hands, ankle_bone, tendon, side, result)
        else:
            _find_ki3_by_pose(photo, kb, result, hand_photo=point == "all" and bool(result.points))
    return result, photo


def _find_si3(photo: Photo, kb: Knowledge, hands: list[Hand], result: Located) -> None:
    locator = kb.points["SI3"].locator
    hands = [closer_look(photo, hand) for hand in hands]  # only here: checking ankle marks needs no steadier hand
    readable = [hand for hand in hands if hand_problem(hand.points, locator) != "too_small"]
    body = body_hands(photo) if readable else None
    result.hands_seen = len(hands) + unseen_hands(hands, body)
    result.hands_unread = result.hands_seen - len(readable)
    if not hands:
        result.messages.append(messages.NO_HAND)
    for hand in readable:
        result.points.append(_si3_on(photo, hand, locator, body_side_of(hand, body)))
    for found in result.points:
        if found.extra["reading"] in messages.ROUGH_READING:
            result.messages.append(messages.ROUGH_READING[found.extra["reading"]](found.side))
    if any(found.side == "unsure" for found in result.points):
        result.messages.append(messages.SIDE_UNSURE)
    if result.hands_unread:
        result.messages.append(messages.unread(result.hands_unread, any_read=bool(result.points)))
    if result.points:
        result.messages.append(messages.ZONE)


def _si3_on(photo: Photo, hand: Hand, locator: dict[str, Any], body_side: str | None) -> Found:
    (x, y), frame, edge = si3_spot(hand.points, locator, photo.colour_at)
    reading = hand_reading(hand.points, locator, (x, y), photo.width, photo.height)
    side = read_side(hand.landmarks, hand.model_side, hand.score, body_side)
    confidence = min(hand.score, HIGHEST) * (1.0 if reading == "ok" else ROUGH) * (0.5 if side.side == "unsure" else 1.0)
    return Found("SI3", x, y, side.side, confidence, "landmarks", {
        "hand_size": round(frame.size, 1), "zone_radius": round(zone_radius(hand.points, locator, reading), 1),
        "frame": frame.to_dict(), "reading": reading, "side_from": side.basis,
        "edge": None if edge is None else round(edge, 3)}, hand.points)


def _ki3_from_marks(photo: Photo, kb: Knowledge, hands: list[Hand], bone: Point2, tendon: Point2,
                    side: str | None, result: Located) -> None:
    """Assisted KI3: the person's marks, with every check geometry allows and a plain word on the rest."""
    locator = kb.points["KI3"].locator
    frame = ankle_frame(bone, tendon)
    x, y = frame.place(float(locator["assisted_fraction"]), 0.0)
    doubts = []
    problem = ankle_marks_problem(bone, tendon, photo.width, photo.height)
    if problem is not None:
        doubts.append(messages.MARKS[problem])
    if any(_inside(mark, hand) for mark in (bone, tendon) for hand in hands):
        doubts.append(messages.MARKS_ON_A_HAND)
    feet = _pose_feet(photo, kb)
    if feet and not any(_near_ankle(mark, foot) for mark in (bone, tendon) for foot in feet.values()):
        doubts.append(messages.MARKS_AWAY_FROM_FEET)
    result.points.append(Found("KI3", x, y, side, ASSISTED_DOUBTFUL if doubts else ASSISTED, "assisted", {
        "zone_radius": round(assisted_zone_radius(frame, locator), 1), "frame": frame.to_dict()}))
    result.messages.extend(doubts)
    result.messages.append(messages.ASSISTED)


def _find_ki3_by_pose(photo: Photo, kb: Knowledge, result: Located, hand_photo: bool) -> None:
    locator = kb.points["KI3"].locator
    feet = _pose_feet(photo, kb)
    for side, (ankle, heel, toes, visibility) in feet.items():
        x, y = ki3_from_pose(ankle, heel, toes, locator)
        result.points.append(Found("KI3", x, y, side, 0.5 * visibility, "landmarks"))
    if feet:
        result.messages.append(messages.INNER_OR_OUTER)
    elif hand_photo:
        result.messages.append(messages.HAND_NOT_ANKLE)
    else:
        result.messages.append(messages.NO_FEET)
        result.asks.append("ankle_marks")


def _pose_feet(photo: Photo, kb: Knowledge) -> dict[str, tuple[Point2, Point2, Point2, float]]:
    """Each clearly visible foot: ankle, heel, toes (original pixels) and how visible the least visible is."""
    output = run_pose(photo.rgb)
    if output.pose_landmarks is None:
        return {}
    marks = output.pose_landmarks.landmark
    height, width = photo.rgb.shape[:2]
    feet = {}
    for side, indexes in POSE_FEET.items():
        visibility = min(float(marks[i].visibility) for i in indexes)
        if visibility >= float(kb.points["KI3"].locator["min_visibility"]):
            ankle, heel, toes = (photo.to_original(marks[i].x * width, marks[i].y * height) for i in indexes)
            feet[side] = (ankle, heel, toes, visibility)
    return feet


def _inside(mark: Point2, hand: Hand) -> bool:
    xs, ys = [p[0] for p in hand.points], [p[1] for p in hand.points]
    return min(xs) <= mark[0] <= max(xs) and min(ys) <= mark[1] <= max(ys)


def _near_ankle(mark: Point2, foot: tuple[Point2, Point2, Point2, float]) -> bool:
    ankle, heel, _toes, _ = foot
    return distance(mark, ankle) <= 2.0 * distance(ankle, heel)

