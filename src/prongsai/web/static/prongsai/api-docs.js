// The API reference page: Swagger UI titles the page with an h1, each group of operations with an h3 and
// the sections below with h4 and h5. Screen readers (and axe-core's heading-order) expect no level to be
// skipped: each is announced one level higher (h3 as level 2 …), kept so while Swagger UI redraws.
(function () {
  function levels() {
    document.querySelectorAll("#swagger-ui h3, #swagger-ui h4, #swagger-ui h5, #swagger-ui h6").forEach(function (h) {
      var level = String(Number(h.tagName.charAt(1)) - 1);
      if (h.getAttribute("aria-level") !== level) h.setAttribute("aria-level", level);
    });
  }
  new MutationObserver(levels).observe(document.documentElement, { childList: true, subtree: true });
  levels();
})();
