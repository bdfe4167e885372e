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
      .catch(function () { /* keep the last preview */ });
  }
  area.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  });
})();
