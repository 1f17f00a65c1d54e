// Small progressive enhancements; every page works without them.
(function () {
  "use strict";

  // Re-run the search when the sort order changes (the Search button does the same without JS).
  document.querySelectorAll("select[data-autosubmit]").forEach(function (select) {
    select.addEventListener("change", function () {
      if (select.form) { select.form.requestSubmit ? select.form.requestSubmit() : select.form.submit(); }
    });
  });

  // "/" focuses the query box, as on many search sites, unless the reader is typing.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key !== "/" || typing || event.ctrlKey || event.metaKey || event.altKey) { return; }
    var box = document.getElementById("q") || document.getElementById("tq") || document.getElementById("quick-q");
    if (box) { event.preventDefault(); box.focus(); box.select(); }
  });
})();
