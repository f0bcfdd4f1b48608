// The live view's spots: drawn on the mirrored picture, and confirmed by touch on a held picture.
import { measure, place } from "/static/hand-geometry.mjs";

const $ = (id) => document.getElementById(id);

// The view is mirrored like a mirror (x runs right to left); labels stay upright beside their hand.
export function drawSpots(context, points, width, state) {
  const at = (p) => ({ x: width - p.x, y: p.y });
  // Sizes in screen pixels: a 1280-pixel camera frame shown 320 pixels wide would shrink a 16-pixel label to 4.
  const k = Math.max(1, context.canvas.width / (context.canvas.clientWidth || context.canvas.width));
  for (const [index, p] of points.entries()) {
    const centre = at(p);
    context.lineWidth = 3 * k;
    context.fillStyle = "rgba(176, 0, 32, 0.18)";
    context.strokeStyle = "#b00020";
    context.beginPath(); context.arc(centre.x, centre.y, p.zone_radius, 0, 2 * Math.PI); context.fill(); context.stroke();
    const mine = (p.side === "left" || p.side === "right") && state.saved[p.side];
    if (mine) {
      const spot = at(place(p.frame, mine.along, mine.outward));
      context.strokeStyle = "#0b6e4f";
      context.beginPath(); context.arc(spot.x, spot.y, 7 * k, 0, 2 * Math.PI); context.stroke();
    }
    const mark = at(p.mark || p);
    context.fillStyle = "#b00020";
    context.beginPath(); context.arc(mark.x, mark.y, 4 * k, 0, 2 * Math.PI); context.fill();
    const text = (state.paused ? index + 1 + ": " : "") + "SI3 " + (p.side === "unsure" ? "side?" : p.side);
    context.font = "bold " + Math.round(16 * k) + "px sans-serif";
    const w = context.measureText(text).width + 8 * k;
    const x = Math.min(centre.x + p.zone_radius + 4 * k, width - w), y = Math.max(centre.y - p.zone_radius - 4 * k, 22 * k);
    context.fillStyle = "#ffffff"; context.fillRect(x, y - 18 * k, w, 24 * k);
    context.fillStyle = "#b00020"; context.fillText(text, x + 4 * k, y);
  }
}

// "Hold this picture": freeze the frame, let the person tap where the tender spot is, and save it.
export function attachPause(state, video, canvas) {
  const button = $("live-pause"), panel = $("live-spots");
  const context = canvas.getContext("2d");
  let still = null, points = [];
  const hint = Object.assign(document.createElement("p"), { className: "hint" });
  hint.setAttribute("role", "status");

  function redraw() {
    context.drawImage(still, 0, 0);
    drawSpots(context, points, canvas.width, state);
  }

  function hold() {
    state.paused = true;
    still = document.createElement("canvas");
    still.width = canvas.width; still.height = canvas.height;
    const copy = still.getContext("2d");
    copy.setTransform(-1, 0, 0, 1, canvas.width, 0);
    copy.drawImage(video, 0, 0);
    points = state.lastPoints.map((p) => {
      const mine = (p.side === "left" || p.side === "right") && state.saved[p.side];
      return Object.assign({}, p, { mark: mine ? place(p.frame, mine.along, mine.outward) : { x: p.x, y: p.y } });
    });
    redraw();
    panel.textContent = "";
    panel.appendChild(hint);
    if (!points.length) panel.appendChild(Object.assign(document.createElement("p"), { textContent: "No hand in this picture. Go back to the camera and try again." }));
    points.forEach((p, index) => panel.appendChild(card(p, index)));
  }

  function card(p, index) {
    const item = document.createElement("div");
    item.className = "card spot";
    const title = document.createElement("h3");
    title.textContent = index + 1 + ": SI3, " + (p.side === "unsure" ? "side unsure" : p.side + " hand");
    const text = document.createElement("p");
    text.textContent = "Press within the circle along the little-finger edge until you find the tender hollow, then tap the picture there to move the mark.";
    item.append(title, text);
    if (p.side !== "left" && p.side !== "right") item.appendChild(sideChoice(index));
    const save = document.createElement("button");
    save.type = "button"; save.className = "button primary"; save.textContent = "Confirm this spot";
    const said = document.createElement("p");
    said.setAttribute("role", "status");
    save.addEventListener("click", () => keep(p, index, item, said));
    item.append(save, said);
    return item;
  }

  function sideChoice(index) {
    const group = document.createElement("fieldset");
    group.className = "side-choice";
    const legend = document.createElement("legend");
    legend.textContent = "Which hand is this?";
    group.appendChild(legend);
    for (const side of ["left", "right"]) {
      const label = document.createElement("label");
      const input = Object.assign(document.createElement("input"), { type: "radio", name: "live-side-" + index, value: side });
      label.append(input, " My " + side);
      group.appendChild(label);
    }
    return group;
  }

  async function keep(p, index, item, said) {
    const chosen = item.querySelector("input[name=live-side-" + index + "]:checked");
    const side = p.side === "left" || p.side === "right" ? p.side : chosen && chosen.value;
    if (!side) { said.textContent = "Choose left or right first."; return; }
    // Outside the circle may be right (people differ), but it is worth a second look: ask once, as for a photo.
    if (Math.hypot(p.mark.x - p.x, p.mark.y - p.y) > p.zone_radius && !p.outsideConfirmed) {
      p.outsideConfirmed = true;
      said.textContent = "This spot is outside the suggested circle. That can be right: if this is where you feel " +
        "the slightly tender hollow, tap \u201cConfirm this spot\u201d again to keep it, or tap the picture to move the mark.";
      return;
    }
    const spot = measure(p.frame, p.mark);
    const response = await fetch("/api/v1/marks/SI3/" + side, { method: "PUT", body: JSON.stringify(spot), headers: {
      "content-type": "application/json", "x-csrf-token": document.querySelector("meta[name=csrf-token]").content } });
    const answer = await response.json().catch(() => ({}));
    if (response.ok) state.saved[side] = answer;
    said.textContent = response.ok ? "Saved: the green ring shows your spot on your " + side + " hand from now on."
      : "Not saved: " + (answer.message || "please try again.");
  }

  canvas.addEventListener("click", (event) => {
    if (!state.paused || !points.length) return;
    const box = canvas.getBoundingClientRect();
    const tap = { x: canvas.width - (event.clientX - box.left) * canvas.width / box.width,
                  y: (event.clientY - box.top) * canvas.height / box.height };
    const near = points.reduce((best, p) => Math.hypot(p.x - tap.x, p.y - tap.y) / p.zone_radius
      < Math.hypot(best.x - tap.x, best.y - tap.y) / best.zone_radius ? p : best);
    if (Math.hypot(near.x - tap.x, near.y - tap.y) > 4 * near.zone_radius) {
      hint.textContent = "That tap is far from every circle, so no mark moved. Tap where you feel the tender hollow, on or near a circle.";
      return;
    }
    hint.textContent = "";
    near.mark = tap;
    near.outsideConfirmed = false;
    redraw();
  });
  button.addEventListener("click", () => {
    if (state.paused) { state.paused = false; panel.textContent = ""; } else hold();
    button.textContent = state.paused ? "Back to the camera" : "Hold this picture";
    button.setAttribute("aria-pressed", String(state.paused));
  });
}
