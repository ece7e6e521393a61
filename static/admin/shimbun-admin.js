// Names for the admin's controls that Django and Select2 leave unnamed, so
// screen readers (and axe) can tell what each one is for:
// - Select2 boxes: the field's label, on the box and on its search field;
// - date and time inputs of one field: "Publish time, date" / "…, time";
// - inputs in table rows (inlines): the column's heading and the row number;
// - the empty heading over the inlines' "saved as" column.
// Multiple-choice Select2 boxes lose their "remove all" cross, which sits
// inside the box's list where only list items belong (each choice keeps its
// own cross). Runs once the page is built and again for rows added later.
(function () {
  "use strict";

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, " ").replace(/[:*]\s*$/, "").trim() : "";
  }

  function fieldLabel(control) {
    if (control.id) {
      var label = document.querySelector('label[for="' + control.id + '"]');
      if (label) return text(label);
    }
    var row = control.closest(".form-row, .fieldBox");
    return row ? text(row.querySelector("label")) : "";
  }

  function named(control) {
    if (control.getAttribute("aria-label") || control.getAttribute("aria-labelledby")) return true;
    if (control.id && document.querySelector('label[for="' + control.id + '"]')) return true;
    return !!control.closest("label");
  }

  function nameSelect2(root) {
    root.querySelectorAll("select.select2-hidden-accessible").forEach(function (select) {
      var container = select.nextElementSibling;
      if (!container || !container.classList.contains("select2-container")) return;
      var name = fieldLabel(select) || select.name;
      var box = container.querySelector(".select2-selection");
      if (box) {
        box.removeAttribute("aria-labelledby");
        box.setAttribute("aria-label", name);
      }
      var shown = container.querySelector(".select2-selection__rendered[role=textbox]");
      if (shown) shown.setAttribute("aria-label", name + ": " + (text(shown) || "none chosen"));
      var search = container.querySelector(".select2-search__field");
      if (search) search.setAttribute("aria-label", name);
      container.querySelectorAll(".select2-selection__rendered > .select2-selection__clear")
        .forEach(function (clear) { clear.remove(); });
    });
  }

  function nameDateTimes(root) {
    root.querySelectorAll("p.datetime").forEach(function (group) {
      var field = fieldLabel(group);
      var inputs = group.querySelectorAll("input");
      ["date", "time"].forEach(function (part, index) {
        if (inputs[index] && !named(inputs[index])) {
          inputs[index].setAttribute("aria-label", field ? field + ", " + part : part);
        }
      });
    });
  }

  function nameTableCells(root) {
    root.querySelectorAll(".tabular table").forEach(function (table) {
      var headings = Array.prototype.map.call(
        table.querySelectorAll("thead th"), function (th) { return text(th); });
      table.querySelectorAll("thead th.original").forEach(function (th) {
        if (!text(th)) {
          var hidden = document.createElement("span");
          hidden.className = "visually-hidden";
          hidden.textContent = "Saved as";
          th.appendChild(hidden);
        }
      });
      table.querySelectorAll("tbody tr.form-row").forEach(function (row, rowIndex) {
        Array.prototype.forEach.call(row.children, function (cell, cellIndex) {
          cell.querySelectorAll("input:not([type=hidden]), select, textarea").forEach(function (control) {
            if (named(control)) return;
            var heading = headings[cellIndex] || control.name;
            control.setAttribute("aria-label", heading + ", row " + (rowIndex + 1));
          });
        });
      });
    });
  }

  function nameAll(root) {
    nameSelect2(root);
    nameDateTimes(root);
    nameTableCells(root);
  }

  window.addEventListener("load", function () {
    var content = document.getElementById("content") || document.body;
    nameAll(content);
    // Rows added with "Add another", and Select2 re-drawing its boxes.
    var pending = false;
    new MutationObserver(function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; nameAll(content); });
    }).observe(content, { childList: true, subtree: true });
  });
})();
