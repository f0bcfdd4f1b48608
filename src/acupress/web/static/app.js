// Small improvements for every page; everything works without them.
(function () {
  "use strict";
  const offset = String(-new Date().getTimezoneOffset());
  document.querySelectorAll("input.tz-offset").forEach((input) => { input.value = offset; });
  document.body.addEventListener("htmx:configRequest", (event) => {
    event.detail.headers["X-CSRF-Token"] = document.querySelector("meta[name=csrf-token]").content;
  });
})();
