/* Character counters for text areas with a limit (partials/form_fields.html, issue 13).
   Without this script the note "Maks. 5.000 karakter" stands and the browser's maxlength
   holds the limit. With it the note counts as the person types, and maxlength is lifted so
   that a pasted text that is too long is not cut silently: the note says by how much, and
   the server refuses it with the text kept. No inline script (CSP). */
(function () {
  "use strict";

  function attach(field) {
    var note = document.getElementById(field.getAttribute("data-counter"));
    if (!note) {
      return;
    }
    var max = parseInt(note.getAttribute("data-max"), 10);
    var format = new Intl.NumberFormat(document.documentElement.lang || "id");
    function update() {
      var count = field.value.length;
      var template = note.getAttribute(count > max ? "data-over" : "data-template");
      note.textContent = template
        .replace("{count}", format.format(count))
        .replace("{max}", format.format(max));
      note.classList.toggle("counter-over", count > max);
    }
    field.removeAttribute("maxlength");
    field.addEventListener("input", update);
    update();
  }

  var fields = document.querySelectorAll("textarea[data-counter]");
  for (var i = 0; i < fields.length; i++) {
    attach(fields[i]);
  }
})();
