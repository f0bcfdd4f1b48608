"""Build the live camera page's model bundles in static/vendor/models/.

The browser's @mediapipe/tasks-vision needs model bundles, and nothing may be
downloaded: we assemble them from the model files that the mediapipe==0.10.21
Python package ships. A bundle is a zip with stored (not deflated) entries
hand_detector.tflite and hand_landmarks_detector.tflite:
  hand_landmarker.task       palm_detection_full + hand_landmark_full (photos: the models Python uses)
  hand_landmarker_live.task  palm_detection_full + hand_landmark_lite (camera: about twice as fast)
(The lite palm detector lacks the input metadata the Tasks API needs, so both use the full one.)
Run: python scripts/build_hand_bundle.py (does nothing if mediapipe is missing).
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

MODELS = Path(__file__).resolve().parent.parent / "src/acupress/web/static/vendor/models"
DETECTOR = "modules/palm_detection/palm_detection_full.tflite"
BUNDLES = {
    "hand_landmarker.task": {"hand_detector.tflite": DETECTOR,
                             "hand_landmarks_detector.tflite": "modules/hand_landmark/hand_landmark_full.tflite"},
    "hand_landmarker_live.task": {"hand_detector.tflite": DETECTOR,
                                  "hand_landmarks_detector.tflite": "modules/hand_landmark/hand_landmark_lite.tflite"},
}


def build(target: Path, package: Path, entries: dict[str, str]) -> None:
    sources = {name: package / relative for name, relative in entries.items()}
    newest = max(path.stat().st_mtime for path in sources.values())
    if target.exists() and target.stat().st_mtime >= newest:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_STORED) as bundle:
        for name, path in sources.items():
            bundle.write(path, arcname=name)
    partial.replace(target)
    print(f"built {target.name}")


def main() -> int:
    spec = importlib.util.find_spec("mediapipe")
    if spec is None or spec.origin is None:
        print("mediapipe is not installed: the live camera stays off (./run serve installs it)", file=sys.stderr)
        return 0
    package = Path(spec.origin).parent
    for name, entries in BUNDLES.items():
        build(MODELS / name, package, entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
