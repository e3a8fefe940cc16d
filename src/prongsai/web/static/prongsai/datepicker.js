// A Buddhist-era date picker for inputs marked data-be-date: a "ปฏิทิน" button beside the box opens a
// month grid; a chosen day is written as วว/ดด/ปปปป (พ.ศ.). Typing still works (ISO dates too), and
// without this script the box is a plain text field. No external assets (the CSP allows only 'self').
(function () {
  "use strict";
  var BE = 543;
  var MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
    "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];
  var DAYS = ["อา", "จ", "อ", "พ", "พฤ", "ศ", "ส"];
  var DAY_NAMES = ["อาทิตย์", "จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์"];
  var THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";

  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function arabic(text) {
    return text.replace(/[๐-๙]/g, function (d) { return String(THAI_DIGITS.indexOf(d)); });
  }
  function parse(text) {
    var t = arabic(text || "").trim(), m = t.match(/^(\d{1,2})\s*[\/.\-]\s*(\d{1,2})\s*[\/.\-]\s*(\d{4})$/);
    if (m) return new Date(+m[3] - BE, +m[2] - 1, +m[1]);
    m = t.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    return m ? new Date(+m[1], +m[2] - 1, +m[3]) : null;
  }
  function format(d) { return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + (d.getFullYear() + BE); }
  function same(a, b) { return a && b && a.toDateString() === b.toDateString(); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function attach(input) {
    if (input.dataset.bePicker) return;
    input.dataset.bePicker = "1";
    var label = (input.labels && input.labels[0] ? input.labels[0].textContent : "วันที่").trim();
    var button = el("button", "date-pick-button", "ปฏิทิน");
    button.type = "button";
    button.setAttribute("aria-label", "เลือกจากปฏิทิน: " + label);
    button.setAttribute("aria-expanded", "false");
    var panel = el("div", "date-pick");
    panel.id = input.id + "-calendar";
    panel.hidden = true;
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-label", "ปฏิทิน " + label);
    button.setAttribute("aria-controls", panel.id);
    input.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", panel);

    function close(focus) {
      panel.hidden = true;
      button.setAttribute("aria-expanded", "false");
      if (focus) button.focus();
    }
    function choose(d) {
      input.value = format(d);
      input.dispatchEvent(new Event("change", { bubbles: true }));
      close(false);
      input.focus();
    }
    function render(month, focusDay) {
      panel.textContent = "";
      var head = el("div", "date-pick-head");
      var prev = el("button", "", "‹");
      prev.type = "button";
      prev.setAttribute("aria-label", "เดือนก่อน");
      var next = el("button", "", "›");
      next.type = "button";
      next.setAttribute("aria-label", "เดือนถัดไป");
      var title = el("span", "date-pick-title", MONTHS[month.getMonth()] + " " + (month.getFullYear() + BE));
      title.setAttribute("aria-live", "polite");
      prev.addEventListener("click", function () { render(new Date(month.getFullYear(), month.getMonth() - 1, 1)); });
      next.addEventListener("click", function () { render(new Date(month.getFullYear(), month.getMonth() + 1, 1)); });
      head.append(prev, title, next);
      var table = el("table", "date-pick-grid");
      var caption = el("caption", "sr-only", MONTHS[month.getMonth()] + " " + (month.getFullYear() + BE));
      var row = el("tr");
      DAYS.forEach(function (d, i) {
        var th = el("th", "", d);
        th.scope = "col";
        th.setAttribute("abbr", DAY_NAMES[i]);
        row.append(th);
      });
      var thead = el("thead");
      thead.append(row);
      var tbody = el("tbody");
      var selected = parse(input.value), today = new Date();
      var day = new Date(month.getFullYear(), month.getMonth(), 1 - month.getDay());
      var target = null;
      for (var w = 0; w < 6; w++) {
        row = el("tr");
        for (var i = 0; i < 7; i++) {
          var td = el("td");
          if (day.getMonth() === month.getMonth()) {
            var b = el("button", "", String(day.getDate()));
            b.type = "button";
            b.setAttribute("aria-label", DAY_NAMES[day.getDay()] + " " + day.getDate() + " " +
              MONTHS[day.getMonth()] + " " + (day.getFullYear() + BE));
            if (same(day, selected)) { b.setAttribute("aria-pressed", "true"); target = target || b; }
            if (same(day, today)) b.classList.add("today");
            if (focusDay && day.getDate() === focusDay) target = b;
            b.addEventListener("click", choose.bind(null, new Date(day.getTime())));
            td.append(b);
          }
          row.append(td);
          day.setDate(day.getDate() + 1);
        }
        tbody.append(row);
      }
      table.append(caption, thead, tbody);
      var done = el("button", "date-pick-close", "ปิดปฏิทิน");
      done.type = "button";
      done.addEventListener("click", function () { close(true); });
      panel.append(head, table, done);
      return target || panel.querySelector("tbody button");
    }
    button.addEventListener("click", function () {
      if (!panel.hidden) { close(true); return; }
      var d = parse(input.value) || new Date();
      var first = render(new Date(d.getFullYear(), d.getMonth(), 1), d.getDate());
      panel.hidden = false;
      button.setAttribute("aria-expanded", "true");
      if (first) first.focus();
    });
    panel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(true); }
    });
  }

  function scan(root) {
    (root || document).querySelectorAll("input[data-be-date]").forEach(attach);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", function () { scan(); });
  else scan();
  document.addEventListener("htmx:load", function (event) { scan(event.target); });
})();
