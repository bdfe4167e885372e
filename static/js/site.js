// procura portal script. Loaded from <head> (no inline script under the
// CSP) so the reader's font size applies before the page paints.
// Everything works without it: the font-size links carry ?fs=.
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

  document.addEventListener("DOMContentLoaded", function () {
    if (initial) apply(initial);
    document.addEventListener("click", function (ev) {
      var a = ev.target.closest && ev.target.closest(".font-size-switcher a[data-fs]");
      if (!a) return;
      ev.preventDefault();
      var size = a.getAttribute("data-fs");
      store(size);
      apply(size);
    });
  });
})();
