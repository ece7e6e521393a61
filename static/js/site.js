// Site-wide touches. The phone's section row scrolls sideways; a link that
// gets keyboard focus while half outside it is scrolled fully into view.
(function () {
  "use strict";
  var nav = document.querySelector(".site-nav ul");
  if (!nav) return;
  nav.addEventListener("focusin", function (event) {
    var link = event.target, row = nav.getBoundingClientRect();
    var box = link.getBoundingClientRect();
    if (box.left < row.left || box.right > row.right) {
      link.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  });
})();
