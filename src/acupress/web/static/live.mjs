// Live SI3 on the camera picture, fully in the browser (MediaPipe Tasks, WASM).
// The SI3 and side rules read their numbers from the page (the knowledge base), as the
// Python locator does (hand-geometry.mjs mirrors core/locate.py and core/hand_side.py).
// The engine (about 160 KB of script, 13 MB of WASM, 4-8 MB of model) loads only when
// someone asks for it, so the page itself stays light.
import { edgeWindow, handProblem, handReading, readSide, si3Spot, zoneRadius } from "/static/hand-geometry.mjs";
import { attachPause, drawSpots } from "/static/live-spots.mjs";

const ENGINE = "/static/vendor/tasks-vision/vision_bundle.mjs";
// Photos use the same full models as the Python locator; the camera (live-worker.js) uses the lite landmark
// model (same palm detector), about twice as fast, and follows one hand: while it follows
// as many hands as it looks for, it skips the costly palm search on each frame (with two
// allowed and one in view, it searches every frame and runs several times slower).
const PHOTO_MODEL = "/static/vendor/models/hand_landmarker.task";
const LIVE_MODEL = "/static/vendor/models/hand_landmarker_live.task";
const rules = JSON.parse(document.getElementById("locator-data").textContent);
const $ = (id) => document.getElementById(id);
const status = $("live-status");
// The Tasks API labels hands as they are in an ordinary (unmirrored) picture, which is what
// the camera delivers: checked on the test photos (tests/e2e/test_locator_browser.py).
const PERSON_SIDE = { Left: "left", Right: "right" };
const models = {};
let files = null;
const state = { frames: 0, fps: 0, inferMs: 0, spotsMs: 0, lastPoints: [], paused: false, saved: {} };

async function landmarker(kind) {
  if (models[kind]) return models[kind];
  const { FilesetResolver, HandLandmarker } = await import(ENGINE);
  files = files || await FilesetResolver.forVisionTasks("/static/vendor/tasks-vision/wasm");
  models[kind] = await HandLandmarker.createFromOptions(files, kind === "photo"
    ? { baseOptions: { modelAssetPath: PHOTO_MODEL, delegate: "CPU" }, runningMode: "IMAGE", numHands: 6 }
    : { baseOptions: { modelAssetPath: LIVE_MODEL, delegate: "CPU" }, runningMode: "VIDEO", numHands: 1 });
  return models[kind];
}

// SI3 on each hand of a picture: `source` (image, video or bitmap) shows where the hand's edge is;
// `live` for a camera frame (read once, so its zone is the wider live one).
export function toPoints(result, width, height, source, live = false) {
  const found = [];
  result.landmarks.forEach((marks, index) => {
    const points = marks.map((m) => ({ x: m.x * width, y: m.y * height, z: m.z * width }));
    if (handProblem(points, rules.si3) === "too_small") return;
    const label = result.handedness[index][0];
    const pixels = source ? readPixels(source, edgeWindow(points, rules.si3, width, height)) : null;
    const { spot, frame, edge } = si3Spot(points, rules.si3, pixels);
    const reading = handReading(points, rules.si3, spot, width, height);
    found.push({ id: "SI3", x: spot.x, y: spot.y, side: readSide(points, PERSON_SIDE[label.categoryName], label.score, rules.sides),
      confidence: Math.min(label.score, 0.95) * (reading === "ok" ? 1 : 0.3), hand_size: frame.size,  // never certainty (vision/locate.py HIGHEST)
      zone_radius: zoneRadius(points, rules.si3, reading, live), frame, reading, edge });
  });
  return found;
}

// A small window of the picture's pixels (the edge search reads a few hundred of them).
let scratch = null;
function readPixels(source, box) {
  if (!box.width || !box.height) return null;
  scratch = scratch || new OffscreenCanvas(1, 1);
  if (scratch.width < box.width || scratch.height < box.height) {
    scratch.width = Math.max(scratch.width, box.width); scratch.height = Math.max(scratch.height, box.height);
  }
  const context = scratch.getContext("2d", { willReadFrequently: true });
  context.clearRect(0, 0, box.width, box.height);
  context.drawImage(source, box.x0, box.y0, box.width, box.height, 0, 0, box.width, box.height);
  return Object.assign({ data: context.getImageData(0, 0, box.width, box.height).data }, box);
}

// For tests and curious people: the browser's answer for one photo.
export async function locateImage(url) {
  const image = new Image();
  image.src = url;
  await image.decode();
  return toPoints((await landmarker("photo")).detect(image), image.naturalWidth, image.naturalHeight, image);
}

async function loadSaved() {
  try {
    const response = await fetch("/api/v1/marks");
    if (!response.ok) return;
    for (const mark of (await response.json()).marks) if (mark.point_id === "SI3") state.saved[mark.side] = mark;
  } catch (error) { /* without a profile the live view still works */ }
}

// The hand model for the camera: in a worker when the browser allows (the page keeps drawing
// while the next frame is analysed, on the other core), else on this thread.
async function cameraModel() {
  try {
    const worker = new Worker("/static/live-worker.js");
    const reply = () => new Promise((resolve) => { worker.onmessage = (event) => resolve(event.data); });
    worker.onerror = () => worker.onmessage({ data: { failed: true } });
    worker.postMessage({ model: LIVE_MODEL });
    if ((await reply()).ready) {
      return { analyse: async (video, time) => {
        const frame = await createImageBitmap(video);
        worker.postMessage({ frame, time }, [frame]);
        return reply();  // the frame comes back with the landmarks, for the edge search
      } };
    }
    worker.terminate();
  } catch (error) { /* no workers here: analyse on this thread */ }
  const detector = await landmarker("live");
  return { analyse: async (video, time) => {
    const begin = performance.now();
    const found = detector.detectForVideo(video, time);
    return { landmarks: found.landmarks, handedness: found.handedness, ms: performance.now() - begin, frame: video };
  } };
}

async function start() {
  const video = $("live-video"), canvas = $("live-canvas");
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user", frameRate: { ideal: 30 } }, audio: false });
  } catch (error) {
    status.textContent = "The camera is not available (" + error.name + "). Use the photo upload above instead.";
    return;
  }
  status.textContent = "Loading the hand model…";
  const [model] = await Promise.all([cameraModel(), loadSaved()]);
  video.srcObject = stream;
  await video.play();
  $("live-wrap").hidden = false;
  $("live-pause").hidden = false;
  $("live-start").hidden = true;
  status.textContent = "Camera on. Show the little-finger edge of your hand; press within the circle.";
  const context = canvas.getContext("2d");
  const done = [], costs = [], spotCosts = [];
  let lastTime = -1, lastSent = -1, busy = false;
  function analyse() {  // the newest camera frame, as soon as the model is free
    if (busy || state.paused || video.readyState < 2 || video.currentTime === lastSent) return;
    busy = true;
    lastSent = video.currentTime;
    const { width, height } = canvas;
    model.analyse(video, performance.now()).then((found) => {
      busy = false;
      const picture = found.frame, begin = performance.now();
      if (!state.paused) state.lastPoints = toPoints(found, width, height, picture, true);
      if (picture && picture.close) picture.close();
      if (state.paused) return;
      state.frames += 1;
      costs.push(found.ms);
      spotCosts.push(performance.now() - begin);
      count(done, costs, spotCosts);
      analyse();
    }, () => { busy = false; });
  }
  function frame() {  // at each screen refresh: show a new camera frame with the latest spots
    if (!state.paused && video.readyState >= 2 && video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      if (canvas.width !== video.videoWidth) { canvas.width = video.videoWidth; canvas.height = video.videoHeight; }
      context.setTransform(-1, 0, 0, 1, canvas.width, 0);
      context.drawImage(video, 0, 0);
      context.setTransform(1, 0, 0, 1, 0, 0);
      drawSpots(context, state.lastPoints, canvas.width, state);
      analyse();
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  attachPause(state, video, canvas);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function count(done, costs, spotCosts) {
  done.push(performance.now());
  for (const list of [done, costs, spotCosts]) while (list.length > 30) list.shift();
  state.inferMs = median(costs);
  state.spotsMs = median(spotCosts);  // the page's own work per frame: spots, side, and the edge search
  if (done.length > 1) {
    state.fps = (done.length - 1) * 1000 / (done[done.length - 1] - done[0]);
    $("live-fps").textContent = state.fps.toFixed(1) + " frames per second";
  }
}

window.acupressLive = Object.assign(state, { locateImage, toPoints });
$("live-start").addEventListener("click", start);
if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
  status.textContent = "This browser cannot open the camera here. Use the photo upload above instead.";
}
