// Shows Japan broadcast times in the reader's own time zone as well.
// Without JavaScript the page keeps the Japan time it was rendered with.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone || zone === "Asia/Tokyo") return;
  var format = new Intl.DateTimeFormat(undefined, {
    weekday: "short", day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  document.querySelectorAll("time[data-localtime]").forEach(function (node) {
    var moment = new Date(node.getAttribute("datetime"));
    if (isNaN(moment.getTime())) return;
    var local = document.createElement("span");
    local.className = "local-time";
    local.textContent = format.format(moment) + " (your time)";
    node.insertAdjacentElement("afterend", local);
  });
})();
