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

// SI3: `along` toward the wrist, then out to the hand's edge seen on the picture and `inset` back in;
// with no clear edge (or no pixels), `outward` from the landmarks alone. core/hand_edge.py: si3_spot.
export function si3Spot(points, rule, pixels) {
  const frame = handFrame(points, rule);
  const palm = pixels && frame.size ? palmColour(points, pixels) : null;
  const edge = palm ? edgeOutward(frame, rule.along, palm, pixels, rule) : null;
  return { spot: place(frame, rule.along, edge === null ? rule.outward : edge - rule.inset), frame, edge };
}

// The part of the picture the edge search reads: the palm's triangle and the line across the edge.
export function edgeWindow(points, rule, width, height) {
  const frame = handFrame(points, rule);
  const ends = [place(frame, rule.along, rule.edge_from), place(frame, rule.along, rule.edge_to)];
  const all = PALM_CORNERS.map((i) => points[i]).concat(ends);
  const x0 = Math.max(0, Math.floor(Math.min(...all.map((p) => p.x))) - 2);
  const y0 = Math.max(0, Math.floor(Math.min(...all.map((p) => p.y))) - 2);
  const x1 = Math.min(width, Math.ceil(Math.max(...all.map((p) => p.x))) + 2);
  const y1 = Math.min(height, Math.ceil(Math.max(...all.map((p) => p.y))) + 2);
  return { x0, y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0), imageWidth: width, imageHeight: height };
}

// The colour at a point of the picture (bilinear between pixel centres), from a window of it
// ({x0, y0, width, height, imageWidth, imageHeight, data: RGBA}); null off the picture. As Photo.colour_at.
export function colourAt(pixels, x, y) {
  const { imageWidth: w, imageHeight: h } = pixels;
  if (!(x >= 0 && x < w && y >= 0 && y < h)) return null;
  const u = Math.min(Math.max(x - 0.5, 0), w - 1), v = Math.min(Math.max(y - 0.5, 0), h - 1);
  const u0 = w > 1 ? Math.min(Math.floor(u), w - 2) : 0, v0 = h > 1 ? Math.min(Math.floor(v), h - 2) : 0;
  const u1 = Math.min(u0 + 1, w - 1), v1 = Math.min(v0 + 1, h - 1);
  if (u0 < pixels.x0 || v0 < pixels.y0 || u1 >= pixels.x0 + pixels.width || v1 >= pixels.y0 + pixels.height) return null;
  const fu = u - u0, fv = v - v0;
  const at = (i, j, c) => pixels.data[((j - pixels.y0) * pixels.width + (i - pixels.x0)) * 4 + c];
  return [0, 1, 2].map((c) => (at(u0, v0, c) * (1 - fu) + at(u1, v0, c) * fu) * (1 - fv)
                            + (at(u0, v1, c) * (1 - fu) + at(u1, v1, c) * fu) * fv);
}

const PALM_CORNERS = [0, 5, 17], PALM_GRID = 12, PALM_SHRINK = 0.6, COLOUR_FLOOR = 25, MIN_SAMPLES = 8;

// The palm's colour: mean and inverse covariance of samples inside the wrist-index-little knuckle triangle.
function palmColour(points, pixels) {
  const corners = PALM_CORNERS.map((i) => points[i]);
  const cx = corners.reduce((s, p) => s + p.x, 0) / 3, cy = corners.reduce((s, p) => s + p.y, 0) / 3;
  const [a, b, c] = corners.map((p) => ({ x: cx + PALM_SHRINK * (p.x - cx), y: cy + PALM_SHRINK * (p.y - cy) }));
  const colours = [];
  for (let i = 0; i <= PALM_GRID; i++) {
    for (let j = 0; j <= PALM_GRID - i; j++) {
      const k = PALM_GRID - i - j;
      const colour = colourAt(pixels, (a.x * i + b.x * j + c.x * k) / PALM_GRID, (a.y * i + b.y * j + c.y * k) / PALM_GRID);
      if (colour) colours.push(colour);
    }
  }
  if (colours.length < MIN_SAMPLES) return null;
  const n = colours.length;
  const mean = [0, 1, 2].map((i) => colours.reduce((s, q) => s + q[i], 0) / n);
  const cov = [0, 1, 2].map((i) => [0, 1, 2].map((j) =>
    colours.reduce((s, q) => s + (q[i] - mean[i]) * (q[j] - mean[j]), 0) / n + (i === j ? COLOUR_FLOOR : 0)));
  return { mean, inverse: inverse3(cov) };
}

function inverse3(m) {
  const cof = [0, 1, 2].map((i) => [0, 1, 2].map((j) =>
    m[(i + 1) % 3][(j + 1) % 3] * m[(i + 2) % 3][(j + 2) % 3] - m[(i + 1) % 3][(j + 2) % 3] * m[(i + 2) % 3][(j + 1) % 3]));
  const det = m[0][0] * cof[0][0] + m[0][1] * cof[0][1] + m[0][2] * cof[0][2];
  return [0, 1, 2].map((i) => [0, 1, 2].map((j) => cof[j][i] / det));
}

function colourDistance(palm, colour) {
  const d = [0, 1, 2].map((i) => colour[i] - palm.mean[i]);
  let total = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) total += d[i] * palm.inverse[i][j] * d[j];
  return Math.sqrt(Math.max(total, 0));
}

// Where a near-then-far profile is best split in two flat parts, the far part at least `contrast` higher.
function bestStep(profile, contrast) {
  const n = profile.length;
  if (n < MIN_SAMPLES) return null;
  const values = profile.map((p) => p[1]);
  const total = values.reduce((s, v) => s + v, 0), totalSq = values.reduce((s, v) => s + v * v, 0);
  let near = 0, nearSq = 0, best = null;
  for (let k = 1; k < n; k++) {
    near += values[k - 1];
    nearSq += values[k - 1] ** 2;
    if (k < 2 || k > n - 2) continue;
    const nearMean = near / k, farMean = (total - near) / (n - k);
    if (farMean - nearMean < contrast) continue;
    const misfit = nearSq - k * nearMean ** 2 + (totalSq - nearSq) - (n - k) * farMean ** 2;
    if (best === null || misfit < best[0]) best = [misfit, k];
  }
  return best === null ? null : (profile[best[1] - 1][0] + profile[best[1]][0]) / 2;
}

function edgeOutward(frame, at, palm, pixels, rule) {
  const low = rule.edge_from, high = rule.edge_to, count = rule.edge_samples;
  const start = place(frame, at, low), length = (high - low) * frame.size;
  const profile = [];
  for (let n = 0; n < count; n++) {
    const t = n / (count - 1);
    const colour = colourAt(pixels, start.x + t * length * frame.outward[0], start.y + t * length * frame.outward[1]);
    if (colour) profile.push([t, colourDistance(palm, colour)]);
  }
  const step = bestStep(profile, rule.edge_contrast);
  if (step === null) return null;
  const found = low + step * (high - low);
  return found >= rule.edge_min && found <= rule.edge_max ? found : null;
}

// The zone's unit: the hand's length or its knuckles' width, whichever is larger (core/locate.py: zone_unit).
// A live camera frame is read once, without the closer look a photo gets: its zone is the wider live one.
export function zoneRadius(points, rule, reading = "ok", live = false) {
  const unit = Math.max(dist(points[rule.size_from], points[rule.size_to]), dist(points[5], points[17]));
  const share = reading !== "ok" ? rule.rough_zone_radius : live ? rule.live_zone_radius : rule.zone_radius;
  return Math.max(share * unit, rule.zone_min_px);
}

export function handProblem(points, rule) {
  const size = dist(points[rule.size_from], points[rule.size_to]);
  const knuckles = dist(points[5], points[17]);
  if (Math.max(size, knuckles) < rule.min_size_px) return "too_small";
  return size < rule.min_length_to_width * knuckles ? "end_on" : null;
}

// "ok", a hand problem, or "at_edge": SI3 within `min_border` hand sizes of the picture's border.
export function handReading(points, rule, spot, width, height) {
  const problem = handProblem(points, rule);
  if (problem) return problem;
  const border = Math.min(spot.x, spot.y, width - spot.x, height - spot.y);
  return border < rule.min_border * dist(points[rule.size_from], points[rule.size_to]) ? "at_edge" : "ok";
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
