// The SI3 rule and the side rule in the browser: the same geometry as core/locate.py and
// core/hand_side.py, reading the same numbers from the page (the knowledge base).
// Points are {x, y, z} in pixels of the picture (z: MediaPipe's depth, same scale as x).

const unit = (x, y) => { const n = Math.hypot(x, y); return n ? [x / n, y / n] : [0, 0]; };
const dist = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);

export function handFrame(points, rule) {
  const origin = points[rule.origin];
  const from = points[rule.axis_from], to = points[rule.axis_to];
  const along = unit(to.x - from.x, to.y - from.y);
  let outward = [-along[1], along[0]];
  const across = points[rule.across_from];
  if (outward[0] * (origin.x - across.x) + outward[1] * (origin.y - across.y) < 0) outward = [-outward[0], -outward[1]];
  return { origin: [origin.x, origin.y], along, outward, size: dist(points[rule.size_from], points[rule.size_to]) };
}

export function place(frame, a, b) {
  return { x: frame.origin[0] + frame.size * (a * frame.along[0] + b * frame.outward[0]),
           y: frame.origin[1] + frame.size * (a * frame.along[1] + b * frame.outward[1]) };
}

export function measure(frame, p) {
  const dx = p.x - frame.origin[0], dy = p.y - frame.origin[1];
  return { along: (dx * frame.along[0] + dy * frame.along[1]) / frame.size,
           outward: (dx * frame.outward[0] + dy * frame.outward[1]) / frame.size };
}

export function zoneRadius(frame, rule) {
  return Math.max(rule.zone_radius * frame.size, rule.zone_min_px);
}

export function handProblem(points, rule) {
  const size = dist(points[rule.size_from], points[rule.size_to]);
  const knuckles = dist(points[5], points[17]);
  if (Math.max(size, knuckles) < rule.min_size_px) return "too_small";
  return size < rule.min_length_to_width * knuckles ? "end_on" : null;
}

// Wrist -> index knuckle -> little knuckle: which way it turns, in hand sizes squared.
function turn(p) {
  const sizeSq = (p[9].x - p[0].x) ** 2 + (p[9].y - p[0].y) ** 2;
  if (!sizeSq) return 0;
  return ((p[5].x - p[0].x) * (p[17].y - p[0].y) - (p[5].y - p[0].y) * (p[17].x - p[0].x)) / sizeSq;
}

// Thumb and fingertips against the palm's plane, along the camera axis (negative: palm faces the camera).
function depthInFront(p) {
  const palm = [0, 5, 9, 13, 17].map((i) => p[i]);
  const n = palm.length;
  const [mx, my, mz] = ["x", "y", "z"].map((k) => palm.reduce((s, q) => s + q[k], 0) / n);
  let sxx = 0, syy = 0, sxy = 0, sxz = 0, syz = 0;
  for (const q of palm) {
    const dx = q.x - mx, dy = q.y - my, dz = q.z - mz;
    sxx += dx * dx; syy += dy * dy; sxy += dx * dy; sxz += dx * dz; syz += dy * dz;
  }
  const det = sxx * syy - sxy * sxy;
  const size = dist(p[0], p[9]);
  if (det <= 1e-6 * (sxx + syy) ** 2 || !size) return null;
  const a = (sxz * syy - syz * sxy) / det, b = (syz * sxx - sxz * sxy) / det, c = mz - a * mx - b * my;
  const depths = [3, 4, 8, 12, 16, 20].map((i) => (p[i].z - (a * p[i].x + b * p[i].y + c)) / size).sort((u, v) => u - v);
  return (depths[2] + depths[3]) / 2; // the median of six
}

function sideFromShape(p, rule) {
  const spin = turn(p), depth = depthInFront(p);
  if (depth === null || Math.abs(spin) < rule.min_turn || Math.abs(spin) > rule.max_cue
      || Math.abs(depth) < rule.min_depth || Math.abs(depth) > rule.max_cue) return null;
  return (spin < 0) === (depth < 0) ? "right" : "left";
}

// The person's side: the model's label checked against the hand's shape; "unsure" when they disagree.
export function readSide(points, modelSide, score, rule) {
  const shape = sideFromShape(points, rule);
  const model = score >= rule.min_score ? modelSide : null;
  if (!model) return shape || "unsure";
  return shape && shape !== model ? "unsure" : model;
}
