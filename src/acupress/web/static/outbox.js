// The outbox: diary entries and sessions wait here until the server has them.
// Everything saved goes through it, online or not, so nothing is lost when the
// connection drops half-way. Each record carries an id made on this device
// (client_id); the server saves a record sent twice only once.
(function () {
  "use strict";
  const STORE = "acupress.outbox";
  const PATHS = { entry: "/api/v1/diary", session: "/api/v1/sessions" };
  const RETRY_MS = 10000;
  let flushing = null;
  let retryTimer = null;

  function read() {
    try { return JSON.parse(localStorage.getItem(STORE) || "[]"); } catch (e) { return []; }
  }
  function write(items) { localStorage.setItem(STORE, JSON.stringify(items)); }

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  // Local time with its UTC offset, as the API wants it: 2026-11-25T14:32:05+01:00.
  function localIso(date) {
    const offset = -date.getTimezoneOffset();
    const sign = offset >= 0 ? "+" : "-";
    const pad = (n) => String(Math.floor(Math.abs(n))).padStart(2, "0");
    const local = new Date(date.getTime() + offset * 60000).toISOString().slice(0, 19);
    return local + sign + pad(offset / 60) + ":" + pad(offset % 60);
  }

  function add(kind, body) {
    const item = { kind, body: Object.assign({ client_id: newId() }, body), tries: 0 };
    const items = read();
    if (!items.some((queued) => queued.body.client_id === item.body.client_id)) items.push(item);
    write(items);
    return item.body.client_id;
  }

  // Records that had to wait are announced when they finally reach the diary.
  function markWaited(item) {
    write(read().map((queued) => queued.body.client_id === item.body.client_id ? Object.assign(queued, { waited: true }) : queued));
  }

  function remove(clientId) { write(read().filter((item) => item.body.client_id !== clientId)); }

  function csrfToken() {
    const meta = document.querySelector("meta[name=csrf-token]");
    return meta ? meta.content : "";
  }

  // Sends one record. Returns "sent", "refused" (the server will never take it) or "waiting".
  async function send(item) {
    if (navigator.onLine === false) return "waiting"; // no need to try (and no error in the console)
    let response;
    try {
      response = await fetch(PATHS[item.kind], { method: "POST", body: JSON.stringify(item.body), credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": csrfToken() } });
    } catch (e) {
      return "waiting"; // offline, or the server is down
    }
    if (response.ok) return "sent";
    if (response.status >= 500 || response.status === 408 || response.status === 429) return "waiting";
    const problem = await response.json().catch(() => ({}));
    item.problem = problem.message || "the server refused it";
    item.problemField = problem.field;
    return "refused";
  }

  // Sends everything waiting, oldest first; stops at the first that cannot go yet.
  async function flushNow() {
    const results = { sent: [], refused: [], waiting: 0 };
    for (const item of read()) {
      if (item.refused) continue;
      const outcome = await send(item);
      if (outcome === "waiting") { markWaited(item); break; }
      if (outcome === "sent") { remove(item.body.client_id); results.sent.push(item); continue; }
      const items = read().map((queued) => queued.body.client_id === item.body.client_id
        ? Object.assign(queued, { refused: true, problem: item.problem, problemField: item.problemField }) : queued);
      write(items);
      results.refused.push(item);
    }
    results.waiting = pending().length;
    scheduleRetry(results.waiting);
    document.dispatchEvent(new CustomEvent("acupress:outbox", { detail: results }));
    return results;
  }

  function flush() {
    if (!flushing) {
      const run = navigator.locks ? navigator.locks.request(STORE, flushNow) : flushNow();
      flushing = Promise.resolve(run).finally(() => { flushing = null; });
    }
    return flushing;
  }

  function scheduleRetry(waiting) {
    clearTimeout(retryTimer);
    if (waiting) retryTimer = setTimeout(flush, RETRY_MS);
  }

  function pending() { return read().filter((item) => !item.refused); }
  function refused() { return read().filter((item) => item.refused); }
  function clear() { localStorage.removeItem(STORE); }

  window.acupressOutbox = { add, flush, pending, refused, clear, localIso, newId };
  window.addEventListener("online", flush);
  if (read().length) flush();
})();
