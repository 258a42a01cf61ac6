// "Add a row" for Django formsets: clones the empty form kept in a <template>.
// Markup: <template id="PREFIX-empty">…__prefix__…</template>, a container [data-formset-rows="PREFIX"]
// and a button [data-formset-add="PREFIX"]. No inline script: the page's CSP forbids it.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-formset-add]");
    if (!button) { return; }
    event.preventDefault();
    var prefix = button.getAttribute("data-formset-add");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    var template = document.getElementById(prefix + "-empty");
    var rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
    if (!total || !template || !rows) { return; }
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    rows.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var added = rows.lastElementChild;
    var first = added && added.querySelector("input, select, textarea");
    if (first) { first.focus(); }
  });
})();
