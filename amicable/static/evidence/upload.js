// Evidence upload: drag and drop, several files, progress from XHR upload events, then the import
// list is refreshed (it polls itself while a background import runs). Works without JS as a plain form.
(function () {
  "use strict";
  var form = document.getElementById("ev-upload");
  if (!form) { return; }
  var input = document.getElementById("ev-files");
  var drop = document.getElementById("ev-drop");
  var chosen = document.getElementById("ev-chosen");
  var bar = document.getElementById("ev-progress");
  var status = document.getElementById("ev-status");
  var maxBytes = parseInt(form.dataset.maxMb, 10) * 1024 * 1024;
  var dropped = null;

  function files() { return dropped || input.files; }
  function describe() {
    var list = files();
    if (!list || !list.length) { return; }
    var names = [], total = 0;
    for (var i = 0; i < list.length; i++) { names.push(list[i].name); total += list[i].size; }
    chosen.textContent = names.join(", ") + " (" + (total / 1048576).toFixed(1) + " MB)";
  }
  input.addEventListener("change", function () { dropped = null; describe(); });
  ["dragenter", "dragover"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.add("is-over"); });
  });
  ["dragleave", "drop"].forEach(function (name) {
    drop.addEventListener(name, function (e) { e.preventDefault(); drop.classList.remove("is-over"); });
  });
  drop.addEventListener("drop", function (e) { dropped = e.dataTransfer.files; describe(); });

  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var list = files();
    if (!list || !list.length) { status.textContent = "Choose at least one file to import."; return; }
    var data = new FormData(form), total = 0;
    data.delete("files");
    for (var i = 0; i < list.length; i++) { data.append("files", list[i]); total += list[i].size; }
    if (total > maxBytes) {
      status.textContent = "That upload is larger than the limit of " + form.dataset.maxMb + " MB. Split it, or import it from the command line: amicable evidence import.";
      return;
    }
    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
    bar.hidden = false; bar.value = 0;
    xhr.upload.addEventListener("progress", function (ev) {
      if (ev.lengthComputable) {
        bar.value = Math.round(100 * ev.loaded / ev.total);
        status.textContent = "Uploading… " + bar.value + "%";
      }
    });
    xhr.upload.addEventListener("load", function () { status.textContent = "Uploaded. Importing…"; });
    xhr.addEventListener("load", function () {
      var target = document.getElementById("ev-imports");
      target.innerHTML = xhr.responseText;
      if (window.htmx) { window.htmx.process(target); }
      bar.hidden = true;
      if (xhr.status === 200) {
        status.textContent = "Done. The timeline shows the new items.";
        form.reset(); dropped = null; chosen.textContent = "";
        var timeline = document.getElementById("ev-timeline");
        if (!timeline || !document.querySelector(".ev-batch [hx-get]")) { window.setTimeout(function () { window.location.reload(); }, 600); }
      } else {
        status.textContent = "The import did not start: see the message above.";
      }
    });
    xhr.addEventListener("error", function () { bar.hidden = true; status.textContent = "The upload failed (network error). Try again."; });
    xhr.send(data);
  });
})();
