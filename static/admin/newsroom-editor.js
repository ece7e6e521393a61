// The article form's writing tools: the score box following the kind, the
// live preview from the server's own renderer, the toolbar (pickers that find
// images, articles, series, merch and videos by words), and pictures pasted
// or dropped into the body or onto the lead image, added to the library in
// place. Loaded deferred: the form exists when this runs.
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

  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  function csrf() { return token ? token.value : ""; }
  // What a background request says when the session has lapsed (the server
  // answers with the login page, which these requests do not follow).
  var LOGGED_OUT = "You are logged out: log in again in another tab, then carry on here. " +
    "Nothing on this page is lost.";

  // Enter in a one-line field (the title, say) does not send the whole
  // article: saving is a button's job.
  var articleForm = body.form;
  articleForm.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || field.tagName !== "INPUT") return;
    if (/^(text|search|url|number|email)$/.test(field.type) &&
        !field.classList.contains("select2-search__field")) {
      event.preventDefault();
    }
  });

  // Live preview ------------------------------------------------------------

  // The preview is a page of its own, with the site's styles and scripts,
  // so every embed looks and works as readers will see it.
  var preview = document.getElementById("body-preview");
  var previewScroll = 0;
  function escapeAttribute(text) {
    return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }
  function showPreview(html) {
    var scripts = (preview.getAttribute("data-scripts") || "").split(" ").filter(Boolean);
    try { previewScroll = preview.contentWindow.scrollY || 0; } catch (error) { previewScroll = 0; }
    preview.srcdoc = '<!doctype html><html lang="' +
      escapeAttribute(document.documentElement.lang || "en") + '"><head><meta charset="utf-8">' +
      "<title>Preview</title>" +
      '<link rel="stylesheet" href="' + escapeAttribute(preview.getAttribute("data-css")) + '">' +
      scripts.map(function (src) {
        return '<script src="' + escapeAttribute(src) + '" defer></' + "script>";
      }).join("") +
      '</head><body class="body-preview-page"><main id="main"><article class="article">' +
      '<div class="article-body prose">' + html + "</div></article></main></body></html>";
  }
  preview.addEventListener("load", function () {
    try { preview.contentWindow.scrollTo(0, previewScroll); } catch (error) { /* gone */ }
  });
  var problems = document.getElementById("body-problems");
  var notes = document.getElementById("body-notes");
  var previewUrl = tools.getAttribute("data-preview-url");
  var timer = null;
  var waitTimer = null;
  var sequence = 0;

  function fillList(list, messages) {
    list.textContent = "";
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    list.hidden = messages.length === 0;
  }

  function refresh() {
    var mine = ++sequence;
    var data = new URLSearchParams();
    data.append("body", body.value);
    fetch(previewUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual",  // a lapsed session answers with the login page
      headers: { "X-CSRFToken": csrf() }
    }).then(function (response) {
      if (response.type === "opaqueredirect") {
        fillList(problems, [LOGGED_OUT]);
        return null;
      }
      return response.ok ? response.json() : null;
    }).then(function (result) {
      if (!result || mine !== sequence) return;
      showPreview(result.html);  // sanitised by the server's renderer
      fillList(problems, result.errors);
      fillList(notes, result.warnings || []);
      // A picture still being prepared shows as soon as it is ready.
      clearTimeout(waitTimer);
      if ((result.warnings || []).length) waitTimer = setTimeout(refresh, 3000);
    }).catch(function () {});
  }
  function refreshSoon() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  }
  body.addEventListener("input", refreshSoon);
  refresh();

  // Inserting ---------------------------------------------------------------

  var caret = null;  // where the body's caret was when a dialog opened
  function remember() {
    caret = { start: body.selectionStart, end: body.selectionEnd };
  }
  function insert(text) {
    var at = caret || { start: body.selectionStart, end: body.selectionEnd };
    caret = null;
    // One blank line on each side of the embed, whatever was there.
    var before = body.value.slice(0, at.start);
    var after = body.value.slice(at.end).replace(/^\n+/, "");
    var lead = before && !before.endsWith("\n\n") ? (before.endsWith("\n") ? "\n" : "\n\n") : "";
    var snippet = lead + text + "\n\n";
    body.value = before + snippet + after;
    body.focus();
    body.selectionStart = body.selectionEnd = before.length + snippet.length;
    body.dispatchEvent(new Event("input"));
  }

  // Dialogs (inside the article's form, so no <form> of their own: Enter
  // must never submit the article) ---------------------------------------------

  var opener = null;
  function openDialog(dialog, from) {
    opener = from || document.activeElement;
    dialog.hidden = false;
    var first = dialog.querySelector("input:not([type=hidden]), button");
    if (first) first.focus();
  }
  function closeDialog(dialog) {
    dialog.hidden = true;
    if (opener && opener.focus) opener.focus();
    opener = null;
  }
  document.addEventListener("keydown", function (event) {
    // Escape closes an open dialog wherever the focus went.
    if (event.key !== "Escape") return;
    document.querySelectorAll(".desk-dialog:not([hidden])").forEach(function (dialog) {
      event.preventDefault();
      closeDialog(dialog);
    });
  });
  document.querySelectorAll(".desk-dialog").forEach(function (dialog) {
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Enter" && event.target.tagName === "INPUT") event.preventDefault();
      if (event.key === "Tab") {
        var focusable = dialog.querySelectorAll("input:not([hidden]), button");
        var visible = Array.prototype.filter.call(focusable, function (node) {
          return node.offsetParent !== null;
        });
        var first = visible[0], last = visible[visible.length - 1];
        if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
        else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      }
    });
    dialog.querySelectorAll("[data-close]").forEach(function (button) {
      button.addEventListener("click", function () { closeDialog(dialog); });
    });
  });

  // Pickers -----------------------------------------------------------------

  var picker = document.getElementById("embed-picker");
  var search = document.getElementById("embed-picker-search");
  var hint = document.getElementById("embed-picker-hint");
  var heading = document.getElementById("embed-picker-heading");
  var results = document.getElementById("embed-picker-results");
  var pickerError = document.getElementById("embed-picker-error");
  var pickerStatus = document.getElementById("embed-picker-status");
  var extra = document.getElementById("embed-picker-extra");
  var caption = document.getElementById("embed-picker-caption");
  var pickerKind = "";
  var searchTimer = null;
  var searchSequence = 0;

  function showResults(found) {
    results.textContent = "";
    found.forEach(function (result) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "picker-choice";
      button.setAttribute("data-code", result.code);
      if (result.thumb) {
        var thumb = document.createElement("img");
        thumb.src = result.thumb;
        thumb.alt = "";
        thumb.width = 64;
        button.appendChild(thumb);
      }
      var words = document.createElement("span");
      var label = document.createElement("strong");
      label.textContent = result.label;
      words.appendChild(label);
      if (result.detail) {
        var detail = document.createElement("span");
        detail.className = "picker-detail";
        detail.textContent = result.detail;
        words.appendChild(detail);
      }
      button.appendChild(words);
      item.appendChild(button);
      results.appendChild(item);
    });
  }

  function runSearch() {
    var mine = ++searchSequence;
    var query = new URLSearchParams({ kind: pickerKind, q: search.value });
    fetch(picker.getAttribute("data-url") + "?" + query.toString(),
      { credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        return response.type === "opaqueredirect" ? { error: LOGGED_OUT } : response.json();
      })
      .then(function (answer) {
        if (mine !== searchSequence) return;
        pickerError.textContent = answer.error || "";
        pickerError.hidden = !answer.error;
        showResults(answer.results || []);
        var count = (answer.results || []).length;
        pickerStatus.textContent = answer.error ? "" :
          count ? count + (count === 1 ? " match" : " matches") : "Nothing found.";
      })
      .catch(function () {
        pickerError.textContent = "The search did not answer; try again.";
        pickerError.hidden = false;
      });
  }

  search.addEventListener("input", function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 250);
  });
  results.addEventListener("click", function (event) {
    var choice = event.target.closest(".picker-choice");
    if (!choice) return;
    var code = choice.getAttribute("data-code");
    var title = caption.value.replace(/"/g, "”").trim();
    if (pickerKind === "video" && title) code = code.replace(/\]\]$/, ' title="' + title + '"]]');
    closeDialog(picker);
    insert(code);
  });

  tools.addEventListener("click", function (event) {
    var pick = event.target.closest("[data-picker]");
    if (pick) {
      event.preventDefault();
      remember();
      pickerKind = pick.getAttribute("data-picker");
      heading.textContent = "Insert: " + pick.getAttribute("data-picker-label");
      hint.textContent = pick.getAttribute("data-picker-hint");
      search.value = "";
      caption.value = "";
      extra.hidden = pickerKind !== "video";
      results.textContent = "";
      pickerError.hidden = true;
      pickerStatus.textContent = "";
      openDialog(picker, pick);
      if (pickerKind !== "video") runSearch();
      return;
    }
    var button = event.target.closest("[data-insert]");
    if (button) {
      event.preventDefault();
      insert(button.getAttribute("data-insert"));
      return;
    }
    var upload = event.target.closest("[data-upload]");
    if (upload) {
      event.preventDefault();
      remember();
      startUpload(null, "body", upload);
    }
  });

  // Pictures pasted, dropped or chosen ---------------------------------------

  var uploader = document.getElementById("image-upload");
  if (!uploader) return;
  var fileInput = document.getElementById("image-upload-file");
  var uploadPreview = document.getElementById("image-upload-preview");
  var uploadErrors = document.getElementById("image-upload-errors");
  var sendButton = document.getElementById("image-upload-send");
  var fields = uploader.querySelectorAll("[data-field]");
  var target = "body";
  var chosenFile = null;

  function field(name) { return uploader.querySelector('[data-field="' + name + '"]'); }

  function useFile(file) {
    chosenFile = file;
    if (file && fileInput.files[0] !== file && window.DataTransfer) {
      // A pasted or dropped picture shows in the file box too.
      var holder = new DataTransfer();
      holder.items.add(file);
      fileInput.files = holder.files;
    }
    uploadPreview.hidden = true;
    uploadPreview.removeAttribute("src");
    if (file) {
      // A data: address (the site's content policy allows no blob: images).
      var reader = new FileReader();
      reader.onload = function () {
        if (chosenFile !== file) return;
        uploadPreview.src = reader.result;
        uploadPreview.hidden = false;
      };
      reader.readAsDataURL(file);
      if (!field("title").value) {
        var name = (file.name || "").replace(/\.[a-z0-9]+$/i, "").replace(/[-_]+/g, " ").trim();
        field("title").value = name && name.toLowerCase() !== "image" ? name :
          "Picture added " + new Date().toLocaleString();
      }
    }
  }

  function startUpload(file, where, from) {
    target = where;
    fields.forEach(function (input) { input.value = ""; });
    fileInput.value = "";
    uploadErrors.hidden = true;
    useFile(file);
    openDialog(uploader, from);
    if (file) field("alt_text").focus();
  }

  fileInput.addEventListener("change", function () {
    useFile(fileInput.files[0] || null);
  });

  function imageIn(transfer) {
    if (!transfer || !transfer.files) return null;
    return Array.prototype.find.call(transfer.files, function (file) {
      return /^image\//.test(file.type);
    }) || null;
  }

  body.addEventListener("paste", function (event) {
    var file = imageIn(event.clipboardData);
    if (!file) return;
    event.preventDefault();
    remember();
    startUpload(file, "body", body);
  });
  body.addEventListener("dragover", function (event) {
    if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
      event.preventDefault();
    }
  });
  body.addEventListener("drop", function (event) {
    var file = imageIn(event.dataTransfer);
    if (!file) return;
    event.preventDefault();
    remember();
    startUpload(file, "body", body);
  });

  var lead = document.getElementById("id_lead_image");
  var leadRow = lead && lead.closest(".form-row");
  if (leadRow) {
    var leadButton = document.createElement("button");
    leadButton.type = "button";
    leadButton.className = "button lead-upload";
    leadButton.textContent = "Upload a picture…";
    var wrapper = lead.closest(".related-widget-wrapper") || lead.parentNode;
    wrapper.insertAdjacentElement("afterend", leadButton);
    leadButton.addEventListener("click", function () { startUpload(null, "lead", leadButton); });
    leadRow.addEventListener("dragover", function (event) { event.preventDefault(); });
    leadRow.addEventListener("drop", function (event) {
      var file = imageIn(event.dataTransfer);
      if (!file) return;
      event.preventDefault();
      startUpload(file, "lead", leadButton);
    });
    leadRow.addEventListener("paste", function (event) {
      var file = imageIn(event.clipboardData);
      if (!file) return;
      event.preventDefault();
      startUpload(file, "lead", leadButton);
    });
  }

  function showErrors(errors) {
    var messages = [];
    var firstField = Object.keys(errors).map(function (name) {
      return name === "file" ? fileInput : field(name);
    }).filter(Boolean)[0];
    if (firstField) firstField.focus();
    Object.keys(errors).forEach(function (name) {
      var label = name === "__all__" ? "" :
        (uploader.querySelector('label[for="image-upload-' + name + '"]') || {}).textContent;
      errors[name].forEach(function (error) {
        messages.push((label ? label + ": " : "") + (error.message || error));
      });
    });
    fillList(uploadErrors, messages);
  }

  function useUploaded(image) {
    if (target === "lead") {
      var $ = window.django && window.django.jQuery;
      var option = new Option(image.title, String(image.id), true, true);
      lead.appendChild(option);
      lead.value = String(image.id);
      if ($) $(lead).trigger("change");
      var alt = document.getElementById("id_lead_image_alt");
      if (alt && !alt.value) alt.value = image.alt_text;
    } else {
      insert(image.code);
    }
  }

  sendButton.addEventListener("click", function () {
    if (!chosenFile) {
      showErrors({ file: ["Choose, paste or drop a picture first."] });
      return;
    }
    var data = new FormData();
    data.append("file", chosenFile, chosenFile.name || "pasted.png");
    fields.forEach(function (input) { data.append(input.getAttribute("data-field"), input.value); });
    sendButton.disabled = true;
    fetch(uploader.getAttribute("data-url"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      redirect: "manual",
      headers: { "X-CSRFToken": csrf() }
    }).then(function (response) {
      if (response.type === "opaqueredirect") {
        return { ok: false, answer: { errors: { __all__: [LOGGED_OUT] } } };
      }
      return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; },
        function () { return { ok: false, answer: { errors: { __all__: ["The upload was refused (" + response.status + ")."] } } }; });
    }).then(function (reply) {
      sendButton.disabled = false;
      if (!reply.ok) { showErrors(reply.answer.errors || {}); return; }
      closeDialog(uploader);
      useUploaded(reply.answer);
    }).catch(function () {
      sendButton.disabled = false;
      showErrors({ __all__: ["The upload did not reach the server; nothing was lost, try again."] });
    });
  });
})();
