// The guided session: plays the cue script from the server, one step at a time.
// State lives in localStorage, so a reload or a rotated phone resumes where it was.
// Voice guidance speaks each cue with the browser's own (offline) speech synthesis.
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("session-data").textContent);
  const speed = Math.max(0.1, Number(new URLSearchParams(location.search).get("speed")) || 1);
  const STORE = "acupress.session";
  const PREFS = "acupress.prefs";
  const identity = data.version + "|" + JSON.stringify(data.answers);
  const outbox = window.acupressOutbox;
  const $ = (id) => document.getElementById(id);
  const PACE_WORDS = { circles: "Small slow circles", press_release: "Press… and ease off", slow_strokes: "Slow strokes" };
  const plural = (n, word) => n + " " + (n === 1 ? word : word + "s");

  const prefs = (() => { try { return JSON.parse(localStorage.getItem(PREFS) || "{}"); } catch (e) { return {}; } })();
  function savePrefs() { localStorage.setItem(PREFS, JSON.stringify(prefs)); }

  function fresh() {
    return { identity, stage: "before", cue: 0, remaining: data.cues[0].seconds, painBefore: null, painAfter: null,
      done: {}, startedAt: null, paused: false, stopReason: null, clientId: outbox.newId() };
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
  function clock(seconds) { return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0"); }

  // Sound: one audio context, made on the first tap (browsers allow sound only after one).
  let audio = null;
  function wakeAudio() {
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      if (audio.state === "suspended") audio.resume();
    } catch (e) { audio = null; }
  }
  function tone(frequency, seconds, volume) {
    if (!audio) return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    gain.gain.value = volume;
    oscillator.frequency.value = frequency;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + seconds);
  }
  function switchSignal() {
    if (!prefs.sound) return;
    if (navigator.vibrate) navigator.vibrate(200);
    tone(660, 0.15, 0.3);
  }
  function paceTick() { if (prefs.voice && speed <= 4) tone(1400, 0.03, 0.05); }

  // Voice: the device's own voice (works offline), interrupted by each new cue.
  const canSpeak = "speechSynthesis" in window && "SpeechSynthesisUtterance" in window;
  function localVoice() {
    const lang = (document.documentElement.lang || "en").toLowerCase();
    const voices = window.speechSynthesis.getVoices().filter((v) => v.localService);
    return voices.find((v) => v.lang.toLowerCase().startsWith(lang) && v.default) ||
      voices.find((v) => v.lang.toLowerCase().startsWith(lang)) || null;
  }
  function speak(text) {
    if (!prefs.voice || !canSpeak || !text) return;
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || "en";
    utterance.rate = 0.95;
    const voice = localVoice();
    if (voice) utterance.voice = voice;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(utterance);
  }
  function setVoice(on) {
    prefs.voice = on && canSpeak;
    savePrefs();
    $("opt-voice").checked = prefs.voice;
    $("btn-voice").setAttribute("aria-pressed", prefs.voice ? "true" : "false");
    if (!prefs.voice && canSpeak) window.speechSynthesis.cancel();
  }

  // Keep the screen on while a session runs, where the browser allows it.
  let wakeLock = null;
  function holdScreen(on) {
    if (on && !wakeLock && navigator.wakeLock) {
      navigator.wakeLock.request("screen").then((lock) => { wakeLock = lock; }).catch(() => {});
    } else if (!on && wakeLock) { wakeLock.release().catch(() => {}); wakeLock = null; }
  }

  function show(stage) {
    for (const name of ["before", "run", "after", "done"]) $("stage-" + name).hidden = name !== stage;
    document.body.classList.toggle("session-running", stage === "run");
    holdScreen(stage === "run");
    if (stage === "run") window.scrollTo(0, 0);
    state.stage = stage;
    save();
  }

  function stepTitle(cue) {
    if (!cue.step_id) return "";
    const ids = Object.keys(data.steps);
    const place = cue.side ? " · " + cue.side + " " + (data.places[cue.step_id] || "side") : "";
    return "Step " + (ids.indexOf(cue.step_id) + 1) + " of " + ids.length + ": " + data.steps[cue.step_id] + place;
  }

  function render() {
    const cue = data.cues[state.cue];
    $("step-name").textContent = stepTitle(cue);
    $("cue-text").textContent = cue.text;
    document.querySelectorAll(".session-diagrams [data-step]").forEach((figure) => {
      figure.hidden = figure.dataset.step !== cue.step_id;
    });
    showYourSpot(cue);
    $("countdown").textContent = clock(state.remaining);
    const pacer = $("pacer");
    const work = cue.kind === "work";
    pacer.className = "pacer" + (work ? " active" : "");
    pacer.style.animationDuration = work ? (cue.pace_seconds / speed) + "s" : "";
    pacer.style.animationPlayState = state.paused ? "paused" : "running";
    $("pace-words").textContent = work ? PACE_WORDS[cue.pacing] + ", every " + cue.pace_seconds + " seconds" : "";
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
  if (navigator.onLine) {  // offline, the session runs without the saved spots (and the console stays quiet)
    fetch("/api/v1/marks").then((r) => (r.ok ? r.json() : { marks: [] }))
      .then((found) => { yourSpots = found.marks; if (state.stage === "run") showYourSpot(data.cues[state.cue]); }).catch(() => {});
  }

  function goTo(index) {
    if (index >= data.cues.length || data.cues[index].kind === "done") {
      speak(data.cues[data.cues.length - 1].text + " How bad is your back pain now? Tap a number.");
      finish(null);
      return;
    }
    state.cue = index;
    state.remaining = data.cues[index].seconds;
    if (data.cues[index].kind === "switch" || data.cues[index].kind === "intro") switchSignal();
    speak(data.cues[index].text);
    save();
    render();
  }

  function tick() {
    if (state.stage !== "run" || state.paused) return;
    const cue = data.cues[state.cue];
    if (cue.kind === "work") {
      const key = cue.step_id + "|" + (cue.side || "");
      state.done[key] = (state.done[key] || 0) + 1;
      const elapsed = cue.seconds - state.remaining;
      if (elapsed > 0 && elapsed % Math.max(1, Math.round(cue.pace_seconds)) === 0) paceTick();
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

  function togglePause() {
    state.paused = !state.paused;
    speak(state.paused ? "Paused." : "Carrying on. " + data.cues[state.cue].text);
    save();
    render();
  }

  // The advice for a stop reason, kept on screen until the end (and spoken).
  function showAdvice(reason, stage) {
    const box = $("stop-advice");
    let shown = null;
    box.querySelectorAll("[data-reason]").forEach((section) => {
      section.hidden = section.dataset.reason !== reason;
      if (!section.hidden) shown = section;
    });
    box.hidden = !shown;
    const help = shown && shown.querySelector(".get-help");
    $("stop-call").hidden = !help; // one call button, right under the advice's heading, so it is in view at once
    if (help) shown.querySelector("h3").insertAdjacentElement("afterend", $("stop-call"));
    // After the pain question and its scale, so the numbers to tap are on screen while the advice is read out.
    const where = $("stage-" + stage);
    where.insertBefore(box, stage === "done" ? where.querySelector(".done-links") : where.querySelector(".hint").nextSibling);
    return shown;
  }
  // The advice as one spoken text: each heading and line a sentence, with one full stop each.
  function adviceWords(section) {
    if (!section) return "";
    return Array.from(section.querySelectorAll("h3, h4, li, h4 + p"))
      .map((node) => node.textContent.trim().replace(/[.:!?]*$/, ".")).join(" ");
  }

  function finish(reason) {
    state.stopReason = reason;
    state.endedAt = outbox.localIso(new Date());
    show("after");
    const section = showAdvice(reason, "after");
    if (reason) speak(adviceWords(section) + " How bad is your back pain now? Tap a number.");
    // The stop button that had focus is gone: focus the advice, with the question and its numbers at the top.
    (section ? section.querySelector("h3") : $("after-q")).focus({ preventScroll: true });
    $("stage-after").scrollIntoView({ block: "start" });
    save();
  }

  function stepsDone() {
    return Object.entries(state.done).map(([key, seconds]) => {
      const [stepId, side] = key.split("|");
      return { step_id: stepId, side: side || null, seconds };
    });
  }

  async function submit() {
    const body = { client_id: state.clientId, started_at: state.startedAt, ended_at: state.endedAt || outbox.localIso(new Date()),
      answers: data.answers, steps_done: stepsDone(), pain_before: state.painBefore, pain_after: state.painAfter,
      completed: !state.stopReason, stop_reason: state.stopReason };
    outbox.add("session", body);
    localStorage.removeItem(STORE); // the outbox has it now: leaving the page loses nothing
    const result = await outbox.flush();
    const refused = result.refused.find((item) => item.body.client_id === state.clientId);
    const waiting = outbox.pending().some((item) => item.body.client_id === state.clientId);
    const change = state.painAfter - state.painBefore;
    const words = change < 0 ? plural(-change, "point") + " lower" : change > 0 ? plural(change, "point") + " higher" : "the same";
    const reason = state.stopReason;
    state = Object.assign(fresh(), { stage: "done" });
    show("done");
    // Pain higher at the end of a whole session: the same advice as after a stop for worse pain.
    const advice = showAdvice(reason || (change > 0 && !refused ? "higher" : null), "done");
    $("done-title").textContent = refused ? "Session not saved" : waiting ? "Session kept on this device" : "Session saved";
    const lead = reason ? "Stopped early. " : change > 0 ? "You finished the session. " : "Well done. ";
    let summary = lead + "Pain before " + body.pain_before + ", after " + body.pain_after + ": " + words + ".";
    if (waiting) summary += " It will be added to your diary when the connection is back.";
    if (refused) summary = "The session could not be saved: " + refused.problem;
    $("done-summary").textContent = summary;
    speak(reason ? summary : summary + " " + adviceWords(advice));
    $("done-title").focus();
  }

  document.querySelectorAll(".scale").forEach((group) => {
    group.addEventListener("click", (event) => {
      const button = event.target.closest("button[data-value]");
      if (!button) return;
      wakeAudio();
      const value = Number(button.dataset.value);
      if (group.dataset.target === "before") {
        state = Object.assign(fresh(), { painBefore: value, startedAt: outbox.localIso(new Date()) });
        show("run");
        goTo(0);
        $("cue-text").focus();
      } else {
        state.painAfter = value;
        save();
        submit();
      }
    });
  });
  $("opt-voice").addEventListener("change", (event) => { setVoice(event.target.checked); });
  $("cue-sound").addEventListener("change", (event) => { prefs.sound = event.target.checked; savePrefs(); });
  $("btn-voice").addEventListener("click", () => {
    wakeAudio();
    setVoice(!prefs.voice);
    speak(data.cues[state.cue].text);
  });
  $("btn-pause").addEventListener("click", togglePause);
  $("btn-skip").addEventListener("click", skipStep);
  document.querySelectorAll("[data-stop]").forEach((button) => {
    button.addEventListener("click", () => finish(button.dataset.stop));
  });

  if (!canSpeak) {
    $("opt-voice").disabled = true;
    $("voice-hint").textContent = "This browser cannot speak, so voice guidance is not available here.";
  }
  setVoice(Boolean(prefs.voice));
  $("cue-sound").checked = Boolean(prefs.sound);
  $("session").hidden = false;
  show(state.stage === "done" ? "before" : state.stage);
  if (state.stage === "run") {
    render();
    if (resumed) $("cue-text").textContent = "Resumed where you left off. " + data.cues[state.cue].text;
  } else if (state.stage === "after") {
    showAdvice(state.stopReason, "after");
  }
  setInterval(tick, 1000 / speed);
})();
