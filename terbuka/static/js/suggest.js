/* "Mungkin informasi ini sudah tersedia": while a requester types the details of a request
   into <textarea data-suggest-url="/cari/saran/">, fetch up to five matching DIP entries and
   published requests and show them in <div id="suggestions" aria-live="polite">.
   An enhancement only: the form works the same without it. No inline script (CSP). */
(function () {
  "use strict";
  var DELAY_MS = 400;
  var MIN_CHARS = 4;

  function attach(field) {
    var target = document.getElementById("suggestions");
    if (!target) {
      // Put the list right under the field being typed in.
      target = document.createElement("div");
      target.id = "suggestions";
      target.setAttribute("aria-live", "polite");
      field.parentNode.insertBefore(target, field.nextSibling);
    }
    var timer = null;
    var lastText = "";
    var controller = null;

    function load() {
      var text = field.value.trim();
      if (text === lastText) { return; }
      lastText = text;
      if (text.length < MIN_CHARS) { target.innerHTML = ""; return; }
      if (controller) { controller.abort(); }
      controller = typeof AbortController === "function" ? new AbortController() : null;
      var url = field.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text);
      fetch(url, {
        headers: { "Accept": "text/html" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.text() : "";
      }).then(function (html) {
        // The fragment is rendered by our own template with every value escaped.
        target.innerHTML = html;
      }).catch(function () { /* offline or aborted: keep what is shown */ });
    }

    field.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, DELAY_MS);
    });
  }

  var fields = document.querySelectorAll("textarea[data-suggest-url]");
  for (var i = 0; i < fields.length; i++) { attach(fields[i]); }
}());
