// The case list's "tick every case on this page" box: shown only with this script (without it,
// the rows are ticked one by one and the form works the same). No inline script: the page's
// CSP forbids it.
(function () {
  "use strict";
  var all = document.querySelector(".js-select-all");
  var form = all && all.form;
  if (!form) { return; }
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type="checkbox"][name="cases"]'));
  if (!boxes.length) { return; }
  function sync() {
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    all.checked = ticked === boxes.length;
    all.indeterminate = ticked > 0 && ticked < boxes.length;
  }
  all.hidden = false;
  all.addEventListener("change", function () {
    boxes.forEach(function (box) { box.checked = all.checked; });
  });
  boxes.forEach(function (box) { box.addEventListener("change", sync); });
  sync();
})();
