// The assessment, one screen (group) at a time, with Back and Next and the
// progress shown. Without this script the page is one long form that the
// server reads the same way (web/forms.py).
(function () {
  "use strict";
  const form = document.getElementById("assess-form");
  if (!form) return;
  const $ = (id) => document.getElementById(id);
  const screens = Array.from(form.querySelectorAll("fieldset.screen"));
  const next = $("wizard-next");
  const back = $("wizard-back");
  const submit = $("assess-submit");
  const DAYS_PER = { days: 1, weeks: 7, months: 30, years: 365 }; // as DURATION_UNITS in web/forms.py
  const AMOUNT = /^[0-9]{1,6}([.,][0-9]{1,2})?$/;
  let current = screens[0];
  const bar = document.createElement("progress");
  bar.className = "wizard-bar";
  bar.setAttribute("aria-hidden", "true");

  // ---- What has been answered so far ----
  const checked = (name) => Array.from(form.querySelectorAll(`input[name="${name}"]:checked`)).map((input) => input.value);
  function wholeNumber(name) {
    const input = form.elements[name];
    const text = input ? input.value.trim() : "";
    return /^[0-9]+$/.test(text) ? Number(text) : null;
  }
  function days() {
    const amount = $("duration_amount");
    const unit = checked("duration_unit")[0];
    if (!amount || !unit || !AMOUNT.test(amount.value.trim())) return null;
    return Math.floor(Number(amount.value.trim().replace(",", ".")) * DAYS_PER[unit] + 0.5);
  }
  function answers() {
    const pain = checked("pain_now")[0];
    return { age: wholeNumber("age"), pain: pain === undefined ? null : Number(pain), days: days(),
      pregnant: checked("pregnant")[0] === "yes", conditions: checked("conditions"),
      signs: checked("red_flags").concat(checked("pregnancy_signs")) };
  }

  // ---- Which screens are asked: a group's `shown_when`, with the words of core/when.py.
  // An answer not given yet counts as holding, so a screen is asked rather than skipped.
  const unknown = (value) => value === null;
  const TESTS = {
    pregnant: (a, v) => a.pregnant === v,
    age_under: (a, v) => unknown(a.age) || a.age < v,
    age_from: (a, v) => unknown(a.age) || a.age >= v,
    pain_from: (a, v) => unknown(a.pain) || a.pain >= v,
    days_under: (a, v) => unknown(a.days) || a.days < v,
    days_over: (a, v) => unknown(a.days) || a.days > v,
    conditions_any: (a, v) => v.some((id) => a.conditions.includes(id)),
    any_red_flag: (a, v) => (a.signs.length > 0) === v,
  };
  function asked() {
    const a = answers();
    return screens.filter((screen) => {
      if (!screen.dataset.shownWhen) return true;
      const clause = JSON.parse(screen.dataset.shownWhen);
      return Object.keys(clause).every((word) => !TESTS[word] || TESTS[word](a, clause[word]));
    });
  }

  // ---- Problems beside their field (the words come from the server, in data-help) ----
  function valid(field) {
    const kind = field.dataset.required;
    if (kind === "radio") return field.querySelector("input:checked") !== null;
    if (kind === "duration") {
      const total = days();
      return total !== null && total <= Number(field.dataset.maxDays);
    }
    const value = wholeNumber(field.querySelector("input").name);
    return value !== null && value >= Number(field.dataset.min) && value <= Number(field.dataset.max);
  }
  function describedBy(element, id, on) {
    const ids = (element.getAttribute("aria-describedby") || "").split(" ").filter((x) => x && x !== id);
    if (on) ids.push(id);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  }
  function showProblem(field, message) {
    const id = field.id.replace(/^field-/, "") + "-error";
    let note = $(id);
    const text = field.querySelector("input[type=text]");
    if (!message) {
      if (note) note.remove();
      describedBy(field.matches("fieldset") ? field : text, id, false);
      if (text) text.removeAttribute("aria-invalid");
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "field-error";
      note.id = id;
      const before = field.querySelector(".hint") || field.querySelector(".question-text");
      before.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
    describedBy(field.matches("fieldset") ? field : text, id, true);
    if (text) text.setAttribute("aria-invalid", "true");
  }
  function check(screen) {
    let first = null;
    screen.querySelectorAll("[data-required]").forEach((field) => {
      const ok = valid(field);
      showProblem(field, ok ? "" : field.dataset.help);
      if (!ok && !first) first = field;
    });
    return first;
  }
  function focusField(field) {
    const control = field.querySelector("input[type=text], input:checked") || field.querySelector("input");
    control.focus();
  }

  // ---- Moving between screens ----
  function label() {
    const ticks = current.hasAttribute("data-ticks");
    const none = ticks && !current.querySelector("input[type=checkbox]:checked:not([name=clinician_cleared])");
    next.textContent = none ? "None of these: next" : "Next";
    submit.textContent = none ? "None of these: see my plan" : "See my plan";
  }
  function clearance() {
    form.querySelectorAll("[data-clearance]").forEach((box) => {
      const needed = box.closest(".screen").querySelector("input[data-clearable]:checked") !== null;
      box.classList.toggle("needed", needed);
      if (!needed) box.querySelector("input").checked = false;
    });
  }
  function show(screen, focus) {
    const list = asked();
    const index = Math.max(0, list.indexOf(screen));
    current = list[index];
    screens.forEach((s) => s.classList.toggle("current", s === current));
    current.querySelector(".screen-part").textContent = `Part ${index + 1} of ${list.length}`;
    bar.max = list.length;
    bar.value = index + 1;
    back.hidden = index === 0;
    $("assessment").classList.toggle("later", index > 0);
    next.hidden = index === list.length - 1;
    submit.hidden = !next.hidden;
    label();
    if (focus) {  // a new screen is read from its top: the progress, then the title
      bar.scrollIntoView({ block: "nearest" });
      current.querySelector(".screen-title").focus({ preventScroll: true });
    }
  }
  // Each screen is a step in the browser's history, so the phone's own Back button goes to the previous screen.
  function step(by) {
    const list = asked();
    const depth = (history.state && history.state.depth) || 0;
    if (by < 0 && depth > 0) { history.back(); return; }
    if (by > 0) {
      const problem = check(current);
      if (problem) { focusField(problem); return; }
    }
    const target = list[list.indexOf(current) + by];
    if (!target) return;
    show(target, true);
    if (by > 0) history.pushState({ assessScreen: target.id, depth: depth + 1 }, "");
  }
  window.addEventListener("popstate", (event) => {
    if ($("assessment").hidden) return; // an emergency screen stays until it is dismissed
    const id = event.state && event.state.assessScreen;
    show((id && $(id)) || screens[0], true);
  });

  // ---- A sign that needs help now stops the questions at once ----
  function stopNow(input) {
    const screen = $("stop-" + input.value);
    $("assessment").hidden = true;
    screen.hidden = false;
    screen.querySelector("h1").focus();
    // The server keeps the answers when they are complete, so the plan pages show the stop too.
    fetch(form.action, { method: "POST", body: new URLSearchParams(new FormData(form)), credentials: "same-origin", keepalive: true }).catch(() => { /* offline: the screen above is all that matters */ });
  }
  document.addEventListener("click", (event) => {
    const undo = event.target.closest("[data-undo]");
    if (!undo) return;
    $(undo.dataset.undo).checked = false;
    undo.closest(".offline-stop").hidden = true;
    $("assessment").hidden = false;
    label();
    show(current, true);
  });

  form.addEventListener("change", (event) => {
    const input = event.target;
    if (input.dataset.level === "emergency" && input.checked) { stopNow(input); return; }
    clearance();
    if (input.type !== "text") mended(input);
    show(current, false); // the answers may add or remove a screen (pregnancy)
  });
  // A typed answer loses its problem while typing, not when the box loses focus: the page must
  // not move under a finger that is tapping the next question.
  form.addEventListener("input", (event) => { if (event.target.type === "text") mended(event.target); });
  function mended(input) {
    const field = input.closest("[data-required]");
    if (field && $(field.id.replace(/^field-/, "") + "-error") && valid(field)) showProblem(field, "");
  }
  // Enter in a box or on a choice goes to the next screen, never submits half the questions.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.target.tagName !== "INPUT") return;
    event.preventDefault();
    if (next.hidden) form.requestSubmit(submit);
    else step(1);
  });
  form.addEventListener("submit", (event) => {
    for (const screen of asked()) {
      const problem = check(screen);
      if (problem) {
        event.preventDefault();
        show(screen, false);
        focusField(problem);
        return;
      }
    }
    const offline = $("offline-submit");
    offline.hidden = navigator.onLine;
    if (!navigator.onLine) event.preventDefault(); // the answers stay on the page until the connection is back
  });
  next.addEventListener("click", () => step(1));
  back.addEventListener("click", () => step(-1));
  // A link in the list of problems opens the screen of its field.
  const summary = $("error-summary");
  if (summary) {
    summary.addEventListener("click", (event) => {
      const link = event.target.closest("a[href^='#']");
      const target = link && $(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      show(target.closest(".screen"), false);
      target.focus();
    });
  }

  // ---- Start ----
  form.insertBefore(bar, screens[0]);
  form.classList.add("wizard");
  $("assessment").classList.add("wizard");
  next.hidden = false;
  clearance();
  const firstProblem = form.querySelector(".field-error");
  show(firstProblem ? firstProblem.closest(".screen") : screens[0], false);
  history.replaceState({ assessScreen: current.id, depth: 0 }, "");
  if (summary) summary.focus();
})();
