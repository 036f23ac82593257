/* A page while its job runs (a period's closing or opening notices, a large upload): asks the page's job address every
   few seconds, moves the progress bar and its sentence, and opens the page afresh once the job is over
   so the units' classification states appear. Without this script the page's own link refreshes it. */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-url]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-job-text]");
  var EVERY_MS = 2000, AFTER_ERROR_MS = 6000;

  function show(job) {
    if (job.total) {
      bar.max = job.total;
      bar.value = job.done;
    }
    if (text.textContent !== job.text) { text.textContent = job.text; }
  }

  function poll() {
    fetch(box.getAttribute("data-job-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (job) {
        if (!job) { window.setTimeout(poll, AFTER_ERROR_MS); return; }
        show(job);
        if (job.finished) { window.location.assign(box.getAttribute("data-page-url")); return; }
        window.setTimeout(poll, EVERY_MS);
      })
      .catch(function () { window.setTimeout(poll, AFTER_ERROR_MS); });
  }

  window.setTimeout(poll, EVERY_MS);
}());
