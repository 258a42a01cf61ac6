// A form sent back with errors: the first field in error is brought into view and given the
// focus, so that on a long form the user lands on what to correct (what was typed is kept by the
// server). The "nothing was saved" notice above the form is read out by screen readers.
(function () {
  "use strict";
  var field = document.querySelector(".field--error");
  if (!field) { return; }
  var input = field.querySelector("input:not([type=hidden]), select, textarea");
  field.scrollIntoView({ block: "center" });
  if (input) { input.focus({ preventScroll: true }); }
})();
