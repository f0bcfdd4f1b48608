// The live camera's hand model, off the page's main thread: the page keeps drawing the
// camera while the next frame is analysed, so landmarks keep pace with the camera.
// A classic worker (not a module one): MediaPipe's loader needs importScripts.
"use strict";
let ready = null;

async function load(model) {
  const { FilesetResolver, HandLandmarker } = await import("/static/vendor/tasks-vision/vision_bundle.mjs");
  const files = await FilesetResolver.forVisionTasks("/static/vendor/tasks-vision/wasm");
  return HandLandmarker.createFromOptions(files, {
    baseOptions: { modelAssetPath: model, delegate: "CPU" }, runningMode: "VIDEO", numHands: 1 });
}

self.onmessage = async (event) => {
  const { model, frame, time } = event.data;
  if (model) {
    ready = load(model);
    try { await ready; self.postMessage({ ready: true }); } catch (error) { self.postMessage({ failed: String(error) }); }
    return;
  }
  const detector = await ready;
  const begin = performance.now();
  const found = detector.detectForVideo(frame, time);
  const ms = performance.now() - begin;
  // The frame goes back with its landmarks: the page reads a few pixels of it to find the hand's edge.
  self.postMessage({ landmarks: found.landmarks, handedness: found.handedness, ms, frame }, [frame]);
};
