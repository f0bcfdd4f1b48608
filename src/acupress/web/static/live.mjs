// Live SI3 on the camera picture, fully in the browser (MediaPipe Tasks, WASM).
// The SI3 rule reads its numbers from the page (the knowledge base), exactly
// as the Python locator does; core/locate.py holds the same geometry.
// The engine (about 160 KB of script, 13 MB of WASM, 8 MB of model) loads only
// when someone asks for it, so the page itself stays light.
const ENGINE = "/static/vendor/tasks-vision/vision_bundle.mjs";

const locator = JSON.parse(document.getElementById("locator-data").textContent);
const status = document.getElementById("live-status");
// Unlike the legacy Python solution (which assumes a mirrored selfie), the Tasks
// API labels hands as they are in an ordinary picture: measured on the test
// photos, where tests/e2e/test_locator_browser.py checks both agree.
const PERSON_SIDE = { Left: "left", Right: "right" };
let landmarker = null;

export function si3FromHand(points) {
  const origin = points[locator.origin];
  const toward = points[locator.toward];
  const across = points[locator.across_from];
  const size = Math.hypot(points[locator.size_to].x - points[locator.size_from].x,
                          points[locator.size_to].y - points[locator.size_from].y);
  let ax = toward.x - origin.x, ay = toward.y - origin.y;
  const alen = Math.hypot(ax, ay) || 1;
  ax /= alen; ay /= alen;
  let ox = origin.x - across.x, oy = origin.y - across.y;
  const dot = ox * ax + oy * ay;
  ox -= dot * ax; oy -= dot * ay;
  const olen = Math.hypot(ox, oy) || 1;
  ox /= olen; oy /= olen;
  const a = locator.along * size, b = locator.outward * size;
  return { x: origin.x + a * ax + b * ox, y: origin.y + a * ay + b * oy, size };
}

async function model(mode) {
  if (landmarker) {
    await landmarker.setOptions({ runningMode: mode });
    return landmarker;
  }
  const { FilesetResolver, HandLandmarker } = await import(ENGINE);
  const files = await FilesetResolver.forVisionTasks("/static/vendor/tasks-vision/wasm");
  landmarker = await HandLandmarker.createFromOptions(files, {
    baseOptions: { modelAssetPath: "/static/vendor/models/hand_landmarker.task", delegate: "CPU" },
    runningMode: mode, numHands: 4,  // as many as the Python locator looks for
  });
  return landmarker;
}

function toPoints(result, width, height) {
  return result.landmarks.map((marks, index) => {
    const pixels = marks.map((m) => ({ x: m.x * width, y: m.y * height }));
    const label = result.handedness[index][0];
    const point = si3FromHand(pixels);
    return { id: "SI3", x: point.x, y: point.y, side: PERSON_SIDE[label.categoryName], confidence: label.score, hand_size: point.size };
  });
}

// For tests and curious people: the browser's answer for one image.
export async function locateImage(url) {
  const image = new Image();
  image.src = url;
  await image.decode();
  const found = (await model("IMAGE")).detect(image);
  return toPoints(found, image.naturalWidth, image.naturalHeight);
}

function draw(context, points) {
  for (const p of points) {
    context.lineWidth = 4;
    context.strokeStyle = "#ffffff";
    context.beginPath(); context.arc(p.x, p.y, 13, 0, 2 * Math.PI); context.stroke();
    context.strokeStyle = "#b00020";
    context.beginPath(); context.arc(p.x, p.y, 10, 0, 2 * Math.PI); context.stroke();
    context.font = "bold 18px sans-serif";
    context.fillStyle = "#ffffff";
    context.fillRect(p.x + 14, p.y - 28, 90, 24);
    context.fillStyle = "#b00020";
    context.fillText("SI3 " + p.side, p.x + 18, p.y - 10);
  }
}

async function start() {
  const video = document.getElementById("live-video");
  const canvas = document.getElementById("live-canvas");
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "user" }, audio: false });
  } catch (error) {
    status.textContent = "The camera is not available (" + error.name + "). Use the photo upload above instead.";
    return;
  }
  status.textContent = "Loading the hand model…";
  const detector = await model("VIDEO");
  video.srcObject = stream;
  await video.play();
  document.getElementById("live-wrap").hidden = false;
  status.textContent = "Camera on. Show the little-finger edge of your hand.";
  const context = canvas.getContext("2d");
  const times = [];
  const state = window.acupressLive;
  function frame() {
    if (video.readyState >= 2) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      context.drawImage(video, 0, 0);
      const now = performance.now();
      const points = toPoints(detector.detectForVideo(video, now), canvas.width, canvas.height);
      draw(context, points);
      state.lastPoints = points;
      state.frames += 1;
      times.push(performance.now());
      while (times.length > 30) times.shift();
      if (times.length > 1) {
        state.fps = (times.length - 1) * 1000 / (times[times.length - 1] - times[0]);
        document.getElementById("live-fps").textContent = state.fps.toFixed(1) + " frames per second";
      }
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
}

window.acupressLive = { frames: 0, fps: 0, lastPoints: [], locateImage, si3FromHand };
document.getElementById("live-start").addEventListener("click", start);
if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
  status.textContent = "This browser cannot open the camera here. Use the photo upload above instead.";
}
