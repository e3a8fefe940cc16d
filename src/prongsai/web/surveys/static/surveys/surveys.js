// Move focus to the error summary at the top of an answer form that came back with errors, so that a
// screen reader announces it and a keyboard user starts from the list of links to the questions.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
