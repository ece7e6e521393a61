// Tells the server this article's form is open (at once, then every 30
// seconds), and shows who else has it open. Opening the form (a GET) writes
// nothing, so this first ping is what tells others the form is open.
// The admin loads this in <head>, before the form exists: start once it does.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var note = document.getElementById("presence-note");
  if (!note) return;
  var url = note.getAttribute("data-presence-url");
  var tokenInput = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (!url || !tokenInput) return;
  function ping(leave) {
    var body = new URLSearchParams();
    if (leave) body.append("leave", "1");
    var options = {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": tokenInput.value },
      credentials: "same-origin",
      redirect: "manual",  // a lapsed session answers with the login page: skip it
      keepalive: !!leave
    };
    return fetch(url, options).then(function (response) {
      return response.ok ? response.json() : { others: [] };
    }).then(function (data) {
      if (leave) return;
      if (data.others && data.others.length) {
        note.hidden = false;
        note.classList.add("errornote");
        note.textContent = "Being edited by " + data.others.join(", ") +
          " right now. Coordinate before saving: the second save will be refused.";
      } else {
        note.hidden = true;
      }
    }).catch(function () {});
  }
  ping(false);
  setInterval(function () { ping(false); }, 30000);
  window.addEventListener("pagehide", function () { ping(true); });
});
