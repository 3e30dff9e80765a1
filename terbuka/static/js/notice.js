/* The written notice shows only the fields of the chosen outcome (issue 13). Without this
   script the page asks for the outcome first (a small GET form) and then shows that
   outcome's fields; with it the outcome is chosen in the form itself and its fields appear
   at once. Each field's wrapper names its outcomes in data-outcomes (requests/forms.py,
   NoticeForm.OUTCOME_FIELDS). No inline script (CSP). */
(function () {
  "use strict";

  var form = document.querySelector("form[data-notice-form]");
  if (!form) {
    return;
  }
  var select = form.querySelector("select[data-notice-outcome]");
  if (!select) {
    return;
  }

  function show() {
    var outcome = select.value;
    var wrappers = form.querySelectorAll("[data-outcomes]");
    for (var i = 0; i < wrappers.length; i++) {
      var outcomes = wrappers[i].getAttribute("data-outcomes").split(" ");
      wrappers[i].hidden = outcomes.indexOf(outcome) === -1;
    }
  }

  // The first step is for pages without JavaScript: here the form asks the question itself.
  var step = document.querySelector("form[data-notice-step]");
  if (step) {
    step.parentNode.removeChild(step);
  }
  form.hidden = false;
  select.addEventListener("change", show);
  show();
})();
