// procura portal script. Loaded from <head> (no inline script under the
// CSP) so the reader's font size and the elderly-friendly view apply
// before the page paints. Everything works without it on the server: the
// font-size links carry ?fs= and the view switch ?care=. On a static
// export (where no server reads those) this script is what switches them.
(function () {
  "use strict";
  var KEY = "procura.fontSize";
  var SIZES = ["small", "medium", "large"];
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function store(size) {
    try { localStorage.setItem(KEY, size); } catch (e) { /* private mode */ }
    // The server reads the same choice (the page it renders then matches).
    document.cookie = "__Host-procura_fs=" + size + "; Path=/; Max-Age=31536000; SameSite=Lax; Secure";
  }
  function apply(size) {
    if (SIZES.indexOf(size) < 0) return;
    SIZES.forEach(function (s) { root.classList.remove("fs-" + s); });
    root.classList.add("fs-" + size);
    var links = document.querySelectorAll(".font-size-switcher a[data-fs]");
    Array.prototype.forEach.call(links, function (a) {
      if (a.getAttribute("data-fs") === size) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
  }

  // A size in the URL (a no-JS link that was followed) wins and is kept.
  var fromUrl = new URLSearchParams(window.location.search).get("fs");
  if (SIZES.indexOf(fromUrl) >= 0) store(fromUrl);
  var initial = SIZES.indexOf(fromUrl) >= 0 ? fromUrl : stored();
  if (initial) apply(initial);

  // The elderly-friendly view: the class "care" on <html>. A ?care= in the
  // URL (the no-JS link, followed) wins and is kept; then the page as the
  // server rendered it (its cookie); then what this browser chose before.
  var CARE_KEY = "procura.care";
  function storeCare(on) {
    try { localStorage.setItem(CARE_KEY, on ? "1" : "0"); } catch (e) { /* private mode */ }
    document.cookie = "__Host-procura_care=" + (on ? "1" : "0") + "; Path=/; Max-Age=31536000; SameSite=Lax; Secure";
  }
  function storedCare() {
    try { return localStorage.getItem(CARE_KEY); } catch (e) { return null; }
  }
  function labelCareSwitch() {
    var a = document.querySelector("a.care-switch");
    if (!a) return;
    var on = root.classList.contains("care");
    var label = a.getAttribute(on ? "data-label-on" : "data-label-off");
    if (label) a.textContent = label;
    a.setAttribute("href", on ? "?care=0" : "?care=1");
  }
  var careFromUrl = new URLSearchParams(window.location.search).get("care");
  if (careFromUrl === "1" || careFromUrl === "0") {
    storeCare(careFromUrl === "1");
    root.classList.toggle("care", careFromUrl === "1");
  } else if (root.classList.contains("care")) {
    storeCare(true);
  } else if (storedCare() === "1") {
    root.classList.add("care");
  }

  // Read aloud: the browser's own speech synthesis, where it exists (no
  // third-party service); the button stays hidden elsewhere.
  function setUpReadAloud() {
    var button = document.querySelector(".read-aloud");
    if (!button || !("speechSynthesis" in window)) return;
    var startLabel = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      if (window.speechSynthesis.speaking) {
        window.speechSynthesis.cancel();
        button.textContent = startLabel;
        return;
      }
      var title = document.querySelector(".article-title");
      var body = document.querySelector(".article-body");
      var text = (title ? title.textContent + "。" : "") + (body ? body.textContent : "");
      var u = new SpeechSynthesisUtterance(text);
      u.lang = document.documentElement.lang || "zh-CN";
      u.onend = function () { button.textContent = startLabel; };
      button.textContent = button.getAttribute("data-stop-label");
      window.speechSynthesis.speak(u);
    });
  }

  // 打印本页: the page's own print layout (print.css), from a button shown
  // only where script can call the browser's print dialog.
  function setUpPrint() {
    var button = document.querySelector(".print-page");
    if (!button || !window.print) return;
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  }

  // 手机扫码阅读: the address of the page as a QR code, to open the article
  // on a phone or pass it on in WeChat. The code is drawn by the vendored
  // qrcode-generator, loaded on the first click (script-src 'self').
  function setUpShareQr() {
    var button = document.querySelector(".share-qr");
    var box = document.getElementById("share-qr-box");
    if (!button || !box) return;
    button.hidden = false;
    var url = window.location.origin + window.location.pathname;
    function toggle(open) {
      box.hidden = !open;
      button.setAttribute("aria-expanded", open ? "true" : "false");
    }
    function draw() {
      if (!box.querySelector("img")) {
        var qr = window.qrcode(0, "M");
        qr.addData(url);
        qr.make();
        var img = document.createElement("img");
        var cell = 5, margin = 20;
        img.src = qr.createDataURL(cell, margin);
        img.width = img.height = qr.getModuleCount() * cell + 2 * margin;
        img.alt = box.getAttribute("data-alt") + " " + url;
        box.insertBefore(img, box.firstChild);
        box.querySelector(".share-qr-url").textContent = url;
      }
      toggle(true);
    }
    button.addEventListener("click", function () {
      if (!box.hidden) return toggle(false);
      if (window.qrcode) return draw();
      var script = document.createElement("script");
      script.src = button.getAttribute("data-lib");
      script.onload = draw;
      document.head.appendChild(script);
    });
    box.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") { toggle(false); button.focus(); }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpReadAloud();
    setUpPrint();
    setUpShareQr();
    // The printed header shows the page's full address (the server's pages
    // are shared by every host name, so it writes only the path).
    var printUrl = document.querySelector(".print-url");
    if (printUrl) printUrl.textContent = window.location.origin + printUrl.getAttribute("data-path");
    if (initial) apply(initial);
    labelCareSwitch();
    document.addEventListener("click", function (ev) {
      var care = ev.target.closest && ev.target.closest("a.care-switch");
      if (care) {
        ev.preventDefault();
        var on = !root.classList.contains("care");
        storeCare(on);
        root.classList.toggle("care", on);
        labelCareSwitch();
        return;
      }
      var a = ev.target.closest && ev.target.closest(".font-size-switcher a[data-fs]");
      if (!a) return;
      ev.preventDefault();
      var size = a.getAttribute("data-fs");
      store(size);
      apply(size);
    });
  });
})();
