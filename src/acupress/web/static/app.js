// Small improvements for every page; everything works without them.
(function () {
  "use strict";
  const outbox = window.acupressOutbox;
  const $ = (id) => document.getElementById(id);
  const status = $("status");

  function localDate(now) {
    return now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  }
  document.querySelectorAll("input.tz-offset").forEach((input) => { input.value = String(-new Date().getTimezoneOffset()); });
  document.querySelectorAll("input.local-date").forEach((input) => { input.value = localDate(new Date()); });
  document.body.addEventListener("htmx:configRequest", (event) => {
    event.detail.headers["X-CSRF-Token"] = document.querySelector("meta[name=csrf-token]").content;
  });

  // A confirmation in the status region, announced by screen readers.
  function announce(text, kind) {
    if (!status) return;
    status.textContent = "";
    const line = document.createElement("p");
    line.className = kind === "queued" ? "confirm queued" : "confirm";
    line.textContent = text;
    setTimeout(() => { status.appendChild(line); }, 50); // a change after load is what gets announced
  }
  if (status && status.textContent.trim()) announce(status.textContent.trim());

  // A form far down the page also shows its confirmation beside it (screen readers hear #status).
  function confirmBeside(form, text, kind) {
    let note = form.querySelector(".confirm.beside");
    if (!note) {
      note = document.createElement("p");
      note.className = "confirm beside";
      note.setAttribute("aria-hidden", "true");
      form.appendChild(note);
    }
    note.classList.toggle("queued", kind === "queued");
    note.textContent = text;
  }

  function showOnline() { const note = $("offline-note"); if (note) note.hidden = navigator.onLine; }
  window.addEventListener("online", showOnline);
  window.addEventListener("offline", showOnline);
  showOnline();

  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js").catch(() => { /* the app works without it, online */ });
  }
  function forgetCachedPages() {
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage("forget-pages");
    }
  }
  if (new URLSearchParams(location.search).has("deleted")) { outbox.clear(); forgetCachedPages(); }

  // Errors beside the field they are about.
  function fieldError(input, message) {
    const id = input.id + "-error";
    let note = $(id);
    if (!message) {
      if (note) note.remove();
      input.removeAttribute("aria-invalid");
      return;
    }
    if (!note) {
      note = document.createElement("p");
      note.className = "field-error";
      note.id = id;
      note.setAttribute("role", "alert");
      input.insertAdjacentElement("afterend", note);
    }
    note.textContent = message;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", id);
  }
  function checkNumbers(form) {
    let first = null;
    form.querySelectorAll("input[type=number]").forEach((input) => {
      const text = input.value.trim();
      const ok = text !== "" && /^\d+$/.test(text) && Number(text) >= Number(input.min) && Number(text) <= Number(input.max);
      fieldError(input, ok ? null : "Please give a whole number from " + input.min + " to " + input.max + ".");
      if (!ok && !first) first = input;
    });
    if (first) first.focus();
    return !first;
  }

  function entryFrom(form, submitter) {
    const data = new FormData(form);
    const body = { recorded_at: outbox.localIso(new Date()) };
    const pain = submitter && submitter.name === "pain" ? submitter.value : data.get("pain");
    body.pain = Number(pain);
    for (const name of ["peg_pain", "peg_enjoyment", "peg_activity"]) {
      if (data.get(name) !== null && data.get(name) !== "") body[name] = Number(data.get(name));
    }
    const note = (data.get("note") || "").trim();
    if (note) body.note = note;
    return body;
  }
  // The same words as the server's confirmations (web/feedback.py).
  function savedWords(body, queued) {
    const time = body.recorded_at.slice(11, 16);
    let text;
    if (body.peg_pain !== undefined) {
      const score = Math.round((body.peg_pain + body.peg_enjoyment + body.peg_activity) / 3 * 10) / 10;
      text = (queued ? "Kept on this device: your weekly check at " : "Saved your weekly check at ") + time +
        ": PEG score " + score + " out of 10, pain now " + body.pain + ".";
    } else {
      text = (queued ? "Kept on this device: pain " : "Saved: pain ") + body.pain + " at " + time + ".";
    }
    return queued ? text + " It will be added to your diary when the connection is back." : text;
  }

  async function refreshPanel() {
    const panel = $("diary-panel");
    if (!panel) return;
    try {
      const response = await fetch("/diary", { headers: { "HX-Request": "true" } });
      if (!response.ok) return;
      const fresh = new DOMParser().parseFromString(await response.text(), "text/html").getElementById("diary-panel");
      if (fresh) panel.replaceWith(document.adoptNode(fresh));
    } catch (e) { /* offline: the panel updates when the entries are sent */ }
  }

  async function saveEntry(form, submitter) {
    if (form.classList.contains("peg") && !checkNumbers(form)) return;
    const body = entryFrom(form, submitter);
    const clientId = outbox.add("entry", body);
    const result = await outbox.flush();
    const refusal = result.refused.find((item) => item.body.client_id === clientId);
    if (refusal) {
      const input = form.querySelector("[name=" + (refusal.problemField || "pain") + "]") || form.querySelector("input[type=number]");
      if (input && input.type !== "hidden") fieldError(input, "Not saved: " + refusal.problem);
      else announce("Not saved: " + refusal.problem);
      return;
    }
    const queued = outbox.pending().some((item) => item.body.client_id === clientId);
    const text = savedWords(body, queued);
    announce(text, queued ? "queued" : "saved");
    if (form.classList.contains("peg")) {
      form.reset();
      confirmBeside(form, text, queued ? "queued" : "saved");
    }
  }

  document.querySelectorAll("form[data-diary-form]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      saveEntry(form, event.submitter);
    });
  });

  function showPending() {
    const line = $("pending");
    if (!line) return;
    const waiting = outbox.pending().length;
    const refused = outbox.refused();
    const parts = [];
    if (waiting) parts.push(waiting + (waiting === 1 ? " entry is" : " entries are") + " waiting to be sent to your diary.");
    refused.forEach((item) => parts.push("Could not be saved: " + item.problem));
    line.textContent = parts.join(" ");
    line.hidden = !parts.length;
  }
  document.addEventListener("acupress:outbox", (event) => {
    showPending();
    const late = event.detail.sent.filter((item) => item.waited);
    if (late.length) {
      const entries = late.filter((item) => item.kind === "entry").length;
      const sessions = late.length - entries;
      const what = [entries && (entries + (entries === 1 ? " entry" : " entries")), sessions && (sessions + (sessions === 1 ? " session" : " sessions"))];
      announce("Back online: " + what.filter(Boolean).join(" and ") + " kept on this device " + (late.length === 1 ? "is" : "are") + " now in your diary.");
    }
    if (event.detail.sent.length) refreshPanel();
  });
  showPending();

  const forget = document.querySelector("form[data-forget-form]");
  if (forget) {
    forget.addEventListener("submit", (event) => {
      const box = $("confirm-forget");
      const error = $("forget-error");
      let problem = null;
      if (!box.checked) problem = "Nothing was deleted: tick the box to confirm first.";
      else if (!navigator.onLine) problem = "You are offline, so nothing was deleted. Try again when the connection is back.";
      if (problem) {
        event.preventDefault();
        error.textContent = problem;
        error.hidden = false;
        box.setAttribute("aria-invalid", "true");
        box.focus();
        return;
      }
      outbox.clear(); // entries still waiting would otherwise come back after the deletion
      forgetCachedPages();
    });
  }
})();
