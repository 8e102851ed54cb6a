/* Lectern search: the search box on every page.
 *
 * The index is built with the site and sets window.LECTERN_SEARCH: the
 * attendee edition's is search-index.js beside this file; the facilitator
 * edition's, which holds its notes too, is in that edition's folder, and its
 * pages name it in the box's data-index. It is loaded with a <script> tag the
 * first time the box gets focus, so it costs nothing until someone searches
 * and works from file://, where fetch and XHR do not.
 *
 * Matching folds case and accents in the index and the query alike (NFD,
 * combining marks removed): "resume" finds "Résumé". Every word of the query
 * must appear in a section or its page's title; the last word may be
 * unfinished. Results are ranked (title, then heading, then text; whole
 * words before word starts before the middle of words) and show the section,
 * the module it comes from and an excerpt with the matching words marked.
 *
 * Keyboard: Arrow Down and Up move through the results, Enter opens one,
 * Escape closes the list (and, pressed again, clears the box). The box is an
 * ARIA 1.2 combobox; focus stays in it, aria-activedescendant names the
 * result. Nothing is sent anywhere.
 *
 * init sets the box up, and can do so again on a new box when the page's
 * content is replaced in place (lectern serve patches a page that way).
 */
(function () {
  "use strict";

  if (!String.prototype.normalize) return;

  var MAX = 10; // results shown
  var script = document.currentScript;
  var besideMe = script ? script.src.replace(/search\.js([?#].*)?$/, "search-index.js") : "";
  var indexSrc = besideMe; // the index of the box shown, set by init
  var root = "";

  var entries = null; // the prepared index
  var loading = false;
  var results = [];
  var active = -1;
  var statusTimer = 0;

  // The box shown, set by init.
  var box = null, input = null, list = null, status = null, none = null;

  // fold lowers case and removes accents.
  var marks = /\p{M}/gu;
  function fold(s) {
    return s.normalize("NFD").replace(marks, "").toLowerCase();
  }

  // foldMap folds s and maps every folded UTF-16 unit back to its offset in
  // s, so that a match in folded text can be marked in the original.
  function foldMap(s) {
    var out = "";
    var map = [];
    for (var i = 0; i < s.length; ) {
      var cp = s.codePointAt(i);
      var n = cp > 0xffff ? 2 : 1;
      var f = fold(s.slice(i, i + n));
      for (var j = 0; j < f.length; j++) map.push(i);
      out += f;
      i += n;
    }
    map.push(s.length);
    return { text: out, map: map };
  }

  var wordChar = /[\p{L}\p{N}]/u;
  function isWord(c) {
    return c !== undefined && c !== "" && wordChar.test(c);
  }

  function load() {
    if (entries || loading) return;
    if (window.LECTERN_SEARCH) {
      prepare(window.LECTERN_SEARCH);
      return;
    }
    loading = true;
    var s = document.createElement("script");
    s.src = indexSrc;
    s.onload = function () {
      loading = false;
      if (window.LECTERN_SEARCH) {
        prepare(window.LECTERN_SEARCH);
        if (input && input.value) update();
      }
    };
    s.onerror = function () {
      loading = false;
      say("Search is not available: the file search-index.js is missing.");
    };
    document.head.appendChild(s);
  }

  // prepare turns the index into one entry per section, folded once.
  function prepare(idx) {
    entries = [];
    (idx.pages || []).forEach(function (p, pi) {
      var ft = fold(p.t || "");
      (p.s || []).forEach(function (s, si) {
        entries.push({
          page: p, order: pi * 1000 + si, first: si === 0,
          id: s[0], heading: s[1], text: s[2],
          fTitle: ft, fHeading: fold(s[1]), fText: fold(s[2])
        });
      });
      if (!p.s || !p.s.length) {
        entries.push({ page: p, order: pi * 1000, first: true, id: "", heading: "", text: "",
          fTitle: ft, fHeading: "", fText: "" });
      }
    });
  }

  function terms(q) {
    return fold(q).match(/[\p{L}\p{N}]+/gu) || [];
  }

  // quality of term t in folded text s: 3 whole word, 2 word start, 1 inside
  // a word (terms of three letters or more), 0 absent; last allows an
  // unfinished word to count as whole.
  function quality(s, t, last) {
    var best = 0;
    var from = 0;
    for (;;) {
      var i = s.indexOf(t, from);
      if (i < 0) return best;
      var start = !isWord(s.charAt(i - 1));
      var end = !isWord(s.charAt(i + t.length));
      var q = start ? (end || last ? 3 : 2) : (t.length >= 3 ? 1 : 0);
      if (q > best) best = q;
      if (best === 3) return best;
      from = i + 1;
    }
  }

  function count(s, t) {
    var n = 0;
    for (var i = s.indexOf(t); i >= 0 && n < 5; i = s.indexOf(t, i + t.length)) n++;
    return n;
  }

  function score(e, ts) {
    var total = 0;
    var own = false; // a word found in the section itself, not only the title
    for (var k = 0; k < ts.length; k++) {
      var t = ts[k];
      var last = k === ts.length - 1;
      var qt = quality(e.fTitle, t, last);
      var qh = quality(e.fHeading, t, last);
      var qx = quality(e.fText, t, last);
      if (!qt && !qh && !qx) return 0;
      if (qh || qx) own = true;
      total += (e.first ? 10 : 1) * qt + 6 * qh + 2 * qx + Math.min(count(e.fText, t), 5) * 0.2;
    }
    if (!own && !e.first) return 0; // the page's own entry stands for its title
    return total;
  }

  function search(q) {
    var ts = terms(q);
    if (!entries || !ts.length || fold(q).trim().length < 2) return [];
    var found = [];
    for (var i = 0; i < entries.length; i++) {
      var s = score(entries[i], ts);
      if (s > 0) found.push({ e: entries[i], score: s });
    }
    found.sort(function (a, b) { return b.score - a.score || a.e.order - b.e.order; });
    return found;
  }

  // mark appends s to el with every occurrence of the terms marked.
  function mark(el, s, ts) {
    var m = foldMap(s);
    var ranges = [];
    ts.forEach(function (t) {
      for (var i = m.text.indexOf(t); i >= 0; i = m.text.indexOf(t, i + t.length)) {
        ranges.push([m.map[i], m.map[i + t.length]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] < at) return; // overlaps the last mark
      if (r[0] > at) el.appendChild(document.createTextNode(s.slice(at, r[0])));
      var mk = document.createElement("mark");
      mk.textContent = s.slice(r[0], r[1]);
      el.appendChild(mk);
      at = r[1];
    });
    if (at < s.length) el.appendChild(document.createTextNode(s.slice(at)));
  }

  // snippet is the part of the text around the first match.
  function snippet(text, ts) {
    var f = foldMap(text);
    var first = -1;
    ts.forEach(function (t) {
      var i = f.text.indexOf(t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    if (first < 0 || text.length <= 140) return text.slice(0, 140) + (text.length > 140 ? "…" : "");
    var at = f.map[first];
    var start = Math.max(0, at - 40);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      if (sp >= 0 && sp < at) start = sp + 1;
    }
    var end = Math.min(text.length, start + 140);
    return (start > 0 ? "…" : "") + text.slice(start, end) + (end < text.length ? "…" : "");
  }

  function href(e) {
    return root + e.page.u + (e.id ? "#" + e.id : "");
  }

  function render(q) {
    var ts = terms(q);
    var all = search(q);
    results = all.slice(0, MAX);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.textContent = "";
    results.forEach(function (r, i) {
      var e = r.e;
      var a = document.createElement("a");
      a.className = "search-result";
      a.id = "search-result-" + i;
      a.href = href(e);
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      var title = document.createElement("span");
      title.className = "search-result-title";
      mark(title, e.heading || e.page.t, ts);
      a.appendChild(title);
      var from = [];
      if (e.heading) from.push(e.page.t);
      if (e.page.p) from.push(e.page.p);
      if (from.length) {
        var where = document.createElement("span");
        where.className = "search-result-module";
        mark(where, from.join(" · "), ts);
        a.appendChild(where);
      }
      if (e.text) {
        var ex = document.createElement("span");
        ex.className = "search-result-text";
        mark(ex, snippet(e.text, ts), ts);
        a.appendChild(ex);
      }
      a.addEventListener("mousemove", function () { if (active !== i) setActive(i, false); });
      a.addEventListener("click", close);
      list.appendChild(a);
    });
    var asked = q.trim() !== "" && entries !== null;
    var open = asked && results.length > 0;
    none.textContent = fold(q).trim().length < 2 ? "Type at least two letters." : "No results.";
    none.hidden = !asked || open;
    setOpen(open);
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () {
      if (!open) say("");
      else if (!all.length) say(none.textContent);
      else say(all.length + (all.length === 1 ? " result" : " results") +
        (all.length > MAX ? ", showing the first " + MAX : "") + ". Use the arrow keys to choose one.");
    }, 400);
  }

  function say(msg) {
    if (status) status.textContent = msg;
  }

  function setOpen(open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    box.classList.toggle("search-open", open);
  }

  function close() {
    none.hidden = true;
    setOpen(false);
    setActive(-1, false);
  }

  function setActive(i, scroll) {
    var opts = list.querySelectorAll(".search-result");
    if (active >= 0 && opts[active]) {
      opts[active].setAttribute("aria-selected", "false");
      opts[active].classList.remove("search-active");
    }
    active = i;
    if (i < 0 || !opts[i]) {
      active = -1;
      input.removeAttribute("aria-activedescendant");
      return;
    }
    opts[i].setAttribute("aria-selected", "true");
    opts[i].classList.add("search-active");
    input.setAttribute("aria-activedescendant", opts[i].id);
    if (scroll) opts[i].scrollIntoView({ block: "nearest" });
  }

  // go opens a result; on this page it moves focus to the section too.
  function go(a) {
    var url = new URL(a.href, location.href);
    var here = url.pathname === location.pathname && url.protocol === location.protocol;
    close();
    if (here && url.hash) {
      var target = document.getElementById(decodeURIComponent(url.hash.slice(1)));
      location.hash = url.hash;
      if (target) {
        if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
        target.focus();
      }
      return;
    }
    location.href = a.href;
  }

  function update() {
    if (!entries) {
      load();
      return;
    }
    render(input.value);
  }

  function onKey(ev) {
    if (ev.isComposing) return;
    var n = results.length;
    switch (ev.key) {
      case "ArrowDown":
        ev.preventDefault();
        if (list.hidden) { if (input.value) render(input.value); return; }
        if (n) setActive(active + 1 >= n ? 0 : active + 1, true);
        break;
      case "ArrowUp":
        ev.preventDefault();
        if (n && !list.hidden) setActive(active <= 0 ? n - 1 : active - 1, true);
        break;
      case "Enter":
        if (list.hidden || !n) return;
        ev.preventDefault();
        go(list.querySelectorAll(".search-result")[active >= 0 ? active : 0]);
        break;
      case "Escape":
        if (!list.hidden || !none.hidden) {
          ev.preventDefault();
          close();
        } else if (input.value) {
          ev.preventDefault();
          input.value = "";
          render("");
        }
        break;
    }
  }

  var bound = false;
  function init(scope) {
    var b = (scope || document).querySelector(".site-search");
    var i = b && b.querySelector(".search-input");
    var l = b && b.querySelector(".search-results");
    if (!i || !l) {
      box = input = list = status = none = null;
      return;
    }
    box = b;
    input = i;
    list = l;
    status = b.querySelector("[role=status]");
    root = document.documentElement.getAttribute("data-root") || "";
    var own = b.getAttribute("data-index");
    indexSrc = own ? new URL(own, location.href).href : besideMe;
    results = [];
    active = -1;
    clearTimeout(statusTimer);

    box.hidden = false;
    // "No results" sits beside the list, which may hold only options.
    none = document.createElement("p");
    none.className = "search-results search-none";
    none.hidden = true;
    box.appendChild(none);

    input.addEventListener("focus", function () {
      load();
      if (entries && input.value) render(input.value);
    });
    input.addEventListener("input", update);
    input.addEventListener("keydown", onKey);
    // Clicking a result must not blur the box before the click lands.
    list.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
    input.addEventListener("blur", function () { setTimeout(function () {
      if (input && document.activeElement !== input) close();
    }, 0); });
    if (!bound) {
      bound = true;
      document.addEventListener("click", function (ev) {
        if (box && !box.contains(ev.target)) close();
      });
    }
  }
  init(document);
  window.lecternSearch = { init: init };
  // For lectern serve, which patches pages in place.
  if (script && script.src) {
    (window.lecternReinit = window.lecternReinit || {})[new URL(script.src, location.href).pathname] = init;
  }
})();
