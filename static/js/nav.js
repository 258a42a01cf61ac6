// The top bar's menu folds behind its button on a phone (the CSS shows the button there only).
// Without this script the menu simply stays open. No inline script: the page's CSP forbids it.
(function () {
  "use strict";
  var bar = document.querySelector(".topbar");
  var toggle = bar && bar.querySelector(".navtoggle");
  if (!toggle) { return; }
  bar.classList.add("is-folded");
  toggle.addEventListener("click", function () {
    var folded = bar.classList.toggle("is-folded");
    toggle.setAttribute("aria-expanded", folded ? "false" : "true");
  });
})();
