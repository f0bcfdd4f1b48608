"""The hand's little-finger edge on a picture, on pictures drawn by code: where it is found, and when not."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from acupress.core.hand_edge import best_step, palm_colour, si3_spot
from acupress.core.locate import hand_frame
from tests.core.test_locate_geometry import upright_right_palm

SKIN = (205.0, 160.0, 140.0)
WHITE, SUIT, WALL, SKIN_LIKE = (250.0, 250.0, 250.0), (30.0, 30.0, 40.0), (150.0, 170.0, 200.0), (200.0, 158.0, 141.0)
HAND = upright_right_palm(100.0, dx=300.0, dy=400.0)  # little finger on the left, so "outward" is to the left


def picture(edge_x: float, background, blur: float = 0.0, size: tuple[float, float] = (600.0, 600.0)):
    """A hand filling everything right of x = edge_x, on a plain background; the edge blurred over `blur` px.
    The skin has a faint, fixed texture, as skin does."""

    def colour_at(x: float, y: float):
        if not (0 <= x < size[0] and 0 <= y < size[1]):
            return None
        skin_share = min(max((x - edge_x) / blur + 0.5, 0.0), 1.0) if blur else float(x >= edge_x)
        texture = 6.0 * math.sin(0.7 * x) * math.cos(0.9 * y)
        return tuple(s * skin_share + b * (1 - skin_share) + texture * skin_share for s, b in zip(SKIN, background, strict=True))

    return colour_at


def edge_share(locator, edge_x: float) -> float:
    """Where the edge x = edge_x lies along the search line, in hand sizes out from the hand's axis."""
    frame = hand_frame(HAND, locator)
    base = frame.place(float(locator["along"]), 0.0)
    return (edge_x - base[0]) / (frame.size * frame.outward[0])


@pytest.mark.parametrize(("background", "blur", "edge_x"), [
    (WHITE, 0.0, 246.0),   # a hand on a white sheet
    (SUIT, 3.0, 246.0),    # against a dark suit, slightly out of focus
    (WALL, 6.0, 240.0),    # a blue-grey wall, blurred, a broader hand
    (WHITE, 0.0, 256.0),   # a slim hand: the edge just outside the knuckle
])
def test_the_edge_is_found_where_the_skin_ends_and_si3_sits_just_inside_it(kb, background, blur, edge_x):
    locator = kb.points["SI3"].locator
    spot = si3_spot(HAND, locator, picture(edge_x, background, blur))
    assert spot.edge == pytest.approx(edge_share(locator, edge_x), abs=0.015), "within a sample or two of the true edge"
    assert spot.frame.measure(spot.point)[1] == pytest.approx(spot.edge - locator["inset"])
    assert spot.point[0] > edge_x - 1, "never outside the hand"


@pytest.mark.parametrize(("background", "edge_x", "why"), [
    (SKIN_LIKE, 246.0, "a background as skin-coloured as the palm: no clear step"),
    (WHITE, 215.0, "the only step lies further out than any hand's edge"),
    (WHITE, 400.0, "the step lies inside the palm (the landmarks are off)"),
])
def test_without_a_clear_edge_the_landmarks_alone_place_si3(kb, background, edge_x, why):
    locator = kb.points["SI3"].locator
    spot = si3_spot(HAND, locator, picture(edge_x, background))
    assert spot.edge is None, why
    assert spot.frame.measure(spot.point) == pytest.approx((locator["along"], locator["outward"]))


def test_without_a_picture_or_off_it_the_landmarks_alone_place_si3(kb):
    locator = kb.points["SI3"].locator
    assert si3_spot(HAND, locator, None).edge is None
    off_the_photo = picture(246.0, WHITE, size=(100.0, 100.0))  # the hand lies beyond this small picture
    assert palm_colour(HAND, off_the_photo) is None
    assert si3_spot(HAND, locator, off_the_photo).edge is None


def test_the_edge_search_stops_at_the_photos_border(kb):
    """A hand cut by the photo's left border, just past its edge: only the samples on the photo count."""
    locator = kb.points["SI3"].locator
    whole = picture(246.0, WHITE)
    cut = si3_spot(HAND, locator, lambda x, y: whole(x, y) if x >= 240.0 else None)
    assert cut.edge == pytest.approx(si3_spot(HAND, locator, whole).edge, abs=0.015)


@settings(max_examples=40, deadline=None)
@given(scale=st.floats(0.4, 8.0), angle=st.floats(0, 2 * math.pi), mirrored=st.booleans())
def test_the_edge_moves_with_the_hand_and_the_picture(kb, scale, angle, mirrored):
    """Turn, scale or mirror the hand and its picture together: the edge is found at the same share."""
    locator = kb.points["SI3"].locator
    cos, sin, flip = math.cos(angle), math.sin(angle), -1.0 if mirrored else 1.0
    centre = (300.0, 400.0)

    def move(p):
        x, y = flip * (p[0] - centre[0]), p[1] - centre[1]
        return (scale * (x * cos - y * sin) + 5000.0, scale * (x * sin + y * cos) + 5000.0)

    def back(q):
        x, y = (q[0] - 5000.0) / scale, (q[1] - 5000.0) / scale
        return (flip * (x * cos + y * sin) + centre[0], -x * sin + y * cos + centre[1])

    plain = picture(246.0, SUIT, blur=2.0)
    moved = si3_spot([move(p) for p in HAND], locator, lambda x, y: plain(*back((x, y))))
    assert moved.edge == pytest.approx(si3_spot(HAND, locator, plain).edge, abs=1e-6)


@pytest.mark.parametrize(("values", "contrast", "split"), [
    ([0.0] * 10 + [5.0] * 10, 2.0, 9.5),            # a clean step halfway
    ([1.0, 0.8, 1.2, 0.9] * 3 + [9.0] * 4, 2.0, 11.5),  # noisy near part, a late step
    ([0.0] * 10 + [1.5] * 10, 2.0, None),           # a step smaller than the contrast asked for
    ([5.0] * 10 + [0.0] * 10, 2.0, None),           # far part nearer the palm's colour: not an edge
    ([3.0] * 20, 2.0, None),                        # no step at all
    ([0.0] * 3 + [5.0] * 3, 2.0, None),             # too few samples to trust
])
def test_best_step(values, contrast, split):
    profile = [(float(i), v) for i, v in enumerate(values)]
    assert best_step(profile, contrast) == split


def test_the_palms_colour_is_its_mean_and_distances_are_in_its_own_spread():
    palm = palm_colour(HAND, picture(246.0, WHITE))
    assert palm is not None
    assert palm.mean == pytest.approx(SKIN, abs=2.0)
    assert palm.distance(palm.mean) == 0.0
    assert palm.distance(WHITE) > 5 * palm.distance((210.0, 165.0, 145.0))
