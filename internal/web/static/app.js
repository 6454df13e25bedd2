// newsdesk's only script: the "copy title and URL" button on story pages.
// It lives in a file because the Content-Security-Policy forbids inline script.
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

  function init() {
    var button = document.getElementById("copy-link");
    var status = document.getElementById("copy-status");
    if (!button || !status) { return; }
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
