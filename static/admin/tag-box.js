// The tag box: Enter takes the words typed, as a tag of their own, unless the
// editor moved to a suggestion with the arrow keys first. Without this, Enter
// took whichever suggestion was highlighted, even one only containing the
// words ("review" gave "episode review"), or nothing at all when it came
// before the suggestions for the last letters.
(function () {
  "use strict";
  var chose = false;  // an arrow key since the last letter typed

  function tagSelect(field) {
    var container = field.closest(".select2-container");
    var select = container && container.previousElementSibling;
    return select && select.matches("select[data-tags=true]") ? select : null;
  }

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (!field.classList || !field.classList.contains("select2-search__field")) return;
    var select = tagSelect(field);
    if (!select) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") { chose = true; return; }
    if (event.key !== "Enter") { chose = false; return; }
    var typed = field.value.replace(/\s+/g, " ").trim();
    if (chose || !typed) return;
    // Before Select2 sees the key (capture phase): take what was typed.
    event.preventDefault();
    event.stopPropagation();
    var existing = Array.prototype.find.call(select.options, function (option) {
      return option.value.toLowerCase() === typed.toLowerCase();
    });
    if (existing) existing.selected = true;
    else select.add(new Option(typed, typed, true, true));
    field.value = "";
    var $ = window.django && window.django.jQuery;
    if ($) $(select).trigger("change").select2("close");
    field.focus();
  }, true);
})();
