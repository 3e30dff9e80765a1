/* Marking areas to black out on page images (terbuka/redaction). An enhancement only: the
   rows of page and coordinates below the pages are the form, and work without it. This
   script fills those rows: drag over a page image, or press "Tandai bagian" and move the
   box with the arrow keys (Shift + arrows resize it), Enter saves it into a row, Escape
   drops it. Coordinates are fractions 0-1 of the displayed page from its top-left corner,
   with four decimals. No inline script (CSP). */
(function () {
  "use strict";
  var STEP = 0.01;
  var MIN = 0.005;

  var form = document.getElementById("redact-form");
  if (!form) { return; }
  var status = document.getElementById(form.getAttribute("data-status-id"));
  var groundSelect = document.getElementById("redact-ground");
  var rowsInput = form.querySelector("input[name=rows]");
  var tbody = form.querySelector(".redact-rows tbody");

  function say(text) { if (status) { status.textContent = text; } }
  function clamp(v) { return Math.min(1, Math.max(0, v)); }
  function fmt(v) { return String(Math.round(clamp(v) * 10000) / 10000); }

  function field(row, name) { return row.querySelector("[name$='-" + name + "']"); }

  function rowArea(row) {
    var page = parseInt(field(row, "page").value, 10);
    var vals = ["x0", "y0", "x1", "y1"].map(function (n) { return parseFloat(field(row, n).value); });
    if (!page || vals.some(isNaN)) { return null; }
    return { page: page, x0: vals[0], y0: vals[1], x1: vals[2], y1: vals[3] };
  }

  function place(box, a) {
    box.style.left = (a.x0 * 100) + "%";
    box.style.top = (a.y0 * 100) + "%";
    box.style.width = ((a.x1 - a.x0) * 100) + "%";
    box.style.height = ((a.y1 - a.y0) * 100) + "%";
  }

  function canvasOf(page) { return form.querySelector(".redact-canvas[data-page='" + page + "']"); }

  /* The saved areas, drawn from the rows. */
  function redraw() {
    Array.prototype.forEach.call(form.querySelectorAll(".redact-box.saved"), function (b) { b.remove(); });
    Array.prototype.forEach.call(tbody.querySelectorAll("tr.redact-row"), function (row) {
      var a = rowArea(row);
      var canvas = a && canvasOf(a.page);
      if (!canvas || a.x1 <= a.x0 || a.y1 <= a.y0) { return; }
      var box = document.createElement("div");
      box.className = "redact-box saved";
      box.setAttribute("aria-hidden", "true");
      place(box, a);
      canvas.appendChild(box);
    });
  }

  function isEmpty(row) {
    return ["page", "x0", "y0", "x1", "y1"].every(function (n) { return !field(row, n).value; });
  }

  /* The first empty row, or a new one copied from the last. */
  function freeRow() {
    var rows = tbody.querySelectorAll("tr.redact-row");
    for (var i = 0; i < rows.length; i++) { if (isEmpty(rows[i])) { return { row: rows[i], number: i + 1 }; } }
    var last = rows[rows.length - 1];
    var index = rows.length;
    var copy = last.cloneNode(true);
    Array.prototype.forEach.call(copy.querySelectorAll("[name]"), function (input) {
      input.name = input.name.replace(/^area-\d+-/, "area-" + index + "-");
      if (input.id) { input.id = input.id.replace(/area-\d+-/, "area-" + index + "-"); }
      input.value = "";
      var label = input.getAttribute("aria-label");
      if (label) { input.setAttribute("aria-label", label.replace(/\d+$/, String(index + 1))); }
    });
    Array.prototype.forEach.call(copy.querySelectorAll(".error"), function (e) { e.remove(); });
    copy.querySelector("th").textContent = String(index + 1);
    tbody.appendChild(copy);
    rowsInput.value = String(index + 1);
    return { row: copy, number: index + 1 };
  }

  function save(page, a) {
    var free = freeRow();
    field(free.row, "page").value = String(page);
    field(free.row, "x0").value = fmt(Math.min(a.x0, a.x1));
    field(free.row, "y0").value = fmt(Math.min(a.y0, a.y1));
    field(free.row, "x1").value = fmt(Math.max(a.x0, a.x1));
    field(free.row, "y1").value = fmt(Math.max(a.y0, a.y1));
    field(free.row, "ground").value = groundSelect ? groundSelect.value : "h";
    redraw();
    say(form.getAttribute("data-text-saved") + " " + free.number + ".");
  }

  /* A box being marked with the keyboard. */
  function startKeyboardBox(page) {
    var canvas = canvasOf(page);
    if (!canvas) { return; }
    var a = { x0: 0.1, y0: 0.1, x1: 0.4, y1: 0.15 };
    var box = document.createElement("div");
    box.className = "redact-box draft";
    box.tabIndex = 0;
    box.setAttribute("role", "application");
    box.setAttribute("aria-label", form.getAttribute("data-text-box"));
    place(box, a);
    canvas.appendChild(box);
    box.focus();
    var button = form.querySelector(".redact-mark[data-page='" + page + "']");
    box.addEventListener("keydown", function (event) {
      var dx = 0, dy = 0;
      if (event.key === "ArrowLeft") { dx = -STEP; }
      else if (event.key === "ArrowRight") { dx = STEP; }
      else if (event.key === "ArrowUp") { dy = -STEP; }
      else if (event.key === "ArrowDown") { dy = STEP; }
      else if (event.key === "Enter") {
        event.preventDefault();
        box.remove();
        save(page, a);
        if (button) { button.focus(); }
        return;
      } else if (event.key === "Escape") {
        event.preventDefault();
        box.remove();
        say(form.getAttribute("data-text-cancelled"));
        if (button) { button.focus(); }
        return;
      } else { return; }
      event.preventDefault();
      if (event.shiftKey) {
        a.x1 = clamp(Math.max(a.x0 + MIN, a.x1 + dx));
        a.y1 = clamp(Math.max(a.y0 + MIN, a.y1 + dy));
      } else {
        var w = a.x1 - a.x0, h = a.y1 - a.y0;
        a.x0 = Math.min(1 - w, Math.max(0, a.x0 + dx));
        a.y0 = Math.min(1 - h, Math.max(0, a.y0 + dy));
        a.x1 = a.x0 + w;
        a.y1 = a.y0 + h;
      }
      place(box, a);
    });
  }

  /* Dragging over a page image. */
  function attachPointer(canvas) {
    var page = parseInt(canvas.getAttribute("data-page"), 10);
    var start = null, box = null;
    function at(event) {
      var r = canvas.getBoundingClientRect();
      return { x: clamp((event.clientX - r.left) / r.width), y: clamp((event.clientY - r.top) / r.height) };
    }
    canvas.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      event.preventDefault();
      start = at(event);
      box = document.createElement("div");
      box.className = "redact-box draft";
      canvas.appendChild(box);
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!start) { return; }
      var p = at(event);
      place(box, { x0: Math.min(start.x, p.x), y0: Math.min(start.y, p.y), x1: Math.max(start.x, p.x), y1: Math.max(start.y, p.y) });
    });
    canvas.addEventListener("pointerup", function (event) {
      if (!start) { return; }
      var p = at(event);
      box.remove();
      if (Math.abs(p.x - start.x) > MIN && Math.abs(p.y - start.y) > MIN) {
        save(page, { x0: start.x, y0: start.y, x1: p.x, y1: p.y });
      }
      start = null;
      box = null;
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll(".redact-tools, .redact-mark"), function (el) { el.hidden = false; });
  Array.prototype.forEach.call(form.querySelectorAll(".redact-mark"), function (button) {
    button.addEventListener("click", function () { startKeyboardBox(parseInt(button.getAttribute("data-page"), 10)); });
  });
  Array.prototype.forEach.call(form.querySelectorAll(".redact-canvas"), attachPointer);
  tbody.addEventListener("input", redraw);
  tbody.addEventListener("change", redraw);
  redraw();
})();
