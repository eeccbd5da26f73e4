// Progressive enhancement only: every page works without this file.
// - Escape closes a quote's or technique's detail card by moving focus back out of it.
// - "/" jumps to the search box on the search page.
// - Opening an article at #q-N (a quote), #t-N (a technique span) or #span-S-E (a finding's claim)
//   focuses that span so its card shows and it is announced.
(function () {
  "use strict";
  document.addEventListener("keydown", function (ev) {
    var active = document.activeElement;
    if (ev.key === "Escape" && active && active.classList && (active.classList.contains("q") || active.classList.contains("t"))) {
      active.blur();
    }
    if (ev.key === "/" && !(active && /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) {
      var box = document.getElementById("q");
      if (box) { ev.preventDefault(); box.focus(); }
    }
  });
  function focusHash() {
    if (!/^#(q-\d+|t-\d+|span-\d+-\d+)$/.test(location.hash)) { return; }
    var el = document.getElementById(location.hash.slice(1));
    if (el) { el.focus({ preventScroll: false }); }
  }
  window.addEventListener("hashchange", focusHash);
  document.addEventListener("DOMContentLoaded", focusHash);
})();
