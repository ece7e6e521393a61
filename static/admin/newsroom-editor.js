// The body editor: live preview from the server's own renderer, quick embed
// insertion, and the syntax help beside the field.
(function () {
  "use strict";
  // The score box belongs to reviews only: follow the kind. A stored score
  // box stays in sight with a warning, since saving as another kind deletes it.
  var kind = document.getElementById("id_kind");
  var scoreBox = document.getElementById("review-group");
  if (kind && scoreBox) {
    var initial = document.getElementById("id_review-INITIAL_FORMS");
    var stored = !!initial && initial.value !== "0";
    var warning = document.createElement("p");
    warning.className = "errornote score-box-warning";
    warning.setAttribute("role", "status");
    warning.textContent = "Saving with this kind deletes the score box below: " +
      "only reviews have a score. Set the kind back to Review to keep it.";
    scoreBox.insertBefore(warning, scoreBox.firstChild);
    var follow = function () {
      var review = kind.value === "review";
      scoreBox.hidden = !review && !stored;
      warning.hidden = review || !stored;
    };
    kind.addEventListener("change", follow);
    follow();
  }
})();

(function () {
  "use strict";
  var body = document.getElementById("id_body");
  var tools = document.getElementById("body-tools");
  if (!body || !tools) return;
  var row = body.closest(".form-row") || body.parentNode;
  row.appendChild(tools);
  tools.hidden = false;

  var preview = document.getElementById("body-preview");
  var problems = document.getElementById("body-problems");
  var url = tools.getAttribute("data-preview-url");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var timer = null;
  var sequence = 0;

  function refresh() {
    var mine = ++sequence;
    var data = new URLSearchParams();
    data.append("body", body.value);
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token ? token.value : "" }
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (!result || mine !== sequence) return;
      preview.innerHTML = result.html;  // sanitised by the server's renderer
      problems.textContent = "";
      result.errors.forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        problems.appendChild(item);
      });
      problems.hidden = result.errors.length === 0;
    }).catch(function () {});
  }
  body.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  });
  refresh();

  function insert(text) {
    var start = body.selectionStart, end = body.selectionEnd;
    var before = body.value.slice(0, start), after = body.value.slice(end);
    var lead = before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "";
    var snippet = lead + text + "\n\n";
    body.value = before + snippet + after;
    body.focus();
    body.selectionStart = body.selectionEnd = before.length + snippet.length;
    body.dispatchEvent(new Event("input"));
  }
  tools.addEventListener("click", function (event) {
    var button = event.target.closest("[data-insert]");
    if (!button) return;
    event.preventDefault();
    var snippet = button.getAttribute("data-insert");
    if (snippet === "image") {
      var picker = document.getElementById("embed-image-picker");
      if (!picker.value) { picker.focus(); return; }
      snippet = "[[image:" + picker.value + "]]";
    }
    insert(snippet);
  });
})();
