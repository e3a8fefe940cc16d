// Citizen pages: fill the location from the phone's GPS, and print buttons (no inline scripts: CSP).
document.addEventListener("click", function (event) {
  var locate = event.target.closest("[data-locate]");
  if (locate) {
    event.preventDefault();
    var status = document.getElementById("locate-status");
    if (!navigator.geolocation) { if (status) status.textContent = locate.dataset.unsupported; return; }
    if (status) status.textContent = locate.dataset.busy;
    navigator.geolocation.getCurrentPosition(function (pos) {
      document.getElementById("id_lat").value = pos.coords.latitude.toFixed(6);
      document.getElementById("id_long").value = pos.coords.longitude.toFixed(6);
      if (status) status.textContent = locate.dataset.done;
    }, function () { if (status) status.textContent = locate.dataset.failed; }, { timeout: 15000 });
  }
  var print = event.target.closest("[data-print]");
  if (print) { event.preventDefault(); window.print(); }
  var template = event.target.closest("[data-template]");
  if (template) {
    event.preventDefault();
    var box = document.getElementById(template.dataset.target);
    if (box) { box.value = template.dataset.template; box.focus(); }
  }
});
