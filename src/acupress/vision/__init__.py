"""The point locator (optional extra): SI3 and KI3 on a person's own photo.

Needs MediaPipe 0.10.21 (its legacy solutions ship their models) and OpenCV.
Install: pip install --no-deps mediapipe==0.10.21 && pip install 'acupress[vision]'
"""

from __future__ import annotations

from acupress.errors import FeatureUnavailable

INSTALL_HINT = "pip install --no-deps mediapipe==0.10.21 && pip install 'acupress[vision]' (or ./run vision)"


def require_vision() -> None:
    """Fail with a clear message when the vision extra is missing."""
    try:
        import cv2  # noqa: F401
        import mediapipe  # noqa: F401
        import PIL  # noqa: F401
    except ImportError as error:
        raise FeatureUnavailable(f"the photo locator is not installed ({error.name} is missing); install it with: {INSTALL_HINT}",
                                 field="vision") from None
