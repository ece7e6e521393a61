// Merch carousels: previous/next buttons and arrow keys move one item; the
// list stays an ordinary scrollable list of links without JavaScript.
// Prices are re-formatted for the reader's own locale.
(function () {
  "use strict";
  document.querySelectorAll(".merch-price[data-amount]").forEach(function (node) {
    try {
      node.textContent = new Intl.NumberFormat(undefined, {
        style: "currency", currency: node.getAttribute("data-currency")
      }).format(Number(node.getAttribute("data-amount")));
    } catch (error) { /* keep the server's text */ }
  });
  document.querySelectorAll(".merch-block").forEach(function (block) {
    var track = block.querySelector(".merch-track");
    var items = Array.prototype.slice.call(block.querySelectorAll(".merch-item"));
    var status = block.querySelector(".merch-status");
    var controls = block.querySelector(".merch-controls");
    var prev = block.querySelector(".merch-prev");
    var next = block.querySelector(".merch-next");
    if (!track || items.length < 2) return;
    controls.hidden = false;
    var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    function offset(item) { return item.offsetLeft - items[0].offsetLeft; }
    function current() {
      var left = track.scrollLeft, best = 0, distance = Infinity;
      items.forEach(function (item, index) {
        var d = Math.abs(offset(item) - left);
        if (d < distance) { distance = d; best = index; }
      });
      return best;
    }
    // aria-disabled, not disabled: a button that is turned off while it
    // has focus would drop the keyboard user back to the top of the page.
    function mark(left) {
      var max = track.scrollWidth - track.clientWidth;
      prev.setAttribute("aria-disabled", String(left <= 1));
      next.setAttribute("aria-disabled", String(left >= max - 2));
    }
    function update() { mark(track.scrollLeft); }
    function go(step) {
      if ((step < 0 ? prev : next).getAttribute("aria-disabled") === "true") return;
      var index = Math.max(0, Math.min(items.length - 1, current() + step));
      var max = track.scrollWidth - track.clientWidth;
      var target = Math.min(offset(items[index]), max);
      track.scrollTo({ left: target, behavior: reduced ? "auto" : "smooth" });
      status.textContent = "Item " + (index + 1) + " of " + items.length;
      mark(target);
    }
    prev.addEventListener("click", function () { go(-1); });
    next.addEventListener("click", function () { go(1); });
    track.addEventListener("keydown", function (event) {
      if (event.target !== track) return;
      if (event.key === "ArrowRight") { event.preventDefault(); go(1); }
      if (event.key === "ArrowLeft") { event.preventDefault(); go(-1); }
    });
    // Tabbing to a shop link brings its whole item into view (scroll
    // snapping would otherwise leave it half outside the track).
    track.addEventListener("focusin", function (event) {
      var item = event.target.closest(".merch-item");
      if (!item || event.target === track) return;
      var max = track.scrollWidth - track.clientWidth;
      track.scrollTo({ left: Math.min(offset(item), max), behavior: "auto" });
    });
    var timer;
    track.addEventListener("scroll", function () {
      clearTimeout(timer);
      timer = setTimeout(update, 80);
    });
    update();
  });
})();
