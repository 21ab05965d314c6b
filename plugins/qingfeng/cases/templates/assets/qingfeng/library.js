// Case library filters: run in the browser, no server. The filter state
// lives in the query string (?sector=教育&year=2025) so views can be linked.
(function () {
  "use strict";
  var root = document.querySelector("[data-qf-library]");
  if (!root) return;
  var form = root.querySelector("[data-qf-filters]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var items = Array.prototype.slice.call(root.querySelectorAll(".qf-case-item")).map(function (li) {
    var values = {};
    selects.forEach(function (select) {
      values[select.name] = JSON.parse(li.getAttribute("data-" + select.name) || "[]");
    });
    return { li: li, values: values };
  });
  var count = root.querySelector("[data-qf-count]");
  var of = root.querySelector("[data-qf-of]");
  var empty = root.querySelector("[data-qf-empty]");

  function apply() {
    var shown = 0;
    var params = new URLSearchParams(location.search);
    items.forEach(function (item) {
      var match = selects.every(function (select) {
        return !select.value || item.values[select.name].indexOf(select.value) !== -1;
      });
      item.li.hidden = !match;
      if (match) shown += 1;
    });
    selects.forEach(function (select) {
      if (select.value) params.set(select.name, select.value);
      else params.delete(select.name);
    });
    count.textContent = String(shown);
    of.hidden = shown === items.length;
    empty.hidden = shown !== 0;
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  var initial = new URLSearchParams(location.search);
  selects.forEach(function (select) {
    var wanted = initial.get(select.name);
    if (wanted === null) return;
    var known = Array.prototype.some.call(select.options, function (o) { return o.value === wanted; });
    if (!known) {
      // A value no case has: keep it selectable so the count honestly says 0.
      select.add(new Option(wanted + "（0）", wanted));
    }
    select.value = wanted;
  });
  form.addEventListener("change", apply);
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  apply();
})();
