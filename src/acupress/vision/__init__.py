"""The point locator: SI3 and KI3 on a person's own photo.

Needs MediaPipe 0.10.21 (its legacy solutions ship their models) and OpenCV:
`./run serve` installs them with the app. For library users it stays an
optional extra: pip install --no-deps mediapipe==0.10.21 && pip install 'acupress[vision]'
"""

from __future__ import annotations

from acupress.errors import FeatureUnavailable

# Words for a person, never a command: whoever runs the app installs it (./run serve does).
UNAVAILABLE = ("The photo locator is not installed on this computer, so photos cannot be marked here. "
               "Everything else in acupress works without it, and each point's page says how to find it by touch.")


def require_vision() -> None:
    """Fail with a plain sentence when the locator's packages are missing."""
    try:
        import cv2  # noqa: F401
        import mediapipe  # noqa: F401
        import PIL  # noqa: F401
    except ImportError:
        raise FeatureUnavailable(UNAVAILABLE, field="vision") from None
