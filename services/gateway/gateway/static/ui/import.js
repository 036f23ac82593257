/* A long import shows its progress: the share of the file sent, then the seconds the registry has been
 * checking and storing its rows. The form is sent as it would be without scripts (same address, same
 * fields, the CSRF token with them); the report that comes back replaces the page's main content.
 * Without scripts the browser posts the form itself and shows the same report. */
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var form = document.querySelector("form[data-progress]");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) { return; }
  var box = document.getElementById("import-progress");
  var text = document.getElementById("progress-text");
  var bar = document.getElementById("progress-bar");
  var words = document.getElementById("progress-words").dataset;

  function say(template, values) {
    text.textContent = template.replace(/\{(\w+)\}/g, function (_m, name) { return values[name]; });
  }

  function show(html, url) {
    var page = new DOMParser().parseFromString(html, "text/html");
    var main = page.querySelector("main");
    if (!main) { window.location.reload(); return; }
    document.querySelector("main").innerHTML = main.innerHTML;
    document.title = page.title;
    if (url) { window.history.replaceState(null, "", url); }
    var heading = document.getElementById("import-outcome") || document.querySelector("main h1");
    if (heading) { heading.setAttribute("tabindex", "-1"); heading.focus(); }
  }

  form.addEventListener("submit", function (event) {
    var file = form.querySelector("input[type=file]");
    if (!file.files.length) { return; }  // the server says what is missing
    event.preventDefault();
    var request = new XMLHttpRequest();
    var started = null, timer = null;
    form.querySelector("button[type=submit]").disabled = true;
    box.hidden = false;
    bar.value = 0;
    say(words.sending, { percent: 0 });
    request.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var percent = Math.round(100 * e.loaded / e.total);
        bar.value = percent;
        say(words.sending, { percent: percent });
      }
    });
    request.upload.addEventListener("load", function () {
      started = Date.now();
      bar.removeAttribute("value");  // indeterminate while the rows are checked
      say(words.checking, { seconds: 0 });
      timer = setInterval(function () {
        say(words.checking, { seconds: Math.round((Date.now() - started) / 1000) });
      }, 1000);
    });
    request.addEventListener("load", function () {
      clearInterval(timer);
      show(request.responseText, request.responseURL);
    });
    request.addEventListener("error", function () {
      clearInterval(timer);
      form.querySelector("button[type=submit]").disabled = false;
      say(words.failed, {});
    });
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "text/html");
    request.send(new FormData(form));
  });
});
