"""Build static/vendor/models/hand_landmarker.task for the live camera page.

The browser's @mediapipe/tasks-vision needs a model bundle, and nothing may be
downloaded: we assemble it from the model files that the mediapipe==0.10.21
Python package ships. The bundle is a zip with stored (not deflated) entries:
  hand_detector.tflite           = palm_detection/palm_detection_full.tflite
  hand_landmarks_detector.tflite = hand_landmark/hand_landmark_full.tflite
Run: python scripts/build_hand_bundle.py (does nothing if mediapipe is missing).
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "src/acupress/web/static/vendor/models/hand_landmarker.task"
ENTRIES = {
    "hand_detector.tflite": "modules/palm_detection/palm_detection_full.tflite",
    "hand_landmarks_detector.tflite": "modules/hand_landmark/hand_landmark_full.tflite",
}


def main() -> int:
    spec = importlib.util.find_spec("mediapipe")
    if spec is None or spec.origin is None:
        print("mediapipe is not installed: the live camera stays off (./run vision)", file=sys.stderr)
        return 0
    package = Path(spec.origin).parent
    sources = {name: package / relative for name, relative in ENTRIES.items()}
    newest = max(path.stat().st_mtime for path in sources.values())
    if TARGET.exists() and TARGET.stat().st_mtime >= newest:
        return 0
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    partial = TARGET.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as bundle:
        for name, path in sources.items():
            bundle.write(path, arcname=name)
    partial.replace(TARGET)
    print(f"built {TARGET.relative_to(Path.cwd()) if TARGET.is_relative_to(Path.cwd()) else TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
