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
      pending.set(elt, edits.get(elt) || 0);  // the whole form is being sent
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    submitting = false;  // an HTMX submit stays on the page
    // Saved only once the server took it: a send lost on the way keeps the form dirty.
    if (event.detail.successful && elt.matches && elt.matches("[data-keeps-form], form")) {
      var form = elt.matches("form") ? elt : elt.closest("form");
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

// --- Warning before the idle sign-out (#8 point 19, WCAG 2.2.1) ---------------------
// <body data-idle-seconds> says how long the server lets this session idle. A little
// before (2 minutes, or half the time if it is shorter) a dialog asks "Are you still
// there?"; "Stay signed in" posts to data-idle-renew, which renews the server's clock.
// Any HTMX request (autosave, a swap) renews it too, so it restarts the countdown.
// The session is shared by every tab: each tab tells the others (localStorage) when the
// server last saw it, so a tab left open never warns, or says "signed out", while the
// user works in another one.
(function () {
  "use strict";
  var body = document.body;
  var seconds = parseFloat(body.getAttribute("data-idle-seconds") || "");
  var dialog = document.getElementById("idle-warning");
  if (!seconds || !dialog || typeof dialog.showModal !== "function") { return; }
  var lead = Math.min(120, seconds / 2);
  var deadline = 0;
  var warnTimer = null;
  var tick = null;
  var returnFocus = null;
  var countdown = dialog.querySelector("[data-idle-countdown]");

  function show(selector, visible) { dialog.querySelector(selector).hidden = !visible; }
  function format(left) {
    var s = Math.max(0, Math.ceil(left / 1000));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }
  function update() {
    var left = deadline - Date.now();
    if (countdown) { countdown.textContent = format(left); }
    if (left <= 0 && heardOf(lastSharedActivity())) { return; }
    if (left <= 0) {
      clearInterval(tick);
      show("[data-idle-text]", false);
      show("[data-idle-stay]", false);
      show("[data-idle-expired-text]", true);
      show("[data-idle-close]", true);
      dialog.querySelector("[data-idle-close]").focus();
    }
  }
  function warn() {
    if (heardOf(lastSharedActivity())) { return; }
    returnFocus = document.activeElement;
    update();
    dialog.showModal();  // focus goes to "Stay signed in"
    tick = setInterval(update, 1000);
  }
  var SHARED = "tandem-last-activity";
  function lastSharedActivity() {
    try { return parseInt(window.localStorage.getItem(SHARED) || "0", 10) || 0; }
    catch (e) { return 0; }  // storage disabled: this tab counts alone
  }
  function restart(seenAt) {
    // seenAt: when the server last saw the session (now, unless another tab says so).
    var own = !seenAt;
    seenAt = seenAt || Date.now();
    clearTimeout(warnTimer);
    clearInterval(tick);
    deadline = seenAt + seconds * 1000;
    warnTimer = setTimeout(warn, Math.max(0, deadline - lead * 1000 - Date.now()));
    if (own) {
      try { window.localStorage.setItem(SHARED, String(seenAt)); } catch (e) { /* alone */ }
    }
  }
  function heardOf(seenAt) {
    // Another tab's request renewed the session: count from then, and drop a warning.
    if (seenAt + seconds * 1000 <= deadline) { return false; }
    restart(seenAt);
    if (dialog.open) { close(); }
    return true;
  }
  window.addEventListener("storage", function (event) {
    if (event.key === SHARED && event.newValue) { heardOf(parseInt(event.newValue, 10) || 0); }
  });
  function close() {
    if (dialog.open) { dialog.close(); }
    if (returnFocus && returnFocus.isConnected) { returnFocus.focus(); }
  }
  function stay() {
    var headers = JSON.parse(body.getAttribute("data-hx-headers") || "{}");
    fetch(body.getAttribute("data-idle-renew"), {
      method: "POST", headers: headers, credentials: "same-origin", redirect: "manual"
    }).then(function (response) {
      if (response.status === 204) { restart(); close(); } else { deadline = 0; update(); }
    }, function () { /* offline: the dialog stays, the user may try again */ });
  }
  dialog.querySelector("[data-idle-stay]").addEventListener("click", stay);
  dialog.querySelector("[data-idle-close]").addEventListener("click", close);
  dialog.addEventListener("cancel", function (event) {
    // Escape before the end means "I am here": stay signed in, never a silent dismissal
    // while the clock runs on. After the end it just closes the dialog.
    if (deadline > Date.now()) { event.preventDefault(); stay(); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && !dialog.open) { restart(); }
  });
  restart();
})();

// --- Character count near a field's limit, and autosave errors at the field (#8 point 4)
// Fields with data-char-limit get "19,500 of 20,000 characters" below them from 80 % of
// the limit. An autosave answer may list fields it could not save (data-field-errors):
// the message goes next to that field, which is marked invalid, until a later autosave
// of the form no longer lists it.
(function () {
  "use strict";
  var SHOW_FROM = 0.8;
  function counterFor(field) {
    var id = field.id + "-count";
    var counter = document.getElementById(id);
    if (!counter) {
      counter = document.createElement("small");
      counter.id = id;
      counter.className = "char-count";
      field.insertAdjacentElement("afterend", counter);
      describe(field, id, true);
    }
    return counter;
  }
  function describe(field, id, on) {
    var ids = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    ids = ids.filter(function (x) { return x !== id; });
    if (on) { ids.push(id); }
    if (ids.length) { field.setAttribute("aria-describedby", ids.join(" ")); }
    else { field.removeAttribute("aria-describedby"); }
  }
  function updateCount(field) {
    var limit = parseInt(field.getAttribute("data-char-limit"), 10);
    var length = field.value.length;
    if (!limit || (length < limit * SHOW_FROM && !document.getElementById(field.id + "-count"))) { return; }
    var counter = counterFor(field);
    counter.hidden = length < limit * SHOW_FROM;
    counter.textContent = length.toLocaleString() + " of " + limit.toLocaleString() + " characters" +
      (length > limit ? " (" + (length - limit).toLocaleString() + " too many)" : "");
    counter.classList.toggle("over", length > limit);
  }
  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("[data-char-limit]")) { updateCount(event.target); }
  });
  document.addEventListener("htmx:load", function (event) {
    var root = event.detail.elt;
    if (root.querySelectorAll) { root.querySelectorAll("[data-char-limit]").forEach(updateCount); }
  });
  function clearAutosaveErrors(form) {
    form.querySelectorAll(".autosave-error").forEach(function (message) {
      var field = document.getElementById(message.getAttribute("data-for"));
      if (field) {
        describe(field, message.id, false);
        if (field.getAttribute("data-autosave-invalid")) {
          field.removeAttribute("aria-invalid");
          field.removeAttribute("data-autosave-invalid");
        }
      }
      message.remove();
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    var area = event.detail.target;
    if (!area || !area.matches || !area.matches("[data-keeps-form]")) { return; }
    var form = area.closest("form");
    if (!form) { return; }
    clearAutosaveErrors(form);
    area.querySelectorAll("[data-field-errors] [data-field]").forEach(function (item) {
      var field = document.getElementById(item.getAttribute("data-field"));
      if (!field) { return; }
      // The page may already show this very message (a draft reopened): say it once.
      var shown = document.getElementById(field.id + "-error");
      if (shown && shown.textContent.trim() === item.textContent.trim()) { return; }
      var message = document.createElement("small");
      message.id = field.id + "-autosave-error";
      message.className = "field-error autosave-error";
      message.setAttribute("role", "alert");
      message.setAttribute("data-for", field.id);
      message.textContent = item.textContent;
      // After the help and the count: the help's negative top margin would pull it over
      // a message placed just under the field (QA: text drawn over text).
      var after = [field.id + "-count", field.id + "-help"].map(function (id) {
        return document.getElementById(id);
      }).filter(Boolean);
      (after.length ? after[after.length - 1] : field).insertAdjacentElement("afterend", message);
      if (field.getAttribute("aria-invalid") !== "true") {
        field.setAttribute("aria-invalid", "true");
        field.setAttribute("data-autosave-invalid", "1");
      }
      describe(field, message.id, true);
    });
  });
})();

// --- Error summary and stale messages (#8 point 5) ---------------------------------
// A form that came back with errors starts with a summary (templates/_error_summary.html):
// it gets focus after an HTMX swap too, even if focus did not drop to <body>. Once the
// user changes a field, its old message ("Please fill this in…") goes away; the server
// checks the answer again on the next save. A text still over its limit keeps it.
(function () {
  "use strict";
  document.addEventListener("htmx:afterSettle", function (event) {
    var region = event.target;
    if (!(region instanceof Element)) { return; }
    var summary = region.matches("[data-error-summary]") ? region : region.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  });
  function stillTooLong(field) {
    var limit = parseInt(field.getAttribute("data-char-limit") || "", 10);
    return limit && field.value.length > limit;
  }
  function clearStale(field) {
    var group = field.closest("fieldset.field-group");
    var owner = group || field;
    var message = document.getElementById(owner.id + "-error");
    if (!message || stillTooLong(field)) { return; }
    if ((field.type === "checkbox" || field.type === "radio") ? !field.checked : !field.value.trim()) { return; }
    message.remove();
    var inputs = group ? group.querySelectorAll("input") : [field];
    Array.prototype.forEach.call(inputs, function (input) {
      input.removeAttribute("aria-invalid");
      var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (x) {
        return x && x !== owner.id + "-error";
      });
      if (ids.length) { input.setAttribute("aria-describedby", ids.join(" ")); }
      else { input.removeAttribute("aria-describedby"); }
    });
  }
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (field.matches && field.matches("input, textarea, select") && field.id) { clearStale(field); }
  });
  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("input[type=radio], input[type=checkbox], select")) { clearStale(field); }
  });
})();
