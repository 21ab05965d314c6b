// qingfeng/search in the browser. Nothing is loaded until the reader opens search; a query
// then loads the index's current version (search/index.js), the one shard each of its
// terms lives in, and the pages it shows. Every file is a script calling qingfengSearch, so
// search works from file:// too. The hash is search/index.py's: change both together.
(function () {
  "use strict";
  var PAGE = 10; // results shown at a time
  var WAIT = 120; // ms after the last keystroke

  // A query's words as the index folds them (its rule `t`), each with its terms: one
  // character, its character pairs, or a Latin word.
  function plan(index, query) {
    var words = [], match;
    var text = query.normalize("NFKC").toLowerCase();
    var rule = new RegExp(index.t, "gu");
    while ((match = rule.exec(text))) {
      var terms = [match[0]];
      if (match[1]) {
        var chars = Array.from(match[1]);
        if (chars.length > 1) {
          terms = [];
          for (var i = 1; i < chars.length; i++) terms.push(chars[i - 1] + chars[i]);
        }
      }
      words.push({ text: match[0], terms: terms });
    }
    return words;
  }

  // Opened from disk (the offline edition), a folder link shows the folder: name its page.
  function onDisk(url) {
    return location.protocol === "file:" && /(^|\/)$/.test(url) ? url + "index.html" : url;
  }

  function shardOf(term, shards) {
    var hash = 0x811c9dc5;
    Array.from(term).forEach(function (char) {
      hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
    });
    return hash & (shards - 1);
  }

  function pattern(needles) {
    var escaped = needles
      .filter(Boolean)
      .sort(function (a, b) { return b.length - a.length; })
      .map(function (needle) { return needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); });
    return escaped.length ? new RegExp(escaped.join("|"), "giu") : null;
  }

  // `text` into `parent` as text nodes, with each match of `needles` in a <mark>.
  function marked(parent, text, needles, attribute) {
    var found = pattern(needles), at = 0, match;
    while (found && (match = found.exec(text))) {
      parent.appendChild(document.createTextNode(text.slice(at, match.index)));
      var mark = parent.appendChild(document.createElement("mark"));
      if (attribute) mark.setAttribute(attribute, "");
      mark.textContent = match[0];
      at = match.index + match[0].length;
    }
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // The reader came from a result: the words are marked on the page (Material's search.highlight).
  function highlightPage() {
    var words = new URLSearchParams(location.search).get("h");
    var content = document.querySelector(".md-content");
    if (!words || !content) return;
    var needles = words.split(/[\s\p{P}\p{S}]+/u);
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var inside = node.parentNode.closest("script, style, svg, mark, textarea");
        return inside ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    var any = pattern(needles);
    if (!any) return;
    nodes.forEach(function (node) {
      any.lastIndex = 0;
      if (!any.test(node.nodeValue)) return;
      var holder = document.createDocumentFragment();
      marked(holder, node.nodeValue, needles, "data-md-highlight");
      node.parentNode.replaceChild(holder, node);
    });
  }

  var box = document.querySelector("[data-qf-search]");
  if (!box) return;
  var root = new URL(box.getAttribute("data-qf-search"), location.href).href;
  var highlight = box.getAttribute("data-qf-highlight") === "true";
  if (highlight) highlightPage();

  var toggle = document.getElementById("__search");
  var form = box.querySelector("[data-qf-search-form]");
  var input = box.querySelector("[data-qf-search-query]");
  var meta = box.querySelector(".md-search-result__meta");
  var list = box.querySelector(".md-search-result__list");
  var more = box.querySelector("[data-qf-search-more]");
  var item = box.querySelector("[data-qf-search-item]");
  var tag = box.querySelector("[data-qf-search-tag]");

  function say(name, count) {
    meta.textContent = meta.getAttribute("data-qf-text-" + name).replace("#", count);
  }

  // Index files: each calls qingfengSearch(kind, number, data) when it runs.
  var loaded = {}, waiting = {};
  window.qingfengSearch = function (kind, number, data) {
    var resolve = waiting[kind + number];
    delete waiting[kind + number];
    if (resolve) resolve(data);
  };
  function load(kind, number, src) {
    var key = kind + number;
    if (!loaded[key]) {
      loaded[key] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        waiting[key] = resolve;
        script.src = src;
        script.onload = script.onerror = function () {
          script.remove();
          if (waiting[key]) { // the file did not call back: missing, cut short or offline
            delete waiting[key];
            delete loaded[key];
            reject(new Error(src));
          }
        };
        document.head.appendChild(script);
      });
    }
    return loaded[key];
  }
  var manifest = null;
  function current() {
    // Never from the cache: it names the version whose files exist now.
    manifest = manifest || load("m", 0, root + "search/index.js?" + Date.now()).catch(function (error) {
      manifest = null;
      throw error;
    });
    return manifest;
  }
  function folder(index) {
    return root + "search/" + index.v + "/";
  }

  // Pages that hold every term, best first: BM25 weights summed over the terms.
  function rank(index, postings) {
    var lists = postings.map(function (flat) {
      var pages = new Map(), page = 0;
      for (var i = 0; i < flat.length; i += 2) {
        page += flat[i];
        pages.set(page, flat[i + 1]);
      }
      return pages;
    });
    lists.sort(function (a, b) { return a.size - b.size; });
    var hits = [];
    lists[0].forEach(function (weight, page) {
      var score = 0;
      for (var i = 0; i < lists.length; i++) {
        var w = lists[i].get(page);
        if (w === undefined) return;
        var idf = Math.log(1 + (index.n - lists[i].size + 0.5) / (lists[i].size + 0.5));
        score += idf * w;
      }
      hits.push({ page: page, score: score });
    });
    return hits.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
  }

  function excerpt(text, needles) {
    var lower = text.toLowerCase(), first = -1;
    needles.forEach(function (needle) {
      var at = lower.indexOf(needle);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    var start = Math.max(0, first - 30);
    var end = Math.min(text.length, start + 140);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function show(index, query, words, hits, from, asking) {
    var runs = words.map(function (word) { return word.text; });
    var pairs = [].concat.apply([], words.map(function (word) { return word.terms; }));
    var shown = hits.slice(from, from + PAGE);
    return Promise.all(shown.map(function (hit) {
      return load("d", hit.page, folder(index) + "d/" + hit.page + ".js");
    })).then(function (docs) {
      if (asking !== asked) return;
      docs.forEach(function (doc) {
        var lower = [doc.t, doc.x].concat(doc.g || []).join(" ").toLowerCase();
        var needles = runs.some(function (run) { return lower.indexOf(run) >= 0; }) ? runs : pairs;
        var entry = item.content.firstElementChild.cloneNode(true);
        var link = entry.querySelector("a");
        link.href = root + onDisk(doc.u) + (highlight ? "?h=" + encodeURIComponent(query) : "");
        marked(entry.querySelector("[data-qf-search-title]"), doc.t, needles);
        marked(entry.querySelector("[data-qf-search-excerpt]"), excerpt(doc.x, needles), needles);
        var tags = entry.querySelector("[data-qf-search-tags]");
        (doc.g || []).forEach(function (name) {
          marked(tags.appendChild(tag.content.firstElementChild.cloneNode(true)), name, needles);
          tags.hidden = false;
        });
        list.appendChild(entry);
      });
      more.hidden = from + PAGE >= hits.length;
      more.onclick = function () {
        show(index, query, words, hits, from + PAGE, asking).catch(function () {
          say("failed");
        });
      };
    });
  }

  var asked = 0; // the newest query: what comes back for an older one is dropped
  function search() {
    var query = input.value.trim();
    var asking = ++asked;
    function clear(text, count) {
      list.textContent = "";
      more.hidden = true;
      say(text, count);
    }
    if (!query) return clear("placeholder");
    current()
      .then(function (index) {
        var words = plan(index, query);
        if (!words.length) return clear("placeholder");
        var terms = [].concat.apply([], words.map(function (word) { return word.terms; }));
        return Promise.all(terms.map(function (term) {
          var shard = shardOf(term, index.s);
          return load("s", shard, folder(index) + shard + ".js").then(function (terms) {
            return Object.prototype.hasOwnProperty.call(terms, term) ? terms[term] : [];
          });
        })).then(function (postings) {
          if (asking !== asked) return;
          var hits = rank(index, postings);
          clear(hits.length ? (hits.length === 1 ? "one" : "other") : "none", hits.length);
          if (hits.length) return show(index, query, words, hits, 0, asking);
        });
      })
      .catch(function () {
        if (asking === asked) say("failed");
      });
  }

  var timer = 0;
  function soon() {
    clearTimeout(timer);
    timer = setTimeout(search, WAIT);
  }
  function open() {
    // After the click that focused the box: a label's click toggles the dialog itself.
    setTimeout(function () {
      toggle.checked = true;
    });
    if (!input.value) say(manifest ? "placeholder" : "loading");
    current().then(function () {
      if (!input.value.trim()) say("placeholder");
    }, function () {
      say("failed");
    });
  }
  function close() {
    toggle.checked = false;
    input.blur();
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function (event) {
    if (!event.isComposing) soon(); // an input method's letters are not the word yet
  });
  input.addEventListener("compositionend", soon);
  toggle.addEventListener("change", function () {
    if (toggle.checked) input.focus();
  });
  document.querySelectorAll("label[for='__search']").forEach(function (label) {
    label.addEventListener("click", function () {
      if (!toggle.checked) input.focus(); // on a phone, the keyboard opens with the dialog
    });
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  form.addEventListener("reset", function () {
    setTimeout(function () {
      search();
      input.focus();
    });
  });
  box.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var next = at + (event.key === "ArrowDown" ? 1 : -1);
      if (next < -1 || next >= links.length || (at < 0 && document.activeElement !== input)) return;
      event.preventDefault();
      (next === -1 ? input : links[next]).focus();
    }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      toggle.checked = true;
      input.focus();
    }
  });
})();
