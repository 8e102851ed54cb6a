/* Lectern search: the search box on every page, and the search page.
 *
 * The index is built with the site, in small files loaded with <script>
 * tags (which work from file://, where fetch and XHR do not), each only
 * when needed: the manifest (search-index.js beside this file; the
 * facilitator edition's, which holds its notes too, is in that edition's
 * folder and its pages name it in the box's data-index) when the box gets
 * focus; then the word shards that hold a query's words; then the files of
 * the pages shown, for their snippets. Each file calls LECTERN_SEARCH_LOAD.
 *
 * Words: text is folded (NFD, combining marks removed, lower case, and the
 * letters languages write two ways made one: final sigma as sigma, ß as
 * ss, Arabic's tatweel dropped…) and split at anything that is not a
 * letter or digit, as the build does (search_words.go). A query word finds the same word, the
 * words with its stem (leader, leaders; manage, managing: stem below) and,
 * for the last word while it is being typed, the words it begins.
 *
 * Ranking: sections with more of the query's words first; then a score
 * from each word's rarity, where it is (the page's title, a heading or a
 * block's title, the text) and how it matched (whole, stem, prefix); among
 * the results shown, words near each other rank above scattered ones.
 * Snippets show the sentence with the most of the words, all marked.
 *
 * Keyboard: Arrow Down and Up move through the results, Enter opens one
 * (with none chosen, the search page with every result), Escape closes the
 * list (and, pressed again, clears the box). The box is an ARIA 1.2
 * combobox; focus stays in it, aria-activedescendant names the result.
 * Nothing is sent anywhere.
 *
 * Its messages ("No results.", "3 results for …") are the kit's language's,
 * read from the page's #lectern-strings as lectern.js reads them.
 *
 * init sets the box up, and can do so again on a new box when the page's
 * content is replaced in place (lectern serve patches a page that way).
 */
(function () {
  "use strict";

  if (!String.prototype.normalize) return;

  var MAX = 10; // results in the box
  var PAGE = 20; // results the search page shows at a time
  var RERANK = 5; // results past those shown whose nearness is weighed too
  var script = document.currentScript;
  var besideMe = script ? script.src.replace(/search\.js([?#].*)?$/, "search-index.js") : "";

  /* ---- Messages: the page's strings (#lectern-strings). ---- */

  // tr("key", a, b) fills {1}, {2}; n("key", count, …) takes the form of a
  // counted string the language's plural rules give count.
  var lang = (function () {
    var data = {};
    try {
      data = JSON.parse(document.getElementById("lectern-strings").textContent) || {};
    } catch (e) {
      data = {};
    }
    var strings = data.strings || {};
    var rules = null;
    try {
      rules = new Intl.PluralRules(data.lang || document.documentElement.lang || undefined);
    } catch (e) {
      rules = null;
    }
    // A count is written in the language's digits, as lectern.js writes it.
    var zero = data.zero ? String(data.zero).charCodeAt(0) : 0;
    function digits(n) {
      var s = String(n);
      if (!zero || zero === 48) return s;
      return s.replace(/[0-9]/g, function (d) { return String.fromCharCode(zero + d.charCodeAt(0) - 48); });
    }
    function get(key, count, args) {
      var s = strings[key];
      if (s === undefined) return key;
      if (s && typeof s === "object") {
        var c = rules && count !== undefined ? rules.select(count) : "other";
        s = s[c] !== undefined ? s[c] : s.other;
      }
      return String(s).replace(/\{(\d)\}/g, function (m, i) {
        var a = args[Number(i) - 1];
        return a === undefined ? m : typeof a === "number" ? digits(a) : String(a);
      });
    }
    return {
      t: function (key) { return get(key, undefined, Array.prototype.slice.call(arguments, 1)); },
      n: function (key, count) { return get(key, count, Array.prototype.slice.call(arguments, 1)); }
    };
  })();
  var tr = lang.t;

  /* ---- Words: as search_words.go reads them. ---- */

  // letterFolds are the letters, lower case, read as others (the same
  // list as search_words.go's): a final sigma, ß, the ligatures ĳ, œ and
  // æ, Arabic's tatweel (dropped), alef wasla, alef maksura and teh
  // marbuta, and Arabic-Indic digits.
  var letterFolds = {
    "ς": "σ", "ß": "ss", "ĳ": "ij", "œ": "oe", "æ": "ae",
    "\u0640": "", "\u0671": "\u0627", "\u0649": "\u064a", "\u0629": "\u0647"
  };
  "٠١٢٣٤٥٦٧٨٩".split("").forEach(function (c, i) { letterFolds[c] = String(i); });
  "۰۱۲۳۴۵۶۷۸۹".split("").forEach(function (c, i) { letterFolds[c] = String(i); });
  var marks = /\p{M}/gu;
  var folded = new RegExp("[" + Object.keys(letterFolds).join("") + "]", "gu");
  function fold(s) {
    return s.normalize("NFD").replace(marks, "").toLowerCase().replace(folded, function (c) { return letterFolds[c]; });
  }
  var wordRun = /[\p{L}\p{N}]+/gu;
  function words(s) {
    return fold(s).match(wordRun) || [];
  }
  function vowel(c) {
    return "aeiouy".indexOf(c) >= 0;
  }
  // stem strips English endings from a word of a to z: plurals, -ed and
  // -ing (with the doubled consonant before them), a final e, and a final
  // y after a consonant becomes i. Words that share a stem match.
  function stem(w) {
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return w;
    var n = w.length;
    if (/sses$/.test(w)) w = w.slice(0, n - 2);
    else if (/ies$/.test(w) && n > 4) w = w.slice(0, n - 2);
    else if (/s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, n - 1);
    var m = /(ing|ed)$/.exec(w);
    if (m && !/eed$/.test(w)) {
      var r = w.slice(0, w.length - m[1].length);
      if (r.length >= 3 && /[aeiouy]/.test(r)) {
        w = r;
        var c = w.charAt(w.length - 1);
        if (c === w.charAt(w.length - 2) && !vowel(c) && "lsz".indexOf(c) < 0) w = w.slice(0, -1);
      }
    }
    n = w.length;
    if (n > 3 && w.charAt(n - 1) === "e") w = w.slice(0, n - 1);
    else if (n > 2 && w.charAt(n - 1) === "y" && !vowel(w.charAt(n - 2))) w = w.slice(0, n - 1) + "i";
    return w;
  }

  // A query's terms: each word with its stem; the last is a prefix too
  // while it is being typed (nothing after it).
  function parse(q) {
    var ws = words(q);
    var open = /[\p{L}\p{N}\p{M}]$/u.test(q);
    var seen = {};
    var ts = [];
    ws.forEach(function (w, i) {
      var t = { w: w, stem: stem(w), prefix: open && i === ws.length - 1 };
      var key = w + (t.prefix ? "*" : "");
      if (seen[key]) return;
      seen[key] = true;
      ts.push(t);
    });
    return ts;
  }

  // how a word of the text matches term t: 3 the word, 2 its stem, 1 a word
  // it begins (while typed), 0 not.
  function how(word, t) {
    if (word === t.w) return 3;
    if (stem(word) === t.stem) return 2;
    if (t.prefix && word.length > t.w.length && word.lastIndexOf(t.w, 0) === 0) return 1;
    return 0;
  }

  /* ---- Loading: the manifest, shards and page files. ---- */

  var indexSrc = besideMe; // the manifest of the box shown, set by init
  var root = "";
  var manifest = null;
  var firstSec = null; // first section of each page
  var store = { w: {}, p: {} };
  var waits = { w: {}, p: {} }; // callbacks for files being loaded
  var failed = false;
  window.LECTERN_SEARCH_LOAD = function (kind, n, data) {
    store[kind][n] = kind === "w" ? shard(data) : data;
  };

  // shard keeps a shard's words (sorted, as the build wrote them) apart
  // from their postings, for a binary search.
  function shard(a) {
    var sh = { words: [], post: [] };
    for (var i = 0; i + 1 < a.length; i += 2) {
      sh.words.push(a[i]);
      sh.post.push(a[i + 1]);
    }
    return sh;
  }

  function addScript(src, done) {
    var s = document.createElement("script");
    s.src = src;
    s.onload = function () { done(true); };
    s.onerror = function () { done(false); };
    document.head.appendChild(s);
  }

  function loadManifest(done) {
    if (manifest) return done();
    if (window.LECTERN_SEARCH && window.LECTERN_SEARCH.v === 2) {
      prepare(window.LECTERN_SEARCH);
      return done();
    }
    var w = waits;
    var list = w.m || (w.m = []);
    list.push(done);
    if (list.length > 1) return;
    addScript(indexSrc, function (ok) {
      delete w.m;
      if (ok && window.LECTERN_SEARCH && window.LECTERN_SEARCH.v === 2) prepare(window.LECTERN_SEARCH);
      else failed = true;
      list.forEach(function (f) { f(); });
    });
  }

  function prepare(m) {
    manifest = m;
    var counts = varints(m.sections);
    firstSec = [];
    var at = 0;
    counts.forEach(function (c) { firstSec.push(at); at += c; });
    manifest.total = at;
  }

  var digit = {};
  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".split("").forEach(function (c, i) { digit[c] = i; });
  function varints(s) {
    var out = [];
    var v = 0, shift = 1;
    for (var i = 0; i < s.length; i++) {
      var d = digit[s.charAt(i)];
      if (d >= 32) { v += (d - 32) * shift; shift *= 32; continue; }
      out.push(v + d * shift);
      v = 0; shift = 1;
    }
    return out;
  }

  // need loads the files of a kind ("w" shards, "p" pages) and calls done.
  function need(kind, ns, done) {
    var left = 0;
    function one() { if (--left === 0) done(); }
    left++;
    ns.forEach(function (n) {
      if (store[kind][n]) return;
      left++;
      var list = waits[kind][n];
      if (list) { list.push(one); return; }
      waits[kind][n] = [one];
      var w = waits[kind];
      addScript(root + "search/" + kind + n + ".js", function (ok) {
        var l = w[n] || [];
        delete w[n];
        if (!ok) failed = true;
        if (!store[kind][n]) store[kind][n] = kind === "w" ? shard([]) : { t: "", u: "", s: [] };
        l.forEach(function (f) { f(); });
      });
    });
    one();
  }

  // stemFrom is what every word term t may match begins with: its stem,
  // less a final i that stands for a y (policy, policies).
  function stemFrom(t) {
    var from = t.stem;
    if (from !== t.w && from.charAt(from.length - 1) === "i") from = from.slice(0, -1);
    return from;
  }

  // shardsOf are the shards that hold the words term t may match.
  function shardsOf(t) {
    var from = stemFrom(t);
    var to = from + "\uffff";
    var firsts = manifest.shards;
    var out = [];
    for (var k = 0; k < firsts.length; k++) {
      var end = k + 1 < firsts.length ? firsts[k + 1] : "\uffff\uffff";
      if (end > from && firsts[k] <= to) out.push(k);
    }
    // A short prefix spans many shards: its first two are enough while
    // typing, and a finished word is in few.
    return out.slice(0, 3);
  }

  /* ---- Ranking. ---- */

  var postingCache = new Map();
  function postings(sh, i) {
    var key = sh + " " + i;
    var p = postingCache.get(key);
    if (p) return p;
    var v = varints(store.w[sh].post[i]);
    var secs = new Int32Array(v.length), flags = new Uint8Array(v.length);
    var at = -1;
    for (var i = 0; i < v.length; i++) {
      at += Math.floor(v[i] / 8);
      secs[i] = at;
      flags[i] = v[i] % 8;
    }
    p = { secs: secs, flags: flags };
    postingCache.set(key, p);
    return p;
  }

  function pageOf(sec) {
    var lo = 0, hi = firstSec.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firstSec[mid] <= sec) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  var KIND = [0, 0.6, 0.85, 1]; // by how
  function where(f) {
    return f & 4 ? 5 : f & 2 ? 3 : f & 1 ? 1.4 : 1;
  }

  // rank scores every section that holds a term, from the loaded shards.
  function rank(ts, shardsByTerm) {
    var per = ts.map(function (t, k) {
      var own = new Map(); // section -> weight
      var titled = new Map(); // page -> weight of a title match
      var from = stemFrom(t);
      shardsByTerm[k].forEach(function (sh) {
        var ws = store.w[sh].words;
        var lo = 0, hi = ws.length;
        while (lo < hi) {
          var mid = (lo + hi) >> 1;
          if (ws[mid] < from) lo = mid + 1; else hi = mid;
        }
        for (var j = lo; j < ws.length && ws[j].lastIndexOf(from, 0) === 0; j++) {
          var h = how(ws[j], t);
          if (!h) continue;
          var p = postings(sh, j);
          for (var i = 0; i < p.secs.length; i++) {
            var s = p.secs[i], w = KIND[h] * where(p.flags[i]);
            if ((own.get(s) || 0) < w) own.set(s, w);
            if (p.flags[i] & 4) {
              var pg = pageOf(s);
              if ((titled.get(pg) || 0) < KIND[h]) titled.set(pg, KIND[h]);
            }
          }
        }
      });
      return { own: own, titled: titled, idf: Math.log(1 + manifest.total / Math.max(1, own.size)) };
    });
    var scores = new Map();
    per.forEach(function (m) {
      m.own.forEach(function (_, s) { scores.set(s, true); });
    });
    var found = [];
    scores.forEach(function (_, s) {
      var pg = pageOf(s);
      var matched = 0, score = 0;
      per.forEach(function (m) {
        var w = m.own.get(s);
        if (w === undefined && m.titled.has(pg)) w = 0.8 * m.titled.get(pg);
        if (w === undefined) return;
        matched++;
        score += m.idf * w;
      });
      found.push({ sec: s, page: pg, matched: matched, score: score });
    });
    found.sort(order);
    return found;
  }

  function order(a, b) {
    return b.matched - a.matched || b.score - a.score || a.sec - b.sec;
  }

  // query finds q's results, ranked from the shards, and calls done with
  // them; runs stay in order (a later query wins).
  var asked = {};
  function query(q, done, who) {
    who = who || "box";
    var run = asked[who] = (asked[who] || 0) + 1;
    var ts = parse(q);
    if (!ts.length || fold(q).replace(/\s+/g, "").length < 2) return done([], ts);
    loadManifest(function () {
      if (run !== asked[who]) return;
      if (!manifest) return done(null, ts);
      var byTerm = ts.map(shardsOf);
      var all = [];
      byTerm.forEach(function (l) { all = all.concat(l); });
      need("w", all, function () {
        if (run !== asked[who]) return;
        timing.shards = performance.now();
        done(rank(ts, byTerm), ts);
      });
    });
  }

  // complete loads the pages of results[from:to] (and a few more to weigh
  // nearness), gives each its page, section and snippet, ranks those by
  // nearness too, and calls done.
  function complete(results, ts, from, to, done) {
    var upto = Math.min(results.length, to + (from === 0 ? RERANK : 0));
    var pgs = [];
    for (var i = from; i < upto; i++) pgs.push(results[i].page);
    need("p", pgs, function () {
      for (var i = from; i < upto; i++) {
        var r = results[i];
        if (r.p) continue;
        r.p = store.p[r.page];
        r.section = r.p.s[r.sec - firstSec[r.page]] || ["", "", ""];
        var near = nearness(r.section[2], ts);
        r.score *= 1 + near;
        r.snippet = snippet(r.section[2], ts);
      }
      var part = results.slice(from, upto).sort(order);
      for (var j = 0; j < part.length; j++) results[from + j] = part[j];
      done();
    });
  }

  // nearness is 0 to 1: how close together the query's words are in text,
  // at best.
  function nearness(text, ts) {
    if (ts.length < 2) return 0;
    var ws = words(text);
    var last = ts.map(function () { return -1e9; });
    var best = Infinity;
    for (var i = 0; i < ws.length; i++) {
      for (var k = 0; k < ts.length; k++) {
        if (how(ws[i], ts[k])) last[k] = i;
      }
      var lo = Math.min.apply(null, last);
      if (lo >= 0) best = Math.min(best, i - lo);
    }
    if (best === Infinity) return 0;
    return Math.max(0, 1 - (best - (ts.length - 1)) / 12);
  }

  // marks are the ranges of s's words that match a term.
  var textWord = /[\p{L}\p{N}\p{M}]+/gu;
  function matches(s, ts) {
    var out = [];
    textWord.lastIndex = 0;
    for (var m = textWord.exec(s); m; m = textWord.exec(s)) {
      var ws = words(m[0]);
      var hit = ws.some(function (w) {
        return ts.some(function (t) { return how(w, t) > 0; });
      });
      if (hit) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }

  // snippet is the sentence of text with the most of the terms, cut around
  // its first match when long. Blocks are lines: a quote and its
  // attribution are two.
  function snippet(text, ts) {
    if (!text) return "";
    var parts = text.split("\n");
    var best = null, bestN = -1;
    parts.forEach(function (line) {
      line.split(/(?<=[.!?…])\s+(?=\S)/u).forEach(function (sent) {
        var found = {};
        matches(sent, ts).forEach(function (r) {
          var w = words(sent.slice(r[0], r[1]));
          ts.forEach(function (t, k) { if (w.some(function (x) { return how(x, t); })) found[k] = true; });
        });
        var n = Object.keys(found).length;
        if (n > bestN) { best = sent; bestN = n; }
      });
    });
    if (best.length <= 220) return best;
    var ms = matches(best, ts);
    var at = ms.length ? ms[0][0] : 0;
    var start = Math.max(0, at - 60);
    if (start > 0) {
      var sp = best.indexOf(" ", start);
      if (sp >= 0 && sp < at) start = sp + 1;
    }
    var end = Math.min(best.length, start + 200);
    if (end < best.length) {
      var e2 = best.lastIndexOf(" ", end);
      if (e2 > at) end = e2;
    }
    return (start > 0 ? "…" : "") + best.slice(start, end) + (end < best.length ? "…" : "");
  }

  // mark appends s to el with its matching words marked.
  function mark(el, s, ts) {
    var at = 0;
    matches(s, ts).forEach(function (r) {
      if (r[0] > at) el.appendChild(document.createTextNode(s.slice(at, r[0])));
      var mk = document.createElement("mark");
      mk.textContent = s.slice(r[0], r[1]);
      el.appendChild(mk);
      at = r[1];
    });
    if (at < s.length) el.appendChild(document.createTextNode(s.slice(at)));
  }

  function href(r) {
    return root + r.p.u + (r.section[0] ? "#" + r.section[0] : "");
  }

  // result fills el (an option or a list item's link) with result r.
  function fill(el, r, ts) {
    var title = document.createElement("span");
    title.className = "search-result-title";
    mark(title, r.section[1] || r.p.t, ts);
    el.appendChild(title);
    var from = [];
    if (r.section[1]) from.push(r.p.t);
    if (r.p.p) from.push(r.p.p);
    if (from.length) {
      var w = document.createElement("span");
      w.className = "search-result-module";
      mark(w, from.join(" · "), ts);
      el.appendChild(w);
    }
    if (r.snippet) {
      var ex = document.createElement("span");
      ex.className = "search-result-text";
      mark(ex, r.snippet, ts);
      el.appendChild(ex);
    }
  }

  var timing = { shards: 0, shown: 0 };

  /* ---- The box. ---- */

  var box = null, input = null, list = null, status = null, none = null;
  var results = [];
  var active = -1;
  var statusTimer = 0;

  function say(msg) {
    if (status) status.textContent = msg;
  }

  function update() {
    var q = input.value;
    var el = input;
    box.setAttribute("aria-busy", "true"); // until its results are shown
    query(q, function (all, ts) {
      if (el !== input || input.value !== q) return;
      if (all === null) {
        results = [];
        show(q, [], ts);
        say(tr("search_unavailable"));
        return;
      }
      if (!all.length) return show(q, all, ts);
      complete(all, ts, 0, MAX, function () {
        if (el !== input || input.value !== q) return;
        show(q, all, ts);
      });
    });
  }

  function show(q, all, ts) {
    box.removeAttribute("aria-busy");
    results = all.slice(0, MAX);
    active = -1;
    input.removeAttribute("aria-activedescendant");
    list.textContent = "";
    results.forEach(function (r, i) {
      var a = document.createElement("a");
      a.className = "search-result";
      a.id = "search-result-" + i;
      a.href = href(r);
      a.setAttribute("role", "option");
      a.setAttribute("aria-selected", "false");
      a.tabIndex = -1;
      fill(a, r, ts);
      a.addEventListener("mousemove", function () { if (active !== i) setActive(i, false); });
      a.addEventListener("click", close);
      list.appendChild(a);
    });
    var short = fold(q).replace(/\s+/g, "").length < 2;
    var askedQ = q.trim() !== "";
    var open = askedQ && results.length > 0;
    none.textContent = short ? tr("search_short") : tr("search_none");
    none.hidden = !askedQ || open;
    setOpen(open);
    timing.shown = performance.now();
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () {
      if (!askedQ) say("");
      else if (!all.length) say(none.textContent);
      else if (all.length > MAX) say(lang.n("search_found_more", all.length, MAX));
      else say(lang.n("search_found", all.length));
    }, 400);
  }

  function setOpen(open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", open ? "true" : "false");
    box.classList.toggle("search-open", open);
  }

  function close() {
    if (!none) return;
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

  function searchPage(q) {
    return root + "search/index.html?q=" + encodeURIComponent(q.trim());
  }

  function onKey(ev) {
    if (ev.isComposing) return;
    var n = results.length;
    switch (ev.key) {
      case "ArrowDown":
        ev.preventDefault();
        if (list.hidden) { if (input.value) update(); return; }
        if (n) setActive(active + 1 >= n ? 0 : active + 1, true);
        break;
      case "ArrowUp":
        ev.preventDefault();
        if (n && !list.hidden) setActive(active <= 0 ? n - 1 : active - 1, true);
        break;
      case "Enter":
        if (!list.hidden && active >= 0) {
          ev.preventDefault();
          go(list.querySelectorAll(".search-result")[active]);
        } else if (fold(input.value).replace(/\s+/g, "").length >= 2) {
          ev.preventDefault();
          close();
          location.href = searchPage(input.value);
        }
        break;
      case "Escape":
        if (!list.hidden || !none.hidden) {
          ev.preventDefault();
          close();
        } else if (input.value) {
          ev.preventDefault();
          input.value = "";
          update();
        }
        break;
    }
  }

  // forget lets the index loaded so far go: lectern serve set the page up
  // again on new content, and the index may have changed with it (a title,
  // a heading), so it is loaded afresh when next needed.
  function forget() {
    manifest = firstSec = null;
    store = { w: {}, p: {} };
    waits = { w: {}, p: {} };
    failed = false;
    window.LECTERN_SEARCH = undefined;
  }

  var bound = false;
  function init(scope) {
    if (bound) forget();
    var b = (scope || document).querySelector(".site-search");
    var i = b && b.querySelector(".search-input");
    var l = b && b.querySelector(".search-results");
    root = document.documentElement.getAttribute("data-root") || "";
    var own = b && b.getAttribute("data-index");
    indexSrc = own ? new URL(own, location.href).href : besideMe;
    if (!i || !l) {
      box = input = list = status = none = null;
      return;
    }
    box = b;
    input = i;
    list = l;
    status = b.querySelector("[role=status]");
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
      loadManifest(function () {});
      if (input.value) update();
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

  /* ---- The search page: every result, PAGE at a time. ---- */

  function initPage() {
    var page = document.querySelector(".search-page");
    if (!page) return;
    var form = page.querySelector(".search-page-form");
    var field = page.querySelector("input[name=q]");
    // Search again: this page with the new ?q=, an address to share.
    function again() {
      if (field.value.trim()) location.search = "?q=" + encodeURIComponent(field.value.trim());
    }
    field.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && !ev.isComposing) { ev.preventDefault(); again(); }
    });
    page.querySelector(".search-page-go").addEventListener("click", again);
    var out = page.querySelector(".search-page-results");
    var state = page.querySelector(".search-page-status");
    var more = page.querySelector(".search-page-more");
    var q = new URLSearchParams(location.search).get("q") || "";
    field.value = q;
    form.hidden = false;
    var all = [], ts = [], shown = 0;
    function showMore() {
      var from = shown, to = Math.min(all.length, shown + PAGE);
      more.disabled = true;
      complete(all, ts, from, to, function () {
        for (var i = from; i < to; i++) {
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.className = "search-result";
          a.href = href(all[i]);
          fill(a, all[i], ts);
          li.appendChild(a);
          out.appendChild(li);
        }
        shown = to;
        more.disabled = false;
        more.hidden = shown >= all.length;
        timing.shown = performance.now();
        if (from > 0) {
          var first = out.children[from] && out.children[from].querySelector("a");
          if (first) first.focus();
        }
      });
    }
    more.addEventListener("click", showMore);
    if (!q.trim()) {
      state.textContent = tr("search_hint");
      return;
    }
    document.title = q.trim() + " · " + document.title;
    state.textContent = tr("search_searching");
    query(q, function (found, terms) {
      if (found === null) {
        state.textContent = tr("search_unavailable");
        return;
      }
      all = found;
      ts = terms;
      if (fold(q).replace(/\s+/g, "").length < 2) state.textContent = tr("search_short");
      else if (!all.length) state.textContent = tr("search_page_none", q.trim());
      else state.textContent = lang.n("search_page_found", all.length, q.trim());
      if (all.length) showMore();
    }, "page");
  }

  init(document);
  initPage();
  window.lecternSearch = {
    init: init,
    // For tests and benchmarks: every result of q, ranked, each with its
    // page's number in the index and section in the page; and when the
    // last query's shards arrived and its results were shown.
    query: function (q, done) {
      query(q, function (all, ts) {
        done(all && all.map(function (r) {
          return { page: r.page, section: r.sec - firstSec[r.page], matched: r.matched, score: r.score };
        }), ts);
      }, "api");
    },
    words: words,
    stem: stem,
    timing: timing
  };
  // For lectern serve, which patches pages in place.
  if (script && script.src) {
    (window.lecternReinit = window.lecternReinit || {})[new URL(script.src, location.href).pathname] = init;
  }
})();
