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

// --- Focus and title after HTMX swaps (#8 point 19) -------------------------------
// A swap that replaces the control just used (Save and continue, Approve, Mark done,
// …) would drop keyboard focus to <body>, and the next Tab starts at the top of the
// page. Move focus into what was swapped in instead, in this order: an element marked
// data-focus-after-swap; the heading of the section the control was in; the first
// heading; a status message; the swapped region itself. A swapped region carrying
// data-page-title also names the page (step navigation changes the URL).
(function () {
  "use strict";
  var before = null;  // what had focus when the request started
  var HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"];
  function sectionHeadingId(element) {
    var section = element.closest && element.closest("[aria-labelledby]");
    return section ? section.getAttribute("aria-labelledby").split(" ")[0] : null;
  }
  function focusTarget(region, headingId) {
    var marked = region.matches("[data-focus-after-swap]") ? region : region.querySelector("[data-focus-after-swap]");
    if (marked) { return marked; }
    var heading = headingId ? document.getElementById(headingId) : null;
    if (heading && region.contains(heading)) { return heading; }
    for (var i = 0; i < HEADINGS.length; i++) {
      heading = region.querySelector(HEADINGS[i]);
      if (heading) { return heading; }
    }
    return region.querySelector("[role=status], [role=alert]") || region;
  }
  function moveFocus(element) {
    // Headings and regions take focus from script only, never from Tab.
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) {
      element.setAttribute("tabindex", "-1");
    }
    element.focus();
  }
  document.addEventListener("htmx:beforeRequest", function () {
    var active = document.activeElement;
    before = active && active !== document.body
      ? { element: active, headingId: sectionHeadingId(active) } : null;
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    var region = event.target;
    if (!(region instanceof Element) || region.matches("input, [hidden]")) { return; }
    var titled = region.matches("[data-page-title]") ? region : region.querySelector("[data-page-title]");
    if (titled) { document.title = titled.getAttribute("data-page-title"); }
    var active = document.activeElement;
    if (!before || (active && active !== document.body && active.isConnected)) { return; }
    var headingId = before.headingId;
    before = null;
    moveFocus(focusTarget(region, headingId));
  });
})();

// --- Unsaved text asks before the page is left (#8 point 3) ----------------------
// A form holding an autosave area (data-keeps-form: a step's autosave or a draft) is
// "dirty" from the first keystroke until an autosave that started after it succeeds.
// Leaving the page while a form is dirty asks first; submitting the form does not.
(function () {
  "use strict";
  var edits = new WeakMap();    // form -> number of edits so far
  var saved = new WeakMap();    // form -> edit count the last successful autosave carried
  var pending = new WeakMap();  // autosave element -> edit count when its request left
  var submitting = false;
  function keeper(form) { return form && form.querySelector("[data-keeps-form]"); }
  function dirty(form) { return (edits.get(form) || 0) > (saved.get(form) || 0); }
  document.addEventListener("input", function (event) {
    var form = event.target.form;
    if (keeper(form)) { edits.set(form, (edits.get(form) || 0) + 1); }
  });
  document.addEventListener("submit", function () { submitting = true; });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt.matches && elt.matches("[data-keeps-form]")) {
      pending.set(elt, edits.get(elt.closest("form")) || 0);
    } else if (elt.matches && elt.matches("form")) {
      saved.set(elt, edits.get(elt) || 0);  // the whole form is being sent
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    submitting = false;  // an HTMX submit stays on the page
    if (event.detail.successful && elt.matches && elt.matches("[data-keeps-form]")) {
      var form = elt.closest("form");
      if (form) { saved.set(form, Math.max(saved.get(form) || 0, pending.get(elt) || 0)); }
    }
  });
  window.addEventListener("beforeunload", function (event) {
    if (submitting) { return; }
    var forms = document.querySelectorAll("form");
    for (var i = 0; i < forms.length; i++) {
      if (keeper(forms[i]) && dirty(forms[i])) {
        event.preventDefault();
        event.returnValue = "";  // older browsers need a value to ask
        return;
      }
    }
  });
})();

