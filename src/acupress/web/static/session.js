// The guided session: plays the cue script from the server, one step at a time.
// State lives in localStorage, so a reload or a rotated phone resumes where it was.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("session-data").textContent);
  const speed = Math.max(0.1, Number(new URLSearchParams(location.search).get("speed")) || 1);
  const STORE = "acupress.session";
  const identity = data.version + "|" + JSON.stringify(data.answers);
  const $ = (id) => document.getElementById(id);
  const ADVICE = {
    pain_increased: "You stopped because the pain got worse. Rest in a comfortable position. If it keeps rising, or a warning sign appears, contact a doctor.",
    spasm: "You stopped because of a muscle spasm. Breathe slowly and rest; gentle warmth may help. Next time press more lightly.",
  };
  const PACE_WORDS = { circles: "Small slow circles", press_release: "Press… and ease off", slow_strokes: "Slow strokes" };

  function fresh() {
    return { identity, stage: "before", cue: 0, remaining: data.cues[0].seconds, painBefore: null,
      painAfter: null, done: {}, startedAt: null, paused: false, stopReason: null, sound: false };
  }
  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORE) || "null");
      return saved && saved.identity === identity ? saved : null;
    } catch (e) { return null; }
  }
  let state = load() || fresh();
  const resumed = state.stage === "run";
  function save() { localStorage.setItem(STORE, JSON.stringify(state)); }

  function localIso(date) {
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 19);
    return local + sign + pad(offset / 60) + ":" + pad(offset % 60);
  }
  function clock(seconds) { return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0"); }

  function show(stage) {
    for (const name of ["before", "run", "after", "done"]) $("stage-" + name).hidden = name !== stage;
    state.stage = stage;
    save();
  }

  function cueSignal() {
    if (!state.sound) return;
    if (navigator.vibrate) navigator.vibrate(200);
    try {
      const audio = new (window.AudioContext || window.webkitAudioContext)();
      const tone = audio.createOscillator();
      tone.connect(audio.destination);
      tone.frequency.value = 660;
      tone.start();
      tone.stop(audio.currentTime + 0.15);
    } catch (e) { /* sound is optional */ }
  }

  function render() {
    const cue = data.cues[state.cue];
    $("step-name").textContent = cue.step_id ? (data.steps[cue.step_id] || cue.step_id) + (cue.side ? " · " + cue.side + " side" : "") : "";
    $("cue-text").textContent = cue.text;
    document.querySelectorAll(".session-diagrams [data-step]").forEach((figure) => {
      figure.hidden = figure.dataset.step !== cue.step_id;
    });
    showYourSpot(cue);
    $("countdown").textContent = clock(state.remaining);
    const pacer = $("pacer");
    const step = cue.kind === "work" ? cue : null;
    pacer.className = "pacer" + (step ? " active" : "");
    pacer.style.animationDuration = step ? (step.pace_seconds / speed) + "s" : "";
    pacer.style.animationPlayState = state.paused ? "paused" : "running";
    $("pace-words").textContent = step ? paceWords(step) : "";
    $("btn-pause").textContent = state.paused ? "Resume" : "Pause";
    $("btn-pause").setAttribute("aria-pressed", state.paused ? "true" : "false");
  }
  // The spot the person confirmed on the locator page, drawn on the diagram for the side being worked.
  let yourSpots = [];
  function showYourSpot(cue) {
    document.querySelectorAll(".your-spot-mark").forEach((node) => node.remove());
    const mine = yourSpots.find((m) => m.point_id === cue.step_id && m.diagram && (!cue.side || m.side === cue.side));
    const svg = mine && document.querySelector('.session-diagrams [data-step="' + cue.step_id + '"] svg');
    if (!svg) return;
    const draw = (tag, attributes, text) => {
      const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
      for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
      node.textContent = text || "";
      svg.appendChild(node);
    };
    draw("circle", { class: "your-spot your-spot-mark", cx: mine.diagram.x, cy: mine.diagram.y, r: 11 });
    draw("text", { class: "your-spot-label your-spot-mark", x: mine.diagram.x - 30, y: mine.diagram.y + 30 }, "your spot");
  }
  fetch("/api/v1/marks").then((r) => (r.ok ? r.json() : { marks: [] }))
    .then((found) => { yourSpots = found.marks; if (state.stage === "run") showYourSpot(data.cues[state.cue]); }).catch(() => {});

  function paceWords(cue) {
    return PACE_WORDS[cue.pacing] + ", every " + cue.pace_seconds + " seconds";
  }

  function goTo(index) {
    if (index >= data.cues.length || data.cues[index].kind === "done") { finish(null); return; }
    state.cue = index;
    state.remaining = data.cues[index].seconds;
    if (data.cues[index].kind === "switch" || data.cues[index].kind === "intro") cueSignal();
    save();
    render();
  }

  function tick() {
    if (state.stage !== "run" || state.paused) return;
    const cue = data.cues[state.cue];
    if (cue.kind === "work") {
      const key = cue.step_id + "|" + (cue.side || "");
      state.done[key] = (state.done[key] || 0) + 1;
    }
    state.remaining -= 1;
    if (state.remaining <= 0) goTo(state.cue + 1); else { save(); render(); }
  }

  function skipStep() {
    const current = data.cues[state.cue].step_id;
    let index = state.cue;
    while (index < data.cues.length && data.cues[index].step_id === current) index += 1;
    goTo(index);
  }

  function finish(reason) {
    state.stopReason = reason;
    state.endedAt = localIso(new Date());
    const advice = $("stop-advice");
    advice.hidden = !reason || !ADVICE[reason];
    advice.textContent = reason ? ADVICE[reason] || "" : "";
    show("after");
  }

  async function submit() {
    const steps = Object.entries(state.done).map(([key, seconds]) => {
      const [stepId, side] = key.split("|");
      return { step_id: stepId, side: side || null, seconds };
    });
    const body = { started_at: state.startedAt, ended_at: state.endedAt || localIso(new Date()), answers: data.answers,
      steps_done: steps, pain_before: state.painBefore, pain_after: state.painAfter,
      completed: !state.stopReason, stop_reason: state.stopReason };
    const response = await fetch("/api/v1/sessions", { method: "POST", body: JSON.stringify(body),
      headers: { "content-type": "application/json", "x-csrf-token": document.querySelector("meta[name=csrf-token]").content } });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ message: "unknown error" }));
      $("done-summary").textContent = "Could not save the session (" + problem.message + "). Tap a number again to retry.";
      show("after");
      return;
    }
    const change = state.painAfter - state.painBefore;
    const words = change < 0 ? (-change) + " points lower" : change > 0 ? change + " points higher" : "the same";
    localStorage.removeItem(STORE);
    show("done");
    $("done-summary").textContent = (state.stopReason ? "Stopped early. " : "Well done. ") +
      "Pain before " + state.painBefore + ", after " + state.painAfter + ": " + words + ".";
  }

  document.querySelectorAll(".scale").forEach((group) => {
    group.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-value]");
      if (!button) return;
      const value = Number(button.dataset.value);
      if (group.dataset.target === "before") {
        state.painBefore = value;
        state.startedAt = localIso(new Date());
        state.sound = $("cue-sound").checked;
        show("run");
        goTo(0);
      } else {
        state.painAfter = value;
        save();
        submit();
      }
    });
  });
  $("btn-pause").addEventListener("click", () => { state.paused = !state.paused; save(); render(); });
  $("btn-skip").addEventListener("click", skipStep);
  $("btn-worse").addEventListener("click", () => finish("pain_increased"));
  $("btn-spasm").addEventListener("click", () => finish("spasm"));

  $("session").hidden = false;
  show(state.stage === "done" ? "before" : state.stage);
  if (state.stage === "run") {
    render();
    if (resumed) $("cue-text").textContent = "Resumed where you left off. " + data.cues[state.cue].text;
  }
  setInterval(tick, 1000 / speed);
})();
