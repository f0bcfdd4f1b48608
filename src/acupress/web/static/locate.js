// Upload a photo, see a circle to press within, move the mark to the tender spot and save it.
// Also: mark the ankle by tapping (assisted KI3). Spots are saved relative to the hand or
// ankle (the "frame" each point comes with), so they can be placed on any later photo.
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  const result = document.getElementById("upload-result");
  const ankleHelp = document.getElementById("ankle-help");
  const ankleStep = document.getElementById("ankle-step");
  const firstStep = ankleStep ? ankleStep.innerHTML : "";
  // The instruction follows the marks: after the ankle bone, it asks for the tendon.
  function showAnkleStep() {
    if (!ankleStep) return;
    if (ankleMarks.length === 1) ankleStep.textContent = "Ankle bone marked (1). Now tap the Achilles tendon (2), level with it.";
    else ankleStep.innerHTML = firstStep;
  }
  const token = document.querySelector("meta[name=csrf-token]").content;
  const SVG = "http://www.w3.org/2000/svg";
  let view = null; // {json, views: [{svg, only}], spots: [{x, y}], saved, imageUrl}
  let ankleMarks = [];

  function el(tag, attributes, text) {
    const node = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
    if (text) node.textContent = text;
    return node;
  }

  // A frame: origin, unit directions "along" and "outward", and a size (see core/locate.py).
  const place = (f, a, b) => ({ x: f.origin[0] + f.size * (a * f.along[0] + b * f.outward[0]),
                                y: f.origin[1] + f.size * (a * f.along[1] + b * f.outward[1]) });
  function measure(f, p) {
    const dx = p.x - f.origin[0], dy = p.y - f.origin[1];
    return { along: (dx * f.along[0] + dy * f.along[1]) / f.size, outward: (dx * f.outward[0] + dy * f.outward[1]) / f.size };
  }

  async function savedSpots() {
    try {
      const response = await fetch("/api/v1/marks");
      if (!response.ok) return null; // no profile on this server: the spots cannot be kept
      const saved = {};
      for (const mark of (await response.json()).marks) saved[mark.point_id + "|" + mark.side] = mark;
      return saved;
    } catch (error) { return null; }
  }

  async function send(extra) {
    const body = new FormData(form);
    for (const [key, value] of Object.entries(extra || {})) body.set(key, value);
    body.set("output", "json");
    result.textContent = "Looking at your photo…";
    const [response, saved] = await Promise.all([
      fetch("/api/v1/locate", { method: "POST", body, headers: { "x-csrf-token": token } }), savedSpots()]);
    const json = await response.json().catch(() => ({ message: "The photo could not be checked. Please try again." }));
    if (!response.ok) { showError(json.message); return; }
    show(json, URL.createObjectURL(form.querySelector("#photo").files[0]), saved, body.get("point"));
  }

  function showError(message) {
    // The API names its field ("photo: is empty: ..."); a person reads "This photo is empty: ...".
    message = String(message || "Something went wrong; please try again.").replace(/^photo: /, "This photo ");
    result.textContent = "";
    result.appendChild(el("p", { class: "error", role: "alert" }, message));
  }

  function show(json, imageUrl, saved, point) {
    result.textContent = "";
    const figure = el("figure", { class: "spot-photo" });
    figure.appendChild(el("img", { src: imageUrl, alt: "Your photo with " + json.points.length + " point(s) circled" }));
    const svg = el("svg:svg", { class: "spot-overlay", viewBox: "0 0 " + json.image.width + " " + json.image.height, "aria-hidden": "true" });
    figure.appendChild(svg);
    figure.addEventListener("click", (event) => tap(event, svg));
    result.appendChild(figure);
    view = { json, saved, imageUrl, views: [{ svg, only: null }], spots: json.points.map((p) => start(p, saved)) };
    const list = el("ul", { class: "spot-list" });
    json.points.forEach((p, index) => list.appendChild(card(p, index)));
    result.appendChild(list);
    for (const message of json.messages) result.appendChild(el("p", { class: "card alert caution" }, message));
    ankleMarks = [];
    showAnkleStep();
    ankleHelp.hidden = !(point !== "SI3" && json.asks.includes("ankle_marks"));
    draw();
  }

  function start(p, saved) {
    const mine = saved && p.frame && saved[p.id + "|" + p.side];
    return mine ? Object.assign(place(p.frame, mine.along, mine.outward), { fromSaved: true }) : { x: p.x, y: p.y };
  }

  function sideWords(p) {
    if (p.side === "left" || p.side === "right") return p.side + (p.id === "KI3" ? " ankle" : " hand");
    return p.side === "unsure" ? "side unsure" : "side not given";
  }

  function card(p, index) {
    const item = el("li", { class: "card spot" });
    item.appendChild(el("h3", {}, number(index) + p.id + ", " + sideWords(p)));
    const basis = p.method === "assisted"
      ? "Placed between your two marks. That is your own judgement: acupress cannot see whether they sit on the ankle bone and the tendon."
      : p.reading === "end_on" ? "Rough: this hand is small or seen at a steep angle, so the circle may be off."
      : p.reading === "at_edge" ? "Rough: this hand is at the edge of the photo, so the circle is wider and may still be off."
        : p.edge !== undefined && p.edge !== null ? "Found from the shape of your hand and its edge in the photo."
          : "Found from the shape of your hand.";
    item.appendChild(el("p", {}, basis));
    item.appendChild(zoom(p, index));
    const where = p.id === "SI3" ? "along the little-finger edge" : "between the ankle bone and the tendon";
    item.appendChild(el("p", {}, "Press within the red circle, " + where + ", until you find the slightly tender hollow. " +
      "Then tap the close-up where you found it to move the mark there."));
    if (view.spots[index].fromSaved) item.appendChild(el("p", { class: "hint" }, "The mark starts at the spot you saved last time."));
    if (p.side !== "left" && p.side !== "right") item.appendChild(sideChoice(p, index));
    const buttons = el("p", { class: "spot-buttons" });
    const save = el("button", { type: "button", class: "button primary", "data-index": index }, "Confirm this spot");
    const reset = el("button", { type: "button", class: "button" }, "Put the mark back");
    save.addEventListener("click", () => keep(index, item));
    reset.addEventListener("click", () => { view.spots[index] = { x: p.x, y: p.y }; draw(); });
    buttons.append(save, reset);
    item.appendChild(buttons);
    if (!view.saved) item.appendChild(el("p", { class: "hint" }, "Spots cannot be saved on this server; you can still use the circle."));
    item.appendChild(el("p", { class: "spot-status", role: "status" }));
    return item;
  }

  // A close-up of the hand or ankle around one point, to see the circle and tap the spot.
  function zoom(p, index) {
    const { width, height } = view.json.image;
    const half = Math.min(Math.max(2.5 * (p.zone_radius || 10), 0.9 * (p.hand_size || 0), 24), width / 2, height / 2);
    const x0 = Math.min(Math.max(p.x - half, 0), width - 2 * half), y0 = Math.min(Math.max(p.y - half, 0), height - 2 * half);
    const svg = el("svg:svg", { class: "spot-zoom", viewBox: [x0, y0, 2 * half, 2 * half].join(" "), role: "img",
      "aria-label": "Close-up of " + p.id + " with the circle to press within; tap to move the mark" });
    svg.appendChild(el("svg:image", { href: view.imageUrl, x: 0, y: 0, width, height }));
    const marks = el("svg:g");
    svg.appendChild(marks);
    svg.addEventListener("click", (event) => tap(event, svg, index));
    view.views.push({ svg: marks, only: index, unit: half / 25 });
    return svg;
  }

  function sideChoice(p, index) {
    const group = el("fieldset", { class: "side-choice" });
    group.appendChild(el("legend", {}, p.id === "KI3" ? "Which ankle is this?" : "Which hand is this?"));
    for (const side of ["left", "right"]) {
      const id = "side-" + index + "-" + side;
      const label = el("label", { for: id, class: "inline" });
      label.append(el("input", { type: "radio", name: "side-" + index, id, value: side }), " My " + side);
      group.appendChild(label);
    }
    return group;
  }

  async function keep(index, item) {
    const p = view.json.points[index];
    const status = item.querySelector(".spot-status");
    const chosen = item.querySelector("input[name=side-" + index + "]:checked");
    const side = p.side === "left" || p.side === "right" ? p.side : chosen && chosen.value;
    if (!side) { status.textContent = "Choose left or right first."; return; }
    // A spot outside the circle may be right (people differ), but it is worth a second look: ask once.
    const chosenSpot = view.spots[index];
    const outside = Math.hypot(chosenSpot.x - p.x, chosenSpot.y - p.y) > (p.zone_radius || 10);
    if (outside && !chosenSpot.outsideConfirmed) {
      chosenSpot.outsideConfirmed = true;
      status.textContent = "This spot is outside the suggested circle. That can be right: if this is where you feel " +
        "the slightly tender hollow, tap \u201cConfirm this spot\u201d again to keep it, or tap the close-up to move the mark.";
      return;
    }
    const spot = measure(p.frame, chosenSpot);
    const response = await fetch("/api/v1/marks/" + p.id + "/" + side, { method: "PUT", body: JSON.stringify(spot),
      headers: { "content-type": "application/json", "x-csrf-token": token } });
    const answer = await response.json().catch(() => ({}));
    status.textContent = response.ok
      ? "Saved. Next time acupress starts from this spot on your " + side + (p.id === "KI3" ? " ankle" : " hand") + ", and your session shows it."
      : "Not saved: " + (answer.message || "please try again.");
  }

  function draw() {
    for (const target of view.views) {
      target.svg.textContent = "";
      const unit = target.unit || Math.max(view.json.image.width, view.json.image.height) / 100;
      const text = labelSize(target.svg, 3.2 * unit);
      view.json.points.forEach((p, index) => {
        if (target.only !== null && target.only !== index) return;
        // On the whole photo several hands' labels would overlap: each shows its number, as its card does.
        const label = target.only === null && view.json.points.length > 1 ? String(index + 1)
          : p.id + " " + (p.side === "unsure" ? "?" : p.side || "");
        drawPoint(target.svg, p, view.spots[index], unit, text, label);
      });
      if (target.only === null) drawAnkleMarks(target.svg, unit, text);
    }
  }

  // Labels at least 14 screen pixels high, however small the photo is drawn.
  function labelSize(node, size) {
    const root = node.ownerSVGElement || node;
    const shown = root.getBoundingClientRect().width;
    return shown > 0 ? Math.max(size, 14 * root.viewBox.baseVal.width / shown) : size;
  }

  function drawPoint(svg, p, spot, unit, text, label) {
    svg.appendChild(el("svg:circle", { class: "spot-zone", cx: p.x, cy: p.y, r: p.zone_radius || 2 * unit }));
    svg.appendChild(el("svg:circle", { class: "spot-mark", cx: spot.x, cy: spot.y, r: Math.max(unit * 0.8, 1.5) }));
    // Near the right edge the label goes on the circle's left, so it is not cut off.
    const box = svg.ownerSVGElement ? svg.ownerSVGElement.viewBox.baseVal : null;
    const right = box && box.width ? box.x + box.width : view.json.image.width;
    const leftSide = p.x + (p.zone_radius || 0) + unit + label.length * text * 0.6 > right;
    const x = leftSide ? p.x - (p.zone_radius || 0) - unit : p.x + (p.zone_radius || 0) + unit;
    svg.appendChild(el("svg:text", { class: "spot-label", x, y: p.y - unit, "font-size": text, "text-anchor": leftSide ? "end" : "start" },
      label));
  }

  // With several hands, cards and labels carry the same number.
  function number(index) {
    return view.json.points.length > 1 ? index + 1 + ": " : "";
  }

  function drawAnkleMarks(svg, unit, text) {
    ankleMarks.forEach((m, i) => {
      svg.appendChild(el("svg:circle", { class: "ankle-mark", cx: m.x, cy: m.y, r: unit }));
      svg.appendChild(el("svg:text", { class: "spot-label", x: m.x + unit, y: m.y - unit, "font-size": text }, String(i + 1)));
    });
  }

  // A tap on the photo (or a close-up) in the photo's own pixels: an ankle mark, or the tender spot.
  function tap(event, svg, only) {
    const point = svg.createSVGPoint();
    point.x = event.clientX; point.y = event.clientY;
    const p = point.matrixTransform(svg.getScreenCTM().inverse());
    if (!ankleHelp.hidden && only === undefined) { markAnkle(p); return; }
    const near = view.json.points.map((q, index) => ({ index, d: Math.hypot(q.x - p.x, q.y - p.y) / (q.zone_radius || 10) }))
      .filter((n) => only === undefined || n.index === only).sort((a, b) => a.d - b.d)[0];
    // On the whole photo a tap far from every circle is not a move; a close-up shows one point, so any tap moves it.
    if (!near || (only === undefined && near.d > 4)) return;
    view.spots[near.index] = { x: Math.round(p.x), y: Math.round(p.y) };
    draw();
  }

  function markAnkle(p) {
    ankleMarks.push({ x: Math.round(p.x), y: Math.round(p.y) });
    draw();
    showAnkleStep();
    if (ankleMarks.length === 2) {
      const [bone, tendon] = ankleMarks;
      send({ point: "KI3", ankle_bone: bone.x + "," + bone.y, tendon: tendon.x + "," + tendon.y });
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send();
  });
  document.getElementById("ankle-reset").addEventListener("click", () => { ankleMarks = []; showAnkleStep(); if (view) draw(); });
})();
