// Hide or show the pinyin over a 家风 text; the choice is kept on this device.
(function () {
  "use strict";
  var KEY = "qingfeng.pinyin";
  var button = document.querySelector(".qf-pinyin-toggle");
  if (!button) return;
  function show(shown) {
    document.documentElement.classList.toggle("qf-no-pinyin", !shown);
    button.textContent = button.getAttribute(shown ? "data-hide" : "data-show");
  }
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { /* storage blocked: no memory */ }
  show(stored !== "hidden");
  button.hidden = false;
  button.addEventListener("click", function () {
    var shown = document.documentElement.classList.contains("qf-no-pinyin");
    show(shown);
    try { window.localStorage.setItem(KEY, shown ? "shown" : "hidden"); } catch (e) { /* ignore */ }
  });
})();
