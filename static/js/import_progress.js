// Admin import jobs: poll the job's status and move the <progress> bar; reload the page
// (which then shows the preview or the result) once the worker is done. Without this
// script the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var bar = document.getElementById("import-progress");
  if (!bar || !window.fetch) return;
  var label = document.querySelector("label[for=import-progress]");

  function show(status) {
    if (status.total === null) {
      bar.removeAttribute("value");
      label.textContent = bar.dataset.reading;
      return;
    }
    bar.max = status.total;
    bar.value = status.done;
    label.textContent = bar.dataset.rows
      .replace("%(done)s", status.done)
      .replace("%(total)s", status.total);
  }

  function poll() {
    fetch(bar.dataset.statusUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        show(status);
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
