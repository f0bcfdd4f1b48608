"""Pure geometry of the locators, on hands drawn by hand (no images)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acupress.core.locate import (
    ankle_frame,
    ankle_marks_problem,
    distance,
    hand_frame,
    hand_problem,
    hand_reading,
    hand_size,
    ki3_assisted,
    ki3_from_pose,
    parse_mark,
    si3_from_hand,
    zone_radius,
)
from acupress.errors import InvalidInput


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


def test_the_frame_runs_along_the_hand_and_out_past_the_little_finger(kb):
    frame = hand_frame(upright_right_palm(), kb.points["SI3"].locator)
    assert frame.origin == (-42.0, -85.0) and frame.size == pytest.approx(100.0, rel=0.01)
    assert frame.along[1] > 0.99, "toward the wrist, down the picture"
    assert frame.outward[0] < -0.99, "away from the index finger, to the left here"


@given(scale=st.floats(20, 2000), dx=st.floats(-5000, 5000), dy=st.floats(-5000, 5000), angle=st.floats(0, 2 * math.pi),
       mirrored=st.booleans())
def test_si3_moves_with_the_hand(kb, scale, dx, dy, angle, mirrored):
    """Scale, shift, turn or mirror the hand (a left hand): SI3 scales, shifts, turns and mirrors with it."""
    locator = kb.points["SI3"].locator
    base = upright_right_palm(1.0)
    cos, sin = math.cos(angle), math.sin(angle)

    def move(p):
        x = -p[0] if mirrored else p[0]
        return (scale * (x * cos - p[1] * sin) + dx, scale * (x * sin + p[1] * cos) + dy)

    expected = move(si3_from_hand(base, locator))
    actual = si3_from_hand([move(p) for p in base], locator)
    assert distance(expected, actual) < 1e-6 * scale + 1e-6
    assert hand_size([move(p) for p in base], locator) == pytest.approx(scale * hand_size(base, locator))


@given(along=st.floats(-1, 1), outward=st.floats(-1, 1), scale=st.floats(10, 3000), angle=st.floats(0, 2 * math.pi))
def test_a_confirmed_spot_comes_back_where_it_was_put(kb, along, outward, scale, angle):
    """Saving a spot measures it in the hand's frame; placing it on the same hand gives the same pixel."""
    cos, sin = math.cos(angle), math.sin(angle)
    hand = [(scale * (x * cos - y * sin), scale * (x * sin + y * cos)) for x, y in upright_right_palm(1.0)]
    frame = hand_frame(hand, kb.points["SI3"].locator)
    assert frame.measure(frame.place(along, outward)) == pytest.approx((along, outward), abs=1e-9)


def test_zone_grows_with_the_hand_but_never_vanishes(kb):
    locator = kb.points["SI3"].locator
    big, tiny = upright_right_palm(400.0), upright_right_palm(5.0)
    assert zone_radius(big, locator) == pytest.approx(400 * locator["zone_radius"], rel=0.01)
    assert zone_radius(tiny, locator) == locator["zone_min_px"]


@pytest.mark.parametrize(("squash", "reading", "unit"), [
    (1.0, "ok", 100.0),        # a flat hand: its length (wrist to middle knuckle) is the larger
    (0.3, "end_on", 77.0),     # seen end-on: short, but its knuckles are as wide as ever
    (1.0, "at_edge", 100.0),   # at the photo's edge: the wider zone for a rough reading
])
def test_the_zone_follows_the_hands_larger_dimension_and_widens_when_read_roughly(kb, squash, reading, unit):
    locator = kb.points["SI3"].locator
    hand = [(x, y * squash) for x, y in upright_right_palm(100.0)]
    share = locator["zone_radius"] if reading == "ok" else locator["rough_zone_radius"]
    assert zone_radius(hand, locator, reading) == pytest.approx(share * unit, rel=0.01)
    assert locator["rough_zone_radius"] > locator["zone_radius"]


@pytest.mark.parametrize(("scale", "squash", "problem"), [
    (100.0, 1.0, None),        # a flat hand, well in view
    (8.0, 1.0, "too_small"),   # a few pixels: nothing to read
    (100.0, 0.2, "end_on"),    # wrist to knuckle short next to the knuckles' width: seen end-on
])
def test_hand_problems(kb, scale, squash, problem):
    hand = [(x, y * squash) for x, y in upright_right_palm(scale)]
    assert hand_problem(hand, kb.points["SI3"].locator) == problem


@pytest.mark.parametrize(("spot", "reading"), [
    ((500.0, 500.0), "ok"),       # well inside a 1000 x 800 photo
    ((30.0, 500.0), "at_edge"),   # 30 px from the left border: under half a hand size (100 px)
    ((500.0, 760.0), "at_edge"),  # 40 px from the bottom
    ((51.0, 51.0), "ok"),         # just over half a hand size from two borders
])
def test_a_hand_whose_si3_is_near_the_photos_border_is_read_roughly(kb, spot, reading):
    hand = upright_right_palm(100.0, dx=500.0, dy=500.0)
    assert hand_reading(hand, kb.points["SI3"].locator, spot, 1000.0, 800.0) == reading


def test_a_problem_hand_keeps_its_problem_wherever_it_is(kb):
    hand = [(x, y * 0.2) for x, y in upright_right_palm(100.0, dx=500.0, dy=500.0)]
    assert hand_reading(hand, kb.points["SI3"].locator, (10.0, 10.0), 1000.0, 800.0) == "end_on"


def test_ki3_assisted_is_halfway(kb):
    assert ki3_assisted((10, 20), (30, 24), kb.points["KI3"].locator) == pytest.approx((20, 22))


def test_ankle_frame_measures_the_share_of_the_way_to_the_tendon():
    frame = ankle_frame((100.0, 100.0), (160.0, 100.0))
    assert frame.measure((130.0, 100.0)) == pytest.approx((0.5, 0.0))


@given(x1=st.floats(0, 999), y1=st.floats(0, 999), x2=st.floats(0, 999), y2=st.floats(0, 999))
def test_marks_on_top_of_each_other_or_across_the_photo_are_doubted(x1, y1, x2, y2):
    share = distance((x1, y1), (x2, y2)) / math.hypot(1000, 1000)
    problem = ankle_marks_problem((x1, y1), (x2, y2), 1000, 1000)
    assert problem == ("too_close" if share < 0.02 else "too_far" if share > 0.6 else None)


def test_ki3_from_pose_goes_behind_the_ankle(kb):
    ankle, heel, toes = (100.0, 100.0), (80.0, 130.0), (180.0, 135.0)  # foot pointing right
    x, y = ki3_from_pose(ankle, heel, toes, kb.points["KI3"].locator)
    assert x < ankle[0], "toward the heel side"
    assert abs(y - ankle[1]) < 5, "about level with the ankle"


@pytest.mark.parametrize("text", ["12", "a,b", "1,2,3", "nan,4", "inf,2"])
def test_a_mark_must_be_two_finite_numbers(text):
    with pytest.raises(InvalidInput) as caught:
        parse_mark(text, "tendon")
    assert caught.value.field == "tendon"
