// An NGO import's page (admin): fetch its status every 2 s and update it in place, in a
// polite live region, until the import has finished; then load the page again, which
// shows the report and the choices outside the live region. Without JavaScript the page
// has a "refresh" link instead.
(function () {
  "use strict";
  var region = document.querySelector("[data-import-status-url]");
  if (!region) {
    return;
  }
  var url = region.getAttribute("data-import-status-url");
  function finished() {
    var status = region.querySelector("#import-status");
    return !status || status.getAttribute("data-finished") === "1";
  }
  function poll() {
    if (finished()) {
      return;
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          region.innerHTML = html;
          if (finished()) {
            window.location.reload();
          }
        }
      })
      .catch(function () {})
      .then(function () {
        window.setTimeout(poll, 2000);
      });
  }
  window.setTimeout(poll, 2000);
})();
