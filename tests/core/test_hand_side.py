"""Which hand: the model's label, checked against the hand's shape and the body; "unsure" when they disagree."""

from __future__ import annotations

import pytest

from acupress.core.hand_side import depth_in_front, read_side, side_from_shape, turn

# A right hand with its palm toward the camera, fingers up (image y grows downward; z grows
# away from the camera): the thumb is on the picture's right, fingertips curl toward the camera.
RIGHT_PALM = [(0.0, 0.0, 0.0)] * 21
RIGHT_PALM[0] = (0.0, 0.0, 0.0)
RIGHT_PALM[5] = (35.0, -90.0, 0.0)
RIGHT_PALM[9] = (5.0, -100.0, 0.0)
RIGHT_PALM[13] = (-20.0, -95.0, 0.0)
RIGHT_PALM[17] = (-42.0, -85.0, 0.0)
RIGHT_PALM[1:5] = [(25.0, -20.0, -5.0), (45.0, -35.0, -12.0), (58.0, -50.0, -20.0), (66.0, -62.0, -25.0)]
for knuckle, tip in ((5, 8), (9, 12), (13, 16), (17, 20)):
    x, y, _ = RIGHT_PALM[knuckle]
    RIGHT_PALM[tip - 2:tip + 1] = [(x, y - 25, -6.0), (x, y - 45, -14.0), (x, y - 60, -22.0)]


def mirrored(hand):
    """The same hand seen in a mirror: a left hand, palm still toward the camera."""
    return [(-x, y, z) for x, y, z in hand]


def turned_over(hand):
    """The same hand's back toward the camera (seen from behind: left-right and depth swap)."""
    return [(-x, y, -z) for x, y, z in hand]


@pytest.mark.parametrize(("hand", "side"), [
    (RIGHT_PALM, "right"),
    (turned_over(RIGHT_PALM), "right"),
    (mirrored(RIGHT_PALM), "left"),
    (turned_over(mirrored(RIGHT_PALM)), "left"),
])
def test_the_shape_tells_the_side_from_the_palm_and_from_the_back(hand, side):
    assert side_from_shape(hand) == side


def test_the_two_cues_have_the_meaning_their_names_say():
    assert turn(RIGHT_PALM) < 0 < turn(mirrored(RIGHT_PALM))
    assert depth_in_front(RIGHT_PALM) < 0 < depth_in_front(turned_over(RIGHT_PALM))


def test_a_flat_hand_or_one_seen_edge_on_cannot_tell():
    flat = [(x, y, 0.0) for x, y, _ in RIGHT_PALM]
    edge_on = [(x * 0.05, y, z) for x, y, z in RIGHT_PALM]
    assert side_from_shape(flat) is None
    assert side_from_shape(edge_on) is None


@pytest.mark.parametrize(("hand", "model", "score", "body", "side", "basis"), [
    (RIGHT_PALM, "right", 0.97, None, "right", "model+shape"),
    (RIGHT_PALM, "left", 0.97, None, "unsure", "cues disagree"),  # the label contradicts the shape
    (RIGHT_PALM, "left", 0.50, None, "right", "shape"),  # a weak label does not count
    ([(x, y, 0.0) for x, y, _ in RIGHT_PALM], "left", 0.97, None, "left", "model"),  # flat: the label alone
    ([(x, y, 0.0) for x, y, _ in RIGHT_PALM], "left", 0.50, None, "unsure", "cues disagree"),
    (RIGHT_PALM, "left", 0.97, "right", "right", "body+shape"),  # the body and the shape outvote the label
    (RIGHT_PALM, "left", 0.97, "left", "left", "body+model"),  # the body and the label outvote the shape
    ([(x, y, 0.0) for x, y, _ in RIGHT_PALM], "right", 0.5, "left", "left", "body"),
    (RIGHT_PALM, "right", 0.97, "left", "unsure", "cues disagree"),  # label and shape both contradict the body
])
def test_read_side(hand, model, score, body, side, basis):
    assert tuple(read_side(hand, model, score, body)) == (side, basis)
