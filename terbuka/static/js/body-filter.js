/* The body picker's search box: above <select data-body-filter>, a search field that
   keeps only the bodies whose name, region or abbreviation (the code in brackets, e.g.
   "DINKES") contains what was typed; regions without a match fold away. An enhancement
   only: without JavaScript the grouped list works the same. No inline script (CSP). */
(function () {
  "use strict";

  function normal(text) { return text.toLowerCase().replace(/\s+/g, " ").trim(); }

  function attach(select) {
    var field = document.createElement("div");
    field.className = "body-filter";
    var label = document.createElement("label");
    label.htmlFor = select.id + "_filter";
    label.textContent = select.getAttribute("data-filter-label") || "Cari badan publik";
    var input = document.createElement("input");
    input.type = "search";
    input.id = select.id + "_filter";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", select.id);
    var status = document.createElement("p");
    status.className = "help";
    status.id = select.id + "_filter_status";
    status.setAttribute("aria-live", "polite");
    input.setAttribute("aria-describedby", status.id);
    field.appendChild(label);
    field.appendChild(input);
    field.appendChild(status);
    select.parentNode.insertBefore(field, select);

    var template = select.getAttribute("data-filter-count") || "{count}";
    input.addEventListener("input", function () {
      var words = normal(input.value).split(" ").filter(Boolean);
      var shown = 0;
      var first = null;
      var groups = select.querySelectorAll("optgroup");
      for (var g = 0; g < groups.length; g++) {
        var region = normal(groups[g].label);
        var options = groups[g].querySelectorAll("option");
        var any = false;
        for (var o = 0; o < options.length; o++) {
          var text = region + " " + normal(options[o].textContent);
          var match = words.every(function (word) { return text.indexOf(word) !== -1; });
          options[o].hidden = !match;
          options[o].disabled = !match && !options[o].selected;
          if (match) { any = true; shown += 1; first = first || options[o]; }
        }
        groups[g].hidden = !any;
      }
      status.textContent = words.length ? template.replace("{count}", String(shown)) : "";
      // One match: choose it, so the requester sees what will be sent.
      if (shown === 1 && first) { select.value = first.value; }
    });
  }

  var selects = document.querySelectorAll("select[data-body-filter]");
  for (var i = 0; i < selects.length; i++) { attach(selects[i]); }
}());
