// The forms' inputs, enhanced (no inline script: the page's CSP forbids it):
// - select[data-searchable]: a search box over its options (Tom Select, static/vendor/); with
//   data-source, the options are loaded as one types from that JSON lookup ({"results": [...]}).
// - input[data-person-suggest]: registered persons suggested as one types a participant's name;
//   picking one fills the row and puts the person's id in the row's hidden "person" field.
// - textarea[data-paste-names]: "Add to the participants" turns its lines into participant rows
//   here; a line this script cannot read (a country named otherwise) is left to the server.
// The texts shown come from this script tag's data-* attributes (translated by the template).
(function () {
  "use strict";
  var script = document.currentScript;
  function say(key, fallback) {
    return (script && script.getAttribute("data-" + key)) || fallback;
  }
  function fold(text) {
    return String(text || "").replace(/[đĐ]/g, "d").normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
  }
  function lookup(url, query) {
    var address = url + (url.indexOf("?") < 0 ? "?" : "&") + "q=" + encodeURIComponent(query);
    return fetch(address, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (data) { return data.results || []; });
  }

  // Searchable selects -------------------------------------------------------------------------
  function enhanceSelect(select) {
    if (select.tomselect || typeof window.TomSelect === "undefined") { return; }
    var source = select.getAttribute("data-source");
    var plugins = select.multiple ? ["remove_button"] : (select.required ? [] : ["clear_button"]);
    var settings = {
      plugins: plugins,
      maxOptions: 300,
      placeholder: say("placeholder", "Type to search"),
      hidePlaceholder: true,
      // one choice made, the list closes: it would otherwise cover what follows (the form's button)
      closeAfterSelect: !select.multiple,
      render: {
        no_results: function (data, escape) {
          return '<div class="no-results">' + escape(say("no-results", "Nothing found")) + "</div>";
        },
        loading: function (data, escape) {
          return '<div class="loading">' + escape(say("loading", "Searching…")) + "</div>";
        }
      }
    };
    if (source) {
      settings.valueField = "value";
      settings.labelField = "text";
      settings.searchField = ["text"];
      settings.shouldLoad = function (query) { return query.length >= 2; };
      settings.load = function (query, callback) {
        lookup(source, query).then(callback, function () { callback(); });
      };
    }
    new window.TomSelect(select, settings);
  }

  // Known people suggested as one types a name ---------------------------------------------------
  var suggestCount = 0;
  function rowField(input, name) {
    var wanted = input.name.replace(/full_name$/, name);
    return input.form ? input.form.querySelector('[name="' + wanted + '"]') : null;
  }
  function setSelect(select, value) {
    if (!select || !value) { return; }
    if (select.tomselect) { select.tomselect.setValue(value); } else { select.value = value; }
  }
  function describe(person) {
    var parts = [person.nationality_name];
    if (person.born) { parts.push(String(person.born)); }
    if (person.position) { parts.push(person.position); }
    if (person.organisation) { parts.push(person.organisation); }
    return parts.filter(Boolean).join(" · ");
  }
  function showLinked(input, text) {
    var note = input.parentNode.querySelector(".suggest-linked");
    if (!note) {
      note = document.createElement("small");
      note.className = "field__help suggest-linked";
      input.parentNode.insertBefore(note, input.nextSibling);
    }
    note.textContent = "✓ " + say("linked", "Registered person") + (text ? ": " + text : "");
  }
  function unlink(input) {
    var hidden = rowField(input, "person");
    if (hidden) { hidden.value = ""; }
    delete input.dataset.linkedName;
    var note = input.parentNode.querySelector(".suggest-linked");
    if (note) { note.remove(); }
  }
  function enhancePersonInput(input) {
    if (input.dataset.suggestReady) { return; }
    input.dataset.suggestReady = "1";
    var url = input.getAttribute("data-person-suggest");
    var list = document.createElement("ul");
    list.className = "suggest";
    list.id = "suggest-" + (++suggestCount);
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.classList.add("field--suggest");
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var hidden = rowField(input, "person");
    if (hidden && hidden.value) { input.dataset.linkedName = input.value; showLinked(input, ""); }
    var people = [];
    var active = -1;
    var timer = null;
    var asked = "";

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function mark(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      if (index >= 0) { input.setAttribute("aria-activedescendant", list.children[index].id); }
    }
    function pick(person) {
      input.value = person.text;
      input.dataset.linkedName = person.text;
      if (hidden) { hidden.value = String(person.value); }
      setSelect(rowField(input, "nationality"), person.nationality);
      var sex = rowField(input, "sex");
      if (sex && person.sex) { sex.value = person.sex; }
      var position = rowField(input, "position");
      if (position && !position.value && person.position) { position.value = person.position; }
      showLinked(input, describe(person));
      close();
    }
    function show(found) {
      people = found;
      list.textContent = "";
      if (!found.length) { close(); return; }
      found.forEach(function (person, i) {
        var item = document.createElement("li");
        item.id = list.id + "-" + i;
        item.setAttribute("role", "option");
        var name = document.createElement("strong");
        name.textContent = person.text;
        var details = document.createElement("small");
        details.textContent = describe(person);
        item.appendChild(name);
        item.appendChild(details);
        item.addEventListener("mousedown", function (event) { event.preventDefault(); pick(person); });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      mark(-1);
    }
    input.addEventListener("input", function () {
      if (input.dataset.linkedName !== undefined && input.value !== input.dataset.linkedName) { unlink(input); }
      var query = input.value.trim();
      clearTimeout(timer);
      if (query.length < 2) { close(); return; }
      timer = setTimeout(function () {
        asked = query;
        lookup(url, query).then(function (found) {
          if (asked === query && input.value.trim() === query) { show(found); }
        }, close);
      }, 200);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        var step = event.key === "ArrowDown" ? 1 : -1;
        mark((active + step + people.length) % people.length);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        pick(people[active]);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  // A pasted list of names becomes participant rows -----------------------------------------------
  function countryCode(select, text) {
    var wanted = fold(text);
    var found = "";
    Array.prototype.some.call(select ? select.options : [], function (option) {
      if (option.value && (fold(option.value) === wanted || fold(option.textContent) === wanted)) {
        found = option.value;
        return true;
      }
      return false;
    });
    return found;
  }
  function freeRows(prefix) {
    var rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
    var initial = document.getElementById("id_" + prefix + "-INITIAL_FORMS");
    var first = initial ? parseInt(initial.value, 10) : 0;
    var free = [];
    Array.prototype.forEach.call(rows ? rows.querySelectorAll('input[name$="-full_name"]') : [], function (input) {
      var index = parseInt(input.name.split("-")[1], 10);
      if (index >= first && !input.value.trim()) { free.push(input); }
    });
    return free;
  }
  function nextRow(prefix, free) {
    if (free.length) { return free.shift(); }
    var add = document.querySelector('[data-formset-add="' + prefix + '"]');
    var rows = document.querySelector('[data-formset-rows="' + prefix + '"]');
    if (!add || !rows) { return null; }
    add.click();  // static/js/formset.js adds the row
    return rows.lastElementChild && rows.lastElementChild.querySelector('input[name$="-full_name"]');
  }
  function pasteNames(area, event) {
    var prefix = area.getAttribute("data-paste-names");
    var template = document.getElementById(prefix + "-empty");
    var countries = template && template.content.querySelector('select[name$="-nationality"]');
    var people = [];
    var readable = area.value.split(/\r?\n/).every(function (line) {
      line = line.trim();
      if (!line) { return true; }
      var parts = (line.indexOf("\t") >= 0 ? line.split("\t") : line.split(";")).map(function (part) {
        return part.trim();
      });
      if (parts.length > 3 || !parts[0]) { return false; }
      var code = parts[1] ? countryCode(countries, parts[1]) : "";
      if (parts[1] && !code) { return false; }
      people.push({ name: parts[0].replace(/\s+/g, " "), nationality: code, position: parts[2] || "" });
      return true;
    });
    if (!readable || !people.length) { return; }  // the server reads it, or says what is wrong
    event.preventDefault();
    var free = freeRows(prefix);
    var filled = 0;
    people.forEach(function (person) {
      var input = nextRow(prefix, free);
      if (!input) { return; }
      input.value = person.name;
      setSelect(rowField(input, "nationality"), person.nationality);
      var position = rowField(input, "position");
      if (position && person.position) { position.value = person.position; }
      filled += 1;
    });
    area.value = "";
    var status = area.parentNode.querySelector(".paste__status");
    if (!status) {
      status = document.createElement("p");
      status.className = "paste__status";
      status.setAttribute("role", "status");
      area.parentNode.appendChild(status);
    }
    status.textContent = say("pasted", "Rows added: {count}. Complete them below.").replace("{count}", String(filled));
  }

  // Wiring ---------------------------------------------------------------------------------------
  function enhance(root) {
    Array.prototype.forEach.call(root.querySelectorAll("select[data-searchable]"), enhanceSelect);
    Array.prototype.forEach.call(root.querySelectorAll("input[data-person-suggest]"), enhancePersonInput);
  }
  enhance(document);
  // Rows added by static/js/formset.js (the <template>'s content is enhanced only once cloned).
  Array.prototype.forEach.call(document.querySelectorAll("[data-formset-rows]"), function (rows) {
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        Array.prototype.forEach.call(change.addedNodes, function (node) {
          if (node.nodeType === 1) { enhance(node); }
        });
      });
    }).observe(rows, { childList: true });
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[name=paste_add]");
    var area = button && button.form && button.form.querySelector("textarea[data-paste-names]");
    if (area) { pasteNames(area, event); }
  });
})();
