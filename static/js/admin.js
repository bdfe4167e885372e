// Newsroom enhancements; every page works without this script.
// Live preview: the body is rendered by the server exactly as the portal
// renders it (POST /admin/preview, CSRF token in a header).
(function () {
  "use strict";
  var area = document.querySelector("textarea[data-preview]");
  if (!area) return;
  var target = document.getElementById(area.getAttribute("data-preview"));
  var form = area.form;
  var csrf = form && form.querySelector("input[name=_csrf]");
  var timer = null;
  function refresh() {
    var body = new URLSearchParams();
    body.set("body", area.value);
    fetch("/admin/preview", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf ? csrf.value : "" },
      body: body.toString()
    }).then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) target.innerHTML = html; })
      .then(checkWords)
      .catch(function () { /* keep the last preview */ });
  }
  // The word lists' findings as the text is typed: listed in a live region
  // and marked in the preview where the text appears as written.
  var live = document.getElementById("live-findings");
  function value(id) { var el = document.getElementById(id); return el ? el.value : ""; }
  function mark(root, text) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT), node, hits = [];
    while ((node = walker.nextNode())) if (node.nodeValue.indexOf(text) >= 0) hits.push(node);
    hits.forEach(function (n) {
      var at = n.nodeValue.indexOf(text), rest = n.splitText(at);
      rest.splitText(text.length);
      var m = document.createElement("mark");
      m.className = "finding";
      rest.parentNode.replaceChild(m, rest);
      m.appendChild(rest);
    });
  }
  function checkWords() {
    if (!live) return;
    var body = new URLSearchParams();
    body.set("title", value("e-title"));
    body.set("body", area.value);
    body.set("caption", value("e-caption"));
    body.set("alt", value("e-alt"));
    return fetch("/admin/preview/findings", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf ? csrf.value : "" },
      body: body.toString()
    }).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) return;
        var list = live.querySelector("ul");
        list.textContent = "";
        data.findings.forEach(function (f) {
          var li = document.createElement("li");
          li.textContent = f.text;
          if (f.block) li.className = "block";
          list.appendChild(li);
          if (f.field === "body") mark(target, f.matched);
        });
        live.hidden = data.findings.length === 0;
      });
  }
  area.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
  ["e-title", "e-caption", "e-alt"].forEach(function (id) {
    var el = document.getElementById(id);
    if (el) el.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 300); });
  });
  // The rest of the portal's view follows the form as it is typed: the
  // title, author, source, lead image and caption (all as text).
  function follow(inputId, targetId, wrapperId) {
    var input = document.getElementById(inputId), target = document.getElementById(targetId);
    if (!input || !target) return;
    input.addEventListener("input", function () {
      target.textContent = input.value;
      if (wrapperId) document.getElementById(wrapperId).hidden = input.value === "";
    });
  }
  follow("e-title", "preview-title");
  follow("e-caption", "preview-caption");
  var author = document.querySelector("#preview-author > span");
  var source = document.querySelector("#preview-source > span");
  if (author) author.id = "preview-author-text";
  if (source) source.id = "preview-source-text";
  follow("e-author", "preview-author-text", "preview-author");
  follow("e-source", "preview-source-text", "preview-source");
  var figure = document.getElementById("preview-figure"), img = document.getElementById("preview-img");
  form.addEventListener("change", function (ev) {
    if (!figure || ev.target.name !== "lead_media") return;
    var thumb = ev.target.value && document.querySelector("label[for='" + ev.target.id + "'] img");
    figure.hidden = !thumb;
    if (!thumb) return;
    if (!img) {  // no lead image when the page was made
      img = document.createElement("img");
      img.id = "preview-img";
      img.alt = "";
      figure.insertBefore(img, figure.firstChild);
    }
    img.src = thumb.src;
  });
})();

// The menu on a phone: folded behind a "Menu" button, so a page starts with
// its own content rather than twenty links. Without script, or on a wider
// screen, the whole list shows.
(function () {
  "use strict";
  var nav = document.querySelector(".admin-nav");
  var list = nav && nav.querySelector("ul");
  if (!list || !window.matchMedia) return;
  var narrow = window.matchMedia("(max-width: 40rem)");
  var button = document.createElement("button");
  button.type = "button";
  button.className = "nav-toggle";
  button.textContent = nav.getAttribute("data-menu");
  button.setAttribute("aria-expanded", "false");
  list.id = "admin-menu";
  button.setAttribute("aria-controls", list.id);
  nav.insertBefore(button, list);
  nav.classList.add("foldable");
  function apply() {
    button.hidden = !narrow.matches;
    list.hidden = narrow.matches && button.getAttribute("aria-expanded") !== "true";
  }
  button.addEventListener("click", function () {
    button.setAttribute("aria-expanded", String(button.getAttribute("aria-expanded") !== "true"));
    apply();
  });
  if (narrow.addEventListener) narrow.addEventListener("change", apply);
  apply();
})();

// The editor's image picker lists the newest images; this finds older ones
// (/admin/media.json) and adds them to the grid as choices. Without script
// the newest and the chosen image are there, and uploads work.
(function () {
  "use strict";
  var box = document.querySelector("[data-image-search]");
  var grid = document.querySelector(".image-grid");
  if (!box || !grid || !window.fetch) return;
  var input = document.getElementById("e-media-q"), status = document.getElementById("e-media-found");
  box.hidden = false;
  function choice(image) {
    if (document.getElementById("e-media-" + image.id)) return null;
    var li = document.createElement("li"), radio = document.createElement("input");
    var label = document.createElement("label"), img = document.createElement("img");
    var name = document.createElement("span");
    radio.type = "radio";
    radio.name = "lead_media";
    radio.id = "e-media-" + image.id;
    radio.value = String(image.id);
    label.htmlFor = radio.id;
    img.src = image.thumb;
    img.alt = "";
    name.className = "image-name";
    name.textContent = image.name;
    label.appendChild(img);
    label.appendChild(name);
    if (image["private"]) {
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = box.getAttribute("data-internal");
      label.appendChild(badge);
    }
    if (image.alt) {
      var alt = document.createElement("span");
      alt.className = "hint";
      alt.textContent = image.alt;
      label.appendChild(alt);
    }
    li.appendChild(radio);
    li.appendChild(label);
    var bodyImages = document.getElementById("e-body-img");
    if (bodyImages && image.markdown) {
      var option = document.createElement("option");
      option.value = image.markdown;
      option.textContent = image.name;
      bodyImages.insertBefore(option, bodyImages.options[1] || null);
    }
    return li;
  }
  function find() {
    var q = input.value.trim();
    fetch("/admin/media.json?kind=image&q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (found) {
        var first = grid.firstChild;
        found.items.forEach(function (image) {
          var li = choice(image);
          if (li) grid.insertBefore(li, first);
        });
        status.textContent = found.total ? box.getAttribute("data-found").replace("{n}", found.total)
                                         : box.getAttribute("data-none");
      })
      .catch(function () { status.textContent = box.getAttribute("data-failed"); });
  }
  document.getElementById("e-media-find").addEventListener("click", find);
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); find(); }  // not the article form's submit
  });
})();

// Replaces the textarea's characters [start, end) with `text` as typing
// would, so that Ctrl+Z takes it back, then selects [selStart, selEnd)
// and tells the preview. execCommand is the one way to keep the browser's
// undo history; where it is missing, setRangeText does the same without.
function replaceInTextarea(area, start, end, text, selStart, selEnd) {
  "use strict";
  area.focus();
  area.setSelectionRange(start, end);
  var typed = false;
  try { typed = document.execCommand("insertText", false, text); } catch (e) { typed = false; }
  if (!typed || area.value.slice(start, start + text.length) !== text) {
    area.setRangeText(text, start, end, "end");
  }
  area.setSelectionRange(selStart, selEnd);
  area.dispatchEvent(new Event("input", { bubbles: true }));
}

// A copy of a long text being written (an article, a meeting's minutes),
// kept in this browser tab (sessionStorage: gone when the tab closes) as
// it is typed: the fields marked data-draft-field of the form marked
// data-draft-key. If the text never reached the server (the session
// ended, the page was left), the form offers it back; the page a save
// lands on (?done=…) spends the copy of the form that was sent. Leaving
// the page with typed text not yet sent asks first.
(function () {
  "use strict";
  var store;
  try { store = window.sessionStorage; store.getItem("x"); } catch (e) { return; }
  // Whose copy: another account signed in on this tab is not offered it.
  var account = document.querySelector("a[href='/admin/account']");
  var prefix = "procura-draft:" + (account ? account.textContent : "") + ":";
  if (/[?&]done=/.test(location.search)) {
    var sent = store.getItem(prefix + "sent");
    if (sent) store.removeItem(sent);
    store.removeItem(prefix + "sent");
  }
  var form = document.querySelector("form[data-draft-key]");
  var box = document.querySelector("[data-draft-restore]");
  if (!form) return;
  // Leaving with text not yet sent (a link, closing the tab, reloading):
  // the browser asks first. Sending the form is not leaving.
  var unsent = false;
  form.addEventListener("input", function () { unsent = true; });
  form.addEventListener("submit", function () { unsent = false; });
  window.addEventListener("beforeunload", function (e) {
    if (!unsent) return;
    e.preventDefault();
    e.returnValue = "";
  });
  if (!box) return;
  var fields = Array.prototype.slice.call(form.querySelectorAll("[data-draft-field]"));
  var key = prefix + form.getAttribute("data-draft-key");
  var kept = null;
  try { kept = JSON.parse(store.getItem(key) || "null"); } catch (e) { kept = null; }
  var values = kept && kept.values ? kept.values : {};
  var differs = fields.some(function (f) { return f.id in values && values[f.id] !== f.value; }) &&
      fields.some(function (f) { return values[f.id]; });
  if (differs) {
    var lang = document.documentElement.lang || undefined, zh = /^zh/.test(lang || "");
    box.querySelector("[data-draft-time]").textContent =
        (zh ? "（" : "(") + new Date(kept.at).toLocaleString(lang) + (zh ? "）" : ")");
    box.hidden = false;
    box.querySelector("[data-draft-use]").addEventListener("click", function () {
      fields.forEach(function (f) {
        if (!(f.id in values)) return;
        if (f.tagName === "TEXTAREA") {
          replaceInTextarea(f, 0, f.value.length, values[f.id], 0, 0);
        } else {
          f.value = values[f.id];
          f.dispatchEvent(new Event("input", { bubbles: true }));
        }
      });
      box.hidden = true;
    });
    box.querySelector("[data-draft-drop]").addEventListener("click", function () {
      store.removeItem(key);
      box.hidden = true;
    });
  }
  var timer = null;
  form.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var now = {};
      fields.forEach(function (f) { now[f.id] = f.value; });
      try { store.setItem(key, JSON.stringify({ values: now, at: Date.now() })); }
      catch (e) { /* full: the form still holds the text */ }
    }, 400);
  });
  form.addEventListener("submit", function () {
    try { store.setItem(prefix + "sent", key); } catch (e) { /* as above */ }
  });
})();

// The body's formatting buttons: bold and link wrap the selection (or a
// placeholder, selected to be typed over); subheading, lists and quotation
// mark each selected line, or take the mark off when every line has it.
// Ctrl+B and Ctrl+K in the body do bold and link.
(function () {
  "use strict";
  var bar = document.querySelector("[data-md-toolbar]");
  var area = document.getElementById("e-body");
  if (!bar || !area) return;
  bar.hidden = false;
  var marks = { heading: "## ", list: "- ", quote: "> " };
  function wrap(kind) {
    var v = area.value, start = area.selectionStart, end = area.selectionEnd;
    var text = v.slice(start, end) || bar.getAttribute(kind === "bold" ? "data-bold-text" : "data-link-text");
    if (kind === "bold") {
      replaceInTextarea(area, start, end, "**" + text + "**", start + 2, start + 2 + text.length);
    } else {
      var url = "https://";
      var md = "[" + text + "](" + url + ")";
      var at = start + text.length + 3;
      replaceInTextarea(area, start, end, md, at, at + url.length);
    }
  }
  function markLines(kind) {
    var v = area.value;
    var from = v.lastIndexOf("\n", area.selectionStart - 1) + 1;
    var to = v.indexOf("\n", Math.max(area.selectionEnd - (area.selectionEnd > area.selectionStart ? 1 : 0), from));
    if (to < 0) to = v.length;
    var lines = v.slice(from, to).split("\n");
    var pattern = kind === "numbered" ? /^\d+\. / : new RegExp("^" + marks[kind].replace(/[#>\-]/g, "\\$&"));
    var filled = lines.filter(function (l) { return l.trim() !== ""; });
    var every = filled.length > 0 && filled.every(function (l) { return pattern.test(l); });
    var n = 0;
    var out = lines.map(function (l) {
      if (l.trim() === "") return l;  // blank lines stay blank
      if (every) return l.replace(pattern, "");
      n += 1;
      return (kind === "numbered" ? n + ". " : marks[kind]) + l.replace(/^(#{1,6} |- |> |\d+\. )/, "");
    }).join("\n");
    replaceInTextarea(area, from, to, out, from, from + out.length);
  }
  // Markdown for `rows` (arrays of cells) as a table, the first row its
  // heading; short rows are filled out, and a "|" in a cell is escaped.
  function tableOf(rows) {
    var width = rows.reduce(function (w, r) { return Math.max(w, r.length); }, 0);
    var line = function (r) {
      var cells = [];
      for (var i = 0; i < width; i++) cells.push((r[i] || "").replace(/\|/g, "\\|"));
      return "| " + cells.join(" | ") + " |";
    };
    var rule = [];
    for (var i = 0; i < width; i++) rule.push("---");
    return [line(rows[0]), "| " + rule.join(" | ") + " |"].concat(rows.slice(1).map(line)).join("\n");
  }
  // Puts `md` in at the selection as a block of its own (empty lines
  // around it), selecting [selFrom, selTo) of it.
  function insertBlock(md, selFrom, selTo) {
    var v = area.value, start = area.selectionStart, end = area.selectionEnd;
    var before = v.slice(0, start), after = v.slice(end);
    var lead = !before || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = !after || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    var at = start + lead.length;
    replaceInTextarea(area, start, end, lead + md + tail, at + selFrom, at + selTo);
  }
  function insertTable() {
    var head = bar.getAttribute("data-table-head"), cell = bar.getAttribute("data-table-cell");
    insertBlock(tableOf([[head, head], [cell, cell]]), 2, 2 + head.length);
  }
  bar.addEventListener("click", function (ev) {
    var button = ev.target.closest("button[data-md]");
    if (!button) return;
    var kind = button.getAttribute("data-md");
    if (kind === "bold" || kind === "link") wrap(kind);
    else if (kind === "table") insertTable();
    else markLines(kind);
  });
  // Text pasted from a word processor has one paragraph a line, often
  // indented with full-width spaces, where Markdown wants an empty line
  // between paragraphs (else the lines run together into one). Such text
  // is pasted as paragraphs, without the indent (the portal indents).
  var note = bar.querySelector("[data-md-note]");
  area.addEventListener("paste", function (ev) {
    var text = ev.clipboardData ? ev.clipboardData.getData("text/plain") : "";
    text = text.replace(/\r\n?/g, "\n");
    // Cells copied from a spreadsheet (Excel, WPS) come as lines of
    // tab-separated cells: pasted, they become a table.
    var rows = text.replace(/\n+$/, "").split("\n");
    if (rows.length > 1 && rows.every(function (r) { return r.indexOf("\t") >= 0; })) {
      ev.preventDefault();
      var md = tableOf(rows.map(function (r) { return r.split("\t").map(function (c) { return c.trim(); }); }));
      insertBlock(md, md.length, md.length);
      if (note) note.textContent = note.getAttribute("data-table-text");
      return;
    }
    if (text.indexOf("\n") < 0) return;
    // Text with empty lines between its paragraphs and no full-width
    // indent is Markdown already: the browser pastes it as it is.
    if (/\n[ \t]*\n/.test(text) && !/(^|\n)\u3000/.test(text)) return;
    var pasted = text.split("\n")
        .map(function (l) { return l.replace(/^[ \t\u3000]+|[ \t\u3000]+$/g, ""); })
        .filter(function (l) { return l !== ""; })
        .join("\n\n");
    ev.preventDefault();
    var start = area.selectionStart, caret = start + pasted.length;
    replaceInTextarea(area, start, area.selectionEnd, pasted, caret, caret);
    if (note) note.textContent = note.getAttribute("data-text");
  });
  area.addEventListener("keydown", function (ev) {
    if (!(ev.ctrlKey || ev.metaKey) || ev.altKey || ev.shiftKey) return;
    var key = ev.key.toLowerCase();
    if (key !== "b" && key !== "k") return;
    ev.preventDefault();
    wrap(key === "b" ? "bold" : "link");
  });
})();

// A picture in the body: the chosen image's Markdown, with the caption if
// one was typed, goes in at the cursor, on a paragraph of its own, and the
// preview follows. Without script the box stays hidden (the Markdown can
// be typed).
(function () {
  "use strict";
  var box = document.querySelector("[data-body-image]");
  var body = document.getElementById("e-body"), select = document.getElementById("e-body-img");
  var captionInput = document.getElementById("e-body-img-caption");
  if (!box || !body || !select) return;
  box.hidden = false;
  document.getElementById("e-body-img-insert").addEventListener("click", function () {
    var md = select.value;
    if (!md) { select.focus(); return; }
    // A caption is the image's Markdown title: ![alt](url "caption").
    var caption = captionInput ? captionInput.value.replace(/\s+/g, " ").trim() : "";
    if (caption) md = md.replace(/\)$/, " \"" + caption.replace(/["\\]/g, "\\$&") + "\")");
    var v = body.value, start = body.selectionStart, end = body.selectionEnd;
    var before = v.slice(0, start), after = v.slice(end);
    var lead = !before || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = !after || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    if (captionInput) captionInput.value = "";  // the next picture has its own
    var caret = (before + lead + md).length;
    replaceInTextarea(body, start, end, lead + md + tail, caret, caret);
  });
})();

// The editor's document search: without script it reloads the editor with
// ?doc_q= and the server lists the matches; with script the list of
// documents to attach is refilled in place, so nothing typed in the article
// form is lost.
(function () {
  "use strict";
  var form = document.querySelector("[data-doc-search]");
  var select = document.getElementById("att-media");
  if (!form || !select || !window.fetch) return;
  var input = document.getElementById("att-q"), status = document.getElementById("att-found");
  var attached = (form.getAttribute("data-attached") || "").split(",");
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value.trim();
    fetch("/admin/media.json?kind=document&q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (found) {
        while (select.options.length > 1) select.remove(1);  // keep "Choose a document"
        found.items.forEach(function (doc) {
          if (attached.indexOf(String(doc.id)) >= 0) return;
          var option = document.createElement("option");
          option.value = String(doc.id);
          option.textContent = doc.name;
          select.appendChild(option);
        });
        var older = document.getElementById("att-older");
        if (older) older.hidden = true;
        status.textContent = found.total ? form.getAttribute("data-found").replace("{n}", found.total)
                                         : form.getAttribute("data-none");
        if (select.options.length > 1) select.selectedIndex = 1;
      })
      .catch(function () { status.textContent = form.getAttribute("data-failed"); });
  });
})();

// The projector's check-in page: swaps in the new QR code when the token
// rotates and keeps the live count current. Without script the page still
// shows a valid code for its first 30 seconds (plus the grace period).
(function () {
  "use strict";
  var box = document.querySelector("[data-live]");
  if (!box) return;
  var url = box.getAttribute("data-live");
  var qr = document.getElementById("qr");
  var count = document.getElementById("checked-in");
  var enrolled = document.getElementById("enrolled");
  var link = document.getElementById("checkin-url");
  var full = document.getElementById("fullscreen");
  if (full && document.fullscreenEnabled) {
    full.hidden = false;
    full.addEventListener("click", function () { document.documentElement.requestFullscreen(); });
  }
  function refresh() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) {
        if (!d) { setTimeout(refresh, 5000); return; }
        if (d.closed) qr.textContent = d.closed;  // the window passed: no more codes
        else if (d.svg) qr.innerHTML = d.svg;  // server-rendered SVG of our own URL
        count.textContent = d.checked_in;
        enrolled.textContent = d.enrolled;
        if (link && d.url) {
          link.href = d.url;
          link.textContent = d.url;
        }
        setTimeout(refresh, Math.min(5, d.refresh_in) * 1000);
      })
      .catch(function () { setTimeout(refresh, 5000); });
  }
  setTimeout(refresh, 2000);
})();

// A data table wider than the screen scrolls in its own box; it then takes
// keyboard focus so it can be scrolled without a pointer (WCAG 2.1.1).
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll("table.data").forEach(function (t) {
      if (t.scrollWidth > t.clientWidth + 1) t.setAttribute("tabindex", "0");
      else t.removeAttribute("tabindex");
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();

// A form sent back with an error further down the page (a phone shows the
// top): the error is brought into view and given keyboard focus, so the
// reader sees what to fix without hunting for it.
(function () {
  "use strict";
  var error = document.querySelector(".error-summary, .notice.error[role=alert]");
  if (!error || error.getBoundingClientRect().top < window.innerHeight * 0.8) return;
  if (!error.hasAttribute("tabindex")) error.setAttribute("tabindex", "-1");
  error.focus({ preventScroll: true });
  error.scrollIntoView({ block: "center" });
})();

// The meeting form: as the date and times are chosen, what else is on at
// those hours (a training session the branch's members are enrolled in,
// another meeting of the branch) is named before saving. Nothing is refused.
(function () {
  "use strict";
  var form = document.querySelector("form[data-clashes]");
  var box = document.getElementById("clash-preview");
  if (!form || !box) return;
  var fields = ["m-held-on", "m-starts-at", "m-ends-at"].map(function (id) { return document.getElementById(id); });
  var asked = 0;
  function show(d) {
    box.textContent = "";
    if (!d || !d.clashes || !d.clashes.length) { box.hidden = true; return; }
    var p = document.createElement("p");
    p.textContent = d.heading;
    var ul = document.createElement("ul");
    d.clashes.forEach(function (c) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = c.url;
      a.textContent = c.title;
      li.appendChild(a);
      li.appendChild(document.createTextNode(d.separator + c.text));
      ul.appendChild(li);
    });
    box.appendChild(p);
    box.appendChild(ul);
    box.hidden = false;
  }
  function check() {
    if (!fields[0] || !fields[1] || !fields[0].value || !fields[1].value) { show(null); return; }
    var q = new URLSearchParams({ held_on: fields[0].value, starts_at: fields[1].value,
                                  ends_at: fields[2] ? fields[2].value : "" });
    if (form.getAttribute("data-meeting")) q.set("meeting", form.getAttribute("data-meeting"));
    var mine = ++asked;
    fetch(form.getAttribute("data-clashes") + "?" + q.toString(),
          { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (d) { if (mine === asked) show(d); })
      .catch(function () { /* the meeting's page still names them after saving */ });
  }
  fields.forEach(function (f) { if (f) f.addEventListener("change", check); });
  check();
})();
