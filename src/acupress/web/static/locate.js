// Upload without leaving the page, and mark the ankle by tapping (assisted KI3).
(function () {
  "use strict";
  const form = document.getElementById("upload-form");
  const result = document.getElementById("upload-result");
  const ankleHelp = document.getElementById("ankle-help");
  const token = document.querySelector("meta[name=csrf-token]").content;
  let marks = [];
  let natural = null;

  async function send(extra) {
    const data = new FormData(form);
    for (const [key, value] of Object.entries(extra || {})) data.set(key, value);
    const post = (output) => {
      const body = new FormData();
      for (const [key, value] of data.entries()) body.append(key, value);
      body.set("output", output);
      return fetch("/api/v1/locate", { method: "POST", body, headers: { "x-csrf-token": token } });
    };
    const [jsonResponse, pngResponse] = await Promise.all([post("json"), post("png")]);
    const json = await jsonResponse.json();
    if (!jsonResponse.ok) { show(null, json, null); return; }
    show(URL.createObjectURL(await pngResponse.blob()), json, data.get("point"));
  }

  function show(imageUrl, json, point) {
    result.textContent = "";
    if (!imageUrl) {
      const error = document.createElement("p");
      error.className = "error";
      error.setAttribute("role", "alert");
      error.textContent = json.message;
      result.appendChild(error);
      return;
    }
    const image = document.createElement("img");
    image.src = imageUrl;
    image.className = "located";
    image.alt = "Your photo with " + json.points.length + " point(s) marked";
    natural = json.image;
    result.appendChild(image);
    const list = document.createElement("ul");
    for (const p of json.points) {
      const item = document.createElement("li");
      item.textContent = p.id + (p.side ? " (" + p.side + ")" : "") + ": confidence " + Math.round(p.confidence * 100) + "%";
      list.appendChild(item);
    }
    result.appendChild(list);
    for (const message of json.messages) {
      const note = document.createElement("p");
      note.className = "card alert caution";
      note.textContent = message;
      result.appendChild(note);
    }
    const needsMarks = point !== "SI3" && !json.points.some((p) => p.id === "KI3");
    ankleHelp.hidden = !needsMarks;
    if (needsMarks) image.addEventListener("click", mark);
  }

  function mark(event) {
    const box = event.target.getBoundingClientRect();
    const x = Math.round((event.clientX - box.left) * natural.width / box.width);
    const y = Math.round((event.clientY - box.top) * natural.height / box.height);
    marks.push(x + "," + y);
    if (marks.length === 2) {
      const [bone, tendon] = marks;
      marks = [];
      send({ point: "KI3", ankle_bone: bone, tendon: tendon });
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    marks = [];
    send();
  });
  document.getElementById("ankle-reset").addEventListener("click", () => { marks = []; });
})();
