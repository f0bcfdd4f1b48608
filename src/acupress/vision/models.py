"""MediaPipe models, loaded once per process (they take a while to start).

MediaPipe's C++ side and TensorFlow Lite print start-up lines straight to the
process's stderr (file descriptor 2, out of Python's reach) the first time
each model runs: "Created TensorFlow Lite XNNPACK delegate", "Feedback
manager requires...". People need none of it, so until a model has produced
its first result its calls run with descriptor 2 pointed at /dev/null.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

os.environ.setdefault("GLOG_minloglevel", "2")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

MAX_HANDS = 6
SECOND_LOOK_CONFIDENCE = 0.3

_lock = threading.Lock()  # MediaPipe graphs are not safe to call from two threads at once
_settled: set[str] = set()  # models that have printed their start-up lines already


@contextlib.contextmanager
def _quiet_native_stderr(name: str) -> Iterator[None]:
    if name in _settled:
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(os.devnull, "w") as sink:
            os.dup2(sink.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


@lru_cache(maxsize=1)
def hands_model() -> Any:
    import mediapipe as mp

    # model_complexity=1 is hand_landmark_full, which the package ships (nothing is downloaded).
    return mp.solutions.hands.Hands(static_image_mode=True, max_num_hands=MAX_HANDS, model_complexity=1,
                                    min_detection_confidence=0.5)


@lru_cache(maxsize=1)
def second_look_model() -> Any:
    """The lite palm detector finds some hands the full one misses (crowded or small); shipped too."""
    import mediapipe as mp

    # One more than the full look, so that a photo with more hands than are read at once shows it.
    return mp.solutions.hands.Hands(static_image_mode=True, max_num_hands=MAX_HANDS + 1, model_complexity=0,
                                    min_detection_confidence=SECOND_LOOK_CONFIDENCE)


@lru_cache(maxsize=1)
def pose_model() -> Any:
    import mediapipe as mp

    # model_complexity=1 is pose_landmark_full, shipped with the package; 2 would need a download.
    return mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1, min_detection_confidence=0.5)


def _run(name: str, model: Any, rgb: Any, found: str) -> Any:
    with _lock, _quiet_native_stderr(name):
        output = model().process(rgb)
        if getattr(output, found) is not None:  # every part of the graph has now started
            _settled.add(name)
        return output


def run_hands(rgb: Any) -> Any:
    return _run("hands", hands_model, rgb, "multi_hand_landmarks")


def run_second_look(rgb: Any) -> Any:
    return _run("second_look", second_look_model, rgb, "multi_hand_landmarks")


def run_pose(rgb: Any) -> Any:
    return _run("pose", pose_model, rgb, "pose_landmarks")
