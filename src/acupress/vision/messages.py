"""What the locator tells a person, in words that fit any interface.

No command-line flags and no "tap" or "click" here: the CLI and the web page
add their own way of doing the next step (see `Located.asks`).
"""

from __future__ import annotations

NO_HAND = ("No hand found. Take the photo in good light with your whole hand in the picture, "
           "fingers spread and the little-finger edge visible, filling about a third of the frame.")
ZONE = ("The circle shows where SI3 most likely is. Press within it, along the little-finger edge, until you "
        "find a slightly tender hollow: that is your spot. A photo cannot place the point exactly: on the photos "
        "acupress was tested on, about 3 in 4 of the spots careful people marked fell inside such a circle, so "
        "yours may also lie just outside it.")
MAYBE_MORE = ("This photo may show more hands than acupress reads at once (six), and some may have been left "
              "out. For the best result, take a photo of one or two hands.")
SIDE_UNSURE = ("For a hand marked \"side unsure\", acupress cannot tell whether it sees the palm of one hand or "
               "the back of the other. Check which hand it is before you save the spot.")
NO_FEET = ("No foot is visible clearly enough to place KI3. A close-up of the inside of your ankle works best; "
           "on it, mark the inner ankle bone and then the Achilles tendon, and KI3 is placed between them.")
HAND_NOT_ANKLE = "This photo shows a hand, so only SI3 is marked. For KI3, use a photo of the inside of your ankle."
INNER_OR_OUTER = ("A photo of the whole body cannot show whether you see the inner or the outer ankle. KI3 is on the "
                  "inner side, between the ankle bone and the tendon: check with your fingers.")
ASSISTED = ("KI3 is placed between your two marks. acupress cannot see whether they sit on the inner ankle bone "
            "and the Achilles tendon: that is your judgement. Feel for the soft hollow within the circle.")
MARKS = {
    "too_close": ("Your two marks are almost on top of each other. The ankle bone and the tendon are a few "
                  "finger-widths apart: mark each of them again."),
    "too_far": ("Your two marks are very far apart for one ankle. Mark the highest point of the inner ankle bone, "
                "then the tendon just behind it."),
}
MARKS_ON_A_HAND = "This photo seems to show a hand where you marked, not an ankle. Check that it is the right photo."
MARKS_AWAY_FROM_FEET = "Your marks are not near the ankles acupress can see in this photo. Check where you marked."


def end_on(side: str | None) -> str:
    return f"{_which(side)} is small or seen at a steep angle, so SI3 may be off. Hold the hand flat toward the camera and closer."


def at_edge(side: str | None) -> str:
    return (f"{_which(side)} is at the edge of the photo, so SI3 may be off and its circle is wider. "
            "Take the photo with the whole hand and wrist inside the picture.")


def _which(side: str | None) -> str:
    return f"The {side} hand" if side in ("left", "right") else "One hand"


ROUGH_READING = {"end_on": end_on, "at_edge": at_edge}  # what to say about a hand read roughly


def unread(count: int, any_read: bool = True) -> str:
    more = " more" if any_read else ""
    hands = f"1{more} hand" if count == 1 else f"{count}{more} hands"
    return (f"{hands} could not be read: try a flatter, closer photo of each hand, "
            "with the little-finger edge in view.")
