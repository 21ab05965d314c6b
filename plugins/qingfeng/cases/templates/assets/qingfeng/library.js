// Case library filters: run in the browser, no server. The filter state lives in the query
// string (?sector=教育&year=2025) so views can be linked. A page lists one page of cases; a
// filter looks among all of them, loaded (cases/library.data.js) only once a filter is set.
(function () {
  "use strict";
  var root = document.querySelector("[data-qf-library]");
  if (!root) return;
  var form = root.querySelector("[data-qf-filters]");
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var list = root.querySelector("[data-qf-list]");
  var page = Array.prototype.slice.call(list.children); // this page's cases, as the build wrote them
  var item = root.querySelector("[data-qf-item]");
  var chip = root.querySelector("[data-qf-chip]");
  var more = root.querySelector("[data-qf-more]");
  var pager = root.querySelector("[data-qf-pager]");
  var count = root.querySelector("[data-qf-count]");
  var total = count.textContent;
  var of = root.querySelector("[data-qf-of]");
  var range = root.querySelector("[data-qf-range]");
  var empty = root.querySelector("[data-qf-empty]");
  var failed = root.querySelector("[data-qf-failed]");
  var size = Number(root.getAttribute("data-qf-page-size")) || 50;
  var source = root.getAttribute("data-qf-library-data");

  var data = null;
  function load() {
    data = data || new Promise(function (resolve, reject) {
      window.qingfengLibrary = resolve;
      var script = document.createElement("script");
      script.src = source;
      script.onerror = function () {
        data = null;
        reject(new Error(source));
      };
      document.head.appendChild(script);
    });
    return data;
  }

  // Opened from disk (the offline edition), a folder link shows the folder: name its page.
  function onDisk(url) {
    return location.protocol === "file:" && /\/$/.test(url) ? url + "index.html" : url;
  }

  function fill(entry, found) {
    var slot = function (name) { return entry.querySelector("[data-qf-slot=" + name + "]"); };
    slot("title").textContent = found.t;
    slot("title").setAttribute("href", onDisk(new URL(found.u, new URL(source, location.href)).href));
    slot("summary").textContent = found.s;
    slot("date").textContent = found.dt;
    slot("date").setAttribute("datetime", found.d);
    slot("region").textContent = found.r;
    slot("role").textContent = found.o;
    found.c.forEach(function (sector) {
      slot("sectors").appendChild(chip.content.firstElementChild.cloneNode(true)).textContent = sector;
    });
    slot("amount").hidden = !found.a;
    slot("amount-text").textContent = found.a;
    return entry;
  }

  function show(matches, from) {
    matches.slice(from, from + size).forEach(function (found) {
      list.appendChild(fill(item.content.firstElementChild.cloneNode(true), found));
    });
    more.hidden = from + size >= matches.length;
    more.onclick = function () { show(matches, from + size); };
  }

  var latest = 0; // a choice made while the data loads wins over the one before it
  function apply() {
    var call = ++latest;
    var params = new URLSearchParams(location.search);
    selects.forEach(function (select) {
      if (select.value) params.set(select.name, select.value);
      else params.delete(select.name);
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    var wanted = selects.filter(function (select) { return select.value; });
    failed.hidden = true;
    if (!wanted.length) { // this page again, as the build wrote it
      list.textContent = "";
      page.forEach(function (entry) { list.appendChild(entry); });
      count.textContent = total;
      of.hidden = true;
      range.hidden = false;
      empty.hidden = more.hidden = true;
      if (pager) pager.hidden = false;
      return;
    }
    load().then(function (library) {
      if (call !== latest) return;
      var keys = library.keys;
      var matches = library.cases.filter(function (found) {
        return wanted.every(function (select) {
          return found.f[keys.indexOf(select.name)].indexOf(select.value) !== -1;
        });
      });
      list.textContent = "";
      show(matches, 0);
      count.textContent = String(matches.length);
      of.hidden = false;
      range.hidden = true;
      empty.hidden = matches.length !== 0;
      if (pager) pager.hidden = true;
    }, function () {
      if (call === latest) failed.hidden = false;
    });
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
  if (selects.some(function (select) { return select.value; })) apply();
})();
