// newsdesk's only script: the "copy title and URL" button on story pages
// and the "Retry now" buttons and "Edit" forms of the sources page. It lives in a file
// because the Content-Security-Policy forbids inline script.
(function () {
  "use strict";

  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "offscreen";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return fallbackCopy(text);
  }

  // markError shows a status as an error, in the error colour, when on,
  // else as a note: a refusal set in the muted grey of "Saving…" read as
  // one more note.
  function markError(status, on) {
    status.classList.toggle("error-text", on);
  }

  // tokenKey keeps the API token for the tab's life: retrying is a write,
  // which the API takes only with the token, and a page cannot hold it.
  var tokenKey = "newsdesk-api-token";

  function retry(button) {
    var status = button.nextElementSibling;
    var token = sessionStorage.getItem(tokenKey) || window.prompt("API token (NEWSDESK_API_TOKEN) to retry this source:");
    if (!token) { return; }
    button.disabled = true;
    markError(status, false);
    status.textContent = " Asking…";
    fetch(button.getAttribute("data-retry"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Authorization": "Bearer " + token }
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (body) {
        if (resp.ok) {
          sessionStorage.setItem(tokenKey, token);
          status.textContent = " Polling now; reload the page to see how it went.";
          return;
        }
        if (resp.status === 401) { sessionStorage.removeItem(tokenKey); }
        markError(status, true);
        status.textContent = " Not retried: " + (body.error || resp.statusText);
        button.disabled = false;
      });
    }, function () {
      markError(status, true);
      status.textContent = " Not retried: newsdesk could not be reached.";
      button.disabled = false;
    });
  }

  function initRetry() {
    var buttons = document.querySelectorAll("button[data-retry]");
    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () { retry(button); });
    });
  }

  // edit sends a source's edit form as PATCH /api/sources/{id}, with the
  // token the tab keeps, so that it is typed once per tab; without this
  // script the form posts to /sources/{id} with its token field.
  function edit(form, event) {
    var status = form.querySelector(".edit-status");
    var tokenField = form.elements.namedItem("token");
    var token = (tokenField && tokenField.value.trim()) || sessionStorage.getItem(tokenKey) ||
      window.prompt("API token (NEWSDESK_API_TOKEN) to change this source:");
    event.preventDefault();
    if (!token) { return; }
    var body = {};
    ["name", "lang", "category", "poll_interval"].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) { body[name] = field.value; }
    });
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    markError(status, false);
    status.textContent = " Saving…";
    fetch(form.getAttribute("data-edit"), {
      method: "PATCH",
      credentials: "same-origin",
      headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (answer) {
        if (resp.ok) {
          sessionStorage.setItem(tokenKey, token);
          status.textContent = " Saved.";
          location.reload();
          return;
        }
        if (resp.status === 401) {
          sessionStorage.removeItem(tokenKey);
          if (tokenField) { tokenField.parentNode.hidden = false; }
        }
        markError(status, true);
        status.textContent = " Not saved: " + (answer.error || resp.statusText);
        button.disabled = false;
      });
    }, function () {
      markError(status, true);
      status.textContent = " Not saved: newsdesk could not be reached.";
      button.disabled = false;
    });
  }

  function initEdit() {
    var forms = document.querySelectorAll("form[data-edit]");
    var known = !!sessionStorage.getItem(tokenKey);
    Array.prototype.forEach.call(forms, function (form) {
      var tokenField = form.elements.namedItem("token");
      // The tab has the token: the field would only ask for it again.
      if (known && tokenField) { tokenField.parentNode.hidden = true; }
      form.addEventListener("submit", function (event) { edit(form, event); });
    });
  }

  function init() {
    initRetry();
    initEdit();
    var button = document.getElementById("copy-link");
    var status = document.getElementById("copy-status");
    if (!button || !status) { return; }
    // Hidden in the page: without this script it would copy nothing.
    button.hidden = false;
    var timer = 0;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy") || (document.title + " \u2014 " + location.href);
      copy(text).then(function () {
        status.textContent = "Copied";
        status.className = "copy-status copy-ok";
      }, function () {
        status.textContent = "Could not copy; select the address bar instead";
        status.className = "copy-status copy-fail";
      }).then(function () {
        clearTimeout(timer);
        timer = setTimeout(function () { status.textContent = ""; status.className = "copy-status"; }, 4000);
      });
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
