// Tandem's only script: tell the user when an HTMX request failed, without
// touching what they typed (htmx leaves the form in place on errors).
(function () {
  "use strict";
  function showStatus(text) {
    var box = document.getElementById("connection-status");
    if (!box) { return; }
    box.textContent = text;
    box.hidden = false;
  }
  function renewToken(token) {
    // The server renewed an expired form token: use it for the next requests.
    var headers = JSON.parse(document.body.getAttribute("data-hx-headers") || "{}");
    headers["X-CSRFToken"] = token;
    document.body.setAttribute("data-hx-headers", JSON.stringify(headers));
    document.querySelectorAll("input[name=csrf_token]").forEach(function (input) {
      input.value = token;
    });
  }
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    var token = xhr.getResponseHeader("X-CSRF-Token");
    if (token) { renewToken(token); }
    // DOMParser builds an inert document: nothing in the response runs or loads.
    var doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    var found = doc.querySelector("[data-message]");
    var message = found ? found.textContent.trim() : "The change could not be saved (error " + xhr.status + "). Your text is still here.";
    showStatus(message);
  });
  document.addEventListener("htmx:sendError", function () {
    showStatus("The server could not be reached. Your text is still here; try again in a moment.");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) {
      var box = document.getElementById("connection-status");
      if (box) { box.hidden = true; }
    }
  });
})();
