// The top bar's menu folds behind its button on a phone (the CSS folds it and shows the button
// there only; without this script, nav-open.css keeps the menu open). No inline script: the
// page's CSP forbids it.
(function () {
  "use strict";
  var bar = document.querySelector(".topbar");
  var toggle = bar && bar.querySelector(".navtoggle");
  if (!toggle) { return; }
  toggle.addEventListener("click", function () {
    var open = bar.classList.toggle("is-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });
})();
