"""Pure geometry of the locators, on hands drawn by hand (no images)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acupress.core.locate import distance, hand_size, ki3_assisted, ki3_from_pose, si3_from_hand


def upright_right_palm(scale: float = 100.0, dx: float = 0.0, dy: float = 0.0) -> list[tuple[float, float]]:
    """21 landmarks of a palm facing the camera, fingers up, little finger on the left."""
    points = [(0.0, 0.0)] * 21
    points[0] = (0.0, 0.0)      # wrist (y grows downward in images, so fingers have negative y)
    points[5] = (0.35, -0.9)    # index knuckle
    points[9] = (0.05, -1.0)    # middle knuckle
    points[13] = (-0.2, -0.95)  # ring knuckle
    points[17] = (-0.42, -0.85)  # little-finger knuckle
    return [(x * scale + dx, y * scale + dy) for x, y in points]


def test_si3_is_toward_the_wrist_and_out_to_the_edge(kb):
    hand = upright_right_palm()
    x, y = si3_from_hand(hand, kb.points["SI3"].locator)
    assert y > hand[17][1], "closer to the wrist than the knuckle"
    assert x < hand[17][0], "outside the knuckle, on the little-finger edge"
    assert 8 < distance((x, y), hand[17]) < 25


@given(scale=st.floats(20, 2000), dx=st.floats(-5000, 5000), dy=st.floats(-5000, 5000), angle=st.floats(0, 2 * math.pi))
def test_si3_moves_with_the_hand(kb, scale, dx, dy, angle):
    """Scale, shift or turn the hand: SI3 scales, shifts and turns with it."""
    locator = kb.points["SI3"].locator
    base = upright_right_palm(1.0)
    cos, sin = math.cos(angle), math.sin(angle)

    def move(p):
        return (scale * (p[0] * cos - p[1] * sin) + dx, scale * (p[0] * sin + p[1] * cos) + dy)

    expected = move(si3_from_hand(base, locator))
    actual = si3_from_hand([move(p) for p in base], locator)
    assert distance(expected, actual) < 1e-6 * scale + 1e-6
    assert hand_size([move(p) for p in base], locator) == pytest.approx(scale * hand_size(base, locator))


def test_ki3_assisted_is_halfway(kb):
    assert ki3_assisted((10, 20), (30, 24), kb.points["KI3"].locator) == (20, 22)


def test_ki3_from_pose_goes_behind_the_ankle(kb):
    ankle, heel, toes = (100.0, 100.0), (80.0, 130.0), (180.0, 135.0)  # foot pointing right
    x, y = ki3_from_pose(ankle, heel, toes, kb.points["KI3"].locator)
    assert x < ankle[0], "toward the heel side"
    assert abs(y - ankle[1]) < 5, "about level with the ankle"
