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

  // The year chart is one Tab stop: the arrow keys, Home and End move between its bars.
  // Dragging across bars (mouse, pen or finger) chooses the range of years they cover.
  document.querySelectorAll(".chart svg[data-range-href]").forEach(function (svg) {
    var bars = Array.prototype.slice.call(svg.querySelectorAll("a[data-start]"));
    var inner = bars.filter(function (bar) { return bar.getAttribute("data-kind") === "bin"; });
    function focusBar(index) {
      var next = bars[Math.max(0, Math.min(bars.length - 1, index))];
      bars.forEach(function (bar) { bar.setAttribute("tabindex", bar === next ? "0" : "-1"); });
      next.focus();
    }
    svg.addEventListener("keydown", function (event) {
      var index = bars.indexOf(document.activeElement);
      if (index < 0) { return; }
      var moves = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1,
                    Home: 0, End: bars.length - 1 };
      if (event.key in moves) { event.preventDefault(); focusBar(moves[event.key]); }
    });

    var first = null, last = null, dragged = false;
    function barAt(event) {
      var target = document.elementFromPoint(event.clientX, event.clientY);
      var bar = target && target.closest ? target.closest("a[data-start]") : null;
      return bar && bar.getAttribute("data-kind") === "bin" && svg.contains(bar) ? bar : null;
    }
    function mark() {
      var low = Math.min(inner.indexOf(first), inner.indexOf(last));
      var high = Math.max(inner.indexOf(first), inner.indexOf(last));
      inner.forEach(function (bar, i) { bar.classList.toggle("dragged", dragged && i >= low && i <= high); });
    }
    if (!svg.getAttribute("data-range-href")) { return; }  // a chart without ranges: bars are links only
    svg.addEventListener("pointerdown", function (event) {
      first = last = barAt(event);
      dragged = false;
      if (first && event.pointerType === "mouse") { event.preventDefault(); }  // no native link drag
    });
    svg.addEventListener("pointermove", function (event) {
      if (!first) { return; }
      var bar = barAt(event);
      if (bar && bar !== last) { last = bar; dragged = last !== first; mark(); }
    });
    function finish() {
      if (!first || !dragged) { first = null; return; }
      var years = [first, last].map(function (bar) {
        return [+bar.getAttribute("data-start"), +bar.getAttribute("data-end")];
      });
      var from = Math.min(years[0][0], years[1][0]), to = Math.max(years[0][1], years[1][1]);
      first = null;
      window.location.href = svg.getAttribute("data-range-href").replace("FROM", from).replace("TO", to);
    }
    svg.addEventListener("pointerup", finish);
    svg.addEventListener("click", function (event) {  // the click that ends a drag is not a bar's click
      if (dragged) { event.preventDefault(); }
    });
    svg.addEventListener("pointerleave", function () { if (first && dragged) { finish(); } });
  });
})();
