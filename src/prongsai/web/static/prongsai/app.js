// Small behaviours without inline scripts (the Content-Security-Policy forbids them).
document.addEventListener("change", function (event) {
  // Filter forms marked data-autosubmit submit themselves when a select changes.
  var form = event.target.closest("form[data-autosubmit]");
  if (form && event.target.tagName === "SELECT") form.requestSubmit();
});
// A page that comes back with errors opens on its error summary (links to each field), not at the top.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); summary.scrollIntoView({ block: "start" }); }
});
