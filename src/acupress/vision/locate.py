"""Find SI3 and KI3 on a photo: MediaPipe landmarks, or two marks the person made.

Never guesses silently: when a point cannot be found, a message says why and
what photo to take instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from acupress.core.locate import Point2, distance, hand_size, ki3_assisted, ki3_from_pose, si3_from_hand
from acupress.core.model import Knowledge
from acupress.errors import InvalidInput
from acupress.vision.image import Photo, read_photo
from acupress.vision.models import run_hands, run_pose

# MediaPipe labels hands as if the image were a mirrored selfie; photos are not mirrored.
PERSON_SIDE = {"Left": "right", "Right": "left"}
POSE_FEET = {"left": (27, 29, 31), "right": (28, 30, 32)}  # ankle, heel, toes
NO_HAND = ("No hand found. Take the photo in good light with your whole hand in the picture, "
           "fingers spread and the little-finger edge visible, filling about a third of the frame.")
NO_FEET = ("No foot is visible clearly enough to place KI3. Take a close-up of the inside of your ankle and mark "
           "the inner ankle bone and the Achilles tendon (on the web page: tap them; in the terminal: "
           "--ankle-bone X,Y --tendon X,Y).")
INNER_OR_OUTER = ("A photo of the whole body cannot show whether you see the inner or the outer ankle. KI3 is on the "
                  "inner side, between the ankle bone and the tendon: check with your fingers.")


@dataclass
class Found:
    id: str
    x: float
    y: float
    side: str | None
    confidence: float
    method: str
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "x": round(self.x, 1), "y": round(self.y, 1), "side": self.side,
                "confidence": round(self.confidence, 2), "method": self.method, **self.extra}


@dataclass
class Located:
    width: int
    height: int
    points: list[Found]
    messages: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"image": {"width": self.width, "height": self.height},
                "points": [p.to_dict() for p in self.points], "messages": self.messages}


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
    if point in ("SI3", "all"):
        _find_si3(photo, kb, result)
    if point in ("KI3", "all"):
        if ankle_bone is not None and tendon is not None:
            x, y = ki3_assisted(ankle_bone, tendon, kb.points["KI3"].locator)
            result.points.append(Found("KI3", x, y, side, 1.0, "assisted"))
        else:
            _find_ki3_by_pose(photo, kb, result)
    return result, photo


def hand_landmarks(photo: Photo) -> list[tuple[list[Point2], str, float]]:
    """Each detected hand: 21 landmarks in original pixels, the person's side, and the side's score."""
    output = run_hands(photo.rgb)
    hands = []
    height, width = photo.rgb.shape[:2]
    for marks, handed in zip(output.multi_hand_landmarks or [], output.multi_handedness or [], strict=True):
        points = [photo.to_original(m.x * width, m.y * height) for m in marks.landmark]
        label = handed.classification[0]
        hands.append((points, PERSON_SIDE[label.label], float(label.score)))
    return hands


def _find_si3(photo: Photo, kb: Knowledge, result: Located) -> None:
    locator = kb.points["SI3"].locator
    hands = hand_landmarks(photo)
    if not hands:
        result.messages.append(NO_HAND)
    for landmarks, side, score in hands:
        size = hand_size(landmarks, locator)
        knuckles = distance(landmarks[5], landmarks[17])
        plausible = size >= 15 and size >= 0.5 * knuckles  # smaller: seen edge-on or end-on
        x, y = si3_from_hand(landmarks, locator)
        result.points.append(Found("SI3", x, y, side, score * (1.0 if plausible else 0.3), "landmarks",
                                   {"hand_size": round(size, 1)}))
        if not plausible:
            result.messages.append(f"The {side} hand is small or seen at a steep angle, so SI3 may be off. "
                                   "Hold the hand flat toward the camera and closer.")


def _find_ki3_by_pose(photo: Photo, kb: Knowledge, result: Located) -> None:
    locator = kb.points["KI3"].locator
    output = run_pose(photo.rgb)
    height, width = photo.rgb.shape[:2]
    found = False
    if output.pose_landmarks is not None:
        marks = output.pose_landmarks.landmark
        for side, indexes in POSE_FEET.items():
            visibility = min(float(marks[i].visibility) for i in indexes)
            if visibility < float(locator["min_visibility"]):
                continue
            ankle, heel, toes = (photo.to_original(marks[i].x * width, marks[i].y * height) for i in indexes)
            x, y = ki3_from_pose(ankle, heel, toes, locator)
            result.points.append(Found("KI3", x, y, side, 0.5 * visibility, "landmarks"))
            found = True
    result.messages.append(INNER_OR_OUTER if found else NO_FEET)


def annotate(photo: Photo, located: Located) -> bytes:
    """A PNG of the photo with each point ringed and labelled with its side."""
    import cv2
    import numpy as np

    canvas = cv2.cvtColor(np.ascontiguousarray(photo.original_rgb()), cv2.COLOR_RGB2BGR)
    radius = max(6, round(min(photo.width, photo.height) / 60))
    for found in located.points:
        centre = (round(found.x), round(found.y))
        cv2.circle(canvas, centre, radius + 3, (255, 255, 255), 3, cv2.LINE_AA)
        cv2.circle(canvas, centre, radius, (32, 0, 176), 3, cv2.LINE_AA)
        cv2.circle(canvas, centre, 2, (32, 0, 176), -1, cv2.LINE_AA)
        label = f"{found.id} {found.side or ''}".strip()
        scale = max(0.5, radius / 14)
        (w, h), _ = cv2.getTextSize(label, cv2.FONT_HERSHEY_SIMPLEX, scale, 2)
        corner = (min(centre[0] + radius + 6, photo.width - w - 4), max(centre[1] - radius - 6, h + 4))
        cv2.rectangle(canvas, (corner[0] - 3, corner[1] - h - 4), (corner[0] + w + 3, corner[1] + 5), (255, 255, 255), -1)
        cv2.putText(canvas, label, corner, cv2.FONT_HERSHEY_SIMPLEX, scale, (32, 0, 176), 2, cv2.LINE_AA)
    ok, encoded = cv2.imencode(".png", canvas)
    if not ok:
        raise InvalidInput("could not draw the annotated image", field="out")
    return bytes(encoded)
