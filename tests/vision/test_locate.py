"""The locator on real photos with real MediaPipe models: accuracy against two raters, sides, unread hands."""

from __future__ import annotations

import io
import json

import pytest
from PIL import Image, ImageFilter

from acupress.errors import InvalidInput
from acupress.knowledge import load_knowledge
from acupress.vision import messages, models
from acupress.vision.evaluate import main, measure, summary
from acupress.vision.fit import leave_one_photo_out
from acupress.vision.labels import load_labels
from acupress.vision.locate import locate
from tests.helpers import PHOTOS, ROOT

KB = load_knowledge()
RATERS = PHOTOS / "si3_two_raters.json"
OLD_LABELS = ROOT / "tests" / "data" / "si3_labels.json"


@pytest.fixture(scope="module")
def rows():
    hands, folder = load_labels(RATERS)
    return measure(hands, folder)


def test_si3_is_about_as_close_to_the_raters_as_they_are_to_each_other(rows):
    """A regression guard on the two raters' marks (docs/locator.md has the figures)."""
    report = summary(rows)
    assert report["labels"] == 17 and report["found"] >= 16  # today 16: one hand only one rater could place
    both = report["both_raters"]
    assert both["hands"] >= 15
    assert both["error_to_mean"] <= both["raters_gap"]  # today 0.115, the raters 0.123 apart
    assert both["median_error_to_mean"] <= 0.10  # today 0.085
    assert max(both["error_to_rater"]) <= 0.15  # today 0.138 and 0.135


@pytest.fixture(scope="module")
def lopo(rows):
    return leave_one_photo_out(rows)


def test_on_photos_it_never_saw_the_error_stays_near_the_raters_disagreement(lopo):
    """Leave one photo out: fit the numbers on the others, measure on it."""
    assert lopo["hands_both_raters"] >= 15
    assert lopo["mean_to_mean"] <= 0.115  # today 0.109, the raters 0.123 apart; before the closer look 0.121
    assert lopo["median_to_mean"] <= 0.095  # today 0.084 (0.104 before the closer look)
    assert max(lopo["mean_to_rater1"], lopo["mean_to_rater2"]) <= 0.145  # today 0.123 and 0.139


def test_the_hands_edge_on_the_photo_brings_si3_closer_than_landmarks_alone(rows, lopo):
    alone = leave_one_photo_out(rows, edges=False)
    assert lopo["mean_to_mean"] <= alone["mean_to_mean"] - 0.005  # today 0.109 against 0.116
    assert lopo["median_to_mean"] <= alone["median_to_mean"]  # today 0.084 against 0.084
    assert sum(1 for row in rows if row.found and row.found.extra["edge"] is not None) >= 12  # today 14 of 16


def test_points_yaml_holds_the_fitted_numbers_and_the_measured_zones(lopo):
    si3 = KB.points["SI3"].locator
    for name in ("along", "inset", "outward"):
        assert abs(lopo[name] - si3[name]) <= 0.011, f"points.yaml holds the {name} fitted on all photos"
    assert abs(lopo["zone"]["ok"]["p80"] - si3["zone_radius"]) <= 0.03, "the zone's radius is the measured error"
    # Hands read roughly (end-on, at the photo's edge) are too few here (3) for a percentile:
    # their zone is about twice as wide, which held 2 of the 3 (docs/locator.md).
    assert si3["rough_zone_radius"] >= 1.5 * si3["zone_radius"] - 0.005
    # The live camera reads each frame once, like a photo before the closer look (whose zone measured 0.21).
    assert si3["live_zone_radius"] >= si3["zone_radius"] + 0.05
    assert lopo["zone"]["rough"]["n"] >= 3 and lopo["zone"]["rough"]["mean"] > lopo["zone"]["ok"]["mean"]


def test_no_point_from_a_photo_claims_certainty(rows):
    """The model can be sure it sees a hand (score 1.0); the spot it leads to is never 100 %."""
    found = [row.found for row in rows if row.found is not None]
    assert found and max(point.confidence for point in found) <= 0.95


def test_a_photo_with_more_hands_than_are_read_at_once_says_so(photo_bytes):
    """Four copies of a photo of two hands: more hands than one look reads; the person is told, not left guessing."""
    import io

    from PIL import Image

    pair = Image.open(io.BytesIO(photo_bytes("hands_0.jpg"))).convert("RGB")
    sheet = Image.new("RGB", (2 * pair.width, 2 * pair.height))
    for x, y in ((0, 0), (1, 0), (0, 1), (1, 1)):
        sheet.paste(pair, (x * pair.width, y * pair.height))
    buffer = io.BytesIO()
    sheet.save(buffer, "JPEG", quality=92)
    many, _ = locate(buffer.getvalue(), KB, point="SI3")
    assert messages.MAYBE_MORE in many.messages
    for name in ("hands_0.jpg", "hands_5.jpg"):  # two hands; a sheet of exactly six
        located, _ = locate(photo_bytes(name), KB, point="SI3")
        assert messages.MAYBE_MORE not in located.messages, name


def test_a_hand_at_the_photos_edge_is_flagged_with_a_wider_zone(photo_bytes):
    located, _ = locate(photo_bytes("hands_10.jpg"), KB, point="SI3")
    (cut,) = [p for p in located.points if p.extra["reading"] == "at_edge"]
    assert cut.y > 400 and cut.confidence <= 0.3  # the hand at the bottom of the picture
    assert messages.at_edge(cut.side) in located.messages
    (whole,) = [p for p in located.points if p is not cut]
    assert whole.extra["reading"] == "ok" and messages.at_edge(whole.side) not in located.messages
    share = KB.points["SI3"].locator["rough_zone_radius"]
    assert cut.extra["zone_radius"] >= share * cut.extra["hand_size"] - 0.1


def test_no_side_is_wrong_where_both_raters_agree(rows):
    report = summary(rows)
    assert report["side_right"] + report["side_unsure"] == report["side_checked"]


def test_the_older_one_rater_labels_still_evaluate(capsys):
    assert main([str(OLD_LABELS), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["labels"] == 15 and report["found"] >= 14
    assert main([str(ROOT / "README.md")]) == 2
    assert "error: LABELS" in capsys.readouterr().err


def test_every_hand_on_the_sheet_of_six_is_found_and_the_left_palm_is_called_left(photo_bytes):
    located, _ = locate(photo_bytes("hands_5.jpg"), KB, point="SI3")
    assert len(located.points) == 6
    assert all(0 <= p.x < 441 and 0 <= p.y < 351 for p in located.points)
    top_middle = min(located.points, key=lambda p: abs(p.x - 211) + abs(p.y - 138))
    assert top_middle.side == "left"
    assert sorted(p.side for p in located.points) == ["left"] + ["right"] * 5


def test_each_point_comes_with_its_zone_its_hand_frame_and_the_edge_it_found(photo_bytes):
    located, _ = locate(photo_bytes("hands_0.jpg"), KB, point="SI3")
    locator = KB.points["SI3"].locator
    for found in located.points:
        frame = found.extra["frame"]
        assert found.extra["reading"] == "ok"
        assert found.extra["zone_radius"] == pytest.approx(locator["zone_radius"] * frame["size"], abs=0.2)
        assert locator["edge_min"] <= found.extra["edge"] <= locator["edge_max"], "both palms stand out against the wall"
        assert messages.ZONE in located.messages


def test_a_hand_the_body_shows_but_the_hand_model_cannot_read_is_counted():
    photo = Image.open(PHOTOS / "hands_0.jpg").convert("RGB")
    box = (20, 200, 130, 320)  # the person's right hand, blurred beyond reading
    photo.paste(photo.crop(box).filter(ImageFilter.GaussianBlur(12)), box)
    data = io.BytesIO()
    photo.save(data, "JPEG")
    located, _ = locate(data.getvalue(), KB, point="SI3")
    assert [p.side for p in located.points] == ["left"]
    assert located.hands_unread == 1 and messages.unread(1) in located.messages
    assert located.to_dict()["hands"] == {"read": 1, "unread": 1}


def test_no_hand_says_what_photo_to_take():
    blank = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 220, 240)).save(blank, "PNG")
    located, _ = locate(blank.getvalue(), KB, point="all")
    assert located.points == []
    assert messages.NO_HAND in located.messages and messages.NO_FEET in located.messages
    assert located.asks == ["ankle_marks"]


def test_ki3_alone_on_a_hand_photo_asks_for_the_marks(photo_bytes):
    located, _ = locate(photo_bytes("hands_0.jpg"), KB, point="KI3")
    assert located.points == [] and located.messages == [messages.NO_FEET] and located.asks == ["ankle_marks"]


def test_both_on_a_hand_photo_shows_only_what_fits_a_hand(photo_bytes):
    located, _ = locate(photo_bytes("hands_0.jpg"), KB, point="all")
    assert {p.id for p in located.points} == {"SI3"}
    assert messages.HAND_NOT_ANKLE in located.messages and messages.NO_FEET not in located.messages
    assert located.asks == []


def test_assisted_ki3_is_the_persons_judgement_never_certainty():
    photo = io.BytesIO()
    Image.new("RGB", (800, 600), (210, 180, 160)).save(photo, "JPEG")
    located, _ = locate(photo.getvalue(), KB, point="KI3", ankle_bone=(300, 300), tendon=(420, 310), side="left")
    (ki3,) = located.points
    assert (round(ki3.x), round(ki3.y), ki3.side, ki3.method) == (360, 305, "left", "assisted")
    assert ki3.confidence == 0.5 and located.messages == [messages.ASSISTED]
    assert ki3.extra["zone_radius"] == pytest.approx(0.3 * 120.4, abs=0.1)


@pytest.mark.parametrize(("photo", "bone", "tendon", "doubt"), [
    ("hands_closeup.jpg", (500, 300), (503, 301), messages.MARKS["too_close"]),  # two taps on one key
    ("hands_closeup.jpg", (5, 5), (955, 630), messages.MARKS["too_far"]),
    ("hands_closeup.jpg", (700, 300), (780, 330), messages.MARKS_ON_A_HAND),  # taps on the typing hand
])
def test_assisted_ki3_says_what_it_could_check(photo_bytes, photo, bone, tendon, doubt):
    located, _ = locate(photo_bytes(photo), KB, point="KI3", ankle_bone=bone, tendon=tendon)
    (ki3,) = located.points
    assert ki3.confidence < 0.5 and doubt in located.messages and messages.ASSISTED in located.messages


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"point": "LI4"}, "point"),
    ({"ankle_bone": (1, 1)}, "tendon"),
    ({"ankle_bone": (1, 1), "tendon": (5000, 1)}, "tendon"),
])
def test_bad_locator_arguments(photo_bytes, kwargs, field):
    with pytest.raises(InvalidInput) as caught:
        locate(photo_bytes("hands_0.jpg"), KB, **kwargs)
    assert caught.value.field == field


def test_models_are_loaded_once(photo_bytes):
    locate(photo_bytes("hands_0.jpg"), KB, point="SI3")
    locate(photo_bytes("hands_2.jpg"), KB, point="SI3")
    assert models.hands_model.cache_info().misses <= 1
    assert models.hands_model.cache_info().hits >= 1
