"""MediaPipe models, loaded once per process (they take a while to start)."""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any

# MediaPipe's C++ side logs to stderr at start; people need none of it.
os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

_lock = threading.Lock()  # MediaPipe graphs are not safe to call from two threads at once


@lru_cache(maxsize=1)
def hands_model() -> Any:
    import mediapipe as mp

    # model_complexity=1 is hand_landmark_full, which the package ships (nothing is downloaded).
    return mp.solutions.hands.Hands(static_image_mode=True, max_num_hands=4, model_complexity=1,
                                    min_detection_confidence=0.5)


@lru_cache(maxsize=1)
def pose_model() -> Any:
    import mediapipe as mp

    # model_complexity=1 is pose_landmark_full, shipped with the package; 2 would need a download.
    return mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1, min_detection_confidence=0.5)


def run_hands(rgb: Any) -> Any:
    with _lock:
        return hands_model().process(rgb)


def run_pose(rgb: Any) -> Any:
    with _lock:
        return pose_model().process(rgb)
