// Small improvements for every page; everything works without them.
(function () {
  "use strict";
  const offset = String(-new Date().getTimezoneOffset());
  document.querySelectorAll("input.tz-offset").forEach((input) => { input.value = offset; });
  const now = new Date();
  const localDate = now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" + String(now.getDate()).padStart(2, "0");
  document.querySelectorAll("input.local-date").forEach((input) => { input.value = localDate; });
  document.body.addEventListener("htmx:configRequest", (event) => {
    event.detail.headers["X-CSRF-Token"] = document.querySelector("meta[name=csrf-token]").content;
  });
})();
