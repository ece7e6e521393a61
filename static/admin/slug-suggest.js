// The slug box: proposes a free, transliterated slug while the title is
// typed (until the slug is edited by hand), and says at once when a slug typed
// by hand is taken, offering a free one.
(function () {
  "use strict";
  var slug = document.querySelector("input[data-slug-url]");
  if (!slug) return;
  var source = document.getElementById(slug.getAttribute("data-slug-source"));
  var url = slug.getAttribute("data-slug-url");
  var pk = slug.getAttribute("data-slug-pk");
  // A slug that was there when the page opened is the address readers
  // already have: it only changes by hand.
  var byHand = slug.value !== "";
  var proposed = "";
  var timer = null;
  var sequence = 0;

  var note = document.createElement("p");
  note.className = "slug-note";
  note.id = slug.id + "_note";
  note.setAttribute("role", "status");
  note.hidden = true;
  slug.insertAdjacentElement("afterend", note);
  slug.setAttribute("aria-describedby",
    ((slug.getAttribute("aria-describedby") || "") + " " + note.id).trim());

  function hints() {
    var series = document.getElementById("id_series");
    if (!series) return [];
    return Array.prototype.map.call(series.selectedOptions, function (option) {
      return option.value;
    });
  }

  function ask(params, then) {
    var mine = ++sequence;
    var query = new URLSearchParams(params);
    if (pk) query.append("pk", pk);
    hints().forEach(function (value) { query.append("series", value); });
    fetch(url + "?" + query.toString(), { credentials: "same-origin", redirect: "manual" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result && mine === sequence) then(result); })
      .catch(function () {});
  }

  function show(result) {
    note.textContent = "";
    if (!result.taken_by) { note.hidden = true; return; }
    note.append("“" + result.slug + "” is already the address of “" +
      result.taken_by + "”. ");
    var use = document.createElement("button");
    use.type = "button";
    use.className = "button slug-use";
    use.textContent = "Use “" + result.free + "”";
    use.addEventListener("click", function () {
      slug.value = result.free;
      note.hidden = true;
      slug.focus();
    });
    note.append(use);
    note.hidden = false;
  }

  function later(callback) {
    clearTimeout(timer);
    timer = setTimeout(callback, 300);
  }

  if (source) {
    source.addEventListener("input", function () {
      if (byHand) return;
      later(function () {
        if (!source.value.trim()) { slug.value = ""; proposed = ""; return; }
        ask({ text: source.value }, function (result) {
          if (byHand) return;
          proposed = result.slug;
          slug.value = proposed;
          note.hidden = true;
        });
      });
    });
  }
  slug.addEventListener("input", function () {
    byHand = slug.value !== "" && slug.value !== proposed;
    later(function () {
      if (slug.value) ask({ slug: slug.value }, show);
      else note.hidden = true;
    });
  });
})();
