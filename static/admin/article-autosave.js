// Autosave on the article form: what is typed goes to the server a few
// seconds after it changes (only the fields that changed), and a copy stays
// in this browser until the server has it, so a closed tab, a lost network or
// an expired session loses nothing. Coming back to the form offers the
// newest unsaved copy; restoring fills the fields and saves nothing.
(function () {
  "use strict";
  var root = document.getElementById("autosave");
  var form = root && root.closest("form");
  if (!form) return;

  var FIELDS = ["title", "slug", "dek", "summary_points", "body", "lead_image_alt", "tags"];
  var DELAY = 3000;      // after the first change, while typing goes on
  var FLUSH_WAIT = 4000; // the most a save of the form waits for the last autosave
  var saveUrl = root.getAttribute("data-save-url");
  var discardUrl = root.getAttribute("data-discard-url");
  var version = root.getAttribute("data-version");
  var storageKey = "shimbun-autosave:" + root.getAttribute("data-key");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]");
  var status = document.getElementById("autosave-status");
  var offer = document.getElementById("autosave-offer");
  var offerText = document.getElementById("autosave-offer-text");
  var changedNote = document.getElementById("autosave-changed");
  var baseInput = form.querySelector("input[name=base_version]");

  function field(name) {
    var element = form.elements.namedItem(name);
    return element && element.tagName ? element : null;
  }

  function read(element) {
    if (element.tagName === "SELECT" && element.multiple) {
      return Array.prototype.map.call(element.selectedOptions, function (option) {
        return option.value;
      });
    }
    return element.value.replace(/\r\n/g, "\n");
  }

  function snapshot() {
    var values = {};
    FIELDS.forEach(function (name) {
      var element = field(name);
      if (element) values[name] = read(element);
    });
    return values;
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function base() {
    return baseInput ? baseInput.value : "";
  }

  // The browser's copy: written on every change, removed once the server
  // has the same text. Storage can be full or switched off: then only the
  // server keeps it.
  function keep(values) {
    try {
      localStorage.setItem(storageKey, JSON.stringify({
        data: values, base: base(), at: Date.now()
      }));
    } catch (error) { /* nothing else to do */ }
  }
  function kept() {
    try {
      var copy = JSON.parse(localStorage.getItem(storageKey) || "null");
      return copy && typeof copy.data === "object" ? copy : null;
    } catch (error) {
      return null;
    }
  }
  function forget() {
    try { localStorage.removeItem(storageKey); } catch (error) { /* as above */ }
  }

  function say(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  var acked = snapshot();  // what the server holds (at first: the form as opened)
  var fresh = true;        // the first autosave of this page replaces the server's
  var timer = null;
  var chain = Promise.resolve(true);

  function failure(response) {
    if (response.type === "opaqueredirect" || response.status === 403) {
      return "Not saved: you are logged out or may not edit this article " +
        "— kept in this browser. Log in again, then come back to this form.";
    }
    if (response.status === 400) {
      return response.json().then(function (result) {
        return "Not saved: " + (result.error || "the server refused it") +
          " — kept in this browser.";
      }, function () {
        return "Not saved: the server refused it — kept in this browser.";
      });
    }
    return "Not saved: the server did not answer — kept in this browser.";
  }

  function post(url, payload) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual",  // an expired session answers with the login page
      headers: {
        "Content-Type": "application/json",
        "X-CSRFToken": token ? token.value : ""
      },
      body: JSON.stringify(payload)
    });
  }

  function saveNow() {
    var values = snapshot();
    if (same(values, acked)) return Promise.resolve(true);
    var changed = {};
    Object.keys(values).forEach(function (name) {
      if (fresh || !same(values[name], acked[name])) changed[name] = values[name];
    });
    return post(saveUrl, { data: changed, base_version: base(), fresh: fresh })
      .then(function (response) {
        if (!response.ok) {
          return Promise.resolve(failure(response)).then(function (text) {
            throw new Error(text);
          });
        }
        return response.json();
      })
      .then(function (result) {
        acked = values;
        fresh = false;
        if (same(snapshot(), values)) forget();
        say("Autosaved " + result.time);
        return true;
      }, function (error) {
        say(navigator.onLine === false || error instanceof TypeError
          ? "Not saved: you are offline — kept in this browser."
          : error.message);
        return false;
      });
  }

  // One autosave at a time, in order.
  function save() {
    clearTimeout(timer);
    timer = null;
    chain = chain.then(saveNow, saveNow);
    return chain;
  }

  function changed() {
    var values = snapshot();
    if (same(values, acked)) {
      forget();
      return;
    }
    keep(values);
    if (!timer) timer = setTimeout(save, DELAY);
  }

  form.addEventListener("input", function (event) {
    if (FIELDS.indexOf(event.target.name) !== -1) changed();
  });
  form.addEventListener("change", function (event) {
    if (FIELDS.indexOf(event.target.name) !== -1) changed();
  });
  // Select2 (the tag box) reports its changes through jQuery only.
  if (window.django && django.jQuery && field("tags")) {
    django.jQuery(field("tags")).on("change", changed);
  }
  window.addEventListener("online", function () {
    if (!same(snapshot(), acked)) save();
  });

  // Saving the form first hands the server the last keystrokes, so that a
  // save that fails (an expired session) still leaves them on the server or
  // here, and a save that succeeds leaves nothing behind to offer.
  var submitting = false;
  form.addEventListener("submit", function (event) {
    if (submitting || event.defaultPrevented || same(snapshot(), acked)) return;
    event.preventDefault();
    submitting = true;
    var submitter = event.submitter;
    var go = function () {
      if (!form.requestSubmit) form.submit();  // older browsers: a plain "Save"
      else if (submitter && submitter.form === form) form.requestSubmit(submitter);
      else form.requestSubmit();
    };
    var waited = new Promise(function (resolve) { setTimeout(resolve, FLUSH_WAIT); });
    Promise.race([save(), waited]).then(go, go);
  });

  // Offering a copy back

  function differs(values) {
    var now = snapshot();
    return Object.keys(values).some(function (name) {
      return name in now && !same(values[name], now[name]);
    });
  }

  function setTags(select, names) {
    while (select.options.length) select.remove(0);
    names.forEach(function (name) {
      select.add(new Option(name, name, true, true));
    });
    if (window.django && django.jQuery) django.jQuery(select).trigger("change");
  }

  function restore(values, from) {
    FIELDS.forEach(function (name) {
      var element = field(name);
      if (!element || !(name in values)) return;
      if (element.tagName === "SELECT") {
        setTags(element, values[name]);
        return;
      }
      element.value = values[name];
      // The live preview and the slug check follow what is typed.
      element.dispatchEvent(new Event("input", { bubbles: true }));
    });
    // Saved from an older version: the lost-update guard compares with it.
    if (baseInput && from && +from < +baseInput.value) baseInput.value = from;
  }

  function show(values, from, text, changedSince) {
    offerText.textContent = text;
    changedNote.hidden = !changedSince;
    offer.hidden = false;
    offer.addEventListener("click", function (event) {
      var button = event.target.closest("[data-autosave]");
      if (!button) return;
      offer.hidden = true;
      if (button.getAttribute("data-autosave") === "restore") {
        restore(values, from);
        say("Restored. Nothing is saved until you save the article.");
        changed();
        var first = field("title");
        if (first) first.focus();
      } else {
        forget();
        post(discardUrl, {}).catch(function () {});
        say("Discarded the unsaved changes.");
      }
    });
  }

  function time(at) {
    var moment = new Date(at);
    return moment.toLocaleDateString(undefined, { day: "numeric", month: "short" }) +
      " " + moment.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  var local = kept();
  var fromServer = document.getElementById("autosave-data");
  if (local && differs(local.data)) {
    // Newer than the server's copy: it holds what the server did not get.
    show(local.data, local.base,
      "You have unsaved changes from " + time(local.at) +
      ", kept in this browser.",
      !!(version && local.base && +local.base < +version));
  } else {
    if (local) forget();
    var values = fromServer ? JSON.parse(fromServer.textContent) : null;
    // A form shown again after a refused save already holds them.
    if (values && differs(values)) {
      show(values, root.getAttribute("data-offer-base"), offerText.textContent,
        !changedNote.hidden);
    }
  }
})();
